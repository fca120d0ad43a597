# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: cloudsfor
short_description: CloudsFor virtual machines as inventory hosts
version_added: 0.1.0
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
description:
  - Reads the virtual machines of a CloudsFor account and adds each one as a host, with C(ansible_host) set to its
    public IPv4 address.
  - Every host is in the group C(cloudsfor) and in one group per region, status and distro,
    C(cloudsfor_region_<region>), C(cloudsfor_status_<status>) and C(cloudsfor_distro_<distro>). Characters not
    allowed in a group name are replaced with C(_), so the distro C(ubuntu-24.04) gives C(cloudsfor_distro_ubuntu_24_04).
  - 'Host variables: C(cloudsfor_id), C(cloudsfor_name), C(cloudsfor_status), C(cloudsfor_region), C(cloudsfor_distro),
    C(cloudsfor_memory), C(cloudsfor_vcpus), C(cloudsfor_disk) (integers, GB for memory and disk), C(cloudsfor_ipv4)
    and C(cloudsfor_private_ipv4) (null when the VM has no such address), C(cloudsfor_features) and C(cloudsfor_locked).'
  - The inventory source is a YAML file whose name ends with C(cloudsfor.yml) or C(cloudsfor.yaml).
  - This plugin is B(experimental). It is written to the vendor's API documentation and, where that is silent
    (pagination, the shape of the network list), to the DigitalOcean-shaped contract the vendor's introduction copies;
    it has not yet been checked against a live account.
extends_documentation_fragment:
  - constructed
  - inventory_cache
options:
  plugin:
    description:
      - The name of this plugin; marks the file as an inventory source for it.
    required: true
    type: str
    choices: [selfhosted.platforms.cloudsfor]
  api_url:
    description:
      - The CloudsFor API URL; V(http://127.0.0.1:PORT/api/v1) for a test server.
      - May be a template, rendered with the extra variables.
    type: str
    default: https://cloudsfor.com/api/v1
    env:
      - name: CLOUDSFOR_API_URL
  api_user:
    description:
      - The account's e-mail address, the user name of the HTTP Basic authentication the API takes.
      - May be a template, rendered with the extra variables.
      - Required, here or in the environment.
    type: str
    env:
      - name: CLOUDSFOR_USER
  api_password:
    description:
      - The account's password, sent only in the C(Authorization) header; it never appears in a URL, an error or the
        inventory.
      - May be a template, rendered with the extra variables, for example a vaulted variable passed with
        C(-e @vault.yml). Values from the environment are taken as they are.
      - C(ansible-inventory --list) prints the extra variables among every host's variables, so a password passed
        as one shows there; C(--graph) and playbook runs do not print it.
      - Required, here or in the environment.
    type: str
    env:
      - name: CLOUDSFOR_PASSWORD
  validate_certs:
    description:
      - Whether to verify the server's TLS certificate. Prefer O(ca_path) for a private CA.
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file of CA certificates used to verify the server. The file must exist.
    type: path
  request_timeout:
    description:
      - Seconds to wait for each HTTP answer. Must be greater than 0.
    type: float
    default: 30
  hostname:
    description:
      - What names the hosts.
      - V(name) uses the VM's name. VM names need not be unique on CloudsFor; when two VMs selected share a name, the
        one created first (the one listed first, for VMs created in the same second) keeps it and each other one is
        added under its id, with a warning. Its name stays in C(cloudsfor_name). A VM without a name is added under its
        id as well.
      - V(id) uses the VM's id, which is always unique.
    type: str
    choices: [name, id]
    default: name
  regions:
    description:
      - Only VMs in these regions (region names such as V(moscow_02)). All regions when empty.
    type: list
    elements: str
    default: []
  statuses:
    description:
      - Only VMs with one of these statuses (V(new) while being built, V(running), V(stopped)). All when empty.
    type: list
    elements: str
    default: []
notes:
  - The whole list of VMs is read, page by page, and the distro catalogue once to name each VM's distro (a VM may
    carry the id it was created with); O(regions) and O(statuses) are applied afterwards, so changing them needs no
    cache refresh.
  - With O(cache) enabled the VMs are kept in the chosen cache plugin and the next run reads them from there instead
    of listing them, until O(cache_timeout) passes or C(--flush-cache) is given. A cache entry written for another
    O(api_url) or O(api_user) is not used.
  - The cache holds no credential, so before a cache entry is used one request (C(GET /account)) checks that the
    credentials given still open the account; a wrong or changed password fails as it does without the cache, with
    the server's message, and never lists the cached VMs.
  - A VM that has no public IPv4 address yet (one still being built) gets no C(ansible_host); O(compose) can set one.
  - Errors quote the server's own message (the C(message) of its C({id, message}) error body).
requirements:
  - requests
"""

EXAMPLES = r"""
# The smallest source, cloudsfor.yml, takes every VM of the account and the credentials from CLOUDSFOR_USER and
# CLOUDSFOR_PASSWORD; it holds one line:
#   plugin: selfhosted.platforms.cloudsfor
#
# prod.cloudsfor.yml: running VMs of two regions with the password from a vaulted variable
#   ansible-inventory -i prod.cloudsfor.yml -e @vault.yml --ask-vault-pass --graph
# plus a composed variable and groups, and a cache in JSON files for an hour.
plugin: selfhosted.platforms.cloudsfor
api_user: ops@example.com
api_password: "{{ vault_cloudsfor_password }}"
regions: [moscow_02, moscow_03]
statuses: [running]
# hostname: id    # name the hosts by VM id (always unique) instead of by name
compose:
  ansible_user: "'root'"
  size: cloudsfor_vcpus ~ 'cpu-' ~ cloudsfor_memory ~ 'gb'
keyed_groups:
  - key: size
    prefix: size
groups:
  big: cloudsfor_memory >= 8
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/cloudsfor-inventory
cache_timeout: 3600
"""

import hashlib

from ansible.errors import AnsibleParserError
from ansible.inventory.group import to_safe_group_name
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.utils.unsafe_proxy import wrap_var

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.client import CloudsForClient
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.view import vm_view
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import CORE_ERRORS
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.http import (
    HAS_REQUESTS, REQUESTS_IMPORT_ERROR, plain_http_warning,
)

ALL_GROUP = "cloudsfor"
# The fields of the VM view that become host variables (prefixed with cloudsfor_), and those that make groups.
HOST_VARS = ("id", "name", "status", "region", "distro", "memory", "vcpus", "disk", "ipv4", "private_ipv4",
             "features", "locked")
GROUPED_BY = ("region", "status", "distro")
CONNECTION = ("api_url", "api_user", "api_password", "validate_certs", "ca_path", "request_timeout")
TEMPLATED = ("api_url", "api_user", "api_password")
MASK = "********"


def group_name(kind, value):
    """``cloudsfor_<kind>_<value>`` with every character a group name cannot hold replaced by ``_``."""
    return to_safe_group_name("%s_%s_%s" % (ALL_GROUP, kind, value), force=True, silent=True)


def host_names(vms, by):
    """(host name, VM) for each VM; under ``by == "name"`` a repeated or empty name falls back to the VM's id.

    The oldest VM keeps a shared name, so the choice does not depend on the order the server lists them in; VMs
    created in the same second (``created_at`` counts seconds) keep the server's order, the order they were made in.
    Returns the pairs and the warnings to show.
    """
    if by == "id":
        return [(vm["id"], vm) for vm in vms], []
    pairs, warnings, owner = [], [], {}
    for vm in sorted(vms, key=lambda item: str(item.get("created_at") or "")):  # stable: ties keep their order
        name = vm.get("name")
        if not name:
            warnings.append("CloudsFor VM %s has no name; it is added as host %s" % (vm["id"], vm["id"]))
            pairs.append((vm["id"], vm))
        elif name in owner:
            warnings.append("CloudsFor VMs %s and %s are both named %r; %s keeps the name and %s is added as host %s "
                            "(hostname: id names every host by id)" % (owner[name], vm["id"], name, owner[name], vm["id"], vm["id"]))
            pairs.append((vm["id"], vm))
        else:
            owner[name] = vm["id"]
            pairs.append((name, vm))
    return pairs, warnings


def selected(vms, regions, statuses):
    """The VMs in one of ``regions`` and with one of ``statuses`` (an empty filter lets every VM through)."""
    return [vm for vm in vms
            if (not regions or vm.get("region") in regions) and (not statuses or vm.get("status") in statuses)]


def masked(text, secret):
    """``text`` with every occurrence of ``secret`` replaced: a last guard, no message should hold it."""
    return text.replace(secret, MASK) if secret else text


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    """The VMs of a CloudsFor account as hosts."""

    NAME = "selfhosted.platforms.cloudsfor"

    def verify_file(self, path):
        if not super().verify_file(path):
            return False
        if path.endswith(("cloudsfor.yml", "cloudsfor.yaml")):
            return True
        self.display.vvv("Skipping %s: a CloudsFor inventory source's name ends with cloudsfor.yml or cloudsfor.yaml" % path)
        return False

    def parse(self, inventory, loader, path, cache=True):
        super().parse(inventory, loader, path, cache)
        config = self._read_config_data(path)
        params = self._connection_params(config)
        failure = None
        try:
            vms = self._vms(path, cache, params)
        except CORE_ERRORS as exc:
            failure = masked(str(exc), params.get("api_password"))
        if failure is not None:  # raised here, not in the handler, so the original error is not attached to it
            raise AnsibleParserError(failure)
        self._populate(selected(vms, self.get_option("regions"), self.get_option("statuses")))

    # -- options -------------------------------------------------------------------------------------

    def _connection_params(self, config):
        """The connection options as the client takes them. Those written in the inventory source are rendered as
        templates with the extra variables; a value from the environment is used as it is."""
        self.templar.available_variables = self._vars
        params = {}
        for option in CONNECTION:
            value = self.get_option(option)
            if option in TEMPLATED and option in config and isinstance(value, str):
                value = self._render(option, value)
            params[option] = value
        for option, variable in (("api_user", "CLOUDSFOR_USER"), ("api_password", "CLOUDSFOR_PASSWORD")):
            if not params.get(option):
                raise AnsibleParserError("%s is required: set it in the inventory source, or %s" % (option, variable))
        return params

    def _render(self, option, value):
        reason = None
        try:
            return self.templar.template(value)
        except Exception as exc:  # the template engine raises many types; whatever it is, it is reported here
            # a password's template error could quote a literal password, so only its type is named
            reason = exc.__class__.__name__ if option == "api_password" else str(exc)
        raise AnsibleParserError("%s could not be rendered: %s" % (option, reason))

    # -- reading -------------------------------------------------------------------------------------

    def _vms(self, path, cache, params):
        """The account's VMs (the fields the inventory uses): from the cache when allowed and fresh, else from the API."""
        use_cache = self.get_option("cache")
        key = self.get_cache_key(path) if use_cache else None
        # the entry records which account it holds, by a digest (the cache is no place for the e-mail address)
        source = hashlib.sha256(("%s\n%s" % (params["api_url"], params["api_user"])).encode("utf-8")).hexdigest()
        if use_cache and cache:
            try:
                entry = self._cache[key]
            except KeyError:
                entry = None
            if isinstance(entry, dict) and entry.get("source") == source and isinstance(entry.get("vms"), list):
                # the cache holds no credential: a cheap read proves the password given still opens the account, so
                # a wrong or rotated one fails here as it would without the cache
                self._client(params).get("/account", "account")
                return entry["vms"]
        vms = self._fetch(self._client(params))
        if use_cache:
            self._cache[key] = {"source": source, "vms": vms}
        return vms

    def _client(self, params):
        if not HAS_REQUESTS:
            raise AnsibleParserError("the CloudsFor inventory needs the Python library requests on the controller: %s"
                                     % REQUESTS_IMPORT_ERROR)
        warning = plain_http_warning(params["api_url"] or "")
        if warning:
            self.display.warning(warning)
        return CloudsForClient.from_params(params)

    @staticmethod
    def _fetch(client):
        raws = client.list_all("/vms", "vms")
        # a VM carries the distro it was created with, a name or an id; the catalogue names it as the modules do
        distros = client.list_all("/distros", "distros") if raws else None
        # what the inventory uses of each view: the host variables, and the creation time that settles shared names
        return [{key: view.get(key) for key in HOST_VARS + ("created_at",)} for view in (vm_view(raw, distros) for raw in raws)]

    # -- the inventory -------------------------------------------------------------------------------

    def _populate(self, vms):
        self.inventory.add_group(ALL_GROUP)
        pairs, warnings = host_names(vms, self.get_option("hostname"))
        for warning in warnings:
            self.display.warning(warning)
        strict = self.get_option("strict")
        for host, vm in pairs:
            self.inventory.add_host(host, group=ALL_GROUP)
            # what the API says is data, never a template (a VM named "{{ lookup(...) }}" stays that text)
            for field in HOST_VARS:
                self.inventory.set_variable(host, "cloudsfor_%s" % field, wrap_var(vm.get(field)))
            if vm.get("ipv4"):
                self.inventory.set_variable(host, "ansible_host", wrap_var(vm["ipv4"]))
            for kind in GROUPED_BY:
                if vm.get(kind) not in (None, ""):
                    self.inventory.add_child(self.inventory.add_group(group_name(kind, vm[kind])), host)
            hostvars = self.inventory.get_host(host).get_vars()
            self._set_composite_vars(self.get_option("compose"), hostvars, host, strict=strict)
            self._add_host_to_composed_groups(self.get_option("groups"), hostvars, host, strict=strict)
            self._add_host_to_keyed_groups(self.get_option("keyed_groups"), hostvars, host, strict=strict)
