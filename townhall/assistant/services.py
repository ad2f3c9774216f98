"""Writes: conversations, messages and requests to talk to a person."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from townhall.assistant.answers import answer, answer_choice
from townhall.assistant.models import ContactRequest, Conversation, Message

MAX_QUESTION_CHARS = 500


def conversation_ask(
    *, conversation: Conversation | None, user: Any, question: str
) -> tuple[Conversation, dict[str, Any]]:
    """Answer a question and keep both sides in the conversation (started if None)."""
    question = " ".join(question.split())
    if not question:
        raise ValidationError(_("Enter a question"))
    if len(question) > MAX_QUESTION_CHARS:
        raise ValidationError(
            _("Your question must be %(max)s characters or fewer") % {"max": MAX_QUESTION_CHARS}
        )
    result = answer(question, user=user)
    return _exchange_save(conversation=conversation, user=user, said=question, result=result)


def _exchange_save(
    *, conversation: Conversation | None, user: Any, said: str, result: dict[str, Any]
) -> tuple[Conversation, dict[str, Any]]:
    """Keep what the resident said and what the assistant answered."""
    titles = result.get("titles") or []
    sources = [
        {**source, "title": titles[i]} if i < len(titles) else source
        for i, source in enumerate(result["sources"])
    ]
    with transaction.atomic():
        if conversation is None:
            signed_in = user if user is not None and user.is_authenticated else None
            conversation = Conversation.objects.create(user=signed_in)
        Message.objects.create(conversation=conversation, role=Message.Role.RESIDENT, text=said)
        Message.objects.create(
            conversation=conversation,
            role=Message.Role.ASSISTANT,
            text=result["answer"],
            intent=result["intent"],
            sources=sources,
            confidence=result["confidence"],
            clarify=bool(result.get("clarify")),
        )
        conversation.save(update_fields=["updated_at"])
    return conversation, result


def conversation_choose(
    *, conversation: Conversation | None, user: Any, slug: str
) -> tuple[Conversation, dict[str, Any]]:
    """Answer from the page the resident picked when the assistant asked
    "Did you mean one of these?" (only a page it offered in that question)."""
    offered = (
        conversation.messages.filter(role=Message.Role.ASSISTANT).last()
        if conversation is not None
        else None
    )
    if offered is None or not offered.clarify:
        raise ValidationError(_("Ask your question again"))
    titles = {source.get("slug"): source.get("title", "") for source in offered.sources}
    if slug not in titles:
        raise ValidationError(_("Choose one of the options"))
    asked = conversation.messages.filter(
        role=Message.Role.RESIDENT, created_at__lte=offered.created_at, pk__lt=offered.pk
    ).last()
    result = answer_choice(asked.text if asked else "", slug=slug)
    if result is None:
        raise ValidationError(_("Choose one of the options"))
    return _exchange_save(
        conversation=conversation, user=user, said=titles[slug] or slug, result=result
    )


def contact_request_create(
    *, conversation: Conversation, name: str, email: str, consent: bool
) -> ContactRequest:
    """Hand the conversation to staff: only with the resident's consent."""
    if not consent:
        raise ValidationError(_("Tick the box to agree that staff can read this conversation"))
    with transaction.atomic():
        request, _created = ContactRequest.objects.update_or_create(
            conversation=conversation,
            defaults={"name": name.strip(), "email": email.strip(), "consent": True},
        )
    return request


def conversation_delete(*, conversation: Conversation) -> None:
    with transaction.atomic():
        conversation.delete()


def conversations_expired_delete() -> int:
    """Delete conversations untouched for longer than the retention period."""
    cutoff = timezone.now() - timedelta(days=settings.ASSISTANT_RETENTION_DAYS)
    with transaction.atomic():
        _total, by_model = Conversation.objects.filter(updated_at__lt=cutoff).delete()
    return by_model.get("assistant.Conversation", 0)
