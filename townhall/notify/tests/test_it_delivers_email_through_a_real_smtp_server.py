"""The email goes out through Django's SMTP backend to a real SMTP server."""

from townhall.notify.services import notification_queue


def test_the_email_arrives_with_a_full_link(
    resident, inbox, settings, django_capture_on_commit_callbacks, run_tasks
):
    settings.SITE_URL = "https://services.riverside.example"
    settings.DEFAULT_FROM_EMAIL = "no-reply@riverside.example"
    with django_capture_on_commit_callbacks(execute=True):
        notification_queue(
            event="info_requested",
            key="info_requested:RIV-2026-000007:1",
            recipient=resident,
            context={
                "reference": "RIV-2026-000007",
                "service_title": "Building permit",
                "due_date": "12 March 2026",
                "reason": "Upload the site plan",
            },
            url="/applications/RIV-2026-000007/",
        )
    run_tasks()
    [message] = inbox.wait_for(1)
    body = message.get_payload(decode=True).decode()
    assert message["To"] == "resident@example.org"
    assert message["From"] == "no-reply@riverside.example"
    assert message["Auto-Submitted"] == "auto-generated"
    assert "RIV-2026-000007" in message["Subject"]
    assert "https://services.riverside.example/applications/RIV-2026-000007/" in body
    assert "12 March 2026" in body
    # The caseworker's request stays behind the sign-in, never in a mailbox.
    assert "site plan" not in body
