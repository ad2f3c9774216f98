"""A verified resident votes only in their own district (403 elsewhere)."""

import pytest

from townhall.engagement.models import Ballot, VoterRollEntry
from townhall.engagement.services import NotEligible, ballot_cast
from townhall.engagement.tests.helpers import district, make_process, project_ids, verify

pytestmark = pytest.mark.django_db


def test_the_service_refuses_another_district(resident):
    process = make_process()
    verify(resident, district(process, "north"))
    south = district(process, "south")
    with pytest.raises(NotEligible, match="only in the district"):
        ballot_cast(user=resident, district=south, choices=project_ids(south)[:1])
    assert not Ballot.objects.exists()
    assert not VoterRollEntry.objects.exists()


def test_the_vote_page_of_another_district_is_forbidden(resident, signed_in):
    process = make_process()
    verify(resident, district(process, "north"))
    client = signed_in(resident)
    assert client.get(f"/participate/{process.slug}/districts/north/vote/").status_code == 200
    refused = client.get(f"/participate/{process.slug}/districts/south/vote/")
    assert refused.status_code == 403
    assert "only in the district where your address was verified" in refused.content.decode()
    south_ids = project_ids(district(process, "south"))
    response = client.post(
        f"/participate/{process.slug}/districts/south/vote/",
        {"project": south_ids[:1], "action": "cast"},
    )
    assert response.status_code == 403
    assert not Ballot.objects.exists()


def test_residents_under_the_age_limit_cannot_vote(resident):
    process = make_process(min_age=16)
    north = district(process, "north")
    from django.utils import timezone

    verify(resident, north, birth_year=timezone.localdate().year - 10)
    with pytest.raises(NotEligible, match="16 or older"):
        ballot_cast(user=resident, district=north, choices=project_ids(north)[:1])


def test_nobody_votes_outside_the_voting_phase(resident):
    from townhall.engagement.services import EngagementError

    north = district(make_process(phase="review"), "north")
    verify(resident, north)
    with pytest.raises(EngagementError, match="not open"):
        ballot_cast(user=resident, district=north, choices=project_ids(north)[:1])
