"""A cumulative ballot shares out the process's points; the count uses them."""

import pytest

from townhall.engagement.models import Ballot
from townhall.engagement.tests.helpers import district, make_process, project_ids, verify

pytestmark = pytest.mark.django_db


def test_points_are_shared_out_within_the_allowance(resident, signed_in):
    process = make_process(vote_type="cumulative", points=10)
    north = district(process, "north")
    verify(resident, north)
    ids = project_ids(north)
    client = signed_in(resident)
    url = f"/participate/{process.slug}/districts/north/vote/"
    too_many = client.post(
        url, {f"points-{ids[0]}": "8", f"points-{ids[1]}": "5", "action": "cast"}
    )
    assert "You gave 13 points: you have 10 to share out" in too_many.content.decode()
    assert not Ballot.objects.exists()
    client.post(url, {f"points-{ids[0]}": "7", f"points-{ids[1]}": "3", "action": "cast"})
    assert Ballot.objects.get().content == {"points": {ids[0]: 7, ids[1]: 3}}
