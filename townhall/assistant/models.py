"""Conversations with the assistant, and requests to talk to a person."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Conversation(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Null for a signed-out resident: their conversation is found by its uid,
    # which only their session holds.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assistant_conversations",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last message"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return str(self.uid)


class Message(models.Model):
    class Role(models.TextChoices):
        RESIDENT = "resident", _("Resident")
        ASSISTANT = "assistant", _("Assistant")

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    role = models.CharField(_("from"), max_length=10, choices=Role.choices)
    text = models.TextField(_("text"))
    intent = models.CharField(_("intent"), max_length=20, blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    confidence = models.FloatField(_("confidence"), null=True, blank=True)
    # The assistant asked the resident to choose among the sources.
    clarify = models.BooleanField(_("asked to choose"), default=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.role}: {self.text[:40]}"


class ContactRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    conversation = models.OneToOneField(
        Conversation, on_delete=models.CASCADE, related_name="contact_request"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"))
    consent = models.BooleanField(_("consent to share the conversation"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"
