# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Switches: behaviours where the real server is not known for certain, selectable per test."""

from common import switches as _table
from common.switches import is_bool as _is_bool
from common.switches import is_non_negative_number as _is_non_negative_number
from common.switches import is_positive_number as _is_positive_number


# name: (default, check, what the check accepts)
SWITCHES = {
    # Status for a non-GET with a read-only token: no source shows it; 403 matches the spec's meaning of 403.
    "readonly_status": (403, lambda v: v in (401, 403) and not isinstance(v, bool), "401 or 403"),
    # Group name characters: the 2019 server allows a-zA-Z0-9.- only; the newer docs say "all printable characters".
    "group_name_charset": ("strict", lambda v: v in ("strict", "printable"), '"strict" or "printable"'),
    # Whether GET /groups items carry userIds (newer spec) or only id, name, source (older servers).
    "group_list_user_ids": (True, _is_bool, "true or false"),
    # Whether DELETE /users/:id also deletes the mailboxes the user owns; no source shows it. When false they keep a
    # dangling ownerId.
    "delete_user_deletes_mailboxes": (True, _is_bool, "true or false"),
    # Reject body fields the API spec does not declare (catches misspelt field names).
    "strict_fields": (True, _is_bool, "true or false"),
    # Length of one nominal task second in real seconds; scales all task durations.
    "task_seconds": (1.0, _is_positive_number, "a number > 0"),
    # Whether domain reads replace provider secrets with "●●●●●●●●" (and writes sending it keep the stored secret);
    # recalled from the server source, not in the facts.
    "secret_placeholder": (True, _is_bool, "true or false"),
    # What the App Store answers: "ok", "unregistered" (424 "Not registered") or "unreachable" (424 network error).
    "appstore": ("ok", lambda v: v in ("ok", "unregistered", "unreachable"), '"ok", "unregistered" or "unreachable"'),
    # Nominal seconds after an app (re)starts until its health reads "healthy" (null before).
    "health_seconds": (2.0, _is_non_negative_number, "a number >= 0"),
    # Whether an app's taskId (and GET /apps/:id/task) keeps naming its last task after it ended; with false taskId
    # becomes null and the route answers 400 "No active task", as newer servers are recalled to do.
    "app_keeps_last_task": (True, _is_bool, "true or false"),
    # Whether the instant configure routes (label, tags, ...) also answer 409 while the app has a task running.
    "busy_blocks_instant_configure": (True, _is_bool, "true or false"),
    # Nominal seconds from the end of a setup until the dashboard host answers (DNS, certificate, proxy); 503 before.
    "readiness_seconds": (2.0, _is_non_negative_number, "a number >= 0"),
    # Real seconds (not scaled) the token of POST /provision/activate works; then 401 "Token expired".
    "activation_token_seconds": (86400, _is_positive_number, "a number > 0"),
    # When set, a setup started while it is set fails with this message (setup.errorMessage) and adds no domain.
    "setup_error": (None, lambda v: v is None or (isinstance(v, str) and v != ""), "null or a non-empty string"),
    # The name of port bindings in app bodies and objects: the 7.x dashboard sends portBindings, 9.x objects carry
    # ports, and no source dates the change; "by_version" takes portBindings below 8.2.
    "ports_field": ("by_version", lambda v: v in ("by_version", "ports", "portBindings"), '"by_version", "ports" or "portBindings"'),
    # Whether GET /provision/status exists: only the newer vendor docs name it.
    "provision_status_route": (True, _is_bool, "true or false"),
    # Whether GET /cloudron/status carries activated, setup, adminFqdn, provider before activation (4.2, 7.x
    # dashboard) or only the version (an activated 9.0.15; a fresh one is not known).
    "status_setup_keys": (True, _is_bool, "true or false"),
    # What setup and activate answer once activated: 405 (newer vendor docs) or 409 "Already setup" (4.2).
    "after_activation": (405, lambda v: v in (405, 409) and not isinstance(v, bool), "405 or 409"),
    # What GET /users?search= matches: username, email and display name (spec) or usernames only (4.2).
    "user_search": ("all", lambda v: v in ("all", "username"), '"all" or "username"'),
    # What POST /apps/:id/backup answers: 202 {taskId} (assumed by the facts) or 202 {} (4.2).
    "backup_answer": ("task", lambda v: v in ("task", "empty"), '"task" or "empty"'),
    # The root of GET /mail/:domain: the object itself (7.x dashboard, facts 8) or {domain: [object]} (the spec).
    "mail_domain_shape": ("plain", lambda v: v in ("plain", "wrapped"), '"plain" or "wrapped"'),
    # How GET /mail/:domain shows a stored relay password: "●●●●●●●●" as domain configs do (a POST sending it keeps
    # the stored one), or not at all. No source shows it.
    "relay_password_read": ("masked", lambda v: v in ("masked", "absent"), '"masked" or "absent"'),
    # Whether GET /mail/:domain/mailboxes items carry aliases (the spec's MailboxList) or not (the 7.x dashboard reads
    # them per mailbox).
    "mailbox_list_aliases": (True, _is_bool, "true or false"),
    # Which key POST /mailserver/mailbox_sharing reads: "enabled" (the spec) or "enable" (what the 7.x dashboard sends).
    "mailbox_sharing_key": ("enabled", lambda v: v in ("enabled", "enable"), '"enabled" or "enable"'),
    # How GET /backups/config shows stored secrets (encryption password, secret access key, mount password and private
    # key): "●●●●●●●●" as domain configs do (a write sending it keeps the stored one), or not at all. No source shows it.
    "backup_secret_read": ("masked", lambda v: v in ("masked", "absent"), '"masked" or "absent"'),
    # Whether GET /backups/config shows encryptedFilenames: the 7.x dashboard reads it there, the spec's config schema
    # has only encryption (null or a value).
    "backup_config_filenames": (True, _is_bool, "true or false"),
    # Whether the backup storage can be reached: false makes POST /backups/config/storage fail with 424 (facts 3.2,
    # "backup storage error") after its other checks, and the mount status read inactive.
    "backup_storage_reachable": (True, _is_bool, "true or false"),
    # How volume reads show mount passwords and private keys; as backup_secret_read.
    "volume_secret_read": ("masked", lambda v: v in ("masked", "absent"), '"masked" or "absent"'),
    # What POST /volumes/:id answers: 200 {} (the 7.x dashboard) or 204 (the spec) (facts 7.15).
    "volume_update_status": (200, lambda v: v in (200, 204) and not isinstance(v, bool), "200 or 204"),
    # What POST /tokens and POST /app_passwords answer: 201 (the 6.x and 7.x dashboards check it, facts 8) or 200 (the spec).
    "credential_create_status": (201, lambda v: v in (200, 201) and not isinstance(v, bool), "200 or 201"),
    # Whether POST /app_passwords requires identifier (the dashboards always send it) or only name (the spec, facts 7.11).
    "app_password_identifier_required": (True, _is_bool, "true or false"),
    # What POST /updater/check_for_updates answers: 200 {} or 200 {updates} (the spec's response schema).
    "check_updates_answer": ("empty", lambda v: v in ("empty", "updates"), '"empty" or "updates"'),
    # The root of GET /eventlog/:id: {event} (the 7.x dashboard, facts 8) or the bare event (the spec).
    "event_shape": ("wrapped", lambda v: v in ("wrapped", "plain"), '"wrapped" or "plain"'),
    # The root of GET /services/:service: {service} (the 7.x dashboard, facts 8) or the bare object (the spec).
    "service_shape": ("wrapped", lambda v: v in ("wrapped", "plain"), '"wrapped" or "plain"'),
    # The root of GET /notifications/:id: the bare object (8.x, facts 8) or {notification} (4.2).
    "notification_shape": ("plain", lambda v: v in ("plain", "wrapped"), '"plain" or "wrapped"'),
    # Whether GET /system/info carries rebootRequired (the spec) or only GET /system/reboot says it (the seed, 7.x).
    "info_reboot_required": (True, _is_bool, "true or false"),
    # What POST /branding/cloudron_background answers: 202 {} (the vendor spec) or 200 {} (the facts' rule for settings).
    "background_status": (202, lambda v: v in (200, 202) and not isinstance(v, bool), "200 or 202"),
    # Nominal seconds the dashboard host answers 503 after POST /system/reboot (scaled by task_seconds).
    "reboot_seconds": (20.0, _is_non_negative_number, "a number >= 0"),
    # The key of the interface name in the IP configuration of provider "interface": "ifname" (facts 7.14) or "iface"
    # (the spec's NetworkInterfaceProvider). The route reads (and requires) it and answers it; the other is ignored.
    "ip_interface_key": ("ifname", lambda v: v in ("ifname", "iface"), '"ifname" or "iface"'),
    # How GET /docker/registry_config shows a stored password: "●●●●●●●●" as domain configs do (a write sending it keeps
    # the stored one), or not at all. No source shows it.
    "registry_password_read": ("masked", lambda v: v in ("masked", "absent"), '"masked" or "absent"'),
    # Which route serves the user directory's profile settings: /user_directory (the spec's path table, the modules'
    # route) or /user_directory/profile_config (the seed and the spec's own curl samples) (facts 7.14); the other
    # answers 404 "No such route".
    "user_directory_route": ("bare", lambda v: v in ("profile_config", "bare"), '"bare" or "profile_config"'),
    # How reads show the directory server's secret and the external LDAP bind password: "●●●●●●●●" as domain configs
    # do (a write sending it keeps the stored one), or not at all. No source shows it.
    "directory_secret_read": ("masked", lambda v: v in ("masked", "absent"), '"masked" or "absent"'),
    # What POST /oidc/clients answers: 201 (facts 8: every creation) or 200 (the spec).
    "oidc_create_status": (201, lambda v: v in (200, 201) and not isinstance(v, bool), "200 or 201"),
    # What POST /oidc/clients/:id answers: 201 {} (the spec) or 200 {} (as settings-type writes do).
    "oidc_update_status": (201, lambda v: v in (200, 201) and not isinstance(v, bool), "200 or 201"),
    # What POST /applinks answers with its 201: {id} or {} (the spec's no_content).
    "applink_create_answer": ("id", lambda v: v in ("id", "empty"), '"id" or "empty"'),
    # What POST and DELETE /applinks/:id answer: 202 {} (the spec, facts 7.15, unverified) or 200 {}.
    "applink_write_status": (202, lambda v: v in (200, 202) and not isinstance(v, bool), "200 or 202"),
    # What GET /applinks/:id/icon serves: the image (as /apps/:id/icon) or the spec's {icon: [base64]}.
    "applink_icon_shape": ("image", lambda v: v in ("image", "json"), '"image" or "json"'),
}


def defaults():
    return _table.defaults(SWITCHES)


def merged(current, changes):
    """``current`` updated with ``changes``; ValueError naming the first unknown switch or bad value."""
    return _table.merged(SWITCHES, current, changes)
