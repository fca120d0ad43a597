# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The access, directory, network, branding, registry and services parts of an export: sorted, in the shape of their
modules' options, secrets as placeholders, images written beside the description only when asked for; applied to the
server they came from, they change nothing."""

from __future__ import annotations

import hashlib
import os
import stat

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.applinks import Applinks
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.branding import Branding
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.description_access import describe_access
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.description_system import describe_system
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.directory_server import DirectoryServer
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.docker_registry import DockerRegistry
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.export_files import ExportFiles, file_name
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.external_ldap import ExternalLdap
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.network import Network
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.oidc_clients import OidcClients
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.services import Services
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.tokens import Tokens
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.user_directory import UserDirectory
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import PLACEHOLDER, entry_options, shaped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudron import description_fakes as fakes
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount


def make(**changes):
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = fakes.serve_config(mount(http, FakeServer()), **changes)
    server.on("GET", "/cloudron/status", (200, {"version": "9.0.15"}))
    server.on("GET", "/users", (200, {"users": [{"id": "uid-zoe", "username": "zoe", "email": "zoe@example.com"}]}))
    server.on("GET", "/groups", (200, {"groups": [{"id": "gid-staff", "name": "staff"}]}))
    return CloudronContext(CloudronClient(http)), server


def short(data):
    return hashlib.sha256(data).hexdigest()[:12]


# -- access ---------------------------------------------------------------------------------------


def test_tokens_are_name_scope_and_expiry_without_expired_custom_scoped_or_dashboard_tokens():
    assert describe_access(make()[0])["tokens"] == [
        # the expiry to the second, as the module compares it
        {"name": "audit", "scope": "read-write", "expires_at": "2100-01-01T00:00:00Z"},
        {"name": "ci-deploy", "scope": "read-only"},
    ]


def test_oidc_clients_are_sorted_without_ids_secrets_or_the_clients_of_apps():
    assert describe_access(make()[0])["oidc_clients"] == [
        {"name": "audit", "login_redirect_uri": "https://audit.example.com/cb", "token_signature_algorithm": "EdDSA"},
        {"name": "grafana", "login_redirect_uri": "https://grafana.example.com/login/generic_oauth",
         "token_signature_algorithm": "RS256"},
    ]


def test_applinks_are_sorted_by_uri_with_group_names_and_without_icons_when_no_files_are_written():
    ctx, server = make()
    assert describe_access(ctx)["applinks"] == [
        {"upstream_uri": "https://docs.example.com/", "label": "Docs", "tags": [], "access_restriction": "everyone"},
        {"upstream_uri": "https://status.example.com/", "label": "Status", "tags": ["monitoring", "ops"],
         "access_restriction": {"users": [], "groups": ["staff"]}},
    ]
    assert not [entry for entry in server.log if entry[1].endswith("/icon")]


def test_minimal_applinks_keep_their_uri_and_who_may_see_them():
    assert describe_access(make()[0], minimal=True)["applinks"] == [
        {"upstream_uri": "https://docs.example.com/", "label": "Docs", "access_restriction": "everyone"},
        {"upstream_uri": "https://status.example.com/", "label": "Status", "tags": ["monitoring", "ops"],
         "access_restriction": {"users": [], "groups": ["staff"]}},
    ]


# -- directory, network, registry, services ----------------------------------------------------------


def test_directory_parts_are_written_whole_without_secrets_the_allowlist_sorted_once():
    parts, secrets = describe_system(make()[0])
    assert parts["directory"] == {
        "user_directory": {"lock_user_profiles": True, "mandatory_2fa": False},
        "server": {"enabled": True, "allowlist": ["198.51.100.0/24", "2001:db8::/32"]},
        "external_ldap": {"provider": "ad", "url": "ldaps://dc.example.com", "base_dn": "dc=example,dc=com",
                          "username_field": "sAMAccountName", "filter": "(objectClass=user)", "group_base_dn": "",
                          "bind_dn": "cn=cloudron,dc=example,dc=com"},
    }
    assert secrets == {"directory_server_secret": PLACEHOLDER, "external_ldap_bind_password": PLACEHOLDER,
                       "registry_password": PLACEHOLDER}


def test_the_user_directory_is_read_on_its_one_route_only():
    ctx, server = make(**{"/user_directory/profile_config": (200, {"lockUserProfiles": False, "mandatory2FA": True}),
                          "/user_directory": (404, {"status": "Not Found", "message": "No such route"})})
    with pytest.raises(ApiError, match="/api/v1/user_directory returned 404: No such route"):
        describe_system(ctx)
    assert not [entry for entry in server.log if entry[1].endswith("/profile_config")]


def test_what_is_off_is_only_its_provider_and_needs_no_secret():
    ctx, _server = make(**{
        "/directory_server/config": (200, {"enabled": False, "allowlist": "", "secret": ""}),
        # the server keeps the old provider's settings; an external directory that is off uses none of them
        "/external_ldap/config": (200, dict(fakes.EXTERNAL_LDAP, provider="noop")),
        "/docker/registry_config": (200, {"provider": "noop"}),
    })
    parts, secrets = describe_system(ctx)
    assert (parts["directory"]["server"], parts["directory"]["external_ldap"], parts["registry"]) == (
        {"enabled": False, "allowlist": []}, {"provider": "noop"}, {"provider": "noop"})
    assert secrets == {}


def test_a_directory_or_registry_without_a_login_needs_no_password():
    ctx, _server = make(**{"/external_ldap/config": (200, dict(fakes.EXTERNAL_LDAP, bindDn="", bindPassword="")),
                           "/docker/registry_config": (200, dict(fakes.REGISTRY, username="", password=""))})
    parts, secrets = describe_system(ctx)
    assert secrets == {"directory_server_secret": PLACEHOLDER}
    assert parts["registry"] == {"provider": "other", "server_address": "registry.example.com", "email": "ops@example.com"}


def test_network_and_registry_are_written_whole_lists_sorted_without_comments():
    parts = describe_system(make()[0])[0]
    assert parts["network"] == {"ipv4": {"provider": "generic"}, "ipv6": {"provider": "fixed", "ip": "2001:db8::10"},
                                "blocklist": ["192.0.2.0/24", "203.0.113.7"], "trusted_ips": []}
    assert parts["registry"] == {"provider": "other", "server_address": "registry.example.com", "username": "pull",
                                 "email": "ops@example.com"}


def test_every_service_is_written_sorted_and_one_without_a_limit_of_its_own_gets_none():
    assert describe_system(make()[0])[0]["services"] == [
        {"name": "docker", "recovery_mode": False},
        {"name": "mail", "memory_limit": 1073741824, "recovery_mode": False},
        {"name": "mysql", "memory_limit": 805306368, "recovery_mode": False},
        {"name": "turn", "memory_limit": 268435456, "recovery_mode": True},
    ]


def test_minimal_services_keep_only_a_limit_other_than_the_default_and_recovery_mode_on():
    assert describe_system(make()[0], minimal=True)[0]["services"] == [
        {"name": "mail", "memory_limit": 1073741824}, {"name": "turn", "recovery_mode": True}]


def test_no_branding_without_files_and_no_secret_or_write_anywhere():
    ctx, server = make()
    parts, secrets = describe_system(ctx)
    assert "branding" not in parts
    text = repr((describe_access(ctx), parts, secrets))
    assert [secret for secret in fakes.SECRETS + (fakes.MASKED,) if secret in text] == []
    assert server.writes() == []
    assert not [entry for entry in server.log if entry[1].startswith("/api/v1/branding")]


# -- images ---------------------------------------------------------------------------------------


def test_images_are_written_once_by_content_and_named_relative_to_the_description(tmp_path):
    ctx, server = make()
    files = ExportFiles(str(tmp_path / "files"))
    access, parts = describe_access(ctx, files=files), describe_system(ctx, files=files)[0]
    avatar, background, icon = ("avatar-%s.png" % short(fakes.PNG), "background-%s.jpg" % short(fakes.JPEG),
                                "applink-icon-%s.png" % short(fakes.ICON))
    assert parts["branding"] == {"avatar": "files/" + avatar, "background": "files/" + background}
    assert [link.get("icon") for link in access["applinks"]] == [None, "files/" + icon]
    assert sorted(os.listdir(str(tmp_path / "files"))) == sorted([avatar, background, icon])
    for name, data in ((avatar, fakes.PNG), (background, fakes.JPEG), (icon, fakes.ICON)):
        path = tmp_path / "files" / name
        assert path.read_bytes() == data and stat.S_IMODE(os.stat(str(path)).st_mode) == 0o644
    assert [(entry["kind"], entry["written"]) for entry in files.files] == [("applink-icon", True), ("avatar", True),
                                                                            ("background", True)]
    assert server.writes() == []


def test_a_second_export_writes_nothing_and_a_changed_file_is_written_again(tmp_path):
    ExportFiles(str(tmp_path)).add("avatar", fakes.PNG)
    name = file_name("avatar", fakes.PNG)
    again = ExportFiles(str(tmp_path), prefix="images/")
    assert again.add("avatar", fakes.PNG) == "images/" + name
    assert again.files == [{"path": str(tmp_path / name), "reference": "images/" + name, "kind": "avatar", "written": False}]
    (tmp_path / name).write_bytes(b"damaged")
    repaired = ExportFiles(str(tmp_path), prefix="")
    assert repaired.add("avatar", fakes.PNG) == name
    assert repaired.files[0]["written"] and (tmp_path / name).read_bytes() == fakes.PNG
    assert sorted(os.listdir(str(tmp_path))) == [name]  # no temporary file left


def test_check_mode_reports_the_files_it_would_write_and_writes_none(tmp_path):
    files = ExportFiles(str(tmp_path / "files"), check_mode=True)
    assert files.add("background", b"not an image") == "files/background-%s.bin" % short(b"not an image")
    assert files.files[0]["written"] and not (tmp_path / "files").exists()


def test_a_files_dir_that_is_a_file_is_an_error_naming_the_option(tmp_path):
    (tmp_path / "taken").write_text("x")
    with pytest.raises(ResourceError, match="^files_dir: .*taken exists and is not a directory"):
        ExportFiles(str(tmp_path / "taken"), check_mode=True).add("avatar", fakes.PNG)


# -- the modules take what was exported ---------------------------------------------------------------


def absolute(entry, base):
    """An entry's image paths as the bootstrap role gives them: relative to the description's directory."""
    return dict((key, os.path.join(base, value) if key in ("icon", "avatar", "background") else value)
                for key, value in entry.items())


@pytest.mark.parametrize("minimal", [False, True])
def test_every_exported_entry_takes_its_modules_options_and_changes_nothing_on_its_own_server(tmp_path, minimal):
    ctx, server = make()
    files = ExportFiles(str(tmp_path / "files"))
    access, parts = describe_access(ctx, minimal, files), describe_system(ctx, minimal, files)[0]
    directory = parts["directory"]
    lists = [(Tokens(), access["tokens"]), (OidcClients(), access["oidc_clients"]), (Applinks(), access["applinks"]),
             (Services(), parts["services"])]
    singletons = [(UserDirectory(), directory["user_directory"]), (DirectoryServer(), directory["server"]),
                  (ExternalLdap(), directory["external_ldap"]), (Network(), parts["network"]),
                  (DockerRegistry(), parts["registry"]), (Branding(), parts["branding"])]
    for resource, entries in lists + [(resource, [entry]) for resource, entry in singletons]:
        options = []
        for entry in entries:
            converted, problems = shaped(resource.name, absolute(entry, str(tmp_path)), entry_options(resource))
            assert problems == []
            options.append(converted)
        engine = Engine(resource, ctx)
        items, problems = engine.parse(options)
        assert problems == []
        changes = engine.plan(items, "present") if items else []
        assert [change.report() for change in changes] == [], resource.name
    assert server.writes() == []
