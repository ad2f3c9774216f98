"""The ballot matrix the rules work on: identical ballots merged into one row
with a weight, satisfaction as integers (one column per project).

Satisfaction (what a voter gets from a funded project, the unit MES prices):
- approval and choose-1: the project's cost ("cost satisfaction");
- cumulative: the points the voter gave it;
- ordinal: Borda, ``k - position`` where position 0 is the voter's first
  choice and ``k`` is META ``max_length`` (or the longest ballot): on Kraków's
  3-item ballots that is the city's own 3/2/1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .model import Instance

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Profile:
    ids: tuple[str, ...]  # project ids, in the instance's order
    cost: IntArray  # (P,)
    weight: IntArray  # (D,) how many voters cast each distinct ballot
    sat: IntArray  # (D, P) satisfaction units
    voters: int  # number of ballots, before merging
    budget: int

    @property
    def supported(self) -> npt.NDArray[np.bool_]:
        return np.asarray((self.sat > 0).any(axis=0))

    def index(self, pid: str) -> int:
        return self.ids.index(pid)


def borda_length(instance: Instance) -> int:
    longest = max((len(b.ranking) for b in instance.ballots), default=0)
    try:
        declared = int(instance.meta.get("max_length", "0"))
    except ValueError:
        declared = 0
    return max(longest, declared)


def build_profile(instance: Instance) -> Profile:
    ids = tuple(instance.projects)
    column = {pid: j for j, pid in enumerate(ids)}
    counts: dict[tuple[tuple[int, int], ...], int] = {}
    k = borda_length(instance) if instance.vote_type == "ordinal" else 0
    for ballot in instance.ballots:
        if instance.vote_type == "cumulative":
            items = [(column[p], v) for p, v in ballot.points.items() if v > 0]
        elif instance.vote_type == "ordinal":
            items = [(column[p], k - pos) for pos, p in enumerate(ballot.ranking) if k > pos]
        else:
            items = [(column[p], 1) for p in ballot.approvals]
        key = tuple(sorted(items))
        counts[key] = counts.get(key, 0) + 1
    cost = np.array([instance.projects[p].cost for p in ids], dtype=np.int64)
    sat = np.zeros((len(counts), len(ids)), dtype=np.int64)
    for row, key in enumerate(counts):
        for j, value in key:
            sat[row, j] = value
    if instance.vote_type in ("approval", "choose-1"):
        sat = sat * cost[None, :]
    weight = np.fromiter(counts.values(), dtype=np.int64, count=len(counts))
    return Profile(ids, cost, weight, sat, len(instance.ballots), instance.budget)
