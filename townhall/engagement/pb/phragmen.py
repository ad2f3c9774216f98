"""Sequential Phragmén for approval (and choose-1) ballots, as pabutools 1.2.3.

Each funded project puts a load of its cost on its supporters, spread so that
they all end with the same load. Each round funds the project whose
supporters would end with the lowest load, `(their loads + cost) / votes`
(ties: the id sorting first as a string); the rule stops at the first such
project that does not fit the budget. Projects over the whole budget are never
considered; projects nobody approved come last, in id order.

Loads are exact: a voter's load is always that of the last funded project
they approved, so each project's sum of loads is a short exact sum.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .profile import Profile


@dataclass(frozen=True)
class PhragmenResult:
    selected: list[int]
    loads: dict[int, Fraction]
    stopped_at: int | None


def phragmen(profile: Profile) -> PhragmenResult:
    approves = profile.sat > 0
    weight = profile.weight
    votes = (approves * weight[:, None]).sum(axis=0)
    ids = profile.ids
    remaining = {j for j in range(len(ids)) if profile.cost[j] <= profile.budget}
    last = np.full(len(weight), -1)  # per distinct ballot: last funded project it approved
    load: dict[int, Fraction] = {}
    selected: list[int] = []
    spent = 0
    stopped_at = None
    while remaining:
        best: Fraction | float | None = None
        tied: list[int] = []
        for j in sorted(remaining, key=lambda t: ids[t]):
            new: Fraction | float
            if votes[j] == 0:
                new = float("inf")
            else:
                rows = approves[:, j]
                groups = np.bincount(last[rows] + 1, weights=weight[rows])
                held = sum(
                    (load[k - 1] * int(n) for k, n in enumerate(groups) if k and n),
                    Fraction(0),
                )
                new = (held + int(profile.cost[j])) / int(votes[j])
            if best is None or new < best:
                best, tied = new, [j]
            elif new == best:
                tied.append(j)
        if any(spent + int(profile.cost[j]) > profile.budget for j in tied):
            stopped_at = tied[0]
            break
        j = tied[0]
        assert best is not None
        if best != float("inf"):
            load[j] = Fraction(best)
            last[approves[:, j]] = j
        selected.append(j)
        spent += int(profile.cost[j])
        remaining.discard(j)
    return PhragmenResult(selected, load, stopped_at)
