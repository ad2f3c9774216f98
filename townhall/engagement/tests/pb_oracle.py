"""pabutools (test-only) as the oracle for the engine's rules."""

from __future__ import annotations

from pabutools.election import (
    Additive_Cardinal_Sat,
    Cost_Sat,
    parse_pabulib,
)
from pabutools.election.satisfaction.positionalsatisfaction import PositionalSatisfaction
from pabutools.rules import (
    completion_by_rule_combination,
    exhaustion_by_budget_increase,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
    sequential_phragmen,
)


def _borda_class(k: int) -> type:
    """The engine's Borda (k - position) as a pabutools satisfaction."""

    def func(ballot, project):
        return k - ballot.position(project) if project in ballot else 0

    class EngineBorda(PositionalSatisfaction):
        def __init__(self, instance, profile, ballot):
            super().__init__(instance, profile, ballot, func, sum)

    return EngineBorda


def sat_class(vote_type: str, borda_k: int = 0) -> type:
    if vote_type in ("approval", "choose-1"):
        return Cost_Sat
    if vote_type == "cumulative":
        return Additive_Cardinal_Sat
    return _borda_class(borda_k)


def pabutools_outcome(path: str, rule: str, borda_k: int = 0) -> set[str]:
    instance, profile = parse_pabulib(str(path))
    sat = sat_class(instance.meta["vote_type"], borda_k)
    if rule == "greedy":
        result = greedy_utilitarian_welfare(instance, profile, sat_class=sat)
    elif rule == "mes":
        result = method_of_equal_shares(instance, profile, sat_class=sat)
    elif rule == "mes-add1":
        result = method_of_equal_shares(instance, profile, sat_class=sat, voter_budget_increment=1)
    elif rule == "mes-increase":
        result = exhaustion_by_budget_increase(
            instance, profile, method_of_equal_shares, {"sat_class": sat}
        )
    elif rule == "mes-greedy":
        result = completion_by_rule_combination(
            instance,
            profile,
            [method_of_equal_shares, greedy_utilitarian_welfare],
            [{"sat_class": sat}, {"sat_class": sat, "is_sat_additive": True}],
        )
    elif rule == "phragmen":
        result = sequential_phragmen(instance, profile)
    else:
        raise ValueError(rule)
    return {p.name for p in result}
