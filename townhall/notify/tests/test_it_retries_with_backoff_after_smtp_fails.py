"""A refused connection is retried later, each wait twice the last, until it works."""

from datetime import timedelta

from django.utils import timezone

from townhall.notify.models import Notification
from townhall.notify.services import notification_deliver, notification_queue, notifications_sweep


def _queue(resident, capture):
    with capture(execute=True):
        notification_queue(
            event="application_received",
            key="application_received:RIV-2026-000010",
            recipient=resident,
            context={"reference": "RIV-2026-000010", "service_title": "Licence"},
        )
    return Notification.objects.get(channel="email")


def test_it_backs_off_then_delivers_when_the_server_is_back(
    resident, closed_smtp_port, settings, django_capture_on_commit_callbacks, run_tasks, request
):
    settings.NOTIFY_RETRY_SECONDS = 60
    settings.NOTIFY_MAX_ATTEMPTS = 5
    before = timezone.now()
    email = _queue(resident, django_capture_on_commit_callbacks)
    run_tasks()
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("queued", 1)
    assert "Connection refused" in email.last_error or "Errno" in email.last_error
    first_wait = email.next_attempt_at - before
    assert timedelta(seconds=59) < first_wait < timedelta(seconds=70)

    # Not due yet: a sweep leaves it alone.
    assert notifications_sweep(now=timezone.now()).enqueued == 0
    # Due: the second attempt fails too and waits twice as long.
    second_try = email.next_attempt_at
    Notification.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    assert notification_deliver(notification_id=email.pk) == "retrying"
    email.refresh_from_db()
    assert email.attempts == 2
    assert timedelta(seconds=119) < email.next_attempt_at - timezone.now() < timedelta(seconds=125)
    assert email.next_attempt_at > second_try

    # The server comes back. On backends that defer, each retry has its own
    # task; the sweeper enqueues a retry once it is overdue by a whole lease.
    inbox = request.getfixturevalue("inbox")
    overdue = timezone.now() - timedelta(seconds=settings.NOTIFY_LEASE_SECONDS + 1)
    Notification.objects.filter(pk=email.pk).update(next_attempt_at=overdue)
    assert notifications_sweep().enqueued == 1
    run_tasks()
    inbox.wait_for(1)
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == ("sent", 3, "")


def test_it_gives_up_after_the_last_attempt(
    resident, closed_smtp_port, settings, django_capture_on_commit_callbacks, run_tasks
):
    settings.NOTIFY_MAX_ATTEMPTS = 2
    email = _queue(resident, django_capture_on_commit_callbacks)
    run_tasks()
    Notification.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    assert notification_deliver(notification_id=email.pk) == "failed"
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("failed", 2)
    # A failed message is not picked up again by itself.
    assert notifications_sweep(now=timezone.now() + timedelta(days=1)).enqueued == 0
