# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What one module run knows about a Cloudron server: lazily read, read once.

Users, groups and the token's own profile are each fetched at most once per run, and name <-> id
resolution for references (group names on a user, usernames in a group) happens here.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.tasks import CloudronTasks
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.context import Context

USER_MANAGER = "usermanager"
MAIL_MANAGER = "mailmanager"
ADMIN = "admin"


def user_label(user):
    """How users are named in options and output: the username, or the email while it has none."""
    return user.get("username") or user.get("email")


class CloudronContext(Context):
    """Caches and reference resolution for one module run."""

    def __init__(self, client, check_mode=False, warn=None, progress=None):
        super().__init__(client.http, check_mode=check_mode, warn=warn, progress=progress)
        self.client = client
        self.tasks = CloudronTasks(client)
        self._users = None
        self._groups = None
        self._profile = None
        self._domains = None
        self._volumes = None
        self._apps = None

    def before_write(self):
        self.client.require_supported()

    def forget(self):
        self._users = None
        self._groups = None
        self._volumes = None

    # -- reads ---------------------------------------------------------------------------------

    def users(self):
        if self._users is None:
            self._users = self.client.list_all("/users", "users")
        return self._users

    def search_users(self, term):
        """Users whose username, email or display name contains ``term`` (the server's filter)."""
        if self._users is not None:
            return self._users
        return self.client.list_all("/users", "users", params={"search": term})

    def groups(self):
        if self._groups is None:
            self._groups = self.client.list_all("/groups", "groups")
        return self._groups

    def profile(self):
        """The token's own user."""
        if self._profile is None:
            self._profile = self.client.call("GET", "/profile")
        return self._profile

    def domain_names(self):
        """Names of the Cloudron domains; each has a mail domain."""
        if self._domains is None:
            answer = self.client.call("GET", "/domains", role=MAIL_MANAGER)
            self._domains = sorted(domain.get("domain") for domain in answer.get("domains") or [] if domain.get("domain"))
        return self._domains

    def volumes(self, fresh=False):
        """The server's volumes (one request, kept for the run unless ``fresh``)."""
        if self._volumes is None or fresh:
            self._volumes = self.client.call("GET", "/volumes", role=ADMIN).get("volumes") or []
        return self._volumes

    def volumes_read(self):
        """Whether this run has read the volumes (names of app volumes are shown only then)."""
        return self._volumes is not None

    def forget_volumes(self):
        self._volumes = None

    def apps(self):
        """The apps the token's user can see (GET /apps, read once per run): plain users see fewer, with fewer fields."""
        if self._apps is None:
            self._apps = self.client.call("GET", "/apps").get("apps") or []
        return self._apps

    def app_id(self, fqdn):
        """An app's FQDN (any case) -> its id (None when the token's user sees no app there)."""
        return next((app.get("id") for app in self.apps() if (app.get("fqdn") or "").lower() == fqdn.lower()), None)

    def app_fqdn(self, app_id):
        """An app id -> its FQDN (an unknown id is kept as it is)."""
        return next((app.get("fqdn") for app in self.apps() if app.get("id") == app_id), app_id)

    def mailbox_owners(self):
        """user id -> mailbox addresses it owns, across every domain."""
        owners = {}
        for domain in self.client.call("GET", "/domains", role=MAIL_MANAGER).get("domains") or []:
            name = domain.get("domain")
            path = "/mail/%s/mailboxes" % name
            for mailbox in self.client.list_all(path, "mailboxes", ident="name"):
                if mailbox.get("ownerType", "user") == "user" and mailbox.get("ownerId"):
                    owners.setdefault(mailbox["ownerId"], []).append("%s@%s" % (mailbox.get("name"), name))
        return owners

    # -- references ------------------------------------------------------------------------------

    def group_names(self, ids):
        if not ids:
            return []
        names = dict((group["id"], group["name"]) for group in self.groups())
        return sorted(names.get(group_id, group_id) for group_id in ids)

    def group_ids(self, names):
        ids = dict((group["name"].lower(), group["id"]) for group in self.groups())
        return [ids[name] for name in names if name in ids]

    def members_of(self, group_id):
        """Usernames of a group's members, from the users' own group lists (one read for all groups)."""
        return sorted(user_label(user) for user in self.users() if group_id in (user.get("groupIds") or []))

    def owner_label(self, owner_id, owner_type):
        """A mailbox owner's id -> its username (or email) or group name; an unknown id is kept as it is."""
        if not owner_id:
            return None
        names = self.group_names([owner_id]) if owner_type == "group" else self.user_labels([owner_id])
        return names[0]

    def owner_id(self, label, owner_type):
        """A mailbox owner's name -> its id (None when unknown)."""
        ids = self.group_ids([label]) if owner_type == "group" else self.user_ids([label])
        return ids[0] if ids else None

    def volume_name(self, volume_id):
        """A volume id -> its name (an unknown id is kept as it is); reads the volumes once."""
        names = dict((volume.get("id"), volume.get("name")) for volume in self.volumes())
        return names.get(volume_id, volume_id)

    def volume_id(self, name):
        """A volume name -> its id (None when unknown)."""
        return next((volume.get("id") for volume in self.volumes() if volume.get("name") == name), None)

    def known_volume_names(self):
        return set(volume.get("name") for volume in self.volumes())

    def known_group_names(self):
        return set(group["name"].lower() for group in self.groups())

    def _labels(self):
        """Every name a user may be given by (username or email) -> that user."""
        labels = {}
        for user in self.users():
            for label in (user.get("username"), user.get("email")):
                if label:
                    labels[label.lower()] = user
        return labels

    def user_labels(self, ids):
        """User ids -> usernames (or emails), sorted; unknown ids are kept as they are."""
        if not ids:
            return []
        labels = dict((user["id"], user_label(user)) for user in self.users())
        return sorted(labels.get(user_id, user_id) for user_id in ids)

    def user_ids(self, labels):
        known = self._labels()
        return [known[label]["id"] for label in labels if label in known]

    def known_user_labels(self):
        return set(self._labels())

    def canonical_user_labels(self, labels):
        """Members given by email are shown by username, as the server's answers are."""
        known = self._labels()
        return sorted(set(user_label(known[label]) if label in known else label for label in labels))
