# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""OIDC clients (the secret of a create only, never of a read; updated in place, whole) and applinks (identity by
URL, names resolved to ids, the icon compared by digest in either shape the server may serve it)."""

from __future__ import annotations

import base64

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.applinks import Applinks, canonical_uri, icon_bytes
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.oidc_clients import OidcClients
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, dropped, mount

SECRET = "9cefe41f9cbd8aabe44da60d3827d45779fd233bbfdc0f381228564dsaasd5ab"
PNG = b"\x89PNG\r\n\x1a\nicon"


def client(name="wiki", client_id="cid-1", uri="https://wiki.example.org/cb", algorithm="RS256"):
    # the vendor spec shows the secret in every read
    return {"id": client_id, "secret": SECRET, "appId": "", "name": name, "loginRedirectUri": uri,
            "tokenSignatureAlgorithm": algorithm}


def make(resource, routes, check_mode=False):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", "/users", (200, {"users": [{"id": "uid-a", "username": "alice", "email": "alice@example.com"}]}))
    server.on("GET", "/groups", (200, {"groups": [{"id": "gid-e", "name": "editors"}]}))
    for (method, path), answers in routes.items():
        server.on(method, path, *answers)
    ctx = CloudronContext(CloudronClient(http), check_mode=check_mode)
    return Engine(resource, ctx, check_mode=check_mode), server


def converge(engine, item, state="present"):
    return engine.converge(engine.items([item]), state)


def writes(server):
    return [(entry[0], entry[1], entry[3]) for entry in server.writes()]


# -- OIDC clients ------------------------------------------------------------------------------------


def test_oidc_create_keeps_the_secret_out_of_the_object():
    resource = OidcClients()
    engine, server = make(resource, {("GET", "/oidc/clients"): [(200, {"clients": []})],
                                     ("POST", "/oidc/clients"): [(201, client())]})
    item = {"name": "wiki", "login_redirect_uri": "https://wiki.example.org/cb", "token_signature_algorithm": "RS256"}
    outcome = converge(engine, item)
    assert writes(server) == [("POST", "/api/v1/oidc/clients", {"name": "wiki", "loginRedirectUri": "https://wiki.example.org/cb",
                                                                "tokenSignatureAlgorithm": "RS256"})]
    assert resource.secret == SECRET
    assert outcome.results[0] == {"id": "cid-1", "name": "wiki", "login_redirect_uri": "https://wiki.example.org/cb",
                                  "token_signature_algorithm": "RS256", "app_id": None}
    assert SECRET not in repr((outcome.results, outcome.before, outcome.after))


def test_oidc_update_sends_the_whole_client_and_no_secret_is_taken_from_reads():
    resource = OidcClients()
    engine, server = make(resource, {("GET", "/oidc/clients"): [(200, {"clients": [client()]})],
                                     ("POST", "/oidc/clients/cid-1"): [(201, {})]})
    outcome = converge(engine, {"name": " wiki ", "token_signature_algorithm": "EdDSA"})
    assert writes(server) == [("POST", "/api/v1/oidc/clients/cid-1", {"name": "wiki", "loginRedirectUri": "https://wiki.example.org/cb",
                                                                      "tokenSignatureAlgorithm": "EdDSA"})]
    assert resource.secret is None and outcome.results[0]["token_signature_algorithm"] == "EdDSA"
    assert SECRET not in repr((outcome.results, outcome.before, outcome.after))


def test_oidc_create_needs_uri_and_algorithm_and_names_are_not_guessed():
    engine, server = make(OidcClients(), {("GET", "/oidc/clients"): [(200, {"clients": []})]})
    with pytest.raises(ResourceError, match="creating it needs login_redirect_uri, token_signature_algorithm"):
        converge(engine, {"name": "wiki"})
    engine, server = make(OidcClients(), {("GET", "/oidc/clients"): [(200, {"clients": [client(), client(client_id="cid-2")]})]})
    with pytest.raises(ResourceError, match="cid-1, cid-2"):
        converge(engine, {"name": "wiki", "token_signature_algorithm": "EdDSA"})
    assert server.writes() == []


def app_client(name="wiki", client_id="cid-app", app_id="app-1"):
    return dict(client(name=name, client_id=client_id), appId=app_id)


@pytest.mark.parametrize("state, item", [
    ("absent", {"name": "wiki"}),
    ("present", {"name": "wiki", "token_signature_algorithm": "EdDSA"}),
    ("present", {"name": "wiki", "login_redirect_uri": "https://wiki.example.org/cb", "token_signature_algorithm": "RS256"}),
])
@pytest.mark.parametrize("check_mode", [False, True])
def test_oidc_a_name_only_an_app_client_carries_is_refused_naming_the_app(state, item, check_mode):
    engine, server = make(OidcClients(), {("GET", "/oidc/clients"): [(200, {"clients": [app_client()]})]}, check_mode=check_mode)
    with pytest.raises(ResourceError, match=r"name 'wiki' is the name of the OIDC client of app app-1 only \(client ids cid-app\)"):
        converge(engine, item, state)
    assert server.writes() == []


def test_oidc_an_app_client_of_the_same_name_is_left_alone():
    engine, server = make(OidcClients(), {("GET", "/oidc/clients"): [(200, {"clients": [app_client(), client()]})],
                                          ("DELETE", "/oidc/clients/cid-1"): [(204, None)]})
    converge(engine, {"name": "wiki"}, "absent")
    assert writes(server) == [("DELETE", "/api/v1/oidc/clients/cid-1", None)]


def test_oidc_lost_create_answer_deletes_what_it_made_and_creates_once_more():
    resource = OidcClients()
    engine, server = make(resource, {("GET", "/oidc/clients"): [(200, {"clients": []}), (200, {"clients": [client()]})],
                                     ("POST", "/oidc/clients"): [dropped(), (201, client(client_id="cid-2"))],
                                     ("DELETE", "/oidc/clients/cid-1"): [(204, None)]})
    item = {"name": "wiki", "login_redirect_uri": "https://wiki.example.org/cb", "token_signature_algorithm": "RS256"}
    outcome = converge(engine, item)
    assert [entry[:2] for entry in writes(server)] == [
        ("POST", "/api/v1/oidc/clients"), ("DELETE", "/api/v1/oidc/clients/cid-1"), ("POST", "/api/v1/oidc/clients")]
    assert resource.secret == SECRET and resource.failure is None and outcome.results[0]["id"] == "cid-2"


# -- applinks ----------------------------------------------------------------------------------------


def link(link_id="l1", uri="https://docs.example.com/", label="Docs", tags=("b", "a"), access=None):
    return {"id": link_id, "upstreamUri": uri, "label": label, "tags": list(tags), "accessRestriction": access,
            "creationTime": "2026-01-01T00:00:00.000Z"}


@pytest.mark.parametrize("given, expected", [
    ("HTTPS://Docs.Example.com", "https://docs.example.com/"),
    (" https://docs.example.com/Path?q=A ", "https://docs.example.com/Path?q=A"),
    ("docs.example.com", "docs.example.com"),
    # only the host is case-folded: user info a stored link carries stays as the server has it
    ("HTTPS://Ann:PassWord@Docs.Example.com:8443", "https://Ann:PassWord@docs.example.com:8443/"),
])
def test_canonical_uri(given, expected):
    assert canonical_uri(given) == expected


def test_upstream_uri_must_be_absolute():
    engine, server = make(Applinks(), {})
    with pytest.raises(ResourceError, match="upstream_uri: 'docs.example.com' is not an absolute http"):
        engine.items([{"upstream_uri": "docs.example.com"}])
    assert server.log == []


@pytest.mark.parametrize("uri", ["https://ann:S3cret@docs.example.com/", "https://ann@docs.example.com/", "https://:S3cret@Docs.example.com"])
def test_upstream_uri_with_user_info_is_refused_before_any_request_without_quoting_it(uri):
    engine, server = make(Applinks(), {})
    with pytest.raises(ResourceError) as caught:
        engine.items([{"upstream_uri": uri, "label": "Docs"}])
    assert str(caught.value).startswith("upstream_uri: the URL of host 'docs.example.com' carries user info")
    assert "S3cret" not in str(caught.value) and "ann" not in str(caught.value)
    assert server.log == []


@pytest.mark.parametrize("served", [
    PNG, ('{"icon": "%s"}' % base64.b64encode(PNG).decode()).encode(), ('{"icon": ["%s"]}' % base64.b64encode(PNG).decode()).encode(),
])
def test_icon_bytes_in_every_shape(served):
    assert icon_bytes(served) == PNG


def test_applink_matches_by_url_and_names_access_by_ids(tmp_path):
    icon = tmp_path / "icon.png"
    icon.write_bytes(PNG)
    engine, server = make(Applinks(), {("GET", "/applinks"): [(200, {"applinks": [link(uri="https://Docs.example.com")]})],
                                       ("GET", "/applinks/l1/icon"): [(404, {"status": "Not Found", "message": "No such icon"})],
                                       ("POST", "/applinks/l1"): [(202, {})],
                                       ("GET", "/applinks/l1"): [(200, link(label="Docs", access={"users": ["uid-a"], "groups": ["gid-e"]}))]})
    outcome = converge(engine, {"upstream_uri": "https://docs.example.com", "tags": ["a", "b", "a"],
                                "access_restriction": {"users": ["Alice@example.com"], "groups": ["Editors"]}, "icon": str(icon)})
    (method, path, body), = writes(server)
    assert (method, path) == ("POST", "/api/v1/applinks/l1")
    assert body == {"upstreamUri": "https://docs.example.com/", "label": "Docs", "tags": ["a", "b"],
                    "accessRestriction": {"users": ["uid-a"], "groups": ["gid-e"]}, "icon": base64.b64encode(PNG).decode()}
    assert outcome.results[0]["access_restriction"] == {"users": ["alice"], "groups": ["editors"]}
    assert outcome.results[0]["icon"].startswith("sha256:")


def test_applink_same_icon_and_settings_is_no_change(tmp_path):
    icon = tmp_path / "icon.png"
    icon.write_bytes(PNG)
    served = ('{"icon": ["%s"]}' % base64.b64encode(PNG).decode()).encode()
    engine, server = make(Applinks(), {("GET", "/applinks"): [(200, {"applinks": [link()]})],
                                       ("GET", "/applinks/l1/icon"): [(200, served, {"Content-Type": "application/json"})]})
    outcome = converge(engine, {"upstream_uri": "https://docs.example.com/", "tags": ["a", "b"], "access_restriction": "everyone",
                                "icon": str(icon)})
    assert not outcome.changed and server.writes() == []


def test_applink_create_without_id_in_the_answer_finds_it_by_url_then_sets_the_icon(tmp_path):
    icon = tmp_path / "icon.png"
    icon.write_bytes(PNG)
    created = link(link_id="l9", label="docs.example.com", tags=())
    engine, server = make(Applinks(), {("GET", "/applinks"): [(200, {"applinks": []}), (200, {"applinks": [created]})],
                                       ("POST", "/applinks"): [(201, {})],
                                       ("POST", "/applinks/l9"): [(202, {})],
                                       ("GET", "/applinks/l9"): [(200, created)]})
    outcome = converge(engine, {"upstream_uri": "https://docs.example.com/", "icon": str(icon)})
    assert writes(server) == [
        ("POST", "/api/v1/applinks", {"upstreamUri": "https://docs.example.com/", "tags": [], "accessRestriction": None}),
        ("POST", "/api/v1/applinks/l9", {"upstreamUri": "https://docs.example.com/", "tags": [], "accessRestriction": None,
                                         "icon": base64.b64encode(PNG).decode()})]
    assert outcome.results[0]["id"] == "l9" and outcome.results[0]["label"] == "docs.example.com"


def test_applink_two_links_to_one_url_are_refused():
    engine, server = make(Applinks(), {("GET", "/applinks"): [(200, {"applinks": [link(), link(link_id="l2")]})]})
    with pytest.raises(ResourceError, match=r"matches 2 applinks \(ids l1, l2\)"):
        converge(engine, {"upstream_uri": "https://docs.example.com/", "label": "X"})
    assert server.writes() == []


def test_applink_unknown_group_fails_before_writing():
    engine, server = make(Applinks(), {("GET", "/applinks"): [(200, {"applinks": []})]})
    with pytest.raises(ResourceError, match="access_restriction.groups: group 'nobody' does not exist"):
        converge(engine, {"upstream_uri": "https://docs.example.com/", "access_restriction": {"groups": ["nobody"]}})
    assert server.writes() == []
