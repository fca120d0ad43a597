# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The CloudsFor inventory plugin on the real client and VM view, over a scripted HTTP server: hosts, groups, host
variables, constructed options, duplicate names, filters, templated credentials, errors and the cache."""

from __future__ import annotations

import base64
import json

import pytest

from ansible.errors import AnsibleError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins import inventory as inventory_base
from ansible.plugins.loader import inventory_loader

from ansible_collections.selfhosted.platforms.plugins.inventory import cloudsfor as plugin_module

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

NAME = "selfhosted.platforms.cloudsfor"
BASE = "https://cloudsfor.com/api/v1"
USER = "ops@example.com"
PASSWORD = "pw-9c2e7a41"

DISTROS = (200, {"distros": [
    {"id": 1, "name": "ubuntu-24.04", "image_type": "template", "description": "Ubuntu 24.04 LTS"},
    {"id": 2, "name": "ubuntu-22.04", "image_type": "template", "description": "Ubuntu 22.04 LTS"},
    {"id": 3, "name": "debian-12", "image_type": "template", "description": "Debian 12"},
    {"id": 4, "name": "rescue-iso", "image_type": "iso", "description": "Rescue"},
], "meta": {"total": 4}, "links": {}})
UNAUTHORIZED = (401, {"id": "unauthorized", "message": "Unable to authenticate you."})
ACCOUNT = (200, {"account": {"email": USER, "uuid": "0c3d6a51", "vm_limit": 10}})


def raw_vm(number, name, region="moscow_02", status="running", distro="ubuntu-24.04", memory=2, vcpus="2", disk="20",
           created="2026-01-01T00:00:00Z", region_shape="object", typed=True, networks=True):
    """A VM as the API answers it (numbers as strings, the region as an object, typed network entries)."""
    v4 = []
    if networks:
        v4 = [{"ip_address": "127.0.1.%d" % number, "netmask": "255.255.255.0", "gateway": "127.0.1.254", "type": "public"},
              {"ip_address": "10.10.0.%d" % number, "netmask": "255.255.0.0", "gateway": "10.10.0.254", "type": "private"}]
        if not typed:
            for entry in v4:
                del entry["type"]
    region_value = region if region_shape == "name" else {
        "name": region, "country": "Russia", "coordinates": {"lat": 55.75, "lng": 37.62}, "description": region}
    return {
        "id": "%032x" % number, "name": name, "memory": memory, "vcpus": vcpus, "disk": disk, "locked": False,
        "created_at": created, "status": status, "backup_ids": [], "snapshot_ids": [],
        "image": {"id": 1, "distro": distro, "name": distro.replace("-", " ")},
        "features": [], "networks": {"v4": v4}, "region": region_value,
    }


def vm_id(number):
    return "%032x" % number


def page(vms, total=None, links=None):
    return (200, {"vms": vms, "meta": {"total": len(vms) if total is None else total}, "links": links or {}})


FLEET = [
    raw_vm(1, "web", created="2026-01-01T10:00:00Z"),
    raw_vm(2, "db", region="moscow_03", status="stopped", distro="debian-12", memory=8, vcpus="4", disk="80",
           created="2026-01-01T11:00:00Z"),
    raw_vm(3, "build", status="new", created="2026-01-01T12:00:00Z", networks=False),
]


class Run:
    """One inventory parse: the server it talked to, the inventory it filled and the warnings it gave."""

    def __init__(self, inventory, server, warnings, plugin):
        self.inventory = inventory
        self.server = server
        self.warnings = warnings
        self.plugin = plugin

    def hosts(self):
        return sorted(self.inventory.hosts)

    def vars(self, host):
        return self.inventory.get_host(host).get_vars()

    def members(self, group):
        return sorted(host.name for host in self.inventory.groups[group].get_hosts())

    def requests(self, route=""):
        return ["%s %s" % (entry[0], entry[1]) for entry in self.server.log if entry[1].startswith("/api/v1" + route)]


@pytest.fixture
def parse(tmp_path, monkeypatch):
    """parse(options, *answers to GET /vms, extra_vars=None, cache=True, name=...) -> Run."""
    monkeypatch.delenv("CLOUDSFOR_API_URL", raising=False)
    monkeypatch.setenv("CLOUDSFOR_USER", USER)
    monkeypatch.setenv("CLOUDSFOR_PASSWORD", PASSWORD)

    def run(options=None, *answers, extra_vars=None, cache=True, name="test.cloudsfor.yml", server=None):
        server = server or FakeServer(BASE)
        if answers:
            server.on("GET", "/vms", *answers)
        if ("GET", "/distros") not in server.routes:
            server.on("GET", "/distros", DISTROS)
        if ("GET", "/account") not in server.routes:
            server.on("GET", "/account", ACCOUNT)
        real = plugin_module.CloudsForClient

        class Mounted(real):
            @classmethod
            def from_params(cls, params, **kwargs):
                client = real.from_params(params, **kwargs)
                mount(client.http, server)
                return client

        monkeypatch.setattr(plugin_module, "CloudsForClient", Mounted)
        monkeypatch.setattr(inventory_base, "load_extra_vars", lambda loader: dict(extra_vars or {}))
        warnings = []
        plugin = inventory_loader.get(NAME)
        monkeypatch.setattr(plugin.display, "warning", lambda msg, *args, **kwargs: warnings.append(msg))
        source = tmp_path / name
        source.write_text("plugin: %s\n%s" % (NAME, _yaml(options or {})))
        inventory = InventoryData()
        plugin.parse(inventory, DataLoader(), str(source), cache=cache)
        try:  # as the inventory manager does after each parse (no cache plugin is loaded without the cache option)
            plugin.update_cache_if_changed()
        except AttributeError:
            pass
        return Run(inventory, server, warnings, plugin)

    return run


def _yaml(options):
    """The options as YAML lines; each value written as JSON, which is YAML, so no quoting rule can go wrong."""
    return "".join("%s: %s\n" % (key, json.dumps(value)) for key, value in options.items())


# -- file names ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name,accepted", [
    ("prod.cloudsfor.yml", True), ("cloudsfor.yaml", True), ("hosts.yml", False), ("cloudsfor.yml.bak", False),
])
def test_only_sources_named_cloudsfor_yml_or_yaml_are_claimed(tmp_path, name, accepted):
    source = tmp_path / name
    source.write_text("plugin: %s\n" % NAME)
    assert inventory_loader.get(NAME).verify_file(str(source)) is accepted


# -- hosts, variables, groups --------------------------------------------------------------------------


def test_every_vm_is_a_host_named_by_its_name_with_its_variables_and_address(parse):
    run = parse({}, page(FLEET))
    assert run.hosts() == ["build", "db", "web"]
    web = run.vars("web")
    assert web["ansible_host"] == "127.0.1.1"
    assert {key: web[key] for key in web if key.startswith("cloudsfor_")} == {
        "cloudsfor_id": vm_id(1), "cloudsfor_name": "web", "cloudsfor_status": "running",
        "cloudsfor_region": "moscow_02", "cloudsfor_distro": "ubuntu-24.04", "cloudsfor_memory": 2,
        "cloudsfor_vcpus": 2, "cloudsfor_disk": 20, "cloudsfor_ipv4": "127.0.1.1", "cloudsfor_private_ipv4": "10.10.0.1",
        "cloudsfor_features": [], "cloudsfor_locked": False,
    }
    assert run.vars("db")["cloudsfor_vcpus"] == 4 and run.vars("db")["cloudsfor_disk"] == 80
    # a VM still being built has no address yet: no ansible_host rather than a wrong one
    assert "ansible_host" not in run.vars("build") and run.vars("build")["cloudsfor_ipv4"] is None
    assert run.warnings == []


def test_groups_by_region_status_and_distro_with_safe_names(parse):
    run = parse({}, page(FLEET))
    assert run.members("cloudsfor") == ["build", "db", "web"]
    assert run.members("cloudsfor_region_moscow_02") == ["build", "web"]
    assert run.members("cloudsfor_region_moscow_03") == ["db"]
    assert run.members("cloudsfor_status_running") == ["web"]
    assert run.members("cloudsfor_status_stopped") == ["db"]
    assert run.members("cloudsfor_status_new") == ["build"]
    assert run.members("cloudsfor_distro_ubuntu_24_04") == ["build", "web"]
    assert run.members("cloudsfor_distro_debian_12") == ["db"]
    assert not [group for group in run.inventory.groups if "-" in group or "." in group]


def test_an_empty_account_gives_the_empty_cloudsfor_group(parse):
    run = parse({}, page([]))
    assert run.hosts() == [] and run.members("cloudsfor") == []
    assert run.requests() == ["GET /api/v1/vms?page=1&per_page=200"]  # no VM, no distro to name


def test_the_region_as_a_plain_name_and_untyped_networks_read_the_same(parse):
    vms = [raw_vm(1, "web", region_shape="name", typed=False), raw_vm(2, "db", region="moscow_03", region_shape="name")]
    run = parse({}, page(vms))
    assert run.vars("web")["ansible_host"] == "127.0.1.1" and run.vars("web")["cloudsfor_region"] == "moscow_02"
    assert run.members("cloudsfor_region_moscow_03") == ["db"]


def test_hosts_named_by_id(parse):
    run = parse({"hostname": "id"}, page(FLEET))
    assert run.hosts() == sorted(vm_id(n) for n in (1, 2, 3))
    assert run.vars(vm_id(2))["cloudsfor_name"] == "db"
    assert run.members("cloudsfor_status_stopped") == [vm_id(2)]


def test_a_shared_name_is_kept_by_the_oldest_vm_and_the_others_fall_back_to_their_id(parse):
    # listed newest first: the choice goes by creation time, not by the server's order
    vms = [raw_vm(7, "web", created="2026-02-03T00:00:00Z"), raw_vm(5, "web", created="2026-02-01T00:00:00Z"),
           raw_vm(6, "web", region="moscow_03", created="2026-02-02T00:00:00Z")]
    run = parse({}, page(vms))
    assert run.hosts() == sorted(["web", vm_id(6), vm_id(7)])
    assert run.vars("web")["cloudsfor_id"] == vm_id(5)
    assert run.vars(vm_id(7))["cloudsfor_name"] == "web" and run.vars(vm_id(7))["ansible_host"] == "127.0.1.7"
    assert run.members("cloudsfor_region_moscow_03") == [vm_id(6)]
    assert len(run.warnings) == 2
    assert all(vm_id(5) in text and "'web'" in text for text in run.warnings)
    assert vm_id(6) in run.warnings[0] and vm_id(7) in run.warnings[1]


def test_vms_created_in_the_same_second_keep_the_servers_order(parse):
    # ids sort the other way: only the listing order can give the name to vm 9
    vms = [raw_vm(9, "twin", created="2026-02-01T00:00:00Z"), raw_vm(4, "twin", created="2026-02-01T00:00:00Z"),
           raw_vm(8, "", created="2026-02-01T00:00:00Z")]
    run = parse({}, page(vms))
    assert run.vars("twin")["cloudsfor_id"] == vm_id(9)
    assert run.hosts() == sorted(["twin", vm_id(4), vm_id(8)])
    assert any(vm_id(8) in text and "no name" in text for text in run.warnings)


def test_no_name_clash_and_no_warning_when_hosts_are_named_by_id(parse):
    vms = [raw_vm(1, "web"), raw_vm(2, "web")]
    run = parse({"hostname": "id"}, page(vms))
    assert run.hosts() == [vm_id(1), vm_id(2)] and run.warnings == []


# -- filters -------------------------------------------------------------------------------------------


def test_regions_and_statuses_select_vms(parse):
    assert parse({"regions": ["moscow_03"]}, page(FLEET)).hosts() == ["db"]
    assert parse({"statuses": ["running", "new"]}, page(FLEET)).hosts() == ["build", "web"]
    assert parse({"regions": ["moscow_02"], "statuses": ["stopped"]}, page(FLEET)).hosts() == []


def test_a_filtered_out_vm_does_not_take_a_shared_name(parse):
    vms = [raw_vm(1, "web", status="stopped", created="2026-01-01T00:00:00Z"), raw_vm(2, "web", created="2026-01-02T00:00:00Z")]
    run = parse({"statuses": ["running"]}, page(vms))
    assert run.hosts() == ["web"] and run.vars("web")["cloudsfor_id"] == vm_id(2) and run.warnings == []


# -- constructed -------------------------------------------------------------------------------------------


def test_compose_groups_and_keyed_groups_see_the_host_variables(parse):
    options = {
        "compose": {"size": "cloudsfor_vcpus ~ 'cpu-' ~ cloudsfor_memory ~ 'gb'", "ansible_host": "cloudsfor_private_ipv4"},
        "groups": {"big": "cloudsfor_memory >= 8"},
        "keyed_groups": [{"key": "size", "prefix": "size"}, {"key": "cloudsfor_region", "prefix": "where"}],
    }
    run = parse(options, page(FLEET[:2]))
    assert run.vars("web")["size"] == "2cpu-2gb" and run.vars("db")["size"] == "4cpu-8gb"
    assert run.vars("web")["ansible_host"] == "10.10.0.1"  # compose runs after the plugin's own ansible_host
    assert run.members("big") == ["db"]
    assert run.members("size_2cpu_2gb") == ["web"] and run.members("size_4cpu_8gb") == ["db"]
    assert run.members("where_moscow_03") == ["db"]


def test_strict_makes_a_broken_compose_fail_and_lenient_skips_it(parse):
    options = {"compose": {"broken": "cloudsfor_no_such_var.attr"}}
    assert "broken" not in parse(options, page(FLEET[:1])).vars("web")
    with pytest.raises(AnsibleError, match="broken"):
        parse(dict(options, strict=True), page(FLEET[:1]))


# -- connection and credentials ------------------------------------------------------------------------


def _basic(user, password):
    return "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()


def test_credentials_from_the_environment_travel_in_the_basic_auth_header_only(parse):
    run = parse({}, page(FLEET))
    assert run.server.log and all(entry[2]["Authorization"] == _basic(USER, PASSWORD) for entry in run.server.log)
    assert not [entry for entry in run.server.log if PASSWORD in entry[1]]
    assert all(entry[0] == "GET" for entry in run.server.log)


def test_a_templated_password_is_rendered_with_the_extra_variables(parse):
    run = parse({"api_user": "{{ who }}", "api_password": "{{ vault_cloudsfor_password }}"}, page(FLEET),
                extra_vars={"who": "vault@example.com", "vault_cloudsfor_password": "from-the-vault"})
    assert run.server.log[0][2]["Authorization"] == _basic("vault@example.com", "from-the-vault")


def test_a_password_from_the_environment_is_not_templated(parse, monkeypatch):
    monkeypatch.setenv("CLOUDSFOR_PASSWORD", "{{ not_a_template }}")
    run = parse({}, page(FLEET))
    assert run.server.log[0][2]["Authorization"] == _basic(USER, "{{ not_a_template }}")


def test_an_undefined_variable_in_the_password_names_the_option_only(parse):
    with pytest.raises(AnsibleError, match="api_password could not be rendered") as caught:
        parse({"api_password": "{{ nowhere }}"}, page(FLEET))
    assert "nowhere" not in str(caught.value)


def test_missing_credentials_are_named_before_any_request(parse, monkeypatch):
    monkeypatch.delenv("CLOUDSFOR_PASSWORD")
    server = FakeServer(BASE)
    with pytest.raises(AnsibleError, match="api_password is required: set it in the inventory source, or CLOUDSFOR_PASSWORD"):
        parse({}, page(FLEET), server=server)
    assert server.log == []


def test_a_wrong_password_fails_with_the_servers_message_and_without_the_password(parse):
    with pytest.raises(AnsibleError) as caught:
        parse({}, UNAUTHORIZED)
    assert "Unable to authenticate you." in str(caught.value) and "401" in str(caught.value)
    assert PASSWORD not in str(caught.value)


def test_a_password_the_server_echoes_is_masked(parse):
    echo = (422, {"id": "unprocessable_entity", "message": "password %s is not allowed" % PASSWORD})
    with pytest.raises(AnsibleError) as caught:
        parse({}, echo)
    assert PASSWORD not in str(caught.value) and "password ******** is not allowed" in str(caught.value)
    # the original exception, which holds it, is neither the cause nor the context
    assert caught.value.__cause__ is None and caught.value.__context__ is None


# -- pagination ---------------------------------------------------------------------------------------


def test_every_page_is_read(parse):
    first = page(FLEET[:2], total=3, links={"pages": {"next": BASE + "/vms?page=2&per_page=2", "last": BASE + "/vms?page=2&per_page=2"}})
    second = page(FLEET[2:], total=3, links={"pages": {"first": BASE + "/vms?page=1&per_page=2", "prev": BASE + "/vms?page=1&per_page=2"}})
    run = parse({}, first, second)
    assert run.hosts() == ["build", "db", "web"]
    assert run.requests("/vms") == ["GET /api/v1/vms?page=1&per_page=200", "GET /api/v1/vms?page=2&per_page=2"]


def test_a_distro_given_by_id_is_named_from_the_catalogue(parse):
    run = parse({}, page([raw_vm(1, "web", distro="ubuntu-24.04"), dict(raw_vm(2, "db"), image={"id": 3, "distro": 3, "name": "Debian 12"})]))
    assert run.vars("db")["cloudsfor_distro"] == "debian-12"
    assert run.members("cloudsfor_distro_debian_12") == ["db"]
    assert run.requests("/distros") == ["GET /api/v1/distros?page=1&per_page=200"]


# -- cache ------------------------------------------------------------------------------------------------


def _cache_options(tmp_path, **more):
    return dict({"cache": True, "cache_plugin": "ansible.builtin.jsonfile", "cache_connection": str(tmp_path / "cache"),
                 "cache_timeout": 600}, **more)


def test_the_second_parse_reads_the_cache_after_only_checking_the_credentials(parse, tmp_path):
    options = _cache_options(tmp_path)
    first = parse(options, page(FLEET))
    assert first.requests("/account") == []  # a parse that lists the VMs needs no separate check
    second = parse(options, UNAUTHORIZED)  # the list route would refuse: only the cache can answer
    assert second.requests() == ["GET /api/v1/account"]
    assert second.server.log[0][2]["Authorization"] == _basic(USER, PASSWORD)
    assert second.hosts() == ["build", "db", "web"] and second.vars("web")["ansible_host"] == "127.0.1.1"
    assert second.members("cloudsfor_distro_debian_12") == ["db"]
    # the filters apply to the cached VMs, so changing them needs no refresh
    third = parse(dict(options, statuses=["stopped"]), UNAUTHORIZED)
    assert third.requests() == ["GET /api/v1/account"] and third.hosts() == ["db"]


def test_a_wrong_password_fails_even_with_a_fresh_cache(parse, tmp_path, monkeypatch):
    options = _cache_options(tmp_path)
    parse(options, page(FLEET))
    monkeypatch.setenv("CLOUDSFOR_PASSWORD", "wrong-4e1c")
    server = FakeServer(BASE).on("GET", "/account", UNAUTHORIZED)
    with pytest.raises(AnsibleError) as caught:
        parse(options, page(FLEET), server=server)
    assert "Unable to authenticate you." in str(caught.value) and "401" in str(caught.value)
    assert "wrong-4e1c" not in str(caught.value)
    # refused at the check: the VMs were neither listed nor taken from the cache
    assert [entry[1] for entry in server.log] == ["/api/v1/account"]


def test_a_rotated_password_that_opens_the_account_uses_the_cache(parse, tmp_path, monkeypatch):
    options = _cache_options(tmp_path)
    parse(options, page(FLEET))
    monkeypatch.setenv("CLOUDSFOR_PASSWORD", "rotated-77a0")
    run = parse(options, UNAUTHORIZED)
    assert run.requests() == ["GET /api/v1/account"] and run.hosts() == ["build", "db", "web"]
    assert run.server.log[0][2]["Authorization"] == _basic(USER, "rotated-77a0")


def test_the_cache_holds_no_credential(parse, tmp_path):
    parse(_cache_options(tmp_path), page(FLEET))
    stored = "".join(path.read_text() for path in (tmp_path / "cache").iterdir())
    assert "vms" in stored and PASSWORD not in stored and USER not in stored


def test_a_refresh_reads_the_api_again_and_updates_the_cache(parse, tmp_path):
    options = _cache_options(tmp_path)
    parse(options, page(FLEET))
    refreshed = parse(options, page(FLEET[:1]), cache=False)  # what --flush-cache asks for
    assert refreshed.requests("/vms") and refreshed.requests("/account") == [] and refreshed.hosts() == ["web"]
    assert parse(options, UNAUTHORIZED).hosts() == ["web"]


def test_a_cache_entry_of_another_account_is_not_used(parse, tmp_path, monkeypatch):
    options = _cache_options(tmp_path)
    parse(options, page(FLEET))
    monkeypatch.setenv("CLOUDSFOR_USER", "someone-else@example.com")
    other = parse(options, page(FLEET[:1]))
    assert other.requests() and other.hosts() == ["web"]


def test_without_the_cache_option_every_parse_asks_the_api(parse):
    parse({}, page(FLEET))
    again = parse({}, page(FLEET))
    assert again.requests("/vms") and again.requests("/account") == []
