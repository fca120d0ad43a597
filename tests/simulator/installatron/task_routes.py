# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""GET /tasks: running and finished tasks (switch ``finished_tasks_listed``), oldest first."""

from . import envelope, params
from .install_build import owner_of
from .state import ADMIN


def list_tasks(state, request):
    p = request.body
    params.check_known(state, p, ("user", "offset", "limit", "restart"))
    offset, limit = params.paging(p)
    owner = owner_of(state, p)
    params.flag(p, "restart")   # re-queues stalled tasks; the simulator's tasks never stall
    tasks = sorted(state.tasks.all(), key=lambda t: int(t.id))
    if owner != ADMIN:
        tasks = [t for t in tasks if t.info.get("user") == owner]
    if not state.switches["finished_tasks_listed"]:
        tasks = [t for t in tasks if not state.tasks.finished(t)]
    return envelope.page(state, [state.tasks.view(t) for t in tasks], offset, limit)


def register(router):
    router.add("GET", "/tasks", list_tasks)
