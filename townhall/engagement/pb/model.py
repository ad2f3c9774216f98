"""The engine's data: an election (`Instance`) as Pabulib describes one.

Plain frozen dataclasses so that a file read from disk, a ballot box built by
the app and a generated test case all look the same to the rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

VOTE_TYPES = ("approval", "cumulative", "ordinal", "choose-1")


@dataclass(frozen=True)
class Project:
    id: str
    cost: int
    name: str = ""
    category: str = ""
    votes: int | None = None
    score: int | None = None
    selected: bool | None = None
    # The other PROJECTS columns (latitude, longitude, target…), as written.
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Ballot:
    """One voter's ballot. Which field is used depends on the instance's vote
    type: `approvals` (approval, choose-1), `points` (cumulative) or `ranking`
    (ordinal, best first)."""

    voter_id: str
    approvals: tuple[str, ...] = ()
    points: Mapping[str, int] = field(default_factory=dict)
    ranking: tuple[str, ...] = ()
    # The other VOTES columns (age, sex, voting_method…), as written.
    extra: Mapping[str, str] = field(default_factory=dict)

    def project_ids(self) -> tuple[str, ...]:
        """The projects on the ballot, in the order the voter gave them."""
        if self.points:
            return tuple(self.points)
        if self.ranking:
            return self.ranking
        return self.approvals


@dataclass(frozen=True)
class Instance:
    meta: Mapping[str, str]
    projects: Mapping[str, Project]
    ballots: Sequence[Ballot]
    vote_type: str
    budget: int

    @property
    def currency(self) -> str:
        return self.meta.get("currency", "")
