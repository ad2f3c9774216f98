"""Email and text messages go only to people who chose them; in-app always."""

import logging

from conftest import make_user
from townhall.notify.models import Notification
from townhall.notify.services import notification_queue


def _queue(person, capture):
    with capture(execute=True):
        return notification_queue(
            event="decision_made",
            key=f"decision_made:{person.pk}",
            recipient=person,
            context={"reference": "RIV-2026-000005", "service_title": "Licence"},
            url="/applications/RIV-2026-000005/",
        )


def test_a_person_who_chose_text_messages_gets_one_through_the_provider(
    db, settings, caplog, django_capture_on_commit_callbacks, run_tasks
):
    settings.SMS_PROVIDER = "logging"
    person = make_user(
        "texts@example.org", phone="+34 600 123 987", contact_by_email=False, contact_by_sms=True
    )
    with caplog.at_level(logging.INFO, logger="townhall.notify.sms"):
        rows = _queue(person, django_capture_on_commit_callbacks)
        run_tasks()
    assert sorted(row.channel for row in rows) == ["in_app", "sms"]
    assert Notification.objects.get(channel="sms").status == "sent"
    [record] = [r for r in caplog.records if r.name == "townhall.notify.sms"]
    text = record.getMessage()
    assert "RIV-2026-000005" in text
    assert "•••987" in text
    assert "600 123" not in text


def test_a_person_who_chose_neither_gets_only_the_website_copy(
    db, django_capture_on_commit_callbacks
):
    person = make_user("quiet@example.org", contact_by_email=False, contact_by_sms=True)
    rows = _queue(person, django_capture_on_commit_callbacks)
    # Text messages chosen but no number: nothing to send one to.
    assert [(row.channel, row.status) for row in rows] == [("in_app", "sent")]
