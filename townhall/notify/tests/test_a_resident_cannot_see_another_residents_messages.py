"""In-app messages: a resident reads their own, newest first, and nobody else's."""

from townhall.notify.models import Notification
from townhall.notify.services import notification_queue


def _message(resident, key, reference):
    notification_queue(
        event="decision_made",
        key=key,
        recipient=resident,
        context={"reference": reference, "service_title": "Building permit"},
        url=f"/applications/{reference}/",
    )
    return Notification.objects.get(key=key, channel="in_app")


def test_a_resident_reads_their_messages_newest_first(resident, signed_in):
    older = _message(resident, "a", "RIV-2026-000001")
    newer = _message(resident, "b", "RIV-2026-000002")
    client = signed_in(resident)

    page = client.get("/account/messages/").content.decode()
    assert page.index("RIV-2026-000002") < page.index("RIV-2026-000001")
    assert page.count("govuk-tag--blue") == 2

    response = client.get(f"/account/messages/{newer.pk}/")
    assert response.status_code == 200
    assert 'href="/applications/RIV-2026-000002/"' in response.content.decode()
    newer.refresh_from_db()
    older.refresh_from_db()
    assert newer.read_at is not None
    assert older.read_at is None


def test_another_resident_gets_404_and_an_empty_list(resident, other_resident, signed_in):
    message = _message(resident, "a", "RIV-2026-000001")
    client = signed_in(other_resident)

    assert client.get(f"/account/messages/{message.pk}/").status_code == 404
    assert "RIV-2026-000001" not in client.get("/account/messages/").content.decode()
    message.refresh_from_db()
    assert message.read_at is None


def test_email_rows_are_not_shown_as_messages(resident, signed_in):
    _message(resident, "a", "RIV-2026-000001")
    email = Notification.objects.get(key="a", channel="email")
    assert signed_in(resident).get(f"/account/messages/{email.pk}/").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    response = client.get("/account/messages/")
    assert response.status_code == 302
    assert "/account/sign-in/" in response["Location"]
