# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""App options: validation, identity and lookup, and the install request per server version, waited on and read back."""

from __future__ import annotations

import functools

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron import apps as apps_module
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.apps import Apps
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.client import CloudronClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.context import CloudronContext
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.auth import BearerAuth
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import PartialFailure, ResourceError, TaskFailed
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import REDACTED
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import HttpClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.wait import wait_for_task
from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.fake_http import FakeServer, mount

GITEA = "io.gitea.cloudronapp"
DB_SECRET = "s3cret-db-password"
INSTALL = {"app_store_id": GITEA, "subdomain": "Git", "domain": "Example.com", "ports": {"SSH_PORT": 2222},
           "env": {"LOG_LEVEL": "debug"}, "secret_env": {"DB_PASSWORD": DB_SECRET}}


@pytest.fixture(autouse=True)
def instant_task_waits(monkeypatch):
    """Task polls of the app resource do not really sleep."""
    monkeypatch.setattr(apps_module, "wait_for_task", functools.partial(wait_for_task, sleep=lambda seconds: None))


def installed(**extra):
    """An installed app as a 9.x server answers it."""
    app = {"id": "app-1", "appStoreId": GITEA, "manifest": {"id": GITEA, "version": "1.34.0"}, "subdomain": "git",
           "domain": "example.com", "fqdn": "git.example.com", "accessRestriction": None, "ports": {"SSH_PORT": 2222},
           "env": {"LOG_LEVEL": "debug", "DB_PASSWORD": DB_SECRET}, "installationState": "installed", "runState": "running",
           "health": "healthy", "error": None, "taskId": None, "enableBackup": True, "enableAutomaticUpdate": True,
           "memoryLimit": 0, "cpuQuota": 100, "sso": True, "label": "", "tags": []}
    app.update(extra)
    return app


def make(version="9.0.15", warnings=None, **options):
    """An engine for apps (``options`` for ``Apps``) on a fake server; warnings go to the ``warnings`` list."""
    http = HttpClient("https://my.example.com/api/v1", auth=BearerAuth("t"), sleep=lambda s: None)
    server = mount(http, FakeServer())
    server.on("GET", "/cloudron/status", (200, {"version": version}))
    server.on("GET", "/apps", (200, {"apps": []}))
    server.on("GET", "/users", (200, {"users": []}))
    server.on("GET", "/groups", (200, {"groups": []}))
    server.on("GET", "/tasks/7", (200, {"id": "7", "active": False, "pending": True, "success": False}),
              (200, {"id": "7", "active": False, "pending": False, "success": True, "percent": 100}))
    server.on("GET", "/apps/app-1", (200, installed()))
    ctx = CloudronContext(CloudronClient(http), warn=None if warnings is None else warnings.append)
    return Engine(Apps(**options), ctx), server


def posted(server):
    return [(entry[1], entry[3]) for entry in server.writes()]


# -- validation --------------------------------------------------------------------------------


@pytest.mark.parametrize("item,problem", [
    ({"domain": "example.com", "subdomain": "-git"}, "subdomain '-git': each label must be 1 to 63 letters, digits or -"),
    ({"domain": "example.com", "subdomain": "git..team"}, "subdomain 'git..team': each label must be 1 to 63 letters, digits or -"),
    ({"domain": "example.com", "subdomain": "x" * 64}, "subdomain %r: each label must be 1 to 63 letters, digits or -" % ("x" * 64)),
    ({"domain": "example.com", "subdomain": "git_lab"}, "subdomain 'git_lab': each label must be 1 to 63 letters, digits or -"),
    ({"domain": "example.com", "ports": {"SSH_PORT": 0}}, "ports: SSH_PORT=0 is not a port number"),
    ({"domain": "example.com", "ports": {"SSH_PORT": 65536}}, "ports: SSH_PORT=65536 is not a port number"),
    ({"domain": "example.com", "env": {"1ST": "a", "OK_NAME": "b"}, "secret_env": {"API-KEY": "c"}},
     "env: '1ST', 'API-KEY' not valid variable names"),
    ({"domain": "example.com", "env": {"DB_PASSWORD": REDACTED, "API_KEY": REDACTED, "PLAIN": "x"}},
     "env: API_KEY, DB_PASSWORD hold the masking marker ******** instead of a value; give the value, or move them to secret_env"),
    ({"domain": "example.com", "label": "x" * 129}, "label is longer than 128 characters"),
    ({"subdomain": "git"}, "an app needs a domain (and a subdomain, empty for the domain itself)"),
])
def test_validation_problems(item, problem):
    assert Apps.validate(item) == [problem]


@pytest.mark.parametrize("item", [
    {"domain": "example.com"},
    {"domain": "example.com", "subdomain": "a.b-c.0", "ports": {"SSH_PORT": 1, "WEB": 65535}, "label": "x" * 128},
    {"app_id": "app-1"},
    {"domain": "example.com", "env": {"_PRIVATE": "********x"}, "secret_env": {"TOKEN": REDACTED}},
])
def test_valid_items_have_no_problems(item):
    assert Apps.validate(item) == []


def test_every_problem_of_every_entry_is_reported_at_once_with_its_position():
    engine, server = make()
    with pytest.raises(ResourceError) as caught:
        engine.items([{"domain": "example.com", "subdomain": "ok"},
                      {"domain": "example.com", "subdomain": "bad_name", "ports": {"SSH": 70000}}], option="apps")
    assert str(caught.value) == ("apps[1] (bad_name.example.com): subdomain 'bad_name': each label must be 1 to 63 letters, digits or -; "
                                 "apps[1] (bad_name.example.com): ports: SSH=70000 is not a port number")
    assert server.log == []


def test_a_cpu_quota_out_of_range_is_refused_before_any_request():
    engine, server = make()
    with pytest.raises(ResourceError) as caught:
        engine.items([dict(INSTALL, cpu_quota=500)], option="apps")
    assert str(caught.value) == "apps[0] (Git.Example.com): cpu_quota: 500 is out of range (1 to 100)"
    assert server.log == []


# -- identity ------------------------------------------------------------------------------------


@pytest.mark.parametrize("item,key", [
    ({"subdomain": "git", "domain": "example.com"}, "git.example.com"),
    ({"subdomain": "", "domain": "example.com"}, "example.com"),
    ({"domain": "example.com"}, "example.com"),
    ({"fqdn": "wiki.example.com"}, "wiki.example.com"),
    ({"app_id": "app-1"}, "app-1"),
])
def test_key_is_the_fqdn_or_else_the_app_id(item, key):
    assert Apps.key(item) == key


CURRENT = [{"id": "app-1", "fqdn": "git.example.com"}, {"id": "app-2", "fqdn": "wiki.example.com"},
           {"id": "app-3", "fqdn": "example.com"}]


@pytest.mark.parametrize("item,found", [
    ({"app_id": "app-2", "subdomain": "git", "domain": "example.com"}, "app-2"),
    ({"app_id": "app-9", "subdomain": "git", "domain": "example.com"}, None),
    ({"subdomain": "wiki", "domain": "example.com"}, "app-2"),
    ({"subdomain": "", "domain": "example.com"}, "app-3"),
    ({"subdomain": "docs", "domain": "example.com", "previous_fqdn": "wiki.example.com"}, "app-2"),
    ({"subdomain": "git", "domain": "example.com", "previous_fqdn": "wiki.example.com"}, "app-1"),
    ({"subdomain": "docs", "domain": "example.com", "previous_fqdn": "gone.example.com"}, None),
    ({"subdomain": "docs", "domain": "example.com"}, None),
])
def test_find_by_app_id_else_fqdn_else_previous_fqdn(item, found):
    match = Apps.find(CURRENT, item)
    assert (match["id"] if match else None) == found


# -- installing ------------------------------------------------------------------------------------


def test_a_9x_server_installs_through_post_apps_with_subdomain_and_ports():
    engine, server = make()
    server.on("POST", "/apps", (202, {"id": "app-1", "taskId": "7"}))
    engine.converge(engine.items([INSTALL]), "present")
    assert posted(server) == [("/api/v1/apps", {
        "appStoreId": GITEA, "subdomain": "git", "domain": "example.com", "accessRestriction": None,
        "ports": {"SSH_PORT": 2222}, "env": {"LOG_LEVEL": "debug", "DB_PASSWORD": DB_SECRET}})]


def test_a_version_is_pinned_in_the_app_store_id_and_install_options_are_carried():
    engine, server = make()
    server.on("POST", "/apps", (202, {"id": "app-1", "taskId": "7"}))
    engine.converge(engine.items([{"app_store_id": GITEA, "version": "1.33.1", "domain": "example.com", "label": "Code",
                                   "memory_limit": "512M", "enable_backup": False, "overwrite_dns": True}]), "present")
    assert posted(server) == [("/api/v1/apps", {
        "appStoreId": GITEA + "@1.33.1", "subdomain": "", "domain": "example.com", "accessRestriction": None,
        "label": "Code", "enableBackup": False, "memoryLimit": 536870912, "overwriteDns": True})]


def test_an_8_1_server_installs_through_apps_install_with_subdomain_and_port_bindings():
    engine, server = make(version="8.1.2")
    server.on("POST", "/apps/install", (202, {"id": "app-1", "taskId": "7"}))
    engine.converge(engine.items([INSTALL]), "present")
    assert posted(server) == [("/api/v1/apps/install", {
        "appStoreId": GITEA, "subdomain": "git", "domain": "example.com", "accessRestriction": None,
        "portBindings": {"SSH_PORT": 2222}, "env": {"LOG_LEVEL": "debug", "DB_PASSWORD": DB_SECRET}})]


@pytest.mark.parametrize("version,route", [("8.0.0", "/apps/install"), ("8.1.2", "/apps/install"), ("8.2.0", "/apps"), ("9.0.15", "/apps")])
def test_an_8_1_server_is_sent_subdomain_like_every_supported_version(version, route):
    engine, server = make(version=version)
    server.on("POST", route, (202, {"id": "app-1", "taskId": "7"}))
    engine.converge(engine.items([INSTALL]), "present")
    body = posted(server)[0][1]
    assert (body.get("subdomain"), "location" in body) == ("git", False)


@pytest.mark.parametrize("version,ports_name", [("8.1.2", "portBindings"), ("9.0.15", "ports")])
def test_a_location_change_sends_subdomain_and_the_port_bindings_under_the_versions_name(version, ports_name):
    engine, server = make(version=version)
    server.on("GET", "/apps", (200, {"apps": [installed()]}))
    server.on("POST", "/apps/app-1/configure/location", (202, {"taskId": "7"}))
    outcome = engine.converge(engine.items([{"subdomain": "code", "domain": "example.com", "previous_fqdn": "git.example.com"}]),
                              "present")
    assert [change.report() for change in outcome.changes] == [{"action": "update", "key": "git.example.com", "fields": ["subdomain"]}]
    assert posted(server) == [("/api/v1/apps/app-1/configure/location", {
        "subdomain": "code", "domain": "example.com", ports_name: {"SSH_PORT": 2222}, "overwriteDns": False, "skipDnsSetup": False,
        "secondaryDomains": [], "aliasDomains": [], "redirectDomains": []})]


def test_install_waits_for_the_task_then_reads_the_app():
    engine, server = make()
    server.on("POST", "/apps", (202, {"id": "app-1", "taskId": "7"}))
    outcome = engine.converge(engine.items([INSTALL]), "present")
    assert [entry[:2] for entry in server.log] == [
        ("GET", "/api/v1/apps"), ("GET", "/api/v1/cloudron/status"), ("POST", "/api/v1/apps"),
        ("GET", "/api/v1/tasks/7"), ("GET", "/api/v1/tasks/7"), ("GET", "/api/v1/apps/app-1"), ("GET", "/api/v1/apps/app-1")]
    assert [change.report() for change in outcome.changes] == [{"action": "create", "key": "git.example.com", "fields": [
        "app_store_id", "domain", "env", "ports", "secret_env", "subdomain"]}]
    assert (outcome.results[0]["id"], outcome.results[0]["installation_state"], outcome.results[0]["version"]) == (
        "app-1", "installed", "1.34.0")


def test_secret_env_is_sent_but_shown_masked():
    engine, server = make()
    server.on("POST", "/apps", (202, {"id": "app-1", "taskId": "7"}))
    outcome = engine.converge(engine.items([INSTALL]), "present")
    assert posted(server)[0][1]["env"] == {"LOG_LEVEL": "debug", "DB_PASSWORD": DB_SECRET}
    assert outcome.results[0]["env"] == {"LOG_LEVEL": "debug", "DB_PASSWORD": REDACTED}
    assert outcome.after["git.example.com"]["env"] == {"LOG_LEVEL": "debug", "DB_PASSWORD": REDACTED}
    assert outcome.after["git.example.com"]["secret_env"] == REDACTED
    assert "secret_env" not in outcome.results[0]
    assert DB_SECRET not in repr((outcome.before, outcome.after, outcome.results))


def test_a_failed_install_task_names_the_app():
    engine, server = make()
    server.on("POST", "/apps", (202, {"id": "app-1", "taskId": "7"}))
    server.on("GET", "/tasks/7", (200, {"id": "7", "active": False, "pending": False, "success": False,
                                        "error": {"message": "Docker image not found"}}))
    with pytest.raises(PartialFailure) as caught:
        engine.converge(engine.items([INSTALL]), "present")
    assert isinstance(caught.value.error, TaskFailed)
    assert str(caught.value.error) == "app git.example.com: install: task 7 failed: Docker image not found"


# -- not waiting -----------------------------------------------------------------------------------


def test_without_waiting_an_install_leaves_the_later_routes_postponed_and_shows_the_app_as_the_server_has_it():
    warnings = []
    engine, server = make(warnings=warnings, wait=False)
    server.on("POST", "/apps", (202, {"id": "app-1", "taskId": "7"}))
    server.on("GET", "/apps/app-1", (200, installed(installationState="pending_install", runState="running", health=None, taskId="7")))
    outcome = engine.converge(engine.items([dict(INSTALL, tags=["dev"], cpu_quota=50)]), "present")
    assert [change.report() for change in outcome.changes] == [{
        "action": "create", "key": "git.example.com", "fields": ["app_store_id", "domain", "env", "ports", "secret_env", "subdomain"],
        "postponed": ["cpu_quota", "tags"]}]
    assert [entry[:2] for entry in server.log] == [
        ("GET", "/api/v1/apps"), ("GET", "/api/v1/cloudron/status"), ("POST", "/api/v1/apps"), ("GET", "/api/v1/apps/app-1")]
    assert (outcome.results[0]["installation_state"], outcome.results[0]["cpu_quota"]) == ("pending_install", 100)
    assert warnings == ["app git.example.com: tags left for a later run (wait=false, a task is already running)",
                        "app git.example.com: cpu_quota left for a later run (wait=false, a task is already running)"]


def test_without_waiting_an_update_writes_until_a_task_starts_and_postpones_the_rest():
    engine, server = make(wait=False)
    server.on("GET", "/apps", (200, {"apps": [installed()]}))
    server.on("POST", "/apps/app-1/configure/label", (200, {}))
    server.on("POST", "/apps/app-1/configure/memory_limit", (202, {"taskId": "7"}))
    server.on("GET", "/apps/app-1", (200, installed(label="Code", installationState="pending_resize", taskId="7")))
    outcome = engine.converge(engine.items([{"subdomain": "git", "domain": "example.com", "label": "Code", "memory_limit": "1G",
                                             "cpu_quota": 50, "run_state": "stopped"}]), "present")
    assert [change.report() for change in outcome.changes] == [{
        "action": "update", "key": "git.example.com", "fields": ["label", "memory_limit"], "postponed": ["cpu_quota", "run_state"]}]
    assert posted(server) == [("/api/v1/apps/app-1/configure/label", {"label": "Code"}),
                              ("/api/v1/apps/app-1/configure/memory_limit", {"memoryLimit": 1073741824})]
    assert "/api/v1/tasks/7" not in [entry[1] for entry in server.log]
    assert (outcome.results[0]["installation_state"], outcome.results[0]["label"], outcome.results[0]["memory_limit"]) == (
        "pending_resize", "Code", 0)


def test_waiting_leaves_nothing_postponed():
    engine, server = make()
    server.on("GET", "/apps", (200, {"apps": [installed()]}))
    server.on("POST", "/apps/app-1/configure/memory_limit", (202, {"taskId": "7"}))
    server.on("POST", "/apps/app-1/configure/cpu_quota", (202, {"taskId": "7"}))
    outcome = engine.converge(engine.items([{"subdomain": "git", "domain": "example.com", "memory_limit": "1G", "cpu_quota": 50}]),
                              "present")
    assert [change.report() for change in outcome.changes] == [
        {"action": "update", "key": "git.example.com", "fields": ["cpu_quota", "memory_limit"]}]
    assert [path for path, _body in posted(server)] == ["/api/v1/apps/app-1/configure/memory_limit",
                                                        "/api/v1/apps/app-1/configure/cpu_quota"]
