"""Asking for a rule the engine does not have is a clear error."""

import pytest

from townhall.engagement.pb.model import Ballot, Instance, Project
from townhall.engagement.pb.rules import outcome


def _instance(vote_type="approval"):
    return Instance(
        meta={},
        projects={"a": Project("a", 5)},
        ballots=(Ballot("1", approvals=("a",)),),
        vote_type=vote_type,
        budget=5,
    )


def test_an_unknown_rule_is_a_value_error():
    with pytest.raises(ValueError, match="unknown rule 'borda'"):
        outcome(_instance(), "borda")


def test_phragmen_refuses_points():
    instance = Instance(
        {}, {"a": Project("a", 5)}, (Ballot("1", points={"a": 1}),), "cumulative", 5
    )
    with pytest.raises(ValueError, match="approval or choose-1"):
        outcome(instance, "phragmen")
