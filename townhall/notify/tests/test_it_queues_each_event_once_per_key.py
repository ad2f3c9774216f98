"""A retried request or a re-run task never sends an event's message twice."""

from townhall.notify.models import Notification
from townhall.notify.services import notification_deliver, notification_queue
from townhall.notify.tasks import notification_send

CONTEXT = {"reference": "RIV-2026-000001", "service_title": "Building permit"}


def test_queueing_the_same_key_twice_sends_one_email(
    resident, inbox, django_capture_on_commit_callbacks, run_tasks
):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            notification_queue(
                event="application_received",
                key="application_received:RIV-2026-000001",
                recipient=resident,
                context=CONTEXT,
                url="/applications/RIV-2026-000001/",
            )
    run_tasks()
    email = Notification.objects.get(channel="email")
    # The task and the service run again, as a re-delivered job would.
    notification_send.enqueue(email.pk)
    run_tasks()
    assert notification_deliver(notification_id=email.pk) == "skipped"

    assert len(inbox.wait_for(1)) == 1
    assert sorted(Notification.objects.values_list("channel", flat=True)) == ["email", "in_app"]
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("sent", 1)


def test_the_second_call_returns_nothing_new(resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as first_callbacks:
        first = notification_queue(
            event="decision_made", key="decision:1", recipient=resident, context=CONTEXT
        )
    with django_capture_on_commit_callbacks(execute=False) as second_callbacks:
        second = notification_queue(
            event="decision_made", key="decision:1", recipient=resident, context=CONTEXT
        )
    assert {n.channel for n in first} == {"email", "in_app"}
    assert second == []
    assert len(first_callbacks) == 1
    assert second_callbacks == []
