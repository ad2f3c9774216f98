"""Assen (2024) decided with equal shares and Add1: `mes-add1` funds the same."""

from conftest import shared_data
from townhall.engagement.pb.explain import describe
from townhall.engagement.pb.pabulib import read_pb_file
from townhall.engagement.pb.rules import outcome


def test_mes_add1_funds_what_assen_funded():
    instance = read_pb_file(shared_data("pb", "Netherlands_Assen_2024.pb"))
    result = outcome(instance, "mes-add1")
    assert set(result.selected) == {p.id for p in instance.projects.values() if p.selected}
    assert result.cost <= instance.budget
    # The first project funded: 43 supporters shared its 7,200 EUR equally.
    assert describe(result.explanations["3"]) == "funded: 43 supporters paid 167 EUR each"
    assert describe(result.explanations["8"]).startswith(
        "not funded: its supporters ran out of money after project"
    )
