# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""App operations as tasks: the app's installationState while one runs, the outcome when it ends, injected failures.

Every operation goes through ``run``: the app gets ``pending_<...>`` at once and a task of type
``app`` (args ``[appId, {...}]``). When the task succeeds ``apply(app)`` makes the change and the
app is ``installed`` again; when it fails (or is stopped) the app is in state ``error`` with
``error: {reason, message, taskId, installationState}`` and ``repair`` can run the operation again.
"""

from .app_json import restart_health, touch
from .errors import ApiError

PENDING_SECONDS = 0.3       # nominal seconds an app task stays queued
DEFAULT_REASON = "External Error"
BUSY = "Locked by task %s : %s / %s"

# operation: (nominal seconds, progress steps)
OPERATIONS = {
    "install": (3, ((5, "Queued"), (10, "Registering subdomains"), (20, "Downloading icon"), (30, "Downloading image"),
                    (50, "Setting up addons"), (65, "Creating container"), (80, "Waiting for DNS propagation"),
                    (90, "Configuring reverse proxy"), (95, "Starting app"))),
    "clone": (2, ((10, "Registering subdomains"), (25, "Downloading image"), (40, "Downloading backup"), (60, "Restoring addons"),
                  (75, "Creating container"), (90, "Configuring reverse proxy"))),
    "restore": (2, ((10, "Stopping app"), (25, "Downloading image"), (40, "Downloading backup"), (60, "Restoring addons"),
                    (80, "Creating container"), (95, "Starting app"))),
    "uninstall": (1, ((20, "Deleting container"), (40, "Teardown addons"), (60, "Unregistering domains"), (80, "Cleanup icon"),
                      (95, "Remove app from database"))),
    "update": (3, ((10, "Backing up app"), (30, "Downloading image"), (45, "Stopping app"), (60, "Updating addons"),
                   (75, "Creating container"), (90, "Starting app"))),
    "backup": (2, ((10, "Snapshotting app"), (30, "Backing up addons"), (60, "Uploading app data"), (90, "Updating backup record"))),
    "start": (1, ((20, "Starting app services"), (60, "Starting container"))),
    "stop": (1, ((20, "Stopping container"), (60, "Stopping app services"))),
    "restart": (1, ((20, "Restarting container"), (70, "Waiting for app to start"))),
    "configure": (1, ((10, "Configuring"), (40, "Recreating container"), (80, "Configuring reverse proxy"))),
}


def active_task(state, app):
    """The app's task while it is queued or running, else None."""
    task = state.tasks.get(app.task_id) if app.task_id else None
    return task if task is not None and not state.tasks.finished(task) else None


def check_idle(state, app):
    """409 while the app has a task queued or running."""
    task = active_task(state, app)
    if task is not None:
        raise ApiError(409, BUSY % (task.id, app.fields["installationState"], app.fields["runState"]))


def check_can_run(state, app, operation):
    """409 while busy, and in state error for anything but uninstall, restore, repair and the operation that failed."""
    check_idle(state, app)
    if app.fields["installationState"] == "error" and operation not in ("uninstall", "restore", "repair"):
        if (app.retry or {}).get("operation") != operation:
            raise ApiError(409, "Not allowed in error state")


def started(state):
    """``apply`` for operations that leave the app running (health comes back a moment later)."""
    def apply(app):
        app.fields["runState"] = "running"
        restart_health(state, app)
    return apply


def _take_fault(state, operation, fqdn):
    """The first /_control/app_faults rule for this operation (and app), using up one of its ``times``."""
    for rule in state.app_faults:
        if rule["operation"] != operation or (rule.get("fqdn") and rule["fqdn"] != fqdn):
            continue
        if rule["times"]:
            rule["times"] -= 1
            if rule["times"] == 0:
                state.app_faults.remove(rule)
        return rule
    return None


def run(state, app, operation, pending_state, apply=None, **options):
    """Start the task of an app operation; ``apply(app)`` makes the change once it succeeds.

    ``options``: ``args`` (the task's second argument), ``result``, ``steps``, ``seconds`` (nominal).
    """
    seconds, steps = OPERATIONS[operation]
    spec = {"operation": operation, "pending_state": pending_state, "apply": apply, "args": options.get("args") or {},
            "result": options.get("result"), "steps": options.get("steps") or steps, "seconds": options.get("seconds", seconds)}
    return _start(state, app, spec, operation)


def repair(state, app):
    """Run the failed operation again; without one (or for a seeded error) reinstall or reconfigure, as the server does."""
    spec = app.retry if app.fields["installationState"] == "error" else None
    if spec is None:
        failed_in = (app.fields["error"] or {}).get("installationState")
        if app.fields["installationState"] == "error" and failed_in in ("pending_install", "pending_clone"):
            seconds, steps = OPERATIONS["install"]
            spec = {"operation": "install", "pending_state": failed_in, "apply": started(state), "args": {"overwriteDns": True},
                    "result": None, "steps": steps, "seconds": seconds}
        else:
            seconds, steps = OPERATIONS["configure"]
            spec = {"operation": "configure", "pending_state": "pending_configure", "apply": None, "args": {}, "result": None,
                    "steps": steps, "seconds": seconds}
    return _start(state, app, spec, "repair")


def _start(state, app, spec, fault_operation):
    fault = _take_fault(state, fault_operation, app.fqdn)
    reason = (fault.get("reason") or DEFAULT_REASON) if fault else None

    def succeeded(task):
        if state.apps.get(app.id) is not app:
            return
        if spec["apply"]:
            spec["apply"](app)
        if state.apps.get(app.id) is app:       # uninstall removes it
            app.fields.update(installationState="installed", error=None)
            app.retry = None
            touch(app)

    def failed(task):
        if state.apps.get(app.id) is not app:
            return
        error = state.tasks.error(task)
        app.fields["installationState"] = "error"
        app.fields["error"] = {"reason": "Task Error" if error["code"] == "stopped" else reason, "message": error["message"],
                               "taskId": task.id, "installationState": spec["pending_state"]}
        app.retry = spec
        touch(app)

    task = state.tasks.start("app", [app.id, spec["args"]], pending_seconds=PENDING_SECONDS, seconds=spec["seconds"],
                             steps=spec["steps"], fail=fault["message"] if fault else None, fail_code=reason,
                             result=spec["result"], on_success=succeeded, on_failure=failed)
    app.task_id = task.id
    app.fields["installationState"] = spec["pending_state"]
    touch(app)
    return task
