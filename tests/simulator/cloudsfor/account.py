# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""``/account``, ``/regions`` and ``/distros`` (docs): what the account may do and the catalogue it chooses from."""

from .catalogue import DISTROS, REGIONS, distro_view, region_view
from .envelope import many, one


def account(state, request):
    return one("account", state.account())


def regions(state, request):
    return many(state, request, "regions", list(REGIONS), region_view)


def distros(state, request):
    return many(state, request, "distros", list(DISTROS), lambda d: distro_view(d, state.switches))


def register(router):
    router.add("GET", "/api/v1/account", account)
    router.add("GET", "/api/v1/regions", regions)
    router.add("GET", "/api/v1/distros", distros)
