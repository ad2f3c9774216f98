"""The states a submitted application goes through, and which moves between them are allowed.

Pure Python, no Django. The state names are part of the public API
(`POST /api/v1/cases/<reference>/transition` takes them), so they never change.
A service's definition may narrow the default transitions (a service that never
asks for more information, say) and choose which decisions need a second
member of staff to confirm them ("four eyes").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

SUBMITTED = "submitted"
IN_REVIEW = "in_review"
INFO_REQUESTED = "info_requested"
APPROVED = "approved"
APPROVED_WITH_CONDITIONS = "approved_with_conditions"
REFUSED = "refused"
CLOSED = "closed"
WITHDRAWN = "withdrawn"

STATES = (
    SUBMITTED,
    IN_REVIEW,
    INFO_REQUESTED,
    APPROVED,
    APPROVED_WITH_CONDITIONS,
    REFUSED,
    CLOSED,
    WITHDRAWN,
)
DECISIONS = frozenset({APPROVED, APPROVED_WITH_CONDITIONS, REFUSED})
# Where a case stops: nothing leaves these.
FINAL = frozenset({CLOSED, WITHDRAWN})
# Only the resident moves a case here, and only before a decision.
RESIDENT_ONLY = frozenset({WITHDRAWN})
# States in which the resident is the one who has to act; the SLA clock stops.
PAUSED = frozenset({INFO_REQUESTED})
# Moves that need a written reason (the resident is told it).
REASON_REQUIRED = frozenset({INFO_REQUESTED, REFUSED, APPROVED_WITH_CONDITIONS})

FOUR_EYES_CHOICES = ("none", "refusals", "decisions")

DEFAULT_TRANSITIONS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        SUBMITTED: frozenset({IN_REVIEW, INFO_REQUESTED, WITHDRAWN}),
        IN_REVIEW: frozenset(
            {INFO_REQUESTED, APPROVED, APPROVED_WITH_CONDITIONS, REFUSED, WITHDRAWN}
        ),
        INFO_REQUESTED: frozenset({IN_REVIEW, WITHDRAWN}),
        APPROVED: frozenset({CLOSED}),
        APPROVED_WITH_CONDITIONS: frozenset({CLOSED}),
        REFUSED: frozenset({CLOSED}),
        CLOSED: frozenset(),
        WITHDRAWN: frozenset(),
    }
)


class IllegalTransition(ValueError):
    """A move the workflow does not allow from the current state."""

    def __init__(self, current: str, to: str, allowed: tuple[str, ...]) -> None:
        super().__init__(f"cannot move from {current} to {to}")
        self.current = current
        self.to = to
        self.allowed = allowed


@dataclass(frozen=True)
class Workflow:
    transitions: Mapping[str, frozenset[str]] = field(default_factory=lambda: DEFAULT_TRANSITIONS)
    four_eyes: str = "none"

    def allowed(self, current: str, *, by_resident: bool = False) -> tuple[str, ...]:
        """The states a case in `current` may move to, in the order of STATES."""
        targets = self.transitions.get(current, frozenset())
        if by_resident:
            # A resident can only withdraw, or answer a request for information.
            own = RESIDENT_ONLY | ({IN_REVIEW} if current == INFO_REQUESTED else set())
            targets = targets & own
        else:
            targets = targets - RESIDENT_ONLY
        return tuple(state for state in STATES if state in targets)

    def check(self, current: str, to: str, *, by_resident: bool = False) -> None:
        allowed = self.allowed(current, by_resident=by_resident)
        if to not in allowed:
            raise IllegalTransition(current, to, allowed)

    def needs_second_approval(self, to: str) -> bool:
        if self.four_eyes == "decisions":
            return to in DECISIONS
        if self.four_eyes == "refusals":
            return to == REFUSED
        return False


DEFAULT_WORKFLOW = Workflow()


def workflow_problems(transitions: Mapping[str, frozenset[str]]) -> list[str]:
    """What is wrong with a service's own transition table, in plain words."""
    problems = []
    for state, targets in transitions.items():
        if state not in STATES:
            problems.append(f"{state!r} is not a state (states: {', '.join(STATES)})")
            continue
        for target in sorted(targets):
            if target not in STATES:
                problems.append(f"{state} → {target!r}: {target!r} is not a state")
            elif target == state:
                problems.append(f"{state} → {target}: a state cannot move to itself")
            elif state in FINAL:
                problems.append(f"{state} → {target}: nothing leaves {state}")
            elif target == WITHDRAWN and state in DECISIONS:
                problems.append(f"{state} → {target}: a decided case cannot be withdrawn")
    if problems:
        return problems
    reachable = _reachable(transitions, SUBMITTED)
    if not reachable & DECISIONS:
        problems.append("no decision (approved, refused…) can be reached from submitted")
    for decision in sorted(DECISIONS & reachable):
        if CLOSED not in transitions.get(decision, frozenset()):
            problems.append(f"{decision} must lead to closed")
    return problems


def _reachable(transitions: Mapping[str, frozenset[str]], start: str) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for target in transitions.get(todo.pop(), frozenset()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen
