# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Profiles, admin profile changes (letters in, words out, the role ladder) and community creation."""

import pytest

pytest.register_assert_rewrite("csim")

from csim import ADMIN, ALICE, Client  # noqa: E402

pytest_plugins = ["csim"]

MEMBERS = [{"idTag": "carol.example", "name": "Carol", "roles": ["contributor"], "status": "A"},
           {"idTag": "dave.example", "name": "Anna", "roles": ["moderator"]},
           {"idTag": "erin.example", "name": "Erin", "status": "B"}]


@pytest.fixture
def members(csim):
    csim.control("POST", "/seed", {"tenants": [{"idTag": ADMIN, "profiles": MEMBERS}]})
    return csim


def test_profile_list_default_order_and_keyset(members):
    by_name = members.call("GET", "/api/profiles").data
    assert [p["idTag"] for p in by_name] == ["dave.example", "carol.example", "erin.example"]
    assert "pagination" not in members.call("GET", "/api/profiles").body
    assert by_name[2]["status"] == "blocked" and by_name[1]["roles"] == ["contributor"]
    page = members.call("GET", "/api/profiles", query={"limit": 2}).data
    assert [p["idTag"] for p in page] == ["carol.example", "dave.example"]
    rest = members.call("GET", "/api/profiles", query={"limit": 2, "afterIdTag": "dave.example"}).data
    assert [p["idTag"] for p in rest] == ["erin.example"]
    assert [p["idTag"] for p in members.call("GET", "/api/profiles", query={"status": "B"}).data] == ["erin.example"]
    assert [p["idTag"] for p in members.call("GET", "/api/profiles", query={"q": "car"}).data] == ["carol.example"]
    assert members.call("GET", "/api/profiles", query={"junk": "1"}).status == 200


def test_profile_read(members):
    assert members.call("GET", "/api/profiles/carol.example").data["name"] == "Carol"
    missing = members.call("GET", "/api/profiles/nobody.example")
    assert missing.status == 200 and missing.body["data"] is None


def test_admin_patch_is_bare_and_maps_letters_to_words(members):
    result = members.call("PATCH", "/api/admin/profiles/carol.example", {"status": "S", "roles": ["moderator"]})
    assert result.status == 200 and set(result.body) == {"profile"}
    profile = result.body["profile"]
    assert profile["status"] == "suspended" and profile["roles"] == ["moderator"]
    for letter, word in (("A", "active"), ("B", "blocked"), ("M", "muted"), ("X", "banned")):
        assert members.call("PATCH", "/api/admin/profiles/carol.example", {"status": letter}).body["profile"]["status"] == word
    # roles are in the answer only when the request changed them
    assert "roles" not in members.call("PATCH", "/api/admin/profiles/carol.example", {"name": "C."}).body["profile"]
    cleared = members.call("PATCH", "/api/admin/profiles/carol.example", {"roles": None}).body["profile"]
    assert cleared["roles"] is None


def test_admin_patch_upserts_unknown_profiles(members):
    result = members.call("PATCH", "/api/admin/profiles/new.example", {"roles": ["follower"]})
    assert result.status == 200 and result.body["profile"]["idTag"] == "new.example"
    assert members.call("GET", "/api/profiles/new.example").data["roles"] == ["follower"]


def test_switch_profile_patch_unknown_not_found(csim, members):
    csim.control("POST", "/switches", {"profile_patch_unknown": "not_found"})
    assert members.call("PATCH", "/api/admin/profiles/new.example", {"roles": ["follower"]}).code == (404, "E-CORE-NOTFOUND")
    assert members.call("GET", "/api/profiles/new.example").body["data"] is None
    assert members.call("PATCH", "/api/admin/profiles/carol.example", {"name": "C."}).status == 200


def test_switch_profile_roles_in_get(csim, members):
    assert members.call("GET", "/api/profiles/carol.example").data["roles"] == ["contributor"]
    csim.control("POST", "/switches", {"profile_roles_in_get": False})
    assert "roles" not in members.call("GET", "/api/profiles/carol.example").data


def test_admin_patch_shape_errors_are_plain_422(members):
    for body in ({"status": "Z"}, {"status": "active"}, {"roles": "leader"}, {"roles": [1]}):
        result = members.call("PATCH", "/api/admin/profiles/carol.example", body)
        assert result.status == 422 and isinstance(result.body, bytes), body


def test_admin_patch_role_rules(members):
    assert members.call("PATCH", "/api/admin/profiles/carol.example", {"roles": ["wizard"]}).code == (403, "E-AUTH-NOPERM")
    assert members.call("PATCH", "/api/admin/profiles/%s" % ADMIN, {"roles": ["leader"]}).code == (403, "E-AUTH-NOPERM")
    assert members.call("PATCH", "/api/admin/profiles/carol.example", {"roles": ["leader"]}).status == 200


def test_community_creation(csim):
    seeded = csim.control("POST", "/seed", {"dns": ["team.example", "club.example"],
                                            "invites": [{"refId": "inv-1", "targetIdTag": "club.example"}],
                                            "tenants": [{"idTag": ALICE, "keys": [{"name": "k"}]}]})
    result = csim.call("PUT", "/api/profiles/team.example", {"type": "domain", "name": "Team"})
    assert result.status == 201
    assert set(result.data) == {"idTag", "name", "type", "profilePic", "createdAt"}
    assert result.data["type"] == "community" and result.data["name"] == "Team"
    again = csim.call("PUT", "/api/profiles/team.example", {"type": "domain"})
    assert again.code == (400, "E-VAL-INVALID") and again.body["error"]["message"].endswith("used")
    nodns = csim.call("PUT", "/api/profiles/far.example", {"type": "domain"})
    assert nodns.code == (400, "E-VAL-INVALID") and nodns.body["error"]["message"].endswith("nodns")
    assert csim.call("PUT", "/api/profiles/x.example", {"type": "idp"}).code == (503, "E-SYS-UNAVAIL")
    assert csim.call("PUT", "/api/profiles/x.example", {"type": "other"}).status == 422
    # a community is a tenant with its own listener; the creator leads it
    state = csim.state()
    team = next(t for t in state["tenants"] if t["idTag"] == "team.example")
    assert team["type"] == "community" and team["owner"] == ADMIN and team["url"].startswith("http://")
    assert team["profiles"][0]["roles"] == ["leader"]
    # without SADM an invite is needed, once
    alice = Client(csim.port, host=ALICE)
    key = seeded["keys"][ALICE]["k"]
    assert alice.call("PUT", "/api/profiles/club.example", {"type": "domain"}, key=key).code == (403, "E-AUTH-NOPERM")
    assert alice.call("PUT", "/api/profiles/club.example", {"type": "domain", "inviteRef": "inv-1"}, key=key).status == 201
    assert csim.state()["invites"][0]["used"] is True
    # there is no delete route
    assert csim.call("DELETE", "/api/profiles/club.example").status == 405
