# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Admin: the tenant list (offset pagination), purge, community invites, proxy sites."""

import pytest

pytest.register_assert_rewrite("csim")

from csim import ADMIN, ALICE  # noqa: E402

pytest_plugins = ["csim"]

TENANT_FIELDS = {"tnId", "idTag", "name", "type", "email", "status", "roles", "profilePic", "createdAt"}


def test_tenant_list_offset_pagination(csim):
    csim.control("POST", "/seed", {"tenants": [{"idTag": "bob.example", "email": "bob@example.com"},
                                               {"idTag": "team.example", "type": "community", "owner": ALICE}]})
    whole = csim.call("GET", "/api/admin/tenants")
    assert whole.body["pagination"] == {"offset": 0, "limit": 4, "total": 4}
    assert all(set(t) == TENANT_FIELDS for t in whole.data) and isinstance(whole.data[0]["createdAt"], int)
    assert whole.data[0]["roles"] == ["SADM"] and whole.data[0]["tnId"] == 1
    page = csim.call("GET", "/api/admin/tenants", query={"limit": 2, "offset": 2})
    assert [t["idTag"] for t in page.data] == ["bob.example", "team.example"]
    assert page.body["pagination"] == {"offset": 2, "limit": 2, "total": 4}
    assert [t["idTag"] for t in csim.call("GET", "/api/admin/tenants", query={"q": "bob"}).data] == ["bob.example"]
    assert csim.call("GET", "/api/admin/tenants", query={"offset": "-1"}).status == 400
    csim.control("POST", "/switches", {"unknown_query_rejected": ["tenants"]})
    assert csim.call("GET", "/api/admin/tenants", query={"page": "1"}).status == 400


def test_purge(csim):
    csim.control("POST", "/seed", {"tenants": [{"idTag": "team.example", "type": "community"}]})
    assert csim.call("POST", "/api/admin/tenants/team.example/purge", {"confirmIdTag": "x"}).code == (400, "E-VAL-INVALID")
    assert csim.call("POST", "/api/admin/tenants/%s/purge" % ADMIN, {"confirmIdTag": ADMIN}).code == (400, "E-VAL-INVALID")
    assert csim.call("POST", "/api/admin/tenants/none.example/purge", {"confirmIdTag": "none.example"}).code == \
        (404, "E-CORE-NOTFOUND")
    result = csim.call("POST", "/api/admin/tenants/team.example/purge", {"confirmIdTag": "team.example"})
    assert result.status == 200 and result.data == {"tnId": 3, "idTag": "team.example"}
    assert "team.example" not in [t["idTag"] for t in csim.call("GET", "/api/admin/tenants").data]
    # its listener stays bound to the idTag and now answers "no such tenant"
    assert csim.call("GET", "/api/me", headers={"Host": "cl-o.team.example"}).code == (404, "E-CORE-NOTFOUND")


def test_invite_community(csim):
    result = csim.call("POST", "/api/admin/invite-community", {"targetIdTag": "club.example", "expiresInDays": 2})
    assert result.status == 200
    assert set(result.data) == {"refId", "inviteUrl", "targetIdTag", "expiresAt"}
    assert result.data["targetIdTag"] == "club.example" and result.data["refId"] in result.data["inviteUrl"]
    assert csim.state()["invites"][0]["type"] == "profile.invite"


SITE_FIELDS = {"siteId", "domain", "backendUrl", "status", "type", "certExpiresAt", "config", "createdAt", "updatedAt"}


def test_proxy_site_lifecycle(csim):
    created = csim.call("POST", "/api/admin/proxy-sites", {"domain": "git.example", "backendUrl": "http://10.0.0.5:3000",
                                                           "config": {"websocket": True}})
    assert created.status == 201 and set(created.data) == SITE_FIELDS
    site = created.data
    assert site["type"] == "basic" and site["status"] == "A" and site["config"] == {"websocket": True}
    listed = csim.call("GET", "/api/admin/proxy-sites")
    assert listed.body["pagination"] == {"offset": 0, "limit": 1, "total": 1} and listed.data[0]["domain"] == "git.example"
    path = "/api/admin/proxy-sites/%d" % site["siteId"]
    assert csim.call("GET", path).data["backendUrl"] == "http://10.0.0.5:3000"
    patched = csim.call("PATCH", path, {"status": "D", "type": "advanced", "config": {"proxyProtocol": True}}).data
    assert (patched["status"], patched["type"], patched["config"]) == ("D", "advanced", {"proxyProtocol": True})
    deleted = csim.call("DELETE", path)
    assert deleted.status == 200 and deleted.body["data"] is None
    for method in ("GET", "PATCH", "DELETE"):
        assert csim.call(method, path, {} if method == "PATCH" else None).code == (404, "E-CORE-NOTFOUND")


def test_proxy_site_conflicts_and_checks(csim):
    csim.call("POST", "/api/admin/proxy-sites", {"domain": "git.example", "backendUrl": "http://a.example"})
    assert csim.call("POST", "/api/admin/proxy-sites", {"domain": "git.example", "backendUrl": "http://b.example"}).code == \
        (409, "E-CORE-CONFLICT")
    assert csim.call("POST", "/api/admin/proxy-sites", {"domain": ALICE, "backendUrl": "http://b.example"}).code == \
        (409, "E-CORE-CONFLICT")
    for body in ({"domain": "x.example", "backendUrl": "not a url"},
                 {"domain": "x.example", "backendUrl": "http://b.example", "type": "fancy"},
                 {"domain": "x.example", "backendUrl": "http://b.example", "config": {"customHeaders": {}}},
                 {"domain": "x.example", "backendUrl": "http://b.example", "config": {"unknown": 1}},
                 {"domain": "x.example", "backendUrl": "http://b.example", "config": {"readTimeoutSecs": "5"}}):
        assert csim.call("POST", "/api/admin/proxy-sites", body).code == (400, "E-VAL-INVALID"), body
    assert csim.call("POST", "/api/admin/proxy-sites", {"domain": "x.example"}).status == 422
    site = csim.call("GET", "/api/admin/proxy-sites").data[0]
    assert csim.call("PATCH", "/api/admin/proxy-sites/%d" % site["siteId"], {"status": "Q"}).code == (400, "E-VAL-INVALID")
