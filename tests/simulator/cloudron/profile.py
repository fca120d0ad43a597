# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The caller's own profile."""

from common.routing import Response

from .state import DASHBOARD_FQDN


def get_profile(state, request):
    user = request.user
    return Response(200, {
        "id": user.id,
        "username": user.username,
        "email": user.email,
        "fallbackEmail": user.fallback_email,
        "displayName": user.display_name,
        "twoFactorAuthenticationEnabled": user.two_factor,
        "role": user.role,
        "hasBackgroundImage": False,
        "avatarUrl": "https://%s/api/v1/profile/avatar/%s" % (state.dashboard_fqdn() or DASHBOARD_FQDN, user.id),
        "source": user.source,
    })


def register(router):
    router.add("GET", "/api/v1/profile", get_profile)
