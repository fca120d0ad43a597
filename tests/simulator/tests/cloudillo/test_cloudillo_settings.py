# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Settings: the registry, levels, permissions, the tenant query, clearing, and the meta case switch."""

import pytest

pytest.register_assert_rewrite("csim")

from csim import ALICE, Client  # noqa: E402

pytest_plugins = ["csim"]


@pytest.fixture
def alice(csim):
    key = csim.control("POST", "/seed", {"tenants": [{"idTag": ALICE, "keys": [{"name": "k"}]}]})["keys"][ALICE]["k"]
    client = Client(csim.port, host=ALICE)
    client.key = key
    yield client
    client.connection.close()


def test_list_without_prefix_shows_values_in_effect(csim):
    result = csim.call("GET", "/api/settings")
    assert result.body["pagination"] == {"offset": 0, "limit": 100, "total": len(result.data)}
    by_key = {s["key"]: s for s in result.data}
    assert by_key["email.smtp.port"] == {"key": "email.smtp.port", "value": 587, "scope": "Global",
                                         "permission": "Admin", "description": "SMTP server port"}
    assert "email.smtp.host" not in by_key     # no default, no value


def test_meta_case_switch(csim):
    csim.control("POST", "/switches", {"settings_meta_case": "lower"})
    item = csim.call("GET", "/api/settings/file.sync_max_vis").data
    assert (item["scope"], item["permission"]) == ("tenant", "user")


def test_get_unknown_and_unset(csim):
    assert csim.call("GET", "/api/settings/no.such").code == (404, "E-CORE-NOTFOUND")
    assert csim.call("GET", "/api/settings/email.smtp.host").code == (404, "E-SET-NOTFOUND")
    assert csim.call("GET", "/api/settings/ui.theme").code == (404, "E-CORE-NOTFOUND")


def test_levels_resolve_tenant_over_global_over_default(csim, alice):
    assert csim.call("PUT", "/api/settings/auth.session_timeout", {"value": 600}, query={"level": "global"}).data["value"] == 600
    assert alice.call("GET", "/api/settings/auth.session_timeout", key=alice.key).data["value"] == 600
    assert alice.call("GET", "/api/settings/auth.session_timeout", key=alice.key, query={"level": "tenant"}).code == \
        (404, "E-CORE-NOTFOUND")
    csim.call("PUT", "/api/settings/auth.session_timeout", {"value": 900}, query={"tenant": ALICE})
    assert alice.call("GET", "/api/settings/auth.session_timeout", key=alice.key).data["value"] == 900
    assert csim.call("GET", "/api/settings/auth.session_timeout", query={"tenant": ALICE, "level": "tenant"}).data["value"] == 900
    assert csim.call("GET", "/api/settings/auth.session_timeout", query={"level": "global"}).data["value"] == 600
    cleared = csim.call("DELETE", "/api/settings/auth.session_timeout", query={"level": "tenant", "tenant": ALICE})
    assert cleared.status == 204 and cleared.body == b""
    assert alice.call("GET", "/api/settings/auth.session_timeout", key=alice.key).data["value"] == 600
    csim.call("DELETE", "/api/settings/auth.session_timeout", query={"level": "global"})
    assert alice.call("GET", "/api/settings/auth.session_timeout", key=alice.key).data["value"] == 86400
    # clearing what is not stored is fine
    assert csim.call("DELETE", "/api/settings/auth.session_timeout", query={"level": "global"}).status == 204


def test_list_with_prefix_and_level(csim):
    csim.call("PUT", "/api/settings/email.smtp.host", {"value": "smtp.example"}, query={"level": "global"})
    csim.call("PUT", "/api/settings/ui.theme", {"value": "dark"})
    csim.call("PUT", "/api/settings/ui.lang", {"value": "en"})
    assert [s["key"] for s in csim.call("GET", "/api/settings", query={"prefix": "ui", "level": "tenant"}).data] == \
        ["ui.lang", "ui.theme"]
    assert [s["key"] for s in csim.call("GET", "/api/settings", query={"prefix": "email", "level": "global"}).data] == \
        ["email.smtp.host"]
    # one prefix by default: a comma list is one prefix that matches nothing
    assert csim.call("GET", "/api/settings", query={"prefix": "ui,email"}).data == []
    csim.control("POST", "/switches", {"settings_prefix_list": True})
    both = [s["key"] for s in csim.call("GET", "/api/settings", query={"prefix": "ui,email"}).data]
    assert "ui.theme" in both and "email.smtp.host" in both and "email.smtp.port" in both
    assert csim.call("GET", "/api/settings", query={"level": "tenant"}).code == (400, "E-VAL-INVALID")
    assert csim.call("GET", "/api/settings", query={"prefix": "ui", "level": "global", "tenant": ALICE}).code == \
        (400, "E-VAL-INVALID")
    assert csim.call("GET", "/api/settings", query={"prefix": "ui", "level": "odd"}).code == (400, "E-VAL-INVALID")


def test_permissions(csim, alice):
    # admin permission needs SADM, user permission the owner, system nobody
    assert alice.call("PUT", "/api/settings/auth.session_timeout", {"value": 1}, key=alice.key).code == (403, "E-AUTH-NOPERM")
    assert alice.call("PUT", "/api/settings/ui.theme", {"value": "dark"}, key=alice.key).status == 200
    assert csim.call("PUT", "/api/settings/email.template_dir", {"value": "/x"}).code == (403, "E-AUTH-NOPERM")
    assert alice.call("GET", "/api/settings/server.registration_enabled", key=alice.key, query={"level": "global"}).code == \
        (403, "E-AUTH-NOPERM")
    assert alice.call("GET", "/api/settings", key=alice.key, query={"prefix": "ui", "level": "global"}).code == \
        (403, "E-AUTH-NOPERM")
    assert alice.call("GET", "/api/settings/ui.theme", key=alice.key, query={"tenant": "admin.example"}).code == \
        (403, "E-AUTH-NOPERM")
    assert alice.call("PUT", "/api/settings/ui.theme", {"value": 1}, key=alice.key, query={"level": "global"}).code == \
        (403, "E-AUTH-NOPERM")
    assert alice.call("DELETE", "/api/settings/ui.theme", key=alice.key, query={"level": "global"}).code == \
        (403, "E-AUTH-NOPERM")
    assert alice.call("DELETE", "/api/settings/auth.session_timeout", key=alice.key, query={"level": "tenant"}).code == \
        (403, "E-AUTH-NOPERM")
    assert csim.call("GET", "/api/settings/ui.theme", query={"tenant": "nobody.example"}).code == (404, "E-CORE-NOTFOUND")


def test_put_checks(csim):
    assert csim.call("PUT", "/api/settings/email.smtp.port", {"value": "x"}).code == (400, "E-VAL-INVALID")
    assert csim.call("PUT", "/api/settings/email.smtp.port", {"value": True}).code == (400, "E-VAL-INVALID")
    assert csim.call("PUT", "/api/settings/email.smtp.port", {"value": 25}, query={"level": "tenant"}).code == \
        (400, "E-VAL-INVALID")
    assert csim.call("PUT", "/api/settings/email.smtp.port", {"value": 25}, query={"level": "odd"}).code == \
        (400, "E-VAL-INVALID")
    assert csim.call("PUT", "/api/settings/email.smtp.port", {}).status == 422
    assert csim.call("PUT", "/api/settings/no.such", {"value": 1}).code == (404, "E-CORE-NOTFOUND")
    written = csim.call("PUT", "/api/settings/app.notes", {"value": {"a": [1, 2]}})
    assert written.data["value"] == {"a": [1, 2]}


def test_delete_needs_a_level(csim):
    assert csim.call("DELETE", "/api/settings/ui.theme").code == (400, "E-VAL-INVALID")
    assert csim.call("DELETE", "/api/settings/email.smtp.port", query={"level": "tenant"}).code == (400, "E-VAL-INVALID")
    assert csim.call("DELETE", "/api/settings/no.such", query={"level": "tenant"}).code == (404, "E-CORE-NOTFOUND")


def test_unknown_query_is_ignored_unless_the_switch_says(csim):
    assert csim.call("GET", "/api/settings", query={"junk": "1"}).status == 200
    csim.control("POST", "/switches", {"unknown_query_rejected": ["settings"]})
    result = csim.call("GET", "/api/settings", query={"junk": "1"})
    assert result.status == 400 and result.body.startswith(b"Failed to deserialize query string")
