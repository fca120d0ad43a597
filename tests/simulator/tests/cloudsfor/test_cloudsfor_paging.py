# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Pagination (page, per_page, links.pages; switches pagination and max_per_page)."""

from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest

pytest.register_assert_rewrite("cfsim")

from cfsim import key  # noqa: E402
from cloudsfor import create_app  # noqa: E402
from cloudsfor.envelope import many  # noqa: E402
from common.routing import Request  # noqa: E402

pytest_plugins = ["cfsim"]


def _seed_keys(cf, count):
    return cf.seed(ssh_keys=[{"name": "k%d" % i, "public_key": key(i)} for i in range(count)])["ssh_keys"]


def _page_of(url):
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    return parts.path, int(query["page"][0]), int(query["per_page"][0])


def test_a_single_page_has_empty_links(cf):
    _seed_keys(cf, 3)
    body = cf.ok("GET", "/keys")
    assert body["links"] == {} and body["meta"] == {"total": 3} and len(body["ssh_keys"]) == 3


def test_pages_and_their_links(cf):
    ids = _seed_keys(cf, 5)
    first = cf.ok("GET", "/keys", query={"per_page": 2})
    assert [k["id"] for k in first["ssh_keys"]] == ids[:2] and first["meta"] == {"total": 5}
    assert set(first["links"]["pages"]) == {"next", "last"}
    assert first["links"]["pages"]["next"].startswith("http://127.0.0.1:%d/api/v1/keys?" % cf.port)
    assert _page_of(first["links"]["pages"]["next"]) == ("/api/v1/keys", 2, 2)
    assert _page_of(first["links"]["pages"]["last"]) == ("/api/v1/keys", 3, 2)
    middle = cf.ok("GET", "/keys", query={"per_page": 2, "page": 2})
    assert set(middle["links"]["pages"]) == {"first", "prev", "next", "last"}
    assert _page_of(middle["links"]["pages"]["prev"])[1] == 1
    last = cf.ok("GET", "/keys", query={"per_page": 2, "page": 3})
    assert [k["id"] for k in last["ssh_keys"]] == ids[4:] and set(last["links"]["pages"]) == {"first", "prev"}
    beyond = cf.ok("GET", "/keys", query={"per_page": 2, "page": 9})
    assert beyond["ssh_keys"] == [] and beyond["meta"] == {"total": 5} and "next" not in beyond["links"]["pages"]


def test_following_next_reads_everything(cf):
    for index in range(7):
        cf.seed_vm(name="vm%d" % index)
    names, url = [], "/api/v1/vms?per_page=3"
    while url:
        body = cf.ok("GET", url.split("/api/v1", 1)[1])
        names += [v["name"] for v in body["vms"]]
        url = body["links"].get("pages", {}).get("next")
    assert names == ["vm%d" % i for i in range(7)]


def test_per_page_defaults_to_20_and_is_capped(cf):
    _seed_keys(cf, 25)
    assert len(cf.ok("GET", "/keys")["ssh_keys"]) == 20
    cf.switches(max_per_page=4)
    body = cf.ok("GET", "/keys", query={"per_page": 200})
    assert len(body["ssh_keys"]) == 4 and _page_of(body["links"]["pages"]["last"])[1:] == (7, 4)


def test_ignored_pagination_answers_everything_without_links(cf):
    _seed_keys(cf, 5)
    cf.switches(pagination="ignored")
    body = cf.ok("GET", "/keys", query={"per_page": 2, "page": 2})
    assert len(body["ssh_keys"]) == 5 and "links" not in body and body["meta"] == {"total": 5}


@pytest.mark.parametrize("query", [{"page": "0"}, {"page": "x"}, {"per_page": "0"}, {"per_page": "-3"}])
def test_bad_page_parameters_are_422(cf, query):
    result = cf.call("GET", "/regions", query=query)
    assert result.error == (422, "unprocessable_entity") and list(query)[0] in result.body["message"]


@pytest.mark.parametrize("path", ["/regions", "/distros", "/keys", "/vms", "/actions"])
def test_every_list_pages(cf, path):
    _seed_keys(cf, 4)
    vm_id = cf.seed_vm()
    for index in range(2):
        cf.seed_vm(name="more%d" % index)
    for kind in ("reboot", "power_cycle", "reboot"):
        cf.ok("POST", "/vms/%s/actions" % vm_id, {"type": kind}, status=201)
        cf.wait_unlocked(vm_id)
    body = cf.ok("GET", path, query={"per_page": 1})
    assert body["meta"]["total"] >= 3 and len(body[next(iter(body))]) == 1 and "next" in body["links"]["pages"]
    assert cf.ok("GET", "/vms/%s/actions" % vm_id, query={"per_page": 2})["links"]["pages"]["last"].endswith(
        "page=2&per_page=2")


def test_links_keep_https_for_a_tls_listener():
    app = create_app(SimpleNamespace(user="u@example.com", password="p", ssh_port=0, tls_cert="cert.pem"))
    request = Request("GET", "/api/v1/vms", {"per_page": "1"}, {}, {}, {})
    request.base = "%s://api.example" % app.scheme
    body = many(app.state, request, "things", [1, 2], lambda x: x).body
    assert body["links"]["pages"]["next"] == "https://api.example/api/v1/vms?page=2&per_page=1"
    app.state.banners.close_all()
