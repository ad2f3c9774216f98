"""The service performance figures, computed from plain records (no Django).

Definitions (docs/analytics.md explains them to readers):

- completion rate: journeys completed ÷ journeys started, where completed means
  sent, or ended at the "not eligible" exit (a clear "no" is a finished journey);
- user satisfaction: share of survey answers scoring 4 or 5 of 5;
- digital take-up: applications sent online or with staff help ÷ those plus the
  paper and phone transactions staff enter per month (monthly periods only);
- cost per transaction: the month's running cost ÷ all transactions that month
  (sent online, assisted, paper and phone);
- processing time: calendar days from sending to the decision, median and 90th
  percentile (nearest rank), over cases decided in the period;
- SLA compliance: share of cases decided in the period on or before their due date;
- backlog: cases sent by the period's last day and not decided by then.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

WEEK = "week"
MONTH = "month"
GRANULARITIES = (WEEK, MONTH)
DIGITAL_CHANNELS = ("online", "assisted")
SATISFIED_SCORES = (4, 5)


@dataclass(frozen=True)
class Event:
    kind: str  # started, page_reached, eligibility_outcome, submitted, exit
    day: date
    channel: str = "online"
    page_id: str = ""
    outcome: str = ""


@dataclass(frozen=True)
class Case:
    channel: str
    submitted_at: datetime
    decided_at: datetime | None = None
    due_date: date | None = None


@dataclass(frozen=True)
class PeriodFigures:
    # Counts are None only in a copy made by suppress_small.
    start: date
    started: int | None
    completed: int | None
    completion_rate: float | None
    responses: int | None
    satisfied: int | None
    satisfaction: float | None
    digital: int | None
    offline: int | None  # None: no figure entered (or a weekly period)
    digital_take_up: float | None
    cost: Decimal | None
    cost_per_transaction: Decimal | None
    decided: int | None
    median_days: float | None
    p90_days: float | None
    within_sla: int | None
    sla_compliance: float | None
    backlog: int | None
    suppressed: bool = False


def period_start(day: date, granularity: str) -> date:
    if granularity == WEEK:
        return day - timedelta(days=day.weekday())
    if granularity == MONTH:
        return day.replace(day=1)
    raise ValueError(f"unknown granularity {granularity!r}")


def next_period(start: date, granularity: str) -> date:
    if granularity == WEEK:
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def periods_between(first: date, last: date, granularity: str) -> list[date]:
    """Every period start from the one holding `first` to the one holding `last`."""
    starts, current = [], period_start(first, granularity)
    while current <= last:
        starts.append(current)
        current = next_period(current, granularity)
    return starts


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def nearest_rank(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile by nearest rank: a value that occurred, easy to check by hand."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(q * len(ordered)), 1) - 1]


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered, middle = sorted(values), len(values) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _days(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 86400


def figures_by_period(
    *,
    periods: Sequence[date],
    granularity: str,
    events: Iterable[Event],
    scores: Iterable[tuple[date, int]],
    cases: Sequence[Case],
    offline: Mapping[date, int] | None = None,
    costs: Mapping[date, Decimal] | None = None,
) -> list[PeriodFigures]:
    """The figures for each period start in `periods` (events outside them are ignored).

    `offline` and `costs` are keyed by the first day of their month; they only
    apply to monthly periods, since staff enter them per month.
    """
    offline, costs = offline or {}, costs or {}
    started: Counter[date] = Counter()
    completed: Counter[date] = Counter()
    digital: Counter[date] = Counter()
    for event in events:
        key = period_start(event.day, granularity)
        if event.kind == "started":
            started[key] += 1
        elif event.kind == "submitted":
            completed[key] += 1
            if event.channel in DIGITAL_CHANNELS:
                digital[key] += 1
        elif event.kind == "exit" and event.outcome == "not_eligible":
            completed[key] += 1
    responses: Counter[date] = Counter()
    satisfied: Counter[date] = Counter()
    for day, score in scores:
        key = period_start(day, granularity)
        responses[key] += 1
        satisfied[key] += score in SATISFIED_SCORES
    decided: dict[date, list[Case]] = {}
    for case in cases:
        if case.decided_at is not None:
            key = period_start(case.decided_at.date(), granularity)
            decided.setdefault(key, []).append(case)
    figures = []
    for start in periods:
        end = next_period(start, granularity)
        done = decided.get(start, [])
        days = [_days(c.submitted_at, c.decided_at) for c in done if c.decided_at]
        on_time = sum(
            1 for c in done if c.decided_at and c.due_date and c.decided_at.date() <= c.due_date
        )
        with_due = sum(1 for c in done if c.due_date)
        backlog = sum(
            1
            for c in cases
            if c.submitted_at.date() < end and (c.decided_at is None or c.decided_at.date() >= end)
        )
        month = granularity == MONTH
        paper = offline.get(start) if month else None
        cost = costs.get(start) if month else None
        transactions = digital[start] + (paper or 0)
        figures.append(
            PeriodFigures(
                start=start,
                started=started[start],
                completed=completed[start],
                completion_rate=share(completed[start], started[start]),
                responses=responses[start],
                satisfied=satisfied[start],
                satisfaction=share(satisfied[start], responses[start]),
                digital=digital[start],
                offline=paper,
                digital_take_up=share(digital[start], transactions) if paper is not None else None,
                cost=cost,
                cost_per_transaction=(
                    (cost / transactions).quantize(Decimal("0.01"))
                    if cost is not None and transactions
                    else None
                ),
                decided=len(done),
                median_days=median(days),
                p90_days=nearest_rank(days, 0.9),
                within_sla=on_time,
                sla_compliance=share(on_time, with_due),
                backlog=backlog,
            )
        )
    return figures


def page_with_most_exits(
    events: Iterable[Event], page_order: Sequence[str]
) -> tuple[str, int] | None:
    """The page most journeys stopped at, and how many stopped there.

    Events name no journey, so exits are read off the funnel: those who reached a
    page minus those who reached the next page anyone reached (for the last page,
    minus those who completed). Optional pages make this an estimate, never a count
    of people.
    """
    reached: Counter[str] = Counter()
    finished = 0
    for event in events:
        if event.kind == "page_reached":
            reached[event.page_id] += 1
        elif event.kind == "submitted" or (
            event.kind == "exit" and event.outcome == "not_eligible"
        ):
            finished += 1
    seen = [page for page in page_order if reached[page]]
    best: tuple[str, int] | None = None
    for index, page in enumerate(seen):
        after = reached[seen[index + 1]] if index + 1 < len(seen) else finished
        exits = max(reached[page] - after, 0)
        if exits and (best is None or exits > best[1]):
            best = (page, exits)
    return best


def suppress_small(figures: PeriodFigures, minimum: int) -> PeriodFigures:
    """The figures fit for a public page: any figure resting on fewer than
    `minimum` journeys, answers or cases is withheld, with the count behind it."""

    def count(value: int | None) -> int | None:
        return value if value is not None and value >= minimum else None

    transactions = (figures.digital or 0) + (figures.offline or 0)
    enough = {
        "started": (figures.started or 0) >= minimum,
        "responses": (figures.responses or 0) >= minimum,
        "decided": (figures.decided or 0) >= minimum,
    }
    # Withheld rates and counts become None; the page says "fewer than N".
    hidden = replace(
        figures,
        completion_rate=figures.completion_rate if enough["started"] else None,
        satisfaction=figures.satisfaction if enough["responses"] else None,
        digital_take_up=figures.digital_take_up if transactions >= minimum else None,
        cost_per_transaction=figures.cost_per_transaction if transactions >= minimum else None,
        median_days=figures.median_days if enough["decided"] else None,
        p90_days=figures.p90_days if enough["decided"] else None,
        sla_compliance=figures.sla_compliance if enough["decided"] else None,
        started=count(figures.started),
        completed=count(figures.completed),
        responses=count(figures.responses),
        satisfied=count(figures.satisfied),
        digital=count(figures.digital),
        decided=count(figures.decided),
        within_sla=count(figures.within_sla),
        backlog=count(figures.backlog),
    )
    return replace(hidden, suppressed=hidden != figures)
