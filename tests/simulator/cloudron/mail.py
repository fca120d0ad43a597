"""Mail: /api/v1/mail/:domain/mailboxes. Mailboxes exist only when seeded through the control interface."""

from common.routing import Response

from . import domains
from .query import page_slice


def mailbox_json(mailbox):
    return {
        "name": mailbox.name,
        "domain": mailbox.domain,
        "ownerId": mailbox.owner_id,
        "ownerType": mailbox.owner_type,
        "active": mailbox.active,
        "enablePop3": mailbox.enable_pop3,
        "storageQuota": mailbox.storage_quota,
        "messagesQuota": mailbox.messages_quota,
        "aliases": [dict(alias) for alias in mailbox.aliases],
    }


def list_mailboxes(state, request):
    # query parameters are checked before the domain is looked up, as the route does
    page = page_slice(request.query)
    search = request.query.get("search", "").lower()
    domain = domains.load(state, request.params["domain"])
    mailboxes = sorted((m for m in state.mailboxes.values() if m.domain == domain.domain and search in m.name.lower()),
                       key=lambda m: m.name)
    return Response(200, {"mailboxes": [mailbox_json(m) for m in mailboxes[page]]})


def register(router):
    router.add("GET", "/api/v1/mail/:domain/mailboxes", list_mailboxes, "mailmanager")
