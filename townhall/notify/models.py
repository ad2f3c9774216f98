from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from townhall.notify.events import event_choices


class ChannelName(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message")
    IN_APP = "in_app", _("Message on this website")


class Status(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def in_app_for(self, user_id: int) -> NotificationQuerySet:
        return self.filter(recipient_id=user_id, channel=ChannelName.IN_APP)

    def due(self, now: datetime) -> NotificationQuerySet:
        return self.filter(status=Status.QUEUED, next_attempt_at__lte=now)

    def stale(self, claimed_before: datetime) -> NotificationQuerySet:
        return self.filter(status=Status.SENDING, claimed_at__lt=claimed_before)

    def needing_attention(self) -> NotificationQuerySet:
        """Failed for good, or failed at least once and waiting to be tried again."""
        return self.filter(
            models.Q(status=Status.FAILED) | models.Q(status=Status.QUEUED, attempts__gt=0)
        )


class Notification(models.Model):
    """One message on one channel: the outbox row and, for in-app, the message itself.

    (key, channel) is unique, so whatever retries the caller's request or
    re-runs a task, an event's message is queued once per channel.
    """

    event = models.CharField(_("event"), max_length=40, choices=event_choices())
    key = models.CharField(_("key"), max_length=200)
    channel = models.CharField(_("channel"), max_length=10, choices=ChannelName.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    language = models.CharField(_("language"), max_length=8)
    # Only the whitelisted fields of events.CONTEXT_FIELDS: reference, service,
    # status, dates. Kept so a message can be rendered again if needed.
    context = models.JSONField(_("context"), default=dict)
    url = models.CharField(_("link"), max_length=500, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["key", "channel"], name="notify_one_per_key_channel")
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notify_status_due"),
            models.Index(
                fields=["recipient", "channel", "-created_at"], name="notify_recipient_inbox"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.channel} #{self.pk}"
