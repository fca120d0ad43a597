# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The registered settings (a subset of the server's, with the source's types, defaults, scopes and permissions;
src: */settings.rs). Wildcard namespaces take any value and have no default."""

# key: (type, default or None, scope, permission, description)
REGISTRY = {
    "server.registration_enabled": (bool, True, "global", "admin", "Allow new tenant registration"),
    "email.enabled": (bool, False, "global", "admin", "Enable sending email"),
    "email.smtp.host": (str, None, "global", "admin", "SMTP server host"),
    "email.smtp.port": (int, 587, "global", "admin", "SMTP server port"),
    "email.from.name": (str, "Cloudillo", "global", "admin", "Sender name of outgoing email"),
    "email.template_dir": (str, "./templates/email", "system", "system", "Email template directory"),
    "file.max_file_size_mb": (int, 100, "global", "admin", "Maximum upload size in MB"),
    "file.sync_max_vis": (str, "md", "tenant", "user", "Largest image variant synced from peers"),
    "auth.session_timeout": (int, 86400, "tenant", "admin", "Session timeout in seconds"),
    "federation.auto_accept_followers": (bool, False, "tenant", "admin", "Accept follow requests automatically"),
}
WILDCARDS = {
    "ui.*": (object, None, "tenant", "user", "User interface preferences"),
    "app.*": (object, None, "tenant", "user", "App preferences"),
}


def definition(key):
    """(type, default, scope, permission, description) of a key, or None when it is not registered."""
    if key in REGISTRY:
        return REGISTRY[key]
    for pattern, spec in WILDCARDS.items():
        if key.startswith(pattern[:-1]) and len(key) > len(pattern) - 1:
            return spec
    return None


def valid(kind, value):
    if kind is object:
        return True
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def permitted(permission, roles):
    """Whether roles may change a setting of this permission (src: PermissionLevel::check)."""
    if permission == "system":
        return False
    if permission == "admin":
        return "SADM" in roles
    return "SADM" in roles or "leader" in roles
