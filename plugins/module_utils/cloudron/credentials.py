# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The token user's own credentials (API tokens, app passwords): identified by name, their secret shown once.

Names are not unique on the server, so a name that matches two objects is refused, naming their ids. The server has no
route that changes one: a different setting is refused unless ``recreate``, which creates the new object first and
deletes the old one after, so a token that replaces itself never leaves the run without a working credential. The
secret exists only in the create answer: the resource keeps it for the module to return once or write to a file, and
never puts it into an object, a plan or a diff. A create whose answer was lost is not adopted (its secret went with the
answer): what it made is revoked and created once more.
"""

from __future__ import annotations

import os

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import (
    ApiError, ResourceError, TransportError,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import canonical as canonical_form
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.secret_file import SecretFile

# the route name of fields that only a new object can change
RECREATE = "recreate"

LOST_FILE = ("%s: the %s %r was created, but writing %s failed (%s); its secret is lost and cannot be shown again: "
             "delete it (state=absent) and create it again")
NO_FILE = ("%s: %s does not exist, and the secret of the existing %s %r cannot be read again; to get a new one, delete "
           "it (state=absent) and run again")
LEFTOVER = ("%s: the new one (id %s) was created and its secret handed over, but deleting the old one (id %s) failed: "
            "%s; it still works: delete it by hand")
# after a lost create answer: the object our POST made (id), whose secret nobody holds, revoked and created again
ORPHAN = ("the server's answer to the creation was lost, and with it the secret; revoking what that request created "
          "(id %s) to create it once more failed: %s; it exists without a known secret: delete it (state=absent) and "
          "run again")
RETRY_FAILED = ("the server's answer to the creation was lost, and with it the secret; what that request created (id %s) "
                "was revoked, but creating it once more failed: %s; none exists now: run again")
LOST_TWICE = ("the server's answers to the creation and to a second try were both lost; one of that name may exist "
              "without a known secret: delete it (state=absent) and run again")
LOST_RECREATE = ("the server's answer to the creation of the replacement was lost, and with it the secret; a second one "
                 "of this name may exist now: list them with selfhosted.platforms.cloudron_%s_info, revoke the one whose "
                 "id is not %s in the dashboard, and run again")
NO_ID = ("POST %s created it, but its answer carried no %s (keys: %s), so the secret is not handed over; "
         "delete it (state=absent) and run again")
KEPT_OLD = "; the old one (id %s) was kept"


class OwnCredentials:
    """What API tokens and app passwords share, mixed into their ``Resource`` classes (listed first, so these methods
    are the engine's). Each gives its route, the answer's keys and the API form."""

    path = None          # the collection route, e.g. /tokens
    list_key = None      # the key of the list in GET <path>
    secret_key = None    # the key of the secret in the create answer
    fresh_fields = ()    # server-filled fields a new object starts without

    def __init__(self, recreate=False):
        self.recreate = recreate
        self.secret = None       # the secret of the object this run created
        self.created = None      # that object, canonical
        self.existed = False     # the object was there before the run (its secret cannot be read again)
        self.on_new = None       # called once a create (or recreate) is planned, before any write: the file's checks
        self.failure = None      # what went wrong after something was created: the module fails with changed=true
        self.leftover = None     # (old object, error) when a recreate could not delete the old one
        self.existing_id = None  # the id of the object a recreate replaces

    @staticmethod
    def key(item):
        return item.get("name")

    @staticmethod
    def identity(name):
        """Names keep their case; surrounding spaces do not count."""
        return name.strip() if isinstance(name, str) else name

    def validate(self, item):
        if not item.get("name"):
            return ["name: a %s is identified by its name, which must not be empty" % self.label()]
        return []

    # -- reading ---------------------------------------------------------------------------------

    def listed(self, ctx):
        """The raw objects of the token's user (every page)."""
        return ctx.client.list_all(self.path, self.list_key)

    def canonical(self, ctx, raw):
        raise NotImplementedError

    def read(self, ctx, items, complete):
        return [self.canonical(ctx, raw) for raw in self.listed(ctx)]

    def find(self, current, item):
        found = [obj for obj in current if obj["name"] == item["name"]]
        if len(found) > 1:
            raise ResourceError("name %r matches %d %s of the token's user (ids %s): refusing to guess which one is meant; "
                                "delete the extra ones (in the dashboard, or by id)"
                                % (item["name"], len(found), self.plural.replace("_", " "), ", ".join(obj["id"] for obj in found)))
        return found[0] if found else None

    # -- planning --------------------------------------------------------------------------------

    def resolve(self, ctx, item, current):
        """Refuse a change the server cannot make in place, unless ``recreate``; check what a new object needs."""
        self.existed = current is not None
        different = []
        if current is not None:
            different = [field.name for field in self.fields if field.route == RECREATE and field.name in item
                         and field.differs(item[field.name], current.get(field.name), False)]
            if different and not self.recreate:
                raise ResourceError("%s %r: %s cannot be changed in place (%s): the server has no route for it; set "
                                    "recreate=true to create a new one (with a new secret) and delete this one"
                                    % (self.label(), item["name"], " and ".join(different),
                                       "; ".join("%s %r to %r" % (name, current.get(name), item[name]) for name in different)))
        if current is None or different:
            self.check_new(ctx, item, self.merged(current, item) if current else item, current)
            if self.on_new is not None:
                self.on_new()

    def check_new(self, ctx, item, wanted, current):
        """Refuse what a new object (``wanted``: the item with what a recreate carries over) could not be."""
        return None

    def label(self):
        return self.name.replace("_", " ")

    def predict(self, current, item, after):
        """A recreate leaves a new object: its id and server-filled fields are not known yet."""
        after = dict(after, id=None)
        after.update((name, None) for name in self.fresh_fields)
        return after

    def merged(self, current, item):
        """What a recreate asks for: the item's settings over the current ones."""
        wanted = dict(current)
        wanted.update((field.name, item[field.name]) for field in self.fields if field.route == RECREATE and field.name in item)
        return wanted

    # -- writing ---------------------------------------------------------------------------------

    def body(self, ctx, item):
        raise NotImplementedError

    def created_object(self, ctx, answer, item):
        """The canonical object a create answer describes."""
        raise NotImplementedError

    def create(self, ctx, item):
        """POST once; a lost answer (the secret went with it) is mended here, never adopted: what our request made is
        revoked and created once more, so the user gets a secret. Problems after something was created are kept in
        ``failure`` (the module then fails with changed=true), not raised."""
        try:
            return self.take(ctx, self.post(ctx, item), item)
        except TransportError as exc:
            if not exc.maybe_applied:
                raise
        if self.existed:  # a recreate: the old one has the same name, so a re-read cannot tell which one is new
            self.failure = LOST_RECREATE % (self.name, self.existing_id)
            return {"id": None}
        ctx.forget()
        found = self.find([canonical_form(self.fields, raw) for raw in self.read(ctx, [item], complete=True)], item)
        if found is not None:
            try:
                self.delete(ctx, found)
            except (ApiError, TransportError) as exc:
                if not getattr(exc, "missing", False):
                    self.failure = ORPHAN % (found["id"], exc)
                    return {"id": found["id"]}
        try:
            return self.take(ctx, self.post(ctx, item), item)
        except TransportError as exc:
            if exc.maybe_applied:
                self.failure = LOST_TWICE
                return {"id": None}
            error = exc
        except ApiError as exc:
            error = exc
        if found is None:
            raise error
        self.failure = RETRY_FAILED % (found["id"], error)
        return {"id": None}

    def post(self, ctx, item):
        answer = ctx.client.call("POST", self.path, body=self.body(ctx, item))
        return answer if isinstance(answer, dict) else {}

    def take(self, ctx, answer, item):
        """Keep the secret of a create answer; one without id or secret made something nobody can use."""
        missing = [key for key in ("id", self.secret_key) if not answer.get(key)]
        if missing:
            self.failure = NO_ID % (self.path, " and ".join(missing), ", ".join(sorted(answer)) or "none")
            return {"id": answer.get("id")}
        self.secret = answer[self.secret_key]
        self.created = canonical_form(self.fields, self.created_object(ctx, answer, item))
        return {"id": answer["id"]}

    def write(self, ctx, current, route, values, item):
        """A recreate: the new object first, then the old one goes (its failure is reported once the secret is safe)."""
        if route != RECREATE:  # pragma: no cover - the field table and this dispatch are kept together
            raise ValueError(route)
        self.existing_id = current["id"]
        self.create(ctx, self.merged(current, item))
        if self.failure:  # the new one is of no use: the old one stays the working credential
            self.failure += KEPT_OLD % current["id"]
            return
        try:
            self.delete(ctx, current)
        except (ApiError, TransportError) as exc:
            if not getattr(exc, "missing", False):
                self.leftover = (current, exc)

    def delete(self, ctx, current):
        ctx.client.call("DELETE", "%s/%s" % (self.path, current["id"]))

    def refresh(self, ctx, obj):
        if self.created is not None and obj.get("name") == self.created["name"]:
            return dict(self.created)
        return obj


def run_credential_module(run, resource, secret_key, file_option):
    """The converge of one credential, then its secret: into ``file_option`` when given, else returned once under
    ``secret_key``. Exits the module."""
    params = run.params
    label = "%s %r" % (resource.label(), params["name"])
    wanted = params["state"] == "present"
    secret_file = SecretFile(params[file_option], file_option) if params.get(file_option) and wanted else None
    if secret_file:
        # only a planned create needs the file: check mode checks what the run would, without opening one
        resource.on_new = secret_file.check if run.check_mode else secret_file.prepare

    def finish(ctx, result):
        result[secret_key] = result[file_option] = None
        if resource.failure:
            run.module.fail_json(msg="%s: %s" % (label, resource.failure), **dict(result, changed=True))
        if resource.secret is None:
            if secret_file and resource.existed and not run.check_mode and not os.path.exists(secret_file.path):
                ctx.warn(NO_FILE % (file_option, secret_file.path, resource.label(), params["name"]))
            return
        if secret_file:
            try:
                secret_file.commit(resource.secret)
            except (OSError, ResourceError) as exc:
                run.module.fail_json(msg=LOST_FILE % (file_option, resource.label(), params["name"],
                                                      secret_file.path, getattr(exc, "strerror", None) or exc),
                                     **dict(result, changed=True))
            result[file_option] = params[file_option]
        else:
            result[secret_key] = resource.secret
        if resource.leftover:
            old, error = resource.leftover
            run.module.fail_json(msg=LEFTOVER % (label, result[resource.name]["id"], old["id"], error), **result)

    try:
        run.singular(resource, finish=finish)
    finally:
        if secret_file:
            secret_file.discard()
