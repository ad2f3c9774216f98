"""Staff see messages that failed, with the error, and can send them again."""

from django.utils import timezone

from townhall.notify.models import Notification
from townhall.notify.services import notification_deliver, notification_queue


def _failed_email(resident, capture, settings):
    settings.NOTIFY_MAX_ATTEMPTS = 1
    with capture(execute=True):
        notification_queue(
            event="application_received",
            key="application_received:RIV-2026-000020",
            recipient=resident,
            context={"reference": "RIV-2026-000020", "service_title": "Licence"},
        )
    email = Notification.objects.get(channel="email")
    Notification.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    notification_deliver(notification_id=email.pk)
    email.refresh_from_db()
    assert email.status == "failed"
    return email


def test_a_caseworker_sees_the_error_and_retries(
    resident,
    caseworker,
    closed_smtp_port,
    settings,
    signed_in,
    django_capture_on_commit_callbacks,
    request,
    run_tasks,
):
    email = _failed_email(resident, django_capture_on_commit_callbacks, settings)
    client = signed_in(caseworker)

    page = client.get("/staff/notifications/").content.decode()
    assert "RIV-2026-000020" in page
    assert "resident@example.org" in page
    assert email.last_error.split(":")[0] in page

    inbox = request.getfixturevalue("inbox")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/staff/notifications/{email.pk}/retry/")
    assert response.status_code == 302
    run_tasks()
    inbox.wait_for(1)
    email.refresh_from_db()
    assert email.status == "sent"
    assert "RIV-2026-000020" not in client.get("/staff/notifications/").content.decode()


def test_residents_cannot_open_the_staff_page_or_retry(resident, signed_in, db):
    message = Notification.objects.create(
        event="decision_made",
        key="k",
        channel="email",
        recipient=resident,
        language="en",
        subject="s",
        body="b",
        status="failed",
        attempts=6,
        next_attempt_at=timezone.now(),
    )
    client = signed_in(resident)
    assert client.get("/staff/notifications/").status_code == 403
    assert client.post(f"/staff/notifications/{message.pk}/retry/").status_code == 403
    message.refresh_from_db()
    assert message.status == "failed"


def test_retrying_a_sent_message_changes_nothing(caseworker, resident, signed_in):
    message = Notification.objects.create(
        event="decision_made",
        key="k",
        channel="email",
        recipient=resident,
        language="en",
        subject="s",
        body="b",
        status="sent",
        attempts=1,
        next_attempt_at=timezone.now(),
    )
    client = signed_in(caseworker)
    response = client.post(f"/staff/notifications/{message.pk}/retry/", follow=True)
    assert "no longer waiting" in response.content.decode()
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 1)
    assert client.post("/staff/notifications/999999/retry/").status_code == 404
