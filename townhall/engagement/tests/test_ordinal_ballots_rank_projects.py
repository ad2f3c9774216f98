"""An ordinal ballot keeps the voter's ranking; two projects with the same
number are refused with the reason."""

import pytest

from townhall.engagement.models import Ballot
from townhall.engagement.tests.helpers import district, make_process, project_ids, verify

pytestmark = pytest.mark.django_db


def test_the_ranking_is_kept_and_ties_are_refused(resident, signed_in):
    process = make_process(vote_type="ordinal")
    north = district(process, "north")
    verify(resident, north)
    ids = project_ids(north)
    client = signed_in(resident)
    url = f"/participate/{process.slug}/districts/north/vote/"
    tie = client.post(url, {f"rank-{ids[0]}": "1", f"rank-{ids[1]}": "1", "action": "cast"})
    assert "Give each project a different number" in tie.content.decode()
    assert not Ballot.objects.exists()
    client.post(url, {f"rank-{ids[2]}": "1", f"rank-{ids[0]}": "2", "action": "cast"})
    assert Ballot.objects.get().content == {"ranking": [ids[2], ids[0]]}
