"""The caller's own profile and the public status route."""

from .routing import Response
from .state import DASHBOARD_FQDN


def get_status(state, request):
    # v8/v9 answer only the version (older servers sent much more)
    return Response(200, {"version": state.version})


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
        "avatarUrl": "https://%s/api/v1/profile/avatar/%s" % (DASHBOARD_FQDN, user.id),
        "source": user.source,
    })


def register(router):
    router.add("GET", "/api/v1/cloudron/status", get_status, role=None)
    router.add("GET", "/api/v1/profile", get_profile)
