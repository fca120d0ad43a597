#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_backup_info
short_description: List the backups of a Cloudron server and the state of its backup storage
version_added: 0.1.0
description:
  - Lists the backups, newest first, of the platform and of the apps, in the form
    M(selfhosted.platforms.cloudron_backup) returns them; optionally only those of one type, of one app, or made in a
    period.
  - Returns whether the backup storage is mounted (RV(mount_status)).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.info_attributes
options:
  type:
    description: Only backups of the platform (V(box)) or only those of apps (V(app)).
    type: str
    choices: [box, app]
  app:
    description:
      - Only the backups of this app, by its location (V(blog.example.com)) or its id. Implies O(type=app).
      - A location no installed app has is an error; an id is taken as it is, so the backups of an app that is
        gone can still be listed.
    type: str
  since:
    description:
      - Only backups made at or after this time, an ISO 8601 date or time in UTC such as V(2026-11-01) or
        V(2026-11-01T12:00:00Z).
    type: str
  until:
    description: Only backups made before this time, in the form of O(since).
    type: str
  limit:
    description: At most this many backups (the newest); V(0) for all.
    type: int
    default: 0
  mount_status:
    description: Whether to read and return the state of the backup storage (one request).
    type: bool
    default: true
notes:
  - Reading backups needs the C(admin) role or higher; a read-only token is enough.
seealso:
  - module: selfhosted.platforms.cloudron_backup
  - module: selfhosted.platforms.cloudron_backup_config
"""

EXAMPLES = r"""
- name: The newest backup of the platform
  selfhosted.platforms.cloudron_backup_info:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    type: box
    limit: 1
  register: newest

- name: The backups of the blog made in November
  selfhosted.platforms.cloudron_backup_info:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    app: blog.example.com
    since: "2026-11-01"
    until: "2026-12-01"
"""

RETURN = r"""
backups:
  description: The backups, newest first, in the form of RV(selfhosted.platforms.cloudron_backup#module:backup).
  returned: success
  type: list
  elements: dict
  sample: [{id: box_v9.0.15_1a2b3c4d, type: box, app_id: null, label: "", preserve_secs: 0,
            creation_time: "2026-11-30T03:00:00.000Z", package_version: 9.0.15, format: tgz, state: normal,
            depends_on: [app_9f9f78b2-6c5b-41df-9a21-5fa20dee3d6a_v3.6.0_0a1b2c3d]}]
  contains:
    id:
      description: The backup's id.
      type: str
      sample: box_v9.0.15_1a2b3c4d
    type:
      description: V(box) (the platform; it depends on the app backups made with it) or V(app).
      type: str
      sample: box
    app_id:
      description: The app an app backup is of; V(null) for a platform backup.
      type: str
    app_store_id:
      description: The App Store id of the app an app backup is of; V(null) for a platform backup.
      type: str
    label:
      description: The label; V("") without one.
      type: str
    preserve_secs:
      description: Seconds the cleanup leaves it alone from its creation; V(0) for none, negative for always.
      type: int
      sample: 0
    creation_time:
      description: When it was made.
      type: str
      sample: "2026-11-30T03:00:00.000Z"
    package_version:
      description: The platform's version, or the app's, when it was made.
      type: str
      sample: 9.0.15
    format:
      description: V(tgz) or V(rsync).
      type: str
    state:
      description: The server's state of the backup, such as V(normal).
      type: str
    remote_path:
      description: Where it is in the backup storage.
      type: str
    encryption_version:
      description: The encryption scheme; V(null) for an unencrypted backup.
      type: int
    depends_on:
      description: Ids of the app backups a platform backup depends on.
      type: list
      elements: str
    stats:
      description: The server's statistics of the backup, as it returns them (may be V(null)); their keys are the server's.
      type: raw
mount_status:
  description: The state of the backup storage as the server reports it; V(null) with O(mount_status=false).
  returned: success
  type: dict
  contains:
    state:
      description: For example V(active) when it is mounted and usable.
      type: str
      sample: active
    message:
      description: The server's explanation.
      type: str
      sample: mounted
"""

import re

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_fields import fqdn
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.backups import ADMIN, list_backups
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError

# A date, or a date and time (seconds and fraction optional), in UTC.
TIME_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$")


def instant(option, value):
    """An ISO 8601 UTC time in the server's form (``2026-11-01T00:00:00.000Z``), so times compare as strings."""
    if value is None:
        return None
    text = value.strip().upper().replace(" ", "T")
    if not TIME_PATTERN.match(text):
        raise ResourceError("%s: %r is not a date or time such as 2026-11-01 or 2026-11-01T12:00:00Z" % (option, value))
    date, time = (text.rstrip("Z").split("T") + [""])[:2]
    hours, minutes, seconds = (time.split(":") + ["00", "00", "00"])[:3] if time else ("00", "00", "00")
    whole, fraction = (seconds.split(".") + [""])[:2]
    return "%sT%s:%s:%s.%sZ" % (date, hours, minutes, whole, (fraction + "000")[:3])


def app_id(ctx, value):
    """An app by location or id -> its id; an id no installed app has is kept (the app may be gone)."""
    wanted = value.strip().lower()
    for app in ctx.client.call("GET", "/apps").get("apps") or []:
        if wanted in (app.get("id"), fqdn(app.get("subdomain") or "", app.get("domain") or "")):
            return app.get("id")
    if "." in wanted:
        raise ResourceError("app: no app is installed at %s" % wanted)
    return value.strip()


def lookup(ctx, params):
    since, until = instant("since", params["since"]), instant("until", params["until"])
    wanted_app = app_id(ctx, params["app"]) if params["app"] else None
    wanted_type = "app" if wanted_app else params["type"]
    if wanted_app and params["type"] == "box":
        raise ResourceError("app: an app's backups are of type app, not box")
    backups = [backup for backup in list_backups(ctx)
               if (wanted_type is None or backup["type"] == wanted_type)
               and (wanted_app is None or backup["app_id"] == wanted_app)
               and (since is None or (backup["creation_time"] or "") >= since)
               and (until is None or (backup["creation_time"] or "") < until)]
    backups.sort(key=lambda backup: backup["creation_time"] or "", reverse=True)
    if params["limit"]:
        backups = backups[:params["limit"]]
    status = None
    if params["mount_status"]:
        answer = ctx.client.call("GET", "/backups/mount_status", role=ADMIN)
        status = {"state": answer.get("state"), "message": answer.get("message")}
    return {"changed": False, "backups": backups, "mount_status": status}


def main():
    run = CLOUDRON.module({
        "type": {"type": "str", "choices": ["box", "app"]},
        "app": {"type": "str"},
        "since": {"type": "str"},
        "until": {"type": "str"},
        "limit": {"type": "int", "default": 0},
        "mount_status": {"type": "bool", "default": True},
    }, limits={"limit": (0, None)})
    run.execute(lambda ctx: lookup(ctx, run.params))


if __name__ == "__main__":
    main()
