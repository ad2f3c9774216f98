"""A warning an operator publishes through the staff page shows on /safety/
and queues a hazard_warning message for residents subscribed to its area,
and for no one else; once withdrawn or expired, it says so and leaves /safety/."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from townhall.notify.models import Notification
from townhall.safety.models import HazardWarning, Incident
from townhall.safety.services_incidents import incident_open, subscriptions_set

FORM = {
    "area": "north-bank",
    "severity": "warning",
    "title": "River Wend over its banks",
    "advice": "Move cars away from the embankment.",
    "hours": "6",
}


def test_a_published_warning_is_public_and_sent_to_subscribers_only(
    operator, resident, other_resident, signed_in, client
):
    subscriptions_set(user=resident, area_slugs=["north-bank"])
    subscriptions_set(user=other_resident, area_slugs=["old-town"])
    signed_in(operator)
    response = client.post("/staff/safety/warnings/new", FORM)
    warning = HazardWarning.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/safety/warnings/{warning.reference}/"
    assert warning.expires_at - warning.published_at == timedelta(hours=6)

    client.logout()
    public = client.get("/safety/").content.decode()
    assert "River Wend over its banks" in public
    assert "Move cars away from the embankment." in public
    assert "North Bank" in public and "Warning: take action" in public
    assert client.get(f"/safety/warnings/{warning.reference}/").status_code == 200

    sent = Notification.objects.filter(event="hazard_warning")
    assert sent.exists()
    assert set(sent.values_list("recipient", flat=True)) == {resident.pk}


def test_a_warning_from_an_incident_starts_from_its_area(operator, signed_in):
    incident = incident_open(kind="flood", area="meadows", summary="Ponding", actor=operator)
    client = signed_in(operator)
    page = client.get(f"/staff/safety/warnings/new?incident={incident.reference}").content.decode()
    assert '<option value="meadows" selected>' in page
    response = client.post(
        f"/staff/safety/warnings/new?incident={incident.reference}",
        {**FORM, "area": "meadows", "incident": incident.reference},
    )
    assert response.status_code == 302
    assert HazardWarning.objects.get().incident == Incident.objects.get()


def test_a_bad_warning_shows_errors_and_publishes_nothing(operator, signed_in):
    client = signed_in(operator)
    response = client.post(
        "/staff/safety/warnings/new", {**FORM, "title": "", "hours": "1000", "severity": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    for message in (
        "Give the warning a title",
        "A warning lasts from 1 hour to 14 days",
        "Choose how severe the hazard is",
    ):
        assert message in page
    assert not HazardWarning.objects.exists()


def test_a_withdrawn_warning_leaves_the_public_page_and_says_so(operator, signed_in, client):
    signed_in(operator)
    client.post("/staff/safety/warnings/new", FORM)
    warning = HazardWarning.objects.get()
    response = client.post(f"/staff/safety/warnings/{warning.reference}/withdraw")
    assert response.status_code == 302
    warning.refresh_from_db()
    assert warning.withdrawn_at is not None
    client.logout()
    assert "River Wend over its banks" not in client.get("/safety/").content.decode()
    page = client.get(f"/safety/warnings/{warning.reference}/").content.decode()
    assert "This warning was withdrawn" in page


def test_an_expired_warning_says_so(operator, signed_in, client):
    signed_in(operator)
    client.post("/staff/safety/warnings/new", FORM)
    HazardWarning.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    warning = HazardWarning.objects.get()
    client.logout()
    assert "There are no hazard warnings in force." in client.get("/safety/").content.decode()
    page = client.get(f"/safety/warnings/{warning.reference}/").content.decode()
    assert "This warning expired" in page


def test_an_unknown_warning_is_404(client, db):
    assert client.get("/safety/warnings/WRN-2026-999999/").status_code == 404
