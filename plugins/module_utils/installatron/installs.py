# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installatron installs (an app installed into a customer's website), as a resource.

An install is identified by its URL (within its customer): the server refuses a second install at the
same URL, so the lookup always comes first. Installs, version updates and uninstalls run as background
tasks, waited on (``wait``) and resumed by a re-run; settings change in place with ``POST /installs/{id}``.
Install objects are read under the names the v1 API documents (``installer``, ``cf-login``, ``db-host``),
with their v2 spellings accepted too.
"""

from __future__ import annotations

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError, TransportError, WaitError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import SET, Field, lower, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.wait import wait_for_task
from ansible_collections.selfhosted.platforms.plugins.module_utils.installatron.tasks import InstallatronTasks

DEFAULT_TIMEOUT = 900
URL_TAKEN = "invalid_argument_url_alreadyexists"
AUTOUP = ("none", "minor", "all")
AUTOUP_EXTRAS = ("none", "all", "custom")


def url(value):
    """URLs compare without case in scheme and host and without a trailing slash."""
    value = (value or "").strip()
    scheme, _sep, rest = value.partition("://")
    host, slash, path = rest.partition("/")
    return ("%s://%s%s%s" % (scheme.lower(), host.lower(), slash, path)).rstrip("/") if rest else value.rstrip("/")


# name, api (as sent), the names it is read under, and how it changes: route "edit" in place, "update" by a task,
# None = fixed at install
FIELDS = (
    Field("id", read_only=True),
    Field("user", api="user", normalize=lower),
    Field("url", api="url", normalize=url),
    Field("app", normalize=stripped),
    Field("version", normalize=stripped, route="update"),
    Field("language", api="language", normalize=stripped),
    Field("autoup", api="autoup", choices=AUTOUP, route="edit", default="minor"),
    Field("autoup_plugins", api="autoup_plugins", choices=AUTOUP_EXTRAS, route="edit"),
    Field("autoup_themes", api="autoup_themes", choices=AUTOUP_EXTRAS, route="edit"),
    Field("autoup_backup", api="autoup_backup", choices=("none", "all"), route="edit"),
    Field("notification", api="notification", type="list", elements="str", normalize=stripped, compare=SET, route="edit", default=[]),
    Field("login", api="login", normalize=stripped, route="edit"),
    Field("email", api="email", normalize=lower, route="edit"),
    Field("sitetitle", api="sitetitle", route="edit"),
    Field("sitetagline", api="sitetagline", route="edit"),
    Field("bkloc", api="bkloc", normalize=stripped, route="edit"),
    Field("autobk", api="autobk", normalize=stripped, route="edit"),
    Field("db_host", api="db_host", normalize=lower, route="edit"),
    Field("db_name", api="db_name", normalize=stripped, route="edit"),
    Field("db_user", api="db_user", normalize=stripped, route="edit"),
    Field("db_prefix", api="db_prefix", normalize=stripped, route="edit"),
    Field("passwd", api="passwd", secret=True, route="edit"),
    Field("db_pass", api="db_pass", secret=True, route="edit"),
    Field("content", api="content", transient=True),
    Field("path", read_only=True),
)
# option -> the names an install object may carry it under (v1 documents the dashed and cf- forms)
READ_NAMES = {
    "app": ("installer", "app"), "autoup_plugins": ("autoup_plugins", "autoup-plugins"), "autoup_themes": ("autoup_themes", "autoup-themes"),
    "autoup_backup": ("autoup_backup", "autoup-backup"), "login": ("cf-login", "login"), "email": ("cf-email", "email"),
    "sitetitle": ("cf-sitetitle", "sitetitle"), "sitetagline": ("cf-sitetagline", "sitetagline"),
    "db_host": ("db-host", "db_host"), "db_name": ("db-name", "db_name"), "db_user": ("db-user", "db_user"),
    "db_prefix": ("db-prefix", "db_prefix"), "user": ("owner", "user"),
}


def read_value(raw, option):
    for name in READ_NAMES.get(option, (option,)):
        if raw.get(name) not in (None, ""):
            return raw[name]
    return None


def canonical(raw, user):
    """An install object in the option-shaped form (its database password never read)."""
    found = dict((field.name, read_value(raw, field.name)) for field in FIELDS
                 if not (field.secret or field.transient or field.name == "id"))
    found["id"] = raw.get("id")
    found["url"] = url(found["url"]) or None  # plugins, actions and re-reads compare it as is with normalised URLs
    found["user"] = found["user"] or user
    found["notification"] = sorted(raw.get("notification") or [])
    found["autoup"] = found["autoup"] or "minor"
    return found


class Installs(Resource):
    """The install resource for the engine; ``wait``/``wait_timeout`` govern every task it starts."""

    name = "install"
    plural = "installs"
    fields = FIELDS
    required_on_create = ("app",)

    def __init__(self, wait=True, wait_timeout=DEFAULT_TIMEOUT, purge=True, customers=None):
        self.wait = wait
        self.wait_timeout = wait_timeout
        self.purge = purge
        self.customers = customers  # the customers a complete read covers when no item names one (default: all)
        self.started = {}  # install url -> task id, for tasks started and not waited on

    @staticmethod
    def key(item):
        return item.get("url")

    @staticmethod
    def identity(name):
        # an install URL's path keeps its case
        return url(name)

    @staticmethod
    def validate(item):
        problems = []
        if not item.get("user"):
            problems.append("user (the customer) is needed: give it, or acting_user")
        if item.get("url") and "://" not in item["url"]:
            problems.append("url %r must be a full URL, such as https://example.com/blog" % item["url"])
        return problems

    def read(self, ctx, items, complete):
        users = sorted(set(item["user"] for item in items if item.get("user")))
        if complete and not users:
            users = sorted(self.customers) if self.customers else sorted(user["id"] for user in ctx.users())
        return [canonical(raw, user) for user in users for raw in ctx.installs(user)]

    @staticmethod
    def find(current, item):
        return next((install for install in current if install["url"] == item.get("url")
                     and install["user"] == item.get("user")), None)

    def check_deletions(self, ctx, deletions, force):
        if not self.purge:
            raise ResourceError("uninstalling %s would delete their files and tables; set purge=true to let overridden uninstall"
                                % ", ".join(install["url"] for install in deletions))

    # -- writing ---------------------------------------------------------------------------------

    @staticmethod
    def _body(values):
        return dict((field.api, values[field.name]) for field in FIELDS if field.api and field.name in values)

    def create(self, ctx, item):
        body = self._body(item)
        if item.get("version"):
            body["version"] = item["version"]
        body["background"] = True
        try:
            envelope = ctx.client.call("POST", "/browser/%s/install" % item["app"], body=body, user=item["user"])
        except (ApiError, TransportError) as exc:
            # The URL is taken, or the answer was lost after the server may have started the install. An install is
            # listed only once its task has finished, so the engine's re-read would not see this POST's install and
            # would send it again: a queued or running install task at the URL is looked for first.
            taken = isinstance(exc, ApiError) and exc.code == URL_TAKEN
            lost = isinstance(exc, TransportError) and exc.maybe_applied
            tasks = InstallatronTasks(ctx.client, item["user"])
            running = tasks.find({"url": item["url"], "cmd": "browser/install"}) if taken or lost else None
            if running is None or tasks.finished(running):
                raise
            # an install an earlier run (or the lost POST) started and nobody waited for: wait on it
            return {"id": None, "task": running.get("id"), "url": item["url"], "user": item["user"]}
        created = envelope.get("data") if isinstance(envelope.get("data"), dict) else {}
        return {"id": created.get("id"), "task": task_id(envelope), "url": item["url"], "user": item["user"]}

    def after_create(self, ctx, created, item):
        self.await_task(ctx, item["user"], created.get("task"), {"url": item["url"], "cmd": "browser/install"}, "install", item["url"])
        ctx.forget()
        found = self.find([canonical(raw, item["user"]) for raw in ctx.installs(item["user"])], item)
        if found is None and self.wait:
            raise ResourceError("install at %s: the install finished but the server does not list it" % item["url"])
        if found is not None and found.get("app") and found["app"] != item["app"]:
            # the URL was taken by another run's install of another app, whose task this run waited for
            raise ResourceError("install at %s: the URL is taken by a %s install (%s) that another run installed meanwhile, not %s"
                                % (item["url"], found["app"], found.get("id"), item["app"]))
        created["id"] = created.get("id") or (found or {}).get("id")

    def write(self, ctx, current, route, values, item):
        if current["url"] in self.started:
            ctx.warn("install at %s: %s left for a later run (wait=false, a task is already running)" % (current["url"], route))
            return False
        path = "/installs/%s" % current["id"]
        if route == "edit":
            ctx.client.call("POST", path, body=self._body(values), user=current["user"])
        elif route == "update":
            envelope = ctx.client.call("POST", path + "/update", body={"version": values["version"], "background": True},
                                       user=current["user"])
            self.await_task(ctx, current["user"], task_id(envelope), {"install": current["id"], "cmd": "installs/update"},
                            "update to %s" % values["version"], current["url"])
            # a failed task may leave the task list before it is seen failing: the version tells
            have = stripped((self._reread(ctx, current) or {}).get("version")) if self.wait else values["version"]
            if have != values["version"]:
                raise ResourceError("update to %s at %s: the task ended but the install is at version %s"
                                    % (values["version"], current["url"], have))
        else:  # pragma: no cover - the field table and this dispatch are kept together
            raise ValueError(route)
        return True

    def delete(self, ctx, current):
        envelope = ctx.client.call("DELETE", "/installs/%s" % current["id"], params={"background": "true"}, user=current["user"])
        self.await_task(ctx, current["user"], task_id(envelope), {"install": current["id"], "cmd": "installs/uninstall"}, "uninstall",
                        current["url"])
        # a failed task may leave the task list before it is seen failing: the install still being there tells
        if self.wait and self._reread(ctx, current) is not None:
            raise ResourceError("uninstall at %s: the task ended but the install is still there" % current["url"])

    def _reread(self, ctx, current):
        """The install as the server lists it now (None when it is not listed)."""
        ctx.forget()
        return self.find([canonical(raw, current["user"]) for raw in ctx.installs(current["user"])], current)

    def refresh(self, ctx, obj):
        ctx.forget()
        return self.find([canonical(raw, obj["user"]) for raw in ctx.installs(obj["user"])], obj) or obj

    # -- tasks -----------------------------------------------------------------------------------

    def await_task(self, ctx, user, started, match, what, where):
        """Wait for a background task, found by its id or, when the answer named none, in the task list."""
        tasks = InstallatronTasks(ctx.client, user)
        started = started or (tasks.find(match) or {}).get("id")
        if not started:
            return  # it already ended: the caller checks the outcome
        if not self.wait:
            self.started[where] = started
            return
        try:
            wait_for_task(tasks, started, self.wait_timeout, progress=ctx.progress)
        except WaitError as exc:
            exc.args = ("%s at %s: %s" % (what, where, exc),)
            raise


def task_id(envelope):
    """The id of the background task an answer names (v1 put a ``task`` object beside or inside ``data``), or None."""
    data = envelope.get("data") if isinstance(envelope.get("data"), dict) else {}
    task = envelope.get("task") or data.get("task")
    return task.get("id") if isinstance(task, dict) else task
