"""Counting a district stores the result, appends the tally to the ledger
with the ballot-set hash, and publishes the anonymous ballots as a .pb file
from which anyone gets the same outcome."""

import hashlib
import json

import pytest

from conftest import make_user
from townhall.engagement.models import Phase, Project, ProjectStatus, Result
from townhall.engagement.pb.pabulib import read_pb
from townhall.engagement.pb.rules import outcome
from townhall.engagement.services import EngagementError, ballot_cast
from townhall.engagement.services_results import results_compute
from townhall.engagement.tests.helpers import district, make_process, project_ids, verify
from townhall.ledger.selectors import entry_body

pytestmark = pytest.mark.django_db

# (projects ticked, by index into the north district's 40k/30k/20k/10k projects)
VOTES = [(0, 3), (0, 3), (0,), (1, 2), (1,), (2, 3), (3,)]


def vote_all(process):
    north = district(process, "north")
    ids = project_ids(north)
    for n, picks in enumerate(VOTES):
        voter = make_user(f"voter{n}@example.org")
        verify(voter, north)
        ballot_cast(user=voter, district=north, choices=[ids[i] for i in picks])
    process.phase = Phase.RESULTS
    process.save(update_fields=["phase"])
    return north, ids


def test_the_tally_goes_to_the_ledger_with_the_ballot_set_hash(manager):
    process = make_process(rule="greedy")
    north, ids = vote_all(process)
    result = results_compute(district=north, actor=manager)
    # greedy by votes: #1 (3 votes, 40k), #4 (4 votes, 10k) fit; then #2 and #3 do not.
    assert set(result.selected) == {ids[0], ids[3]}
    assert result.counts == {ids[0]: 3, ids[1]: 2, ids[2]: 2, ids[3]: 4}
    canonical = sorted(
        json.dumps({"approvals": sorted((ids[i] for i in picks), key=int)}, separators=(",", ":"))
        for picks in VOTES
    )
    expected = hashlib.sha256(("[" + ",".join(canonical) + "]").encode()).hexdigest()
    assert result.ballot_set_sha256 == expected
    entry = json.loads(entry_body(result.ledger_index))
    text = json.dumps(entry)
    assert "pb.tally" in text and expected in text and f"pb:{process.slug}:north" in text
    assert Project.objects.get(pk=ids[0]).status == ProjectStatus.SELECTED
    assert Project.objects.get(pk=ids[1]).status == ProjectStatus.NOT_SELECTED


def test_the_published_ballots_give_the_same_outcome(manager, client):
    process = make_process(rule="mes-add1")
    north, _ids = vote_all(process)
    result = results_compute(district=north, actor=manager)
    response = client.get(f"/participate/{process.slug}/districts/north/ballots.pb")
    assert response.status_code == 200
    instance = read_pb(response.content.decode())
    assert len(instance.ballots) == len(VOTES)
    assert list(outcome(instance, "mes-add1").selected) == result.selected
    assert set(result.comparison) >= {"greedy", "mes", "mes-add1", "phragmen"}


def test_the_results_page_explains_each_project(manager, client):
    process = make_process(rule="greedy")
    north, _ids = vote_all(process)
    results_compute(district=north, actor=manager)
    page = client.get(f"/participate/{process.slug}/districts/north/results/").content.decode()
    assert "Funded: ranked 1 with 4 votes" in page
    assert "Not funded: it did not fit in the budget that was left" in page
    assert "<svg" in page and "The chart's figures" in page
    assert Result.objects.get(district=north).ballot_set_sha256 in page


def test_nothing_is_counted_while_voting_is_open(manager, client):
    process = make_process()
    north = district(process, "north")
    with pytest.raises(EngagementError, match="Close voting"):
        results_compute(district=north, actor=manager)
    assert not Result.objects.exists()
    assert client.get(f"/participate/{process.slug}/districts/north/results/").status_code == 404
    assert client.get(f"/participate/{process.slug}/districts/north/ballots.pb").status_code == 404
