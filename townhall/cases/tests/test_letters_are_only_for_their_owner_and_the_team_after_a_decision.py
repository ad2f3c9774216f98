"""A letter is the resident's and the staff's who handle the service: anyone
else gets 404, like a letter that does not exist yet (no decision). Staff
reads are in the resident's access log."""

from __future__ import annotations

import pytest
from django.utils import timezone

from conftest import make_user
from townhall.cases.models import ApplicationStatus, Team, TeamService
from townhall.cases.tests.helpers import draft_for
from townhall.privacy.models import AccessEntry

PATHS = ("letter/", "letter.pdf")


@pytest.fixture
def decided(catalogue, resident, caseworker):
    application = draft_for(resident)
    application.status = ApplicationStatus.APPROVED
    application.submitted_at = timezone.now()
    application.decided_at = timezone.now()
    application.decided_by = caseworker
    application.save()
    return application


@pytest.fixture
def tax_team(db, caseworker):
    team = Team.objects.create(slug="tax", name="Tax team")
    TeamService.objects.create(team=team, service_slug="tax-return")
    team.members.add(caseworker)
    return team


@pytest.mark.parametrize("path", PATHS)
def test_another_resident_gets_404(decided, other_resident, signed_in, path):
    client = signed_in(other_resident)
    assert client.get(f"/applications/{decided.reference}/{path}").status_code == 404


@pytest.mark.parametrize("path", PATHS)
def test_a_signed_out_visitor_is_sent_to_sign_in(decided, client, path):
    response = client.get(f"/applications/{decided.reference}/{path}")
    assert response.status_code == 302
    assert "/account/sign-in/" in response["Location"]


@pytest.mark.parametrize("path", PATHS)
def test_a_caseworker_outside_the_team_gets_404(decided, tax_team, signed_in, path):
    outsider = make_user("outsider@example.org", roles=("caseworker",))
    permits = Team.objects.create(slug="permits", name="Permits team")
    TeamService.objects.create(team=permits, service_slug="building-permit")
    permits.members.add(outsider)
    client = signed_in(outsider)
    assert client.get(f"/staff/cases/{decided.reference}/{path}").status_code == 404
    assert not AccessEntry.objects.exists()


@pytest.mark.parametrize("path", PATHS)
def test_the_team_reads_it_and_the_read_is_logged(decided, tax_team, caseworker, signed_in, path):
    client = signed_in(caseworker)
    response = client.get(f"/staff/cases/{decided.reference}/{path}")
    assert response.status_code == 200
    entry = AccessEntry.objects.get()
    assert (entry.subject, entry.staff, entry.object_ref, entry.team) == (
        decided.applicant,
        caseworker,
        decided.reference,
        "Tax team",
    )


@pytest.mark.parametrize("path", PATHS)
def test_there_is_no_letter_before_a_decision(
    catalogue, resident, caseworker, tax_team, signed_in, client, path
):
    application = draft_for(resident)
    application.status = ApplicationStatus.IN_REVIEW
    application.submitted_at = timezone.now()
    application.save()
    signed_in(resident)
    assert client.get(f"/applications/{application.reference}/{path}").status_code == 404
    client.logout()
    signed_in(caseworker)
    assert client.get(f"/staff/cases/{application.reference}/{path}").status_code == 404
