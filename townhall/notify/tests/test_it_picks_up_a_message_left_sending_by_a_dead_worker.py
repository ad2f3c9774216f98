"""A worker that dies mid-send leaves the message to be sent again, not lost."""

from datetime import timedelta

from django.utils import timezone

from townhall.notify.models import Notification
from townhall.notify.services import notification_queue, notifications_sweep


def test_a_stale_sending_row_is_released_and_sent(
    resident, inbox, settings, django_capture_on_commit_callbacks, run_tasks
):
    settings.NOTIFY_LEASE_SECONDS = 300
    with django_capture_on_commit_callbacks(execute=False):
        notification_queue(
            event="caseworker_message",
            key="caseworker_message:42",
            recipient=resident,
            context={"reference": "RIV-2026-000042", "service_title": "Licence"},
        )
    email = Notification.objects.get(channel="email")
    # What a worker leaves behind when it is killed after claiming the row.
    claimed = timezone.now() - timedelta(seconds=301)
    Notification.objects.filter(pk=email.pk).update(
        status="sending", claimed_at=claimed, attempts=1
    )
    still_leased = Notification.objects.create(
        event="caseworker_message",
        key="caseworker_message:43",
        channel="email",
        recipient=resident,
        language="en",
        subject="s",
        body="b",
        status="sending",
        claimed_at=timezone.now() - timedelta(seconds=10),
        attempts=1,
        next_attempt_at=timezone.now(),
    )

    result = notifications_sweep()
    run_tasks()

    assert (result.released, result.enqueued) == (1, 1)
    [message] = inbox.wait_for(1)
    assert "RIV-2026-000042" in message["Subject"]
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("sent", 2)
    still_leased.refresh_from_db()
    assert still_leased.status == "sending"
