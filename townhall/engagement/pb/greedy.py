"""Greedy rules: the cities' rule and the utilitarian completion after MES.

The cities' rule (META `rule`): rank projects by votes (approval, choose-1)
or score (cumulative, ordinal), higher first; ties on that go to more votes,
then to the project id that sorts first as a string (pabutools' default
lexicographic tie-breaking). `greedy-threshold` (and any variant whose META
has `min_project_score_threshold`) first drops projects scoring under it.
Then fund each next project that fits what is left (`greedy`), or stop at the
first that does not (`greedy-no-skip`). Votes and scores come from the
PROJECTS columns when every project has them (what the city counted), else
from the ballots.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from .model import Instance
from .profile import Profile, borda_length

PLAIN = ("greedy", "greedy-threshold", "greedy-no-skip")
FALLBACK = ("greedy-custom", "greedy-exclusive")


@dataclass(frozen=True)
class GreedyResult:
    selected: tuple[str, ...]
    variant: str
    threshold: int | None
    below_threshold: frozenset[str]
    stopped_at: str | None  # greedy-no-skip: the project that did not fit
    rank: dict[str, int]
    points: dict[str, int]  # the votes or score each project was ranked by


def tallies(instance: Instance) -> tuple[dict[str, int], dict[str, int]]:
    """(votes, score) per project: the file's columns when complete, else counted."""
    projects = instance.projects.values()
    if all(p.votes is not None for p in projects) and all(
        p.score is not None or instance.vote_type in ("approval", "choose-1") for p in projects
    ):
        votes = {p.id: int(p.votes or 0) for p in projects}
        score = {p.id: int(p.score if p.score is not None else p.votes or 0) for p in projects}
        return votes, score
    votes = dict.fromkeys(instance.projects, 0)
    score = dict.fromkeys(instance.projects, 0)
    k = borda_length(instance)
    for ballot in instance.ballots:
        if instance.vote_type == "cumulative":
            for pid, value in ballot.points.items():
                votes[pid] += 1
                score[pid] += value
        elif instance.vote_type == "ordinal":
            for position, pid in enumerate(ballot.ranking):
                votes[pid] += 1
                score[pid] += k - position
        else:
            for pid in ballot.approvals:
                votes[pid] += 1
                score[pid] += 1
    return votes, score


def greedy(instance: Instance, variant: str) -> GreedyResult:
    votes, score = tallies(instance)
    ranked_by = votes if instance.vote_type in ("approval", "choose-1") else score
    threshold: int | None = None
    raw = instance.meta.get("min_project_score_threshold", "").strip()
    if raw:
        threshold = int(float(raw))
    ids = list(instance.projects)
    order = sorted(ids, key=lambda p: (-ranked_by[p], -votes[p], p))
    below = frozenset(p for p in ids if threshold is not None and ranked_by[p] < threshold)
    left = instance.budget
    chosen: list[str] = []
    stopped_at = None
    for pid in order:
        if pid in below:
            continue
        cost = instance.projects[pid].cost
        if cost <= left:
            chosen.append(pid)
            left -= cost
        elif variant == "greedy-no-skip":
            stopped_at = pid
            break
    return GreedyResult(
        selected=tuple(chosen),
        variant=variant,
        threshold=threshold,
        below_threshold=below,
        stopped_at=stopped_at,
        rank={p: n for n, p in enumerate(order, start=1)},
        points=ranked_by,
    )


def greedy_completion(profile: Profile, chosen: Sequence[int]) -> list[int]:
    """pabutools' `greedy_utilitarian_welfare` started from `chosen`: add
    projects by total satisfaction per unit of cost (for approval ballots with
    cost satisfaction, that is by votes), ties to the id sorting first,
    skipping those that no longer fit."""
    ids = profile.ids
    totals = (profile.sat * profile.weight[:, None]).sum(axis=0)
    left = profile.budget - sum(int(profile.cost[j]) for j in chosen)
    taken = set(chosen)

    def density(j: int) -> Fraction | float:
        if totals[j] <= 0:
            return 0
        if profile.cost[j] == 0:
            return float("inf")
        return Fraction(int(totals[j]), int(profile.cost[j]))

    rest = sorted((j for j in range(len(ids)) if j not in taken), key=lambda j: ids[j])
    added = []
    for j in sorted(rest, key=lambda j: -density(j)):
        if int(profile.cost[j]) <= left:
            added.append(j)
            left -= int(profile.cost[j])
    return added
