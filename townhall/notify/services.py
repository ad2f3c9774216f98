"""Writes for notifications: queue once, deliver with retries, sweep, retry now.

The outbox is at-least-once: a message is queued once per (key, channel), and
a worker that dies between handing a message to the mail server and recording
it may send it a second time after the lease. Losing a decision letter notice
is worse than a duplicate.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from townhall.notify.backoff import next_attempt_at
from townhall.notify.channels import channel_get, channels_for
from townhall.notify.events import CONTEXT_FIELDS, event_get
from townhall.notify.models import Notification, Status
from townhall.notify.rendering import message_render

if TYPE_CHECKING:
    from townhall.accounts.models import User

logger = logging.getLogger("townhall.notify")

SWEEP_BATCH = 500


def notification_queue(
    *,
    event: str,
    key: str,
    recipient: User,
    context: Mapping[str, Any],
    url: str = "",
) -> list[Notification]:
    """Queue `event` for `recipient` once per (key, channel).

    One outbox row per channel the recipient chose (email / sms / in_app;
    in_app always), rendered in their preferred language. Call inside the
    caller's transaction: the rows roll back with it, and sending starts only
    once it commits. Calling again with the same key queues nothing and
    returns an empty list. `key` names the occurrence and the recipient, e.g.
    "decision_made:RIV-2026-000001" (one recipient) or
    "sla_at_risk:RIV-2026-000001:<user id>" (one per staff member).
    Context fields other than events.CONTEXT_FIELDS are ignored.
    """
    event_get(event)
    key = key.strip()
    if not key or len(key) > 200:
        raise ValueError("key must be 1 to 200 characters long")
    if url and not (url.startswith("/") or url.startswith(("https://", "http://"))):
        raise ValueError(f"url must be an absolute path like /applications/REF/, not {url!r}")
    if not recipient.is_active:
        return []
    values = {field: str(context.get(field) or "") for field in CONTEXT_FIELDS}
    language = recipient.preferred_language or settings.LANGUAGE_CODE
    now = timezone.now()
    created: list[Notification] = []
    with transaction.atomic():
        for channel in channels_for(recipient):
            if Notification.objects.filter(key=key, channel=channel.name).exists():
                continue
            rendered = message_render(
                event=event, channel=channel.name, language=language, context=values, url=url
            )
            delivered = channel.delivered_on_queue
            notification, was_created = Notification.objects.get_or_create(
                key=key,
                channel=channel.name,
                defaults={
                    "event": event,
                    "recipient": recipient,
                    "language": language,
                    "context": values,
                    "url": url,
                    "subject": rendered.subject,
                    "body": rendered.body,
                    "status": Status.SENT if delivered else Status.QUEUED,
                    "sent_at": now if delivered else None,
                    "next_attempt_at": now,
                },
            )
            if was_created:
                created.append(notification)
    to_send = [n.pk for n in created if n.status == Status.QUEUED]
    if to_send:
        # robust: a queue that is down must not fail the caller's request
        # after its data committed; the sweeper sends these rows later.
        transaction.on_commit(lambda: _enqueue(to_send), robust=True)
    return created


def _enqueue(ids: Iterable[int], *, run_after: datetime | None = None) -> None:
    from townhall.notify.tasks import notification_send

    task = notification_send
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the sweeper picks it up when it is due
        task = task.using(run_after=run_after)
    for pk in ids:
        task.enqueue(pk)


def notification_deliver(*, notification_id: int) -> str:
    """Try to send one queued message now; returns "sent", "retrying", "failed" or "skipped".

    Not one transaction, on purpose: the claim must commit before the send so
    that no other worker sends the same row, and the outcome must commit
    whatever happens next. Each step is a single conditional UPDATE, so
    duplicate or late tasks for the same row do nothing ("skipped").
    """
    now = timezone.now()
    claimed = (
        Notification.objects.filter(pk=notification_id)
        .due(now)
        .update(status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return "skipped"
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        channel_get(notification.channel).send(notification)
    except Exception as exc:  # noqa: BLE001 - any failure of a channel is retried
        return _record_failure(notification, f"{type(exc).__name__}: {exc}")
    Notification.objects.filter(pk=notification_id).update(
        status=Status.SENT, sent_at=timezone.now(), claimed_at=None, last_error=""
    )
    return "sent"


def _record_failure(notification: Notification, error: str) -> str:
    error = error[:2000]
    now = timezone.now()
    rows = Notification.objects.filter(pk=notification.pk, status=Status.SENDING)
    if notification.attempts >= settings.NOTIFY_MAX_ATTEMPTS:
        rows.update(status=Status.FAILED, last_error=error, claimed_at=None)
        logger.error(
            "notification %s (%s, %s) failed for good after %d attempts: %s",
            notification.pk,
            notification.event,
            notification.channel,
            notification.attempts,
            error,
        )
        return "failed"
    when = next_attempt_at(now, notification.attempts, base_seconds=settings.NOTIFY_RETRY_SECONDS)
    rows.update(status=Status.QUEUED, next_attempt_at=when, last_error=error, claimed_at=None)
    logger.warning(
        "notification %s (%s, %s) attempt %d failed, next at %s: %s",
        notification.pk,
        notification.event,
        notification.channel,
        notification.attempts,
        when.isoformat(),
        error,
    )
    _enqueue([notification.pk], run_after=when)
    return "retrying"


@dataclass(frozen=True)
class SweepResult:
    released: int
    gave_up: int
    enqueued: int


def notifications_sweep(*, now: datetime | None = None) -> SweepResult:
    """Release rows whose worker died mid-send, and enqueue rows that are due.

    A row is "stuck" when it has been `sending` for longer than
    TOWNHALL_NOTIFY_LEASE_SECONDS. On backends that defer tasks each retry
    already has its own task, so only rows overdue by a whole lease (their
    task was lost) are enqueued again; on the immediate backend every due row is.
    """
    now = now or timezone.now()
    lease = timedelta(seconds=settings.NOTIFY_LEASE_SECONDS)
    released = gave_up = 0
    stuck = list(
        Notification.objects.stale(now - lease).values_list("pk", "attempts", "claimed_at")[
            :SWEEP_BATCH
        ]
    )
    for pk, attempts, claimed_at in stuck:
        # Matching claimed_at makes this a no-op if the worker finished meanwhile.
        rows = Notification.objects.filter(pk=pk, status=Status.SENDING, claimed_at=claimed_at)
        if attempts >= settings.NOTIFY_MAX_ATTEMPTS:
            gave_up += rows.update(
                status=Status.FAILED,
                claimed_at=None,
                last_error="The worker stopped while sending, too many times.",
            )
        else:
            released += rows.update(
                status=Status.QUEUED,
                claimed_at=None,
                next_attempt_at=now,
                last_error="The worker stopped while sending; trying again.",
            )
    from townhall.notify.tasks import notification_send

    defers = notification_send.get_backend().supports_defer
    due_before = now - lease if defers else now
    due = list(
        Notification.objects.due(due_before)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    # Rows just released are due now, whatever the backend.
    due_ids = list(dict.fromkeys([*due, *(pk for pk, _, _ in stuck)]))
    due_ids = list(
        Notification.objects.filter(pk__in=due_ids).due(now).values_list("pk", flat=True)
    )
    _enqueue(due_ids)
    return SweepResult(released=released, gave_up=gave_up, enqueued=len(due_ids))


class NotRetryable(ValueError):
    pass


def notification_retry_now(*, notification_id: int) -> Notification:
    """Staff asked to try a failed or waiting message again straight away."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification_id)
        if notification.status not in (Status.FAILED, Status.QUEUED):
            raise NotRetryable(f"notification {notification_id} is {notification.status}")
        notification.status = Status.QUEUED
        notification.next_attempt_at = timezone.now()
        notification.save(update_fields=["status", "next_attempt_at"])
        transaction.on_commit(lambda: _enqueue([notification_id]), robust=True)
    return notification


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
