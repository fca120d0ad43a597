# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""In-memory server state. All access happens under ``State.lock``."""

import copy
import random
import string
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Optional

from common.faults import Faults
from common.requestlog import RequestLog
from common.tasks import Task

from . import switches as switch_defs
from . import versions
from . import settings as settings_defaults
from . import mailserver_settings as mailserver_defaults
from . import backup_policy, backup_storage
from . import services as service_defaults
from . import system as system_defaults
from . import directory as directory_defaults
from .tasks import TaskEngine
from . import network as network_defaults
from . import registry as registry_defaults

OWNER = {"username": "owner", "email": "owner@example.com", "displayName": "Owner", "password": "owner-password"}
DASHBOARD_FQDN = "my.example.com"
# Tokens created without an expiry never expire in practice.
NEVER_EXPIRES = 253402300799000
# client id of the dashboard's own tokens (the activation token is one); API tokens have cid-sdk
WEBADMIN_CLIENT = "cid-webadmin"


@dataclass
class User:
    id: str
    username: Optional[str]
    email: str
    fallback_email: str
    display_name: str
    role: str
    password: str
    invite_accepted: bool
    invite_token: str
    active: bool = True
    source: str = ""
    two_factor: bool = False


@dataclass
class Group:
    id: str
    name: str
    source: str = ""
    user_ids: list = field(default_factory=list)


def _default_relay():
    return {"provider": "cloudron-smtp"}


@dataclass
class MailDomain:
    """The mail settings of a domain (``GET /mail/:domain``); every domain has one, created and removed with it."""

    enabled: bool = False
    mail_from_validation: bool = True
    catch_all: list = field(default_factory=list)
    relay: dict = field(default_factory=_default_relay)     # the fields as sent; the password as stored
    banner: dict = field(default_factory=lambda: {"text": "", "html": ""})


@dataclass
class Domain:
    domain: str
    zone_name: str
    provider: str
    config: dict = field(default_factory=dict)
    tls_config: dict = field(default_factory=lambda: {"provider": "letsencrypt-prod", "wildcard": False})
    fallback_certificate: Optional[dict] = None
    mail: MailDomain = field(default_factory=MailDomain)


@dataclass
class Mailbox:
    name: str
    domain: str
    owner_id: str
    owner_type: str = "user"
    active: bool = True
    enable_pop3: bool = False
    storage_quota: int = 0
    messages_quota: int = 0
    aliases: list = field(default_factory=list)     # [{"name", "domain"}], names lower-cased
    creation_time: str = ""


@dataclass
class MailList:
    name: str
    domain: str
    members: list = field(default_factory=list)
    members_only: bool = False
    active: bool = True
    creation_time: str = ""


@dataclass
class App:
    """An installed app. ``fields`` holds the app object's stored fields; port bindings are stored as ``ports``."""

    id: str
    fields: dict
    task_id: Optional[str] = None       # the current or last task
    healthy_at: Optional[float] = None  # task-engine clock time from which health reads "healthy"
    retry: Optional[dict] = None        # the failed operation, which repair runs again
    certificates: dict = field(default_factory=dict)    # custom certificates by fqdn
    icon: Optional[str] = None          # custom icon, base64

    @property
    def fqdn(self):
        return fqdn_of(self.fields["subdomain"], self.fields["domain"])


def fqdn_of(subdomain, domain):
    """``subdomain.domain``, or the domain itself for an empty subdomain."""
    return "%s.%s" % (subdomain, domain) if subdomain else domain


@dataclass
class Volume:
    id: str
    name: str
    mount_type: str
    mount_options: dict             # secrets as stored
    creation_time: str
    status: dict = field(default_factory=lambda: {"state": "active", "message": "mounted"})


@dataclass
class Token:
    id: str
    name: str
    secret: str
    user_id: str
    scope: dict
    expires: int = NEVER_EXPIRES
    client_id: str = "cid-sdk"
    last_used_at: Optional[str] = None

    @property
    def readonly(self):
        return self.scope.get("*") != "rw"


@dataclass
class Provisioning:
    """How far the first-time setup has come. A provisioned server is activated and its dashboard host answers."""

    engine: TaskEngine                      # runs the setup; its own engine, since the setup is no task of GET /tasks
    activated: bool = True
    admin_fqdn: Optional[str] = DASHBOARD_FQDN      # the dashboard's host; None until a setup has finished
    setup_task: Optional[Task] = None       # the running or last setup


class State:
    """Provisioning, users, groups, tokens, domains (with their mail settings), mailboxes, mailing lists, the mail
    server's settings, apps, backups with their storage and policy, volumes, offered updates, tasks and the
    simulator's own bookkeeping (switches, faults, request log)."""

    def __init__(self, version, rw_token, ro_token, task_seconds):
        self.lock = threading.RLock()
        self.startup = {"version": version, "rw": rw_token, "ro": ro_token, "task_seconds": task_seconds}
        self.reset()

    def reset(self, version=None, switches=None, seed=0, provisioned=True):
        """Forget everything and start over with the owner and the startup tokens; the owner, or None.

        ``provisioned=False`` starts over as a new server instead: no users, no tokens, not set up, not activated.
        """
        version = self.startup["version"] if version is None else version
        versions.parse(version)
        base = dict(switch_defs.defaults(), task_seconds=self.startup["task_seconds"])
        self.switches = switch_defs.merged(base, switches or {})
        self.version = version
        self.rng = random.Random(seed)
        self.users = {}
        self.groups = {}
        self.tokens = {}          # by secret
        self.app_passwords = {}   # by id; app_passwords.AppPassword objects
        self.oidc_clients = {}    # by id; dicts as oidc.py serves them
        self.applinks = {}        # by id; dicts as applinks.py stores them
        self.domains = {}         # by domain name
        self.mailboxes = {}       # by (name, domain)
        self.mail_lists = {}      # by (name, domain)
        self.mailserver = mailserver_defaults.defaults()    # GET body by /mailserver/<setting>; location None = the dashboard's
        self.task_faults = []     # rules of POST /_control/task_faults
        self.apps = {}            # by id
        self.settings = dict(settings_defaults.DEFAULTS)
        self.branding = {}        # uploaded images by field (avatar, background); branding.py serves defaults
        self.backups = {}         # by id, oldest first; box and app backups as GET /backups shows them
        self.backup_config = dict(backup_storage.DEFAULT)   # secrets as stored
        self.backup_policy = copy.deepcopy(backup_policy.DEFAULT)
        self.volumes = {}         # by id; Volume objects
        self.updates = {"box": None, "apps": {}}    # offered updates: BoxUpdateInfo, AppUpdateInfo by app id
        self.app_faults = []      # rules of POST /_control/app_faults
        self.invites = []
        self.events = []          # the event log, oldest first (eventlog.py)
        self.notifications = []   # oldest first; ids count up from notification_seq
        self.notification_seq = 0
        self.services = service_defaults.defaults()
        self.network = network_defaults.defaults()     # IP configurations and the lists' text (network.py)
        self.registry = registry_defaults.defaults()   # the container registry, password as stored (registry.py)
        self.system = system_defaults.defaults(self.now_iso())
        self.directory = directory_defaults.defaults()   # profile settings, directory server, external LDAP
        self.request_log = RequestLog()
        self.faults = Faults()
        self.tasks = TaskEngine(scale=lambda: self.switches["task_seconds"])
        setup_engine = TaskEngine(scale=lambda: self.switches["task_seconds"])
        if not provisioned:
            self.provisioning = Provisioning(setup_engine, activated=False, admin_fqdn=None)
            return None
        self.provisioning = Provisioning(setup_engine)
        owner = self.add_user(OWNER["username"], OWNER["email"], role="owner", display_name=OWNER["displayName"],
                              password=OWNER["password"])
        self.add_token(owner, "automation", {"*": "rw"}, secret=self.startup["rw"])
        self.add_token(owner, "automation (read-only)", {"*": "r"}, secret=self.startup["ro"])
        return owner

    def mode(self):
        return versions.mode(self.version)

    def ports_field(self):
        """What port bindings are called in app bodies and objects (switch ``ports_field``)."""
        return versions.ports_field(self.mode(), self.switches["ports_field"])

    def dashboard_fqdn(self):
        """The dashboard's host: ``my.example.com``, or ``my.<domain>`` after a setup; None before a setup has finished."""
        return self.provisioning.admin_fqdn

    # ids and secrets come from a seeded generator so runs are reproducible
    def new_id(self, prefix):
        return prefix + str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def new_secret(self, length=43):
        alphabet = string.ascii_letters + string.digits
        return "".join(self.rng.choices(alphabet, k=length))

    def add_user(self, username, email, role="user", display_name="", fallback_email=None, password=None,
                 active=True, source=""):
        """Store a user as given (callers validate); no password means an invited user."""
        user = User(
            id=self.new_id("uid-"), username=username, email=email, fallback_email=fallback_email or email,
            display_name=display_name, role=role, password=password or self.new_secret(16),
            invite_accepted=password is not None, invite_token=self.new_secret(64).lower(),
            active=active, source=source,
        )
        self.users[user.id] = user
        return user

    def remove_user(self, user, delete_mailboxes=True):
        """Drop a user with their group memberships and tokens, and their mailboxes unless told otherwise."""
        for group in self.groups.values():
            if user.id in group.user_ids:
                group.user_ids.remove(user.id)
        for secret in [s for s, t in self.tokens.items() if t.user_id == user.id]:
            del self.tokens[secret]
        for password_id in [i for i, p in self.app_passwords.items() if p.user_id == user.id]:
            del self.app_passwords[password_id]
        if delete_mailboxes:
            for key in [k for k, m in self.mailboxes.items() if m.owner_type == "user" and m.owner_id == user.id]:
                del self.mailboxes[key]
        del self.users[user.id]

    def add_group(self, name, source=""):
        group = Group(id=self.new_id("gid-"), name=name, source=source)
        self.groups[group.id] = group
        return group

    def add_domain(self, name, provider="noop", zone_name=None, config=None, tls_config=None):
        domain = Domain(domain=name, zone_name=zone_name or name, provider=provider, config=config or {})
        if tls_config is not None:
            domain.tls_config = tls_config
        self.domains[name] = domain
        return domain

    def add_app(self, fields):
        """Store an app with a new id; ``fields`` are its app object fields (without ``id``)."""
        app = App(id=self.new_id(""), fields=fields)
        self.apps[app.id] = app
        return app

    def add_volume(self, name, mount_type, mount_options):
        """Store a volume (callers validate) under a new 32 hex digit id."""
        volume = Volume(id="%032x" % self.rng.getrandbits(128), name=name, mount_type=mount_type,
                        mount_options=mount_options, creation_time=self.now_iso())
        self.volumes[volume.id] = volume
        return volume

    def volume_by_name(self, name):
        return next((v for v in self.volumes.values() if v.name == name), None)

    def app_by_fqdn(self, fqdn):
        return next((a for a in self.apps.values() if a.fqdn == fqdn.lower()), None)

    def add_mailbox(self, name, domain, owner_id, **options):
        """Store a mailbox (callers validate); ``options`` are the other ``Mailbox`` fields."""
        mailbox = Mailbox(name=name, domain=domain, owner_id=owner_id, creation_time=self.now_iso(), **options)
        self.mailboxes[(name, domain)] = mailbox
        return mailbox

    def add_mail_list(self, name, domain, members, **options):
        """Store a mailing list (callers validate); ``options`` are the other ``MailList`` fields."""
        mail_list = MailList(name=name, domain=domain, members=list(members), creation_time=self.now_iso(), **options)
        self.mail_lists[(name, domain)] = mail_list
        return mail_list

    def take_task_fault(self, task_type):
        """The failure message for a new task of ``task_type`` (consuming one of its rule's ``times``), or None."""
        for rule in self.task_faults:
            if rule["type"] == task_type:
                if rule["times"]:
                    rule["times"] -= 1
                    if rule["times"] == 0:
                        self.task_faults.remove(rule)
                return rule["message"]
        return None

    def add_token(self, user, name, scope, secret=None, expires=None):
        token = Token(id=self.new_id("tid-"), name=name, secret=secret or self.new_secret(), user_id=user.id,
                      scope=scope, expires=NEVER_EXPIRES if expires is None else expires)
        self.tokens[token.secret] = token
        return token

    def user_by_username(self, username):
        return next((u for u in self.users.values() if u.username is not None and u.username == username), None)

    def user_by_email(self, email):
        return next((u for u in self.users.values() if u.email == email), None)

    def user_by_username_or_email(self, text):
        text = text.lower()
        return self.user_by_username(text) or self.user_by_email(text)

    def group_by_name(self, name):
        return next((g for g in self.groups.values() if g.name == name.lower()), None)

    def group_ids_of(self, user):
        return [g.id for g in self.groups.values() if user.id in g.user_ids]

    def token_kind(self, secret):
        """How the request log names a presented token: "rw", "ro", "other" or None."""
        if secret is None:
            return None
        if secret == self.startup["rw"]:
            return "rw"
        if secret == self.startup["ro"]:
            return "ro"
        return "other"

    @staticmethod
    def now_ms():
        return int(time.time() * 1000)

    @staticmethod
    def now_iso():
        """Now as the server's timestamps look (ISO-8601 UTC, second precision)."""
        return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
