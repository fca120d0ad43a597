# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Apps (bare JSON throughout) and the actions list with cursor pagination and its strict query."""

import base64
import json

import pytest

pytest.register_assert_rewrite("csim")

pytest_plugins = ["csim"]

PACKAGES = [{"publisher": "apps.example", "name": "notes", "version": "1.2.0", "capabilities": ["crdt"]},
            {"publisher": "apps.example", "name": "board", "version": "0.9.0"},
            {"publisher": "other.example", "name": "chat", "version": "2.0.0"}]


@pytest.fixture
def packages(csim):
    return csim.control("POST", "/seed", {"packages": PACKAGES})["packages"]


def test_catalogue_is_public_and_bare(csim, packages):
    result = csim.call("GET", "/api/apps", key=None)
    assert result.status == 200 and isinstance(result.body, list) and len(result.body) == 3
    notes = next(a for a in result.body if a["name"] == "notes")
    assert notes == {"name": "notes", "publisherTag": "apps.example", "version": "1.2.0",
                     "actionId": packages["apps.example/notes"], "fileId": notes["fileId"], "capabilities": ["crdt"]}
    assert "capabilities" not in next(a for a in result.body if a["name"] == "board")
    assert [a["name"] for a in csim.call("GET", "/api/apps", query={"search": "other"}).body] == ["chat"]


def test_install_upserts_and_uninstall(csim, packages):
    result = csim.call("POST", "/api/apps/install", {"actionId": packages["apps.example/notes"]})
    assert result.status == 201 and "data" not in result.body
    assert result.body == {"appName": "notes", "publisherTag": "apps.example", "version": "1.2.0",
                           "actionId": packages["apps.example/notes"], "fileId": result.body["fileId"],
                           "status": "A", "capabilities": ["crdt"], "autoUpdate": False}
    assert csim.call("POST", "/api/apps/install", {"actionId": packages["apps.example/notes"]}).status == 201
    installed = csim.call("GET", "/api/apps/installed")
    assert [a["appName"] for a in installed.body] == ["notes"]
    removed = csim.call("DELETE", "/api/apps/@apps.example/notes")
    assert removed.status == 204 and removed.body == b""
    assert csim.call("DELETE", "/api/apps/@apps.example/notes").code == (404, "E-CORE-NOTFOUND")
    assert csim.call("DELETE", "/api/apps/apps.example/notes").code == (404, "E-CORE-NOTFOUND")
    assert csim.call("GET", "/api/apps/installed").body == []


def test_install_errors(csim, packages):
    assert csim.call("POST", "/api/apps/install", {"actionId": "a1~nothing"}).code == (404, "E-CORE-NOTFOUND")
    csim.control("POST", "/seed", {})
    state = csim.state()
    assert len(state["packages"]) == 3 and all(p["type"] == "APKG" for p in state["packages"])
    assert csim.call("POST", "/api/apps/install", {"actionId": 5}).status == 422


def test_non_apkg_action_is_400(csim, packages):
    # only APKG actions exist in the simulator: make one look like a post through the seed's actionId
    seeded = csim.control("POST", "/seed", {"packages": [{"publisher": "p.example", "name": "x", "version": "1",
                                                          "actionId": "a1~post"}]})
    assert seeded["packages"]["p.example/x"] == "a1~post"
    from csim import server
    app = server()[1]
    with app.state.lock:
        app.state.packages["a1~post"]["type"] = "POST"
    assert csim.call("POST", "/api/apps/install", {"actionId": "a1~post"}).code == (400, "E-VAL-INVALID")


def test_seeded_installed_app_keeps_auto_update(csim, packages):
    csim.control("POST", "/seed", {"tenants": [{"idTag": "admin.example", "apps": [
        {"publisher": "apps.example", "name": "board", "autoUpdate": True}]}]})
    assert csim.call("GET", "/api/apps/installed").body[0]["autoUpdate"] is True


def test_actions_cursor_pagination(csim, packages):
    seen, cursor, pages = [], None, 0
    while True:
        query = {"limit": 2, "type": "APKG"}
        if cursor:
            query["cursor"] = cursor
        result = csim.call("GET", "/api/actions", query=query)
        assert result.status == 200 and set(result.body["cursorPagination"]) == {"nextCursor", "hasMore"}
        seen += [a["actionId"] for a in result.data]
        pages += 1
        cursor = result.body["cursorPagination"]["nextCursor"]
        if not result.body["cursorPagination"]["hasMore"]:
            assert cursor is None
            break
        decoded = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        assert set(decoded) == {"s", "v", "id"}
    assert pages == 2 and sorted(seen) == sorted(packages.values())
    by_name = csim.call("GET", "/api/actions", query={"sort": "name", "sortDir": "asc"}).data
    assert [a["content"]["name"] for a in by_name] == ["board", "chat", "notes"]


def test_actions_count_and_filters(csim, packages):
    counted = csim.call("GET", "/api/actions", query={"count": "true"})
    assert counted.data == [] and counted.body["cursorPagination"]["count"] == 3
    assert len(csim.call("GET", "/api/actions", query={"issuer": "other.example"}).data) == 1
    assert csim.call("GET", "/api/actions", query={"type": "POST"}).data == []


def test_actions_reject_unknown_query(csim, packages):
    result = csim.call("GET", "/api/actions", query={"page": "2"})
    assert result.status == 400 and result.response.getheader("Content-Type").startswith("text/plain")
    assert b"unknown field `page`" in result.body
    assert csim.call("GET", "/api/actions", query={"limit": "x"}).status == 400
    assert csim.call("GET", "/api/actions", query={"cursor": "!!"}).code == (400, "E-VAL-INVALID")
    assert csim.call("GET", "/api/actions", query={"sort": "size"}).code == (400, "E-VAL-INVALID")
    csim.control("POST", "/switches", {"unknown_query_rejected": []})
    assert csim.call("GET", "/api/actions", query={"page": "2"}).status == 200
