"""Paper and booth ballots typed in by staff count only once a second member
of staff confirms them (four eyes)."""

import pytest

from conftest import make_user
from townhall.engagement.models import Ballot, PaperBallot
from townhall.engagement.services import (
    EngagementError,
    paper_ballot_confirm,
    paper_ballot_enter,
)
from townhall.engagement.tests.helpers import district, make_process, project_ids

pytestmark = pytest.mark.django_db


def test_the_person_who_entered_it_cannot_confirm_it(manager):
    north = district(make_process(), "north")
    paper = paper_ballot_enter(staff=manager, district=north, choices=project_ids(north)[2:])
    assert not Ballot.objects.exists()
    with pytest.raises(EngagementError, match="Another member of staff"):
        paper_ballot_confirm(staff=manager, paper_ballot_id=paper.pk)
    assert not Ballot.objects.exists()

    second = make_user("second@example.org", roles=("manager",))
    ballot = paper_ballot_confirm(staff=second, paper_ballot_id=paper.pk)
    assert ballot.content == paper.content
    assert PaperBallot.objects.get().confirmed_by == second
    with pytest.raises(EngagementError, match="already confirmed"):
        paper_ballot_confirm(staff=second, paper_ballot_id=paper.pk)
    assert Ballot.objects.count() == 1


def test_staff_enter_and_confirm_through_the_pages(manager, signed_in, client):
    process = make_process()
    north = district(process, "north")
    ids = project_ids(north)
    staff = signed_in(manager)
    url = f"/staff/participate/{process.slug}/districts/north/paper/"
    assert staff.get(url).status_code == 200
    assert staff.post(url, {"project": ids[:1], "action": "cast"}).status_code == 302
    paper = PaperBallot.objects.get()
    confirm = f"/staff/participate/{process.slug}/paper/{paper.pk}/confirm/"
    staff.post(confirm)
    assert not Ballot.objects.exists()
    staff.post("/account/sign-out/")
    second = make_user("second@example.org", roles=("manager",))
    signed_in(second).post(confirm)
    assert Ballot.objects.count() == 1


def test_residents_cannot_reach_the_staff_pages(resident, signed_in):
    process = make_process()
    client = signed_in(resident)
    assert client.get(f"/staff/participate/{process.slug}/").status_code == 403
