"""What makes a ballot valid, for each ballot type. Pure Python, no Django.

A ballot is checked against the projects on offer (id -> cost) and the
process's limits. The result is the stored content, in the shape of the
engine's Ballot fields: {"approvals": [...]}, {"points": {...}} or
{"ranking": [...]}. Problems raise `BallotInvalid` with a `kind` and named
values, which the app turns into a sentence in the voter's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

APPROVAL = "approval"
CUMULATIVE = "cumulative"
ORDINAL = "ordinal"
CHOOSE_ONE = "choose-1"


class BallotInvalid(ValueError):
    def __init__(self, kind: str, **values: Any) -> None:
        self.kind = kind
        self.values = values
        super().__init__(f"{kind}: {values}")


@dataclass(frozen=True)
class BallotLimits:
    vote_type: str
    budget: int | None = None  # None: the ballot may cost any amount
    max_projects: int | None = None
    min_projects: int = 1
    points: int = 10
    costs: Mapping[str, int] = field(default_factory=dict)


def selection_total(limits: BallotLimits, chosen: Sequence[str]) -> int:
    """What the chosen projects cost together (unknown ids count nothing)."""
    return sum(limits.costs.get(pid, 0) for pid in chosen)


def ballot_content(limits: BallotLimits, choices: Any) -> dict[str, Any]:
    """The content to store for `choices`, or BallotInvalid.

    `choices`: a sequence of project ids (approval, choose-1, and ordinal in
    rank order) or a mapping id -> points (cumulative).
    """
    if limits.vote_type == CUMULATIVE:
        return {"points": _points(limits, choices)}
    if isinstance(choices, (str, bytes)) or not isinstance(choices, Sequence):
        raise BallotInvalid("malformed")
    chosen = [str(pid) for pid in choices]
    unknown = [pid for pid in chosen if pid not in limits.costs]
    if unknown:
        raise BallotInvalid("unknown_project", project=unknown[0])
    if len(set(chosen)) != len(chosen):
        raise BallotInvalid("duplicate")
    if limits.vote_type == CHOOSE_ONE:
        if len(chosen) != 1:
            raise BallotInvalid("choose_one")
        return {"approvals": chosen}
    if len(chosen) < max(limits.min_projects, 1):
        raise BallotInvalid("too_few", least=max(limits.min_projects, 1))
    if limits.max_projects and len(chosen) > limits.max_projects:
        raise BallotInvalid("too_many", most=limits.max_projects, chosen=len(chosen))
    if limits.vote_type == ORDINAL:
        return {"ranking": chosen}
    if limits.vote_type != APPROVAL:
        raise BallotInvalid("malformed")
    total = selection_total(limits, chosen)
    if limits.budget is not None and total > limits.budget:
        raise BallotInvalid("over_budget", total=total, budget=limits.budget)
    return {"approvals": sorted(chosen, key=_id_order)}


def _points(limits: BallotLimits, choices: Any) -> dict[str, int]:
    if not isinstance(choices, Mapping):
        raise BallotInvalid("malformed")
    points: dict[str, int] = {}
    for pid, value in choices.items():
        pid = str(pid)
        if pid not in limits.costs:
            raise BallotInvalid("unknown_project", project=pid)
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise BallotInvalid("points_not_number", project=pid) from None
        if number < 0:
            raise BallotInvalid("points_not_number", project=pid)
        if number:
            points[pid] = number
    total = sum(points.values())
    if not points:
        raise BallotInvalid("too_few", least=1)
    if total > limits.points:
        raise BallotInvalid("too_many_points", total=total, points=limits.points)
    if limits.max_projects and len(points) > limits.max_projects:
        raise BallotInvalid("too_many", most=limits.max_projects, chosen=len(points))
    return dict(sorted(points.items(), key=lambda item: _id_order(item[0])))


def _id_order(pid: str) -> tuple[int, int | str]:
    # Numeric ids in numeric order, so stored content is canonical.
    return (0, int(pid)) if pid.isdigit() else (1, pid)
