# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Control interface for mail: seeding mail domain settings, mailboxes (with aliases), lists and the mail server's
settings; their part of GET /_control/state; failing server tasks (the mail server's location change)."""

import copy

from common.control import need as _need
from common.routing import Response

from .busy import LOCKING
from .errors import ApiError
from .mail_domains import RELAY_FIELDS, mail_domain_json
from .mail_lists import list_json
from .mail_names import holder
from .mailboxes import OWNER_TYPES, aliases_json, mailbox_json
from .mailserver import LOCATION_TASK, location
from .mailserver_settings import DEFAULTS as MAILSERVER_DEFAULTS
from .directory import SYNC_TASK
from .network import RENEW_TASK

# task types whose failures POST /_control/task_faults can arrange
TASK_TYPES = (LOCATION_TASK,) + LOCKING + (RENEW_TASK,) + (SYNC_TASK,)


def _free(state, name, domain):
    if holder(state, name, domain) is not None:
        raise ApiError(400, "duplicate address %s@%s" % (name, domain))


def _in_domain(state, what, domain):
    if domain not in state.domains:
        raise ApiError(400, "%s: no domain %s" % (what, domain))


def seed_mail_domain(state, spec):
    if not isinstance(spec, dict):
        raise ApiError(400, "each mail domain must be an object")
    name = _need(spec, "domain", str, required=True).lower()
    _in_domain(state, "mail domain %s" % name, name)
    mail = state.domains[name].mail
    for field, attribute, kind in (("enabled", "enabled", bool), ("mailFromValidation", "mail_from_validation", bool),
                                   ("catchAll", "catch_all", list), ("relay", "relay", dict), ("banner", "banner", dict)):
        if _need(spec, field, kind) is not None:
            setattr(mail, attribute, copy.deepcopy(spec[field]))
    unknown = sorted(set(mail.relay) - set(RELAY_FIELDS))
    if "provider" not in mail.relay or unknown:
        raise ApiError(400, "mail domain %s: relay needs provider and may have %s" % (name, ", ".join(RELAY_FIELDS)))
    mail.banner = {"text": mail.banner.get("text", ""), "html": mail.banner.get("html", "")}
    return name


def _owner(state, spec, address):
    owner = _need(spec, "owner", str, required=True)
    owner_type = _need(spec, "ownerType", str) or "user"
    if owner_type not in OWNER_TYPES:
        raise ApiError(400, "mailbox %s: ownerType must be user or group" % address)
    found = state.user_by_username_or_email(owner) if owner_type == "user" else state.group_by_name(owner)
    if found is None:
        raise ApiError(400, "mailbox %s: no %s %s" % (address, owner_type, owner))
    return found.id, owner_type


def _aliases(state, spec, address):
    """The aliases of a seeded mailbox: "name@domain" strings or {name, domain} objects, in mail domains, free."""
    aliases = []
    for alias in _need(spec, "aliases", list) or []:
        if isinstance(alias, str) and alias.count("@") == 1:
            alias = dict(zip(("name", "domain"), alias.split("@")))
        if not isinstance(alias, dict) or not all(isinstance(alias.get(k), str) for k in ("name", "domain")):
            raise ApiError(400, "mailbox %s: an alias must be name@domain or {name, domain}" % address)
        entry = {"name": alias["name"].lower(), "domain": alias["domain"].lower()}
        _in_domain(state, "mailbox %s: alias %s@%s" % ((address,) + (entry["name"], entry["domain"])), entry["domain"])
        _free(state, entry["name"], entry["domain"])
        if entry in aliases or entry["name"] + "@" + entry["domain"] == address:
            raise ApiError(400, "duplicate address %s@%s" % (entry["name"], entry["domain"]))
        aliases.append(entry)
    return aliases


def seed_mailbox(state, spec):
    if not isinstance(spec, dict):
        raise ApiError(400, "each mailbox must be an object")
    name = _need(spec, "name", str, required=True).lower()
    domain = _need(spec, "domain", str, required=True).lower()
    address = "%s@%s" % (name, domain)
    _in_domain(state, "mailbox %s" % address, domain)
    owner_id, owner_type = _owner(state, spec, address)
    if holder(state, name, domain) is not None:
        raise ApiError(400, "duplicate mailbox %s" % address)
    options = {"owner_type": owner_type}
    for field, attribute, kinds in (("active", "active", bool), ("enablePop3", "enable_pop3", bool),
                                    ("storageQuota", "storage_quota", int), ("messagesQuota", "messages_quota", int)):
        if _need(spec, field, kinds) is not None:
            options[attribute] = spec[field]
    options["aliases"] = _aliases(state, spec, address)
    state.add_mailbox(name, domain, owner_id, **options)
    return address


def seed_mail_list(state, spec):
    if not isinstance(spec, dict):
        raise ApiError(400, "each mail list must be an object")
    name = _need(spec, "name", str, required=True).lower()
    domain = _need(spec, "domain", str, required=True).lower()
    address = "%s@%s" % (name, domain)
    _in_domain(state, "mail list %s" % address, domain)
    _free(state, name, domain)
    members = _need(spec, "members", list) or []
    if not all(isinstance(member, str) for member in members):
        raise ApiError(400, "mail list %s: members must be strings" % address)
    options = {}
    for field, attribute in (("membersOnly", "members_only"), ("active", "active")):
        if _need(spec, field, bool) is not None:
            options[attribute] = spec[field]
    state.add_mail_list(name, domain, members, **options)
    return address


def seed_mailserver(state, spec):
    """Settings by route name, each the body its GET answers; the ones not given keep their values."""
    for setting, value in spec.items():
        if setting not in MAILSERVER_DEFAULTS:
            raise ApiError(400, "mailserver: unknown setting %s (known: %s)" % (setting, ", ".join(MAILSERVER_DEFAULTS)))
        keys = ("domain", "subdomain") if setting == "location" else tuple(MAILSERVER_DEFAULTS[setting])
        if not isinstance(value, dict) or sorted(value) != sorted(keys):
            raise ApiError(400, "mailserver: %s must be an object with %s" % (setting, ", ".join(keys)))
        if setting == "location":
            _in_domain(state, "mailserver: location", value["domain"].lower())
            value = {"domain": value["domain"].lower(), "subdomain": value["subdomain"].lower()}
        state.mailserver[setting] = copy.deepcopy(value)


def seed(state, body):
    """The mail parts of POST /_control/seed (after domains, users and groups); their part of the answer."""
    mail_domains = [seed_mail_domain(state, spec) for spec in _need(body, "mail_domains", list) or []]
    mailboxes = [seed_mailbox(state, spec) for spec in _need(body, "mailboxes", list) or []]
    mail_lists = [seed_mail_list(state, spec) for spec in _need(body, "mail_lists", list) or []]
    seed_mailserver(state, _need(body, "mailserver", dict) or {})
    return {"mail_domains": mail_domains, "mailboxes": mailboxes, "mail_lists": mail_lists}


def _owner_ref(state, mailbox):
    """The owner's username (email for users without one) or group name; None when the owner is gone."""
    if mailbox.owner_type == "group":
        group = state.groups.get(mailbox.owner_id)
        return group.name if group else None
    user = state.users.get(mailbox.owner_id)
    return None if user is None else (user.username or user.email)


# what the state shows of mailboxes and lists: the stored fields, without the ones every object has alike
MAILBOX_KEYS = ("name", "domain", "ownerId", "ownerType", "active", "enablePop3", "storageQuota", "messagesQuota")
LIST_KEYS = ("name", "domain", "members", "membersOnly", "active")


def _stored(item, keys):
    return {key: item[key] for key in keys}


def dump(state):
    """The mail part of GET /_control/state: settings and secrets as stored, every mailbox with its aliases."""
    mail_domains = sorted(state.domains.values(), key=lambda d: d.domain)
    mailboxes = sorted(state.mailboxes.values(), key=lambda m: (m.domain, m.name))
    mail_lists = sorted(state.mail_lists.values(), key=lambda lst: (lst.domain, lst.name))
    return {
        "mail_domains": [mail_domain_json(state, d, secrets=True) for d in mail_domains],
        "mailboxes": [dict(_stored(mailbox_json(m), MAILBOX_KEYS), aliases=aliases_json(m), owner=_owner_ref(state, m))
                      for m in mailboxes],
        "mail_lists": [_stored(list_json(lst), LIST_KEYS) for lst in mail_lists],
        "mailserver": dict(copy.deepcopy(state.mailserver), location=location(state)),
        "task_faults": copy.deepcopy(state.task_faults),
    }


def add_task_fault(state, request):
    body = request.body
    task_type = body.get("type")
    if task_type not in TASK_TYPES:
        raise ApiError(400, "type must be one of %s" % ", ".join(TASK_TYPES))
    times = body.get("times", 1)
    if not isinstance(times, int) or isinstance(times, bool) or times < 0:
        raise ApiError(400, "times must be an integer >= 0 (0 = forever)")
    message = body.get("message")
    if not isinstance(message, str) or not message:
        raise ApiError(400, "message is required")
    unknown = sorted(set(body) - {"type", "times", "message"})
    if unknown:
        raise ApiError(400, "unknown fields: %s" % ", ".join(unknown))
    rule = {"type": task_type, "message": message, "times": times}
    state.task_faults.append(rule)
    return Response(200, dict(rule))


def list_task_faults(state, request):
    return Response(200, {"task_faults": copy.deepcopy(state.task_faults)})


def clear_task_faults(state, request):
    state.task_faults.clear()
    return Response(200, {})


def register(table):
    table.add("POST", "/_control/task_faults", add_task_fault, role=None)
    table.add("GET", "/_control/task_faults", list_task_faults, role=None)
    table.add("DELETE", "/_control/task_faults", clear_task_faults, role=None)
