"""Reads: a resident's own conversation, and the staff queue."""

from __future__ import annotations

import uuid
from typing import Any

from townhall.assistant.models import ContactRequest, Conversation


def conversation_get(*, uid: str | None, user: Any) -> Conversation | None:
    """The conversation, only if it belongs to this visitor.

    A signed-out visitor's uid comes from their own session; a signed-in
    resident's conversation must also be theirs, so a uid alone is not enough.
    """
    if not uid:
        return None
    try:
        key = uuid.UUID(str(uid))
    except ValueError:
        return None
    conversation = Conversation.objects.filter(uid=key).first()
    if conversation is None:
        return None
    owner = user.pk if user is not None and user.is_authenticated else None
    if conversation.user_id is not None and conversation.user_id != owner:
        return None
    return conversation


def contact_requests_open() -> list[ContactRequest]:
    return list(
        ContactRequest.objects.filter(status=ContactRequest.Status.OPEN)
        .select_related("conversation")
        .prefetch_related("conversation__messages")
    )
