#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_app_password
short_description: Create or delete an app password of the Cloudron token's own user
version_added: 0.1.0
description:
  - Manage one app password of the user that O(api_token) belongs to (app passwords are personal), identified by its
    O(name). An app password lets that user sign in to one app (O(app)), or to mail (O(mail=true)), with a generated
    password instead of their own, for clients that cannot do two-factor sign-in.
  - The server does not keep names unique. When two app passwords carry the name given, the module refuses to guess and
    names their ids.
  - The password exists only in the server's answer to the creation. The module returns it once in RV(password), or
    writes it to O(password_file) (mode 0600) and returns nothing of it. It never appears in the diff, in
    RV(app_password) or in an error.
  - The server cannot change an app password. A different O(app) or O(mail) fails before anything is written, unless
    O(recreate=true), which creates a new one (with a new password) and then deletes the old one.
  - When the server's answer to the creation is lost (the connection broke after the request), the secret went with it;
    the module deletes the app password that request made and creates it once more. If that fails it fails with
    C(changed=true) and names what is left. During O(recreate=true) a lost answer keeps the old one and fails, saying
    that a second app password of the name may exist and how to remove it.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  name:
    description: The app password's name, its identity for this module (compared exactly, surrounding spaces ignored).
    type: str
    required: true
  app:
    description:
      - The FQDN of the app the password opens, such as V(cloud.example.com) (any case). It is resolved to the app's id
        among the apps the token's user can see; an app that is not there fails the run (in check mode it is a warning,
        since an earlier task may install it).
      - Not with O(mail=true). Creating an app password needs O(app) or O(mail=true).
    type: str
  mail:
    description:
      - V(true) for a password that opens mail (IMAP, SMTP, ...) instead of an app.
      - V(false) only goes with O(app).
    type: bool
  recreate:
    description:
      - When the existing app password opens something else than O(app) or O(mail) say, create a new one as given, then
        delete the old one. The new password is handed over like that of any new one.
      - If the old one cannot be deleted, the module fails with C(changed=true), after handing over the new password, and
        names the old one's id. Without a file the failed result carries the new secret and is censored like any result
        with one; its message is in the registered variable.
    type: bool
    default: false
  password_file:
    description:
      - Where to write the password when this run creates it, in a file of mode 0600 (replaced if it exists). When
        one is created its directory must exist. The password is then not returned in RV(password).
      - The file is written atomically (a temporary file in the same directory, then renamed over the target); a symlink
        at the target is replaced, its target is never written. It is written on the host the module runs on (the
        controller for a local connection).
      - When an app password is to be created (or recreated), the module makes sure first that it can write in that
        directory, so a path that cannot be written fails while nothing exists yet; check mode makes the same checks
        without writing. If the write still fails after the creation, the module fails with
        C(changed=true) and says so; the password is then lost (delete it and create it again).
      - Nothing is written, and the directory need not exist, when the app password exists already (outside check mode a
        warning says so when the file is missing), or in check mode, or with O(state=absent), which leaves the file alone.
    type: path
  state:
    description: V(present) creates the app password; V(absent) deletes it (no change when there is none).
    type: str
    choices: [present, absent]
    default: present
notes:
  - Any role may manage its own app passwords; creating or deleting one needs a read and write O(api_token).
  - A result that carries RV(password) is marked C(no_log) by the module's action plugin, so the task's output (also with
    C(-v)), callbacks and job events show it censored, while C(register) still receives the password. Store it at once;
    it is the only copy. With O(password_file) the result carries no password.
seealso:
  - module: selfhosted.platforms.cloudron_app_password_info
  - module: selfhosted.platforms.cloudron_token
"""

EXAMPLES = r"""
- name: A password for the Nextcloud desktop client, written to a file
  selfhosted.platforms.cloudron_app_password:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: laptop sync
    app: cloud.example.com
    password_file: /home/alice/.config/nextcloud-app-password

- name: A password for a mail client, returned once
  selfhosted.platforms.cloudron_app_password:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: phone mail
    mail: true
  register: phone_mail

- name: Delete an app password
  selfhosted.platforms.cloudron_app_password:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    name: old phone
    state: absent
"""

RETURN = r"""
app_password:
  description:
    - The app password after the run, without the password. V(null) after O(state=absent).
    - In check mode, the prediction; one that would be created (or recreated) has RV(app_password.id=null).
  returned: always
  type: dict
  contains:
    id:
      description: The app password's id; V(null) for one check mode predicts.
      type: str
      sample: uid-1bf6f7a0-c909-41f5-96a1-68183a6edd8b
    name:
      description: The name.
      type: str
      sample: laptop sync
    app:
      description:
        - The FQDN of the app it opens; V(null) for mail. An app the token's user no longer sees is shown by its id.
      type: str
      sample: cloud.example.com
    mail:
      description: Whether it opens mail.
      type: bool
      sample: false
    creation_time:
      description: When it was created, as the server says; V(null) for one this run created (the server's answer does not say) or predicts.
      type: str
      sample: "2026-11-30T10:15:00.000Z"
password:
  description:
    - The password, only when this run created the app password and O(password_file) is not set; else V(null). Shown
      once; store it now.
  returned: always
  type: str
  sample: null
password_file:
  description: The file the password was written to, when this run created one and O(password_file) is set; else V(null).
  returned: always
  type: str
  sample: /home/alice/.config/nextcloud-app-password
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.app_passwords import AppPasswords
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.credentials import run_credential_module
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.runner import singular_argspec


def main():
    spec = singular_argspec(AppPasswords, recreate={"type": "bool", "default": False},
                            password_file={"type": "path", "no_log": False})
    spec["name"]["required"] = True
    run = CLOUDRON.module(spec)
    run_credential_module(run, AppPasswords(recreate=run.params["recreate"]), "password", "password_file")


if __name__ == "__main__":
    main()
