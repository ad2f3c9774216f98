"""A phone report becomes an incident through the "Open an incident" page;
a form with gaps shows GOV.UK errors and opens nothing."""

from __future__ import annotations

from townhall.safety.models import Incident


def test_a_phone_report_opens_an_incident(operator, signed_in):
    client = signed_in(operator)
    page = client.get("/staff/safety/incidents/new").content.decode()
    assert "Old Town" in page and "Flooding" in page  # districts and types offered
    response = client.post(
        "/staff/safety/incidents/new",
        {
            "kind": "fire",
            "area": "millbrook",
            "summary": "Smoke from a warehouse",
            "source": "phone",
        },
    )
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/safety/incidents/{incident.reference}/"
    assert (incident.kind, incident.area, incident.source, incident.status) == (
        "fire",
        "millbrook",
        "phone",
        "new",
    )
    assert incident.opened_by == operator
    live = client.get("/staff/safety/").content.decode()
    assert incident.reference in live and "Smoke" not in live  # listed, summary on its page


def test_a_form_with_gaps_opens_nothing(operator, signed_in):
    client = signed_in(operator)
    response = client.post(
        "/staff/safety/incidents/new",
        {"kind": "", "area": "atlantis", "summary": "", "source": "phone"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Choose the type of incident" in page
    assert "Describe what is happening" in page
    assert "Error:" in page.split("</title>")[0]
    assert not Incident.objects.exists()
