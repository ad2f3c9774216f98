"""When staff ask for more information the resident answers in their account and
the case goes back into review with its due date pushed back by the pause; the
resident can read who opened their data, with role, team and purpose."""

from __future__ import annotations

from datetime import date

import pytest

from townhall.cases import services_casework as work
from townhall.cases.models import Application, CaseMessage, Team

pytestmark = pytest.mark.django_db


def test_the_answer_restarts_the_clock(submitted, caseworker, resident, signed_in):
    work.case_claim(application=submitted, user=caseworker)
    work.case_transition(
        application=submitted, to="info_requested", actor=caseworker, reason="Send your payslip"
    )
    # Paused a week ago: five working days are added to the due date.
    Application.objects.filter(pk=submitted.pk).update(sla_paused_on=date(2026, 11, 19))
    due = Application.objects.get(pk=submitted.pk).due_date

    client = signed_in(resident)
    page = client.get(f"/applications/{submitted.reference}/").content.decode()
    assert "Send your payslip" in page
    assert (
        client.post(f"/applications/{submitted.reference}/messages/", {"body": ""}).status_code
        == 400
    )
    response = client.post(
        f"/applications/{submitted.reference}/messages/", {"body": "Payslip attached by post"}
    )
    assert response.status_code == 302
    case = Application.objects.get(pk=submitted.pk)
    assert case.status == "in_review"
    assert case.sla_paused_on is None
    assert case.due_date > due
    assert CaseMessage.objects.get().from_staff is False


def test_the_access_log_names_role_team_and_purpose(
    submitted, caseworker, staff_client, resident, signed_in, client
):
    staff_client(caseworker).get(f"/staff/cases/{submitted.reference}/")
    page = signed_in(resident).get("/account/who-looked-at-my-data/").content.decode()
    assert "Caseworker" in page
    team = Team.objects.get(services__service_slug="tax-return")
    assert team.name in page
    assert "Handling your application" in page
    assert caseworker.email not in page


def test_the_resident_withdraws_from_their_page(submitted, resident, signed_in):
    client = signed_in(resident)
    assert client.post(f"/applications/{submitted.reference}/withdraw/").status_code == 302
    assert Application.objects.get(pk=submitted.pk).status == "withdrawn"
    client.post(f"/applications/{submitted.reference}/withdraw/")
    assert Application.objects.get(pk=submitted.pk).transitions.count() == 1
