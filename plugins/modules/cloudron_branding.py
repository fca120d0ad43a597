#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_branding
short_description: Set the avatar and background images of a Cloudron server
version_added: 0.1.0
description:
  - Uploads the server's avatar (the icon of the dashboard, the login pages and the emails) and the background of the
    login pages from image files on the host running the module.
  - Each image is compared by the SHA-256 digest of its bytes against the digest of what the server serves
    (C(GET /branding/cloudron_avatar), C(GET /branding/cloudron_background)), and uploaded only when they differ, as
    C(multipart/form-data) in the field V(avatar) or V(background). Results and diff show digests, never the images.
  - Only the images given are read and compared. With none given, the module returns the digests of both, changing
    nothing.
  - The server's name and footer are set with M(selfhosted.platforms.cloudron_settings).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
  - selfhosted.platforms.cloudron.attributes
options:
  avatar:
    description:
      - Path to a PNG file to use as the avatar. Any other file is refused before anything is sent. That limit is
        inferred, not documented (the vendor spec only says C(GET /branding/cloudron_avatar) serves C(image/png) and
        names no type for the upload); the server itself may take other types.
    type: path
  background:
    description:
      - Path to an image file to use as the background of the login pages. No source names the types the server
        takes, so any non-empty file is sent as it is (with the content type of a PNG, JPEG or GIF when it is one).
    type: path
notes:
  - Needs the C(admin) role or higher and a read-and-write token for a change.
  - A missing, unreadable or empty file, or an avatar that is not a PNG, is an error naming the option, before any
    request.
  - The server keeps an upload as it was sent, so the digest of a file equals the digest of what the server then
    serves. A server that converted images would be told the image differs on every run.
  - An upload is never repeated once it may have reached the server (a dropped connection); the error says so and
    the next run compares again.
  - The vendor spec says the background upload answers HTTP 202 where the other settings answer 200; either is taken.
seealso:
  - module: selfhosted.platforms.cloudron_settings
"""

EXAMPLES = r"""
- name: Brand the server
  selfhosted.platforms.cloudron_branding:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
    avatar: files/logo.png
    background: files/login-background.jpg

- name: Read the digests of the images the server serves
  selfhosted.platforms.cloudron_branding:
    api_url: my.example.com
    api_token: "{{ cloudron_token }}"
  register: branding
"""

RETURN = r"""
branding:
  description:
    - The digests of the images given, as the server serves them after the run (in check mode, as it would); of both
      when none is given.
  returned: success
  type: dict
  contains:
    avatar:
      description: C(sha256:<hex>) of the avatar; V(null) when the server has none.
      type: str
      returned: when given, or when no image is given
      sample: sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
    background:
      description: C(sha256:<hex>) of the background image; V(null) when the server has none.
      type: str
      returned: when given, or when no image is given
      sample: sha256:60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752
changed_settings:
  description: Names of the images that were (in check mode, would be) uploaded, from V(avatar) and V(background).
  returned: always
  type: list
  elements: str
  sample: [avatar]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.branding import FIELDS, Branding
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import argspec


def main():
    run = CLOUDRON.module(argspec(FIELDS))
    branding = Branding()
    run.report_unless_given(branding, "changed_settings")
    run.singular(branding, state="present", changed_fields="changed_settings")


if __name__ == "__main__":
    main()
