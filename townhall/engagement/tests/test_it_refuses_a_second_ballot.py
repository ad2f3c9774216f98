"""One vote per person per district: a second ballot is refused unless the
voter gives their receipt code, which replaces the first ballot."""

import pytest

from townhall.engagement.models import Ballot, VoterRollEntry
from townhall.engagement.services import AlreadyVoted, ballot_cast, ballot_counted
from townhall.engagement.tests.helpers import district, make_process, project_ids, verify

pytestmark = pytest.mark.django_db


def test_it_refuses_a_second_ballot_without_the_receipt_code(resident):
    north = district(make_process(), "north")
    verify(resident, north)
    ids = project_ids(north)
    ballot_cast(user=resident, district=north, choices=[ids[0]])
    with pytest.raises(AlreadyVoted, match="already voted"):
        ballot_cast(user=resident, district=north, choices=[ids[1]])
    assert Ballot.objects.filter(district=north).count() == 1
    assert Ballot.objects.get().content == {"approvals": [ids[0]]}


def test_the_receipt_code_replaces_the_ballot_and_keeps_the_roll(resident):
    north = district(make_process(), "north")
    verify(resident, north)
    ids = project_ids(north)
    first = ballot_cast(user=resident, district=north, choices=[ids[0]])
    second = ballot_cast(
        user=resident, district=north, choices=[ids[1], ids[2]], receipt_code=first
    )
    assert Ballot.objects.filter(district=north).count() == 1
    assert Ballot.objects.get().content == {"approvals": sorted([ids[1], ids[2]], key=int)}
    assert VoterRollEntry.objects.filter(district=north, user=resident).count() == 1
    assert not ballot_counted(district=north, code=first)
    assert ballot_counted(district=north, code=second.lower().replace("-", " "))


def test_a_wrong_receipt_code_changes_nothing(resident):
    north = district(make_process(), "north")
    verify(resident, north)
    ids = project_ids(north)
    ballot_cast(user=resident, district=north, choices=[ids[0]])
    with pytest.raises(AlreadyVoted, match="does not match"):
        ballot_cast(user=resident, district=north, choices=[ids[1]], receipt_code="AAAA-BBBB")
    assert Ballot.objects.get().content == {"approvals": [ids[0]]}


def test_the_vote_page_says_so_on_a_second_ballot(resident, signed_in):
    process = make_process()
    north = district(process, "north")
    verify(resident, north)
    ids = project_ids(north)
    client = signed_in(resident)
    url = f"/participate/{process.slug}/districts/north/vote/"
    assert client.post(url, {"project": [ids[0]], "action": "cast"}).status_code == 302
    response = client.post(url, {"project": [ids[1]], "action": "cast"})
    assert response.status_code == 400
    assert "You have already voted in this district" in response.content.decode()
    assert Ballot.objects.filter(district=north).count() == 1
