"""The back-office pages: the queue lists a team's open cases, the case page
shows the answers and logs the visit, and the actions change the case or
explain, on the same page, why they did not."""

from __future__ import annotations

import pytest

from townhall.cases.models import Application, CaseMessage, CaseNote
from townhall.privacy.models import AccessEntry

pytestmark = pytest.mark.django_db


def test_the_queue_lists_open_cases_soonest_due_first(submitted, caseworker, staff_client):
    client = staff_client(caseworker)
    response = client.get("/staff/cases/")
    assert response.status_code == 200
    assert submitted.reference in response.content.decode()
    filtered = client.get("/staff/cases/?service=pet-license")
    assert submitted.reference not in filtered.content.decode()


def test_opening_a_case_shows_the_answers_and_logs_the_visit(
    submitted, caseworker, staff_client, resident
):
    response = staff_client(caseworker).get(f"/staff/cases/{submitted.reference}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Why this amount?" in page
    entry = AccessEntry.objects.get(subject=resident)
    assert (entry.staff, entry.role, entry.purpose) == (caseworker, "caseworker", "case_work")
    assert entry.team and entry.object_ref == submitted.reference


def test_the_caseworker_claims_asks_and_the_resident_is_told(submitted, caseworker, staff_client):
    client = staff_client(caseworker)
    url = f"/staff/cases/{submitted.reference}/"
    assert client.post(f"{url}claim/").status_code == 302
    response = client.post(f"{url}transition/", {"to": "info_requested", "reason": ""})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert Application.objects.get(pk=submitted.pk).status == "in_review"
    response = client.post(
        f"{url}transition/", {"to": "info_requested", "reason": "Send last year's return"}
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=submitted.pk).status == "info_requested"


def test_a_move_not_on_offer_is_refused(submitted, caseworker, staff_client):
    client = staff_client(caseworker)
    response = client.post(f"/staff/cases/{submitted.reference}/transition/", {"to": "approved"})
    assert response.status_code == 400
    assert Application.objects.get(pk=submitted.pk).status == "submitted"


def test_notes_stay_internal_and_messages_reach_the_resident(
    submitted, caseworker, staff_client, resident, signed_in, client
):
    staff = staff_client(caseworker)
    url = f"/staff/cases/{submitted.reference}/"
    staff.post(f"{url}notes/", {"text": "Called the employer"})
    staff.post(f"{url}messages/", {"body": "We have started on your return"})
    assert CaseNote.objects.get().text == "Called the employer"
    assert CaseMessage.objects.get().from_staff

    page = signed_in(resident).get(f"/applications/{submitted.reference}/").content.decode()
    assert "We have started on your return" in page
    assert "Called the employer" not in page


def test_an_empty_note_explains_itself(submitted, caseworker, staff_client):
    response = staff_client(caseworker).post(
        f"/staff/cases/{submitted.reference}/notes/", {"text": "   "}
    )
    assert response.status_code == 400
    assert not CaseNote.objects.exists()


def test_managers_assign_several_cases_at_once(teams, resident, caseworker, manager, staff_client):
    from townhall.cases.services import application_submit
    from townhall.cases.tests.helpers import draft_for

    cases = [
        application_submit(application=draft_for(resident), idempotency_key=f"k{i}")
        for i in range(3)
    ]
    client = staff_client(manager)
    response = client.post(
        "/staff/cases/assign/",
        {"assignee": str(caseworker.pk), "references": [c.reference for c in cases[:2]]},
    )
    assert response.status_code == 302
    assigned = set(
        Application.objects.filter(assignee=caseworker).values_list("reference", flat=True)
    )
    assert assigned == {cases[0].reference, cases[1].reference}


def test_a_caseworker_cannot_assign_cases_to_others(
    teams, submitted, caseworker, manager, staff_client
):
    client = staff_client(caseworker)
    client.post(
        "/staff/cases/assign/", {"assignee": str(manager.pk), "references": [submitted.reference]}
    )
    assert Application.objects.get(pk=submitted.pk).assignee is None
