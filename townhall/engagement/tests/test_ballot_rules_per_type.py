"""What makes a ballot valid, per ballot type (pure, no database)."""

import pytest

from townhall.engagement.ballots import BallotInvalid, BallotLimits, ballot_content

COSTS = {"1": 40000, "2": 30000, "3": 20000, "4": 10000}


def limits(vote_type="approval", **extra):
    return BallotLimits(vote_type=vote_type, costs=COSTS, **{"budget": 60000, **extra})


def kind(lim, choices):
    with pytest.raises(BallotInvalid) as info:
        ballot_content(lim, choices)
    return info.value.kind


def test_an_approval_ballot_must_fit_the_budget():
    assert ballot_content(limits(), ["3", "1"]) == {"approvals": ["1", "3"]}
    assert kind(limits(), ["1", "2"]) == "over_budget"
    assert ballot_content(limits(budget=None), ["1", "2"]) == {"approvals": ["1", "2"]}


def test_an_approval_ballot_may_name_at_most_k_projects():
    assert kind(limits(budget=None, max_projects=2), ["1", "2", "3"]) == "too_many"


def test_unknown_repeated_or_no_projects_are_refused():
    assert kind(limits(), ["9"]) == "unknown_project"
    assert kind(limits(), ["4", "4"]) == "duplicate"
    assert kind(limits(), []) == "too_few"
    assert kind(limits(), "1") == "malformed"


def test_choose_one_takes_exactly_one():
    assert ballot_content(limits("choose-1"), ["2"]) == {"approvals": ["2"]}
    assert kind(limits("choose-1"), ["1", "2"]) == "choose_one"


def test_cumulative_points_must_add_up_to_at_most_the_allowance():
    lim = limits("cumulative", points=10)
    assert ballot_content(lim, {"2": "6", "1": 4, "3": "0"}) == {"points": {"1": 4, "2": 6}}
    assert kind(lim, {"1": 8, "2": 3}) == "too_many_points"
    assert kind(lim, {"1": "x"}) == "points_not_number"
    assert kind(lim, {"1": -1}) == "points_not_number"


def test_an_ordinal_ballot_keeps_the_ranking():
    assert ballot_content(limits("ordinal"), ["3", "1"]) == {"ranking": ["3", "1"]}
