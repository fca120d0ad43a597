# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The built-in application catalogue of GET /browser: a few installers with versions, fields and languages.

Realistic, not copied from a server. One version is flagged as needing a PHP the server does not have
(``requirements_met: false``), so installs of it fail with ``invalid_argument_version_unmetrequirements``.
"""

SERVER_PHP = "8.2"

_LOGIN = {"id": "login", "type": "text", "label": "Administrator Username", "required": True}
_PASSWD = {"id": "passwd", "type": "password", "label": "Administrator Password", "required": True}
_EMAIL = {"id": "email", "type": "email", "label": "Administrator Email", "required": True}
_SITETITLE = {"id": "sitetitle", "type": "text", "label": "Website Title", "required": True}
_SITETAGLINE = {"id": "sitetagline", "type": "text", "label": "Website Tagline", "required": False}
_CONTENT = {"id": "content", "type": "select", "label": "Example Content", "required": False,
            "options": ["yes", "no"]}

APPS = {
    "wordpress": {
        "name": "WordPress", "category": "blogs", "branch": "6",
        "description": "WordPress is a blogging and website publishing platform.",
        "authordescription": "The WordPress Foundation",
        "versions": [{"version": "6.4.3"}, {"version": "6.5.2"}, {"version": "6.6.1"}],
        "fields": [_LOGIN, _PASSWD, _EMAIL, _SITETITLE, _SITETAGLINE, _CONTENT],
        "languages": ["en", "de", "es", "fr", "nl"],
        "defaults": {"sitetitle": "My Blog", "sitetagline": "Just another WordPress site", "content": "yes"},
        "db": ("wp", "wp_"),
        "admin_path": "/wp-admin/",
        "plugins": {
            "akismet": ("Akismet Anti-spam: Spam Protection", "5.3.3"),
            "hello-dolly": ("Hello Dolly", "1.7.2"),
            "classic-editor": ("Classic Editor", "1.6.4"),
            "wordfence": ("Wordfence Security", "7.11.7"),
            "contact-form-7": ("Contact Form 7", "5.9.8"),
        },
        "default_plugins": ["akismet", "hello-dolly"],
        "themes": {"twentytwentyfour": ("Twenty Twenty-Four", "1.2")},
        "default_themes": ["twentytwentyfour"],
    },
    "nextcloud": {
        "name": "Nextcloud", "category": "files", "branch": "29",
        "description": "Nextcloud is a file hosting and collaboration suite.",
        "authordescription": "Nextcloud GmbH",
        "versions": [{"version": "28.0.4"}, {"version": "29.0.1"}],
        "fields": [_LOGIN, _PASSWD, _EMAIL],
        "languages": ["en", "de", "fr"],
        "defaults": {},
        "db": ("nc", "oc_"),
        "admin_path": None,
    },
    "joomla": {
        "name": "Joomla!", "category": "cms", "branch": "5",
        "description": "Joomla! is a content management system.",
        "authordescription": "Open Source Matters",
        "versions": [
            {"version": "3.10.12", "requirements_met": False, "requirements": "PHP 5.3.10 to 8.0 (the server has PHP %s)" % SERVER_PHP},
            {"version": "5.1.2"},
        ],
        "fields": [_LOGIN, _PASSWD, _EMAIL, _SITETITLE],
        "languages": ["en", "de", "nl"],
        "defaults": {"sitetitle": "My Site"},
        "db": ("jo", "jos_"),
        "admin_path": "/administrator/",
    },
}


def version_key(version):
    return tuple(int(part) if part.isdigit() else 0 for part in str(version).split("."))


def app(app_id):
    return APPS.get(app_id)


def versions(app_id):
    """Version entries oldest first, each ``{version, requirements_met, requirements}``."""
    entries = [dict({"requirements_met": True, "requirements": "PHP %s" % SERVER_PHP}, **v) for v in APPS[app_id]["versions"]]
    return sorted(entries, key=lambda v: version_key(v["version"]))


def version(app_id, name):
    return next((v for v in versions(app_id) if v["version"] == name), None)


def newest(app_id):
    return versions(app_id)[-1]["version"]


def field_ids(app_id):
    return [f["id"] for f in APPS[app_id]["fields"]]


def has_plugins(app_id):
    return "plugins" in APPS[app_id]


def summary(app_id):
    """An item of GET /browser."""
    entry = APPS[app_id]
    return {"id": app_id, "name": entry["name"], "version": newest(app_id), "branch": entry["branch"],
            "category": entry["category"], "description": entry["description"],
            "authordescription": entry["authordescription"]}


def details(app_id, chosen=None):
    """``data`` of GET /browser/{appId}: the summary, the versions, the fields (of ``chosen``) and languages."""
    entry = APPS[app_id]
    return dict(summary(app_id), version=chosen or newest(app_id), versions=versions(app_id),
                fields=[dict(f) for f in entry["fields"]], languages=list(entry["languages"]))
