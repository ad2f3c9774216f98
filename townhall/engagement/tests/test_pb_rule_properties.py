"""Properties every outcome has, on generated elections (hypothesis)."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from townhall.engagement.pb.mes import Columns, _mes_exact, mes
from townhall.engagement.pb.model import Ballot, Instance, Project
from townhall.engagement.pb.profile import build_profile
from townhall.engagement.pb.rules import RULES, outcome


@st.composite
def elections(draw, vote_type="approval"):
    n = draw(st.integers(1, 6))
    ids = [f"p{i}" for i in range(n)]
    costs = draw(st.lists(st.integers(0, 60), min_size=n, max_size=n))
    projects = {pid: Project(pid, cost) for pid, cost in zip(ids, costs, strict=True)}
    chosen = st.lists(st.sampled_from(ids), unique=True, max_size=n)
    ballots = []
    for number, picks in enumerate(draw(st.lists(chosen, min_size=1, max_size=12))):
        if vote_type == "cumulative":
            points = {p: draw(st.integers(1, 3)) for p in picks}
            ballots.append(Ballot(str(number), points=points))
        elif vote_type == "ordinal":
            ballots.append(Ballot(str(number), ranking=tuple(picks)))
        else:
            ballots.append(Ballot(str(number), approvals=tuple(picks)))
    budget = draw(st.integers(0, 150))
    return Instance({"budget": str(budget)}, projects, tuple(ballots), vote_type, budget)


any_election = st.sampled_from(["approval", "cumulative", "ordinal"]).flatmap(elections)


@settings(max_examples=60, deadline=None)
@given(any_election)
def test_no_rule_spends_more_than_the_budget(instance):
    for rule in RULES:
        if rule == "phragmen" and instance.vote_type != "approval":
            continue
        result = outcome(instance, rule)
        assert result.cost == sum(instance.projects[p].cost for p in result.selected)
        assert result.cost <= instance.budget
        assert len(set(result.selected)) == len(result.selected)
        assert set(result.explanations) == set(instance.projects)


@settings(max_examples=60, deadline=None)
@given(any_election)
def test_greedy_leaves_out_only_projects_that_no_longer_fit(instance):
    result = outcome(instance, "greedy")
    left = instance.budget - result.cost
    for pid, project in instance.projects.items():
        if pid not in result.selected:
            assert project.cost > left


@settings(max_examples=60, deadline=None)
@given(any_election, st.randoms())
def test_mes_does_not_depend_on_the_order_of_ballots(instance, rnd):
    shuffled = list(instance.ballots)
    rnd.shuffle(shuffled)
    again = Instance(
        instance.meta, instance.projects, tuple(shuffled), instance.vote_type, instance.budget
    )
    for rule in ("mes", "mes-add1"):
        assert outcome(again, rule).selected == outcome(instance, rule).selected


@settings(max_examples=60, deadline=None)
@given(any_election)
def test_merging_identical_ballots_changes_nothing(instance):
    # The same ballots, each written twice as often: every share halves, the outcome stays.
    doubled = Instance(
        instance.meta,
        instance.projects,
        tuple(instance.ballots) * 2,
        instance.vote_type,
        instance.budget,
    )
    assert build_profile(doubled).sat.shape == build_profile(instance).sat.shape
    for rule in ("mes", "greedy"):
        assert outcome(doubled, rule).selected == outcome(instance, rule).selected


@settings(max_examples=60, deadline=None)
@given(any_election)
def test_the_fast_mes_agrees_with_exact_fractions(instance):
    columns = Columns(build_profile(instance))
    share = Fraction(instance.budget, len(instance.ballots))
    assert mes(columns, share).selected == _mes_exact(columns, share, False).selected


def test_exact_ties_go_to_the_id_sorting_first():
    projects = {pid: Project(pid, 10) for pid in ("b", "a", "c")}
    ballots = tuple(Ballot(str(i), approvals=("a", "b", "c")) for i in range(3))
    instance = Instance({}, projects, ballots, "approval", 20)
    assert outcome(instance, "mes").selected == ("a", "b")
    assert outcome(instance, "greedy").selected == ("a", "b")
