"""Reading a .pb file, writing it and reading it back gives the same election."""

import pytest

from conftest import shared_data
from townhall.engagement.pb.model import Ballot, Instance, Project
from townhall.engagement.pb.pabulib import read_pb, read_pb_file, write_pb

FILES = [
    "Netherlands_Assen_2024.pb",
    "Poland_Czestochowa_2020_Grabowka.pb",
    "Poland_Krakow_2018_Nowa_Huta.pb",
    "Poland_Zabrze_2021_Rokitnica.pb",
    "Poland_Warszawa_2023_Wesola.pb",
    "Poland_Katowice_2024_Zaleze.pb",
]


@pytest.mark.parametrize("name", FILES)
def test_a_real_file_survives_a_round_trip(name):
    instance = read_pb_file(shared_data("pb", name))
    assert read_pb(write_pb(instance)) == instance
    assert instance.ballots and instance.projects


def test_every_ballot_type_and_the_selected_column_survive_a_round_trip():
    projects = {
        "a": Project(
            id="a",
            cost=10,
            name="Park; with a semicolon",
            votes=2,
            selected=True,
            extra={"latitude": ""},
        ),
        "b": Project(id="b", cost=5, category="roads", selected=False, extra={"latitude": "52.1"}),
    }
    ballots = {
        "approval": (
            Ballot("1", approvals=("a", "b"), extra={"age": "40"}),
            Ballot("2", extra={"age": ""}),
        ),
        "choose-1": (Ballot("1", approvals=("b",)),),
        "cumulative": (Ballot("1", points={"b": 2, "a": 1}),),
        "ordinal": (Ballot("1", ranking=("b", "a")),),
    }
    for vote_type, votes in ballots.items():
        instance = Instance(
            meta={"budget": "12", "vote_type": vote_type, "currency": "EUR"},
            projects=projects,
            ballots=votes,
            vote_type=vote_type,
            budget=12,
        )
        assert read_pb(write_pb(instance)) == instance, vote_type
