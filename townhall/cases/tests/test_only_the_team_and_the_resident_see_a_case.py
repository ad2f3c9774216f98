"""A caseworker outside the service's team cannot open a case, its documents or
its API; a resident never sees another resident's case, messages or access log."""

from __future__ import annotations

import pytest

from conftest import make_user
from townhall.cases import services_casework as work
from townhall.privacy.models import AccessEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider(teams):
    from townhall.cases.models import Team, TeamService

    person = make_user("outsider@example.org", roles=("caseworker",))
    team = Team.objects.create(slug="pets", name="Pets team")
    TeamService.objects.create(team=team, service_slug="pet-license")
    team.members.add(person)
    return person


def test_a_caseworker_outside_the_team_gets_404(submitted, outsider, staff_client):
    client = staff_client(outsider)
    url = f"/staff/cases/{submitted.reference}/"
    assert client.get(url).status_code == 404
    assert client.post(f"{url}claim/").status_code == 404
    assert client.post(f"{url}transition/", {"to": "in_review"}).status_code == 404
    assert submitted.reference not in client.get("/staff/cases/").content.decode()
    assert not AccessEntry.objects.exists()


def test_a_caseworker_outside_the_team_cannot_move_it_by_any_route(submitted, outsider):
    with pytest.raises(work.CaseworkError):
        work.case_transition(application=submitted, to="in_review", actor=outsider)


def test_residents_cannot_open_staff_pages(submitted, resident, signed_in):
    client = signed_in(resident)
    assert client.get("/staff/cases/").status_code == 403
    assert client.get(f"/staff/cases/{submitted.reference}/").status_code == 403


def test_another_resident_sees_nothing_of_the_case(
    submitted, caseworker, staff_client, other_resident, signed_in
):
    staff_client(caseworker).post(
        f"/staff/cases/{submitted.reference}/messages/", {"body": "Private words"}
    )
    client = signed_in(other_resident)
    assert client.get(f"/applications/{submitted.reference}/").status_code == 404
    assert (
        client.post(f"/applications/{submitted.reference}/messages/", {"body": "hi"}).status_code
        == 404
    )
    assert client.post(f"/applications/{submitted.reference}/withdraw/").status_code == 404
    log = client.get("/account/who-looked-at-my-data/").content.decode()
    assert submitted.reference not in log
