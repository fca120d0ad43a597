#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudillo_profile_info
short_description: List the profiles a Cloudillo tenant knows
version_added: 0.1.0
description:
  - Lists the profiles the connected tenant knows (a community's members, a person's contacts), read in pages of 100 by
    idTag, or one profile with O(member).
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudillo
  - selfhosted.platforms.cloudillo.info_attributes
options:
  member:
    description: Only this idTag (one request).
    type: str
  type:
    description: Only profiles of this type.
    type: str
    choices: [person, community]
  status:
    description: Only profiles with this status.
    type: str
    choices: [active, blocked, muted, suspended, banned]
seealso:
  - module: selfhosted.platforms.cloudillo_profile
"""

EXAMPLES = r"""
- name: The members of a community
  selfhosted.platforms.cloudillo_profile_info:
    id_tag: team.example.com
    api_key: "{{ team_api_key }}"
  register: members
"""

RETURN = r"""
profiles:
  description: The profiles, sorted by idTag, in the form of RV(selfhosted.platforms.cloudillo_profile#module:profile).
  returned: always
  type: list
  elements: dict
  contains:
    member:
      description: The profile's idTag.
      type: str
      sample: carol.example.com
    name:
      description: The name shown for the profile.
      type: str
      sample: Carol
    roles:
      description: The community roles, sorted; V(null) when the server's answer carries none.
      type: list
      elements: str
      sample: [moderator]
    status:
      description: The status, as a word (V(active), V(blocked), V(muted), V(suspended), V(banned)).
      type: str
      sample: active
    type:
      description: V(person) or V(community).
      type: str
      sample: person
  sample: [{member: carol.example.com, name: Carol, roles: [moderator], status: active, type: person}]
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.client import segment
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.platform import CLOUDILLO
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudillo.profiles import STATUS_LETTERS, Profiles, canonical, every_profile
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import lower, public


def main():
    run = CLOUDILLO.module({
        "member": {"type": "str"},
        "type": {"type": "str", "choices": ["person", "community"]},
        "status": {"type": "str", "choices": sorted(STATUS_LETTERS)},
    })
    params = run.params

    def body(ctx):
        if params.get("member"):
            raw = ctx.client.data("GET", "/api/profiles/%s" % segment(lower(params["member"])))
            found = [raw] if isinstance(raw, dict) else []
        else:
            query = {}
            if params.get("type"):
                query["type"] = params["type"]
            if params.get("status"):
                query["status"] = STATUS_LETTERS[params["status"]]
            found = every_profile(ctx, query)
        profiles = [public(Profiles.fields, canonical(raw)) for raw in found]
        profiles = [p for p in profiles if (not params.get("type") or p["type"] == params["type"])
                    and (not params.get("status") or p["status"] == params["status"])]
        return {"changed": False, "profiles": sorted(profiles, key=lambda p: p["member"] or "")}
    run.execute(body)


if __name__ == "__main__":
    main()
