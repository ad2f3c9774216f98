"""The performance figures on a small month worked out by hand (see each comment)."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from townhall.analytics.kpis import (
    MONTH,
    WEEK,
    Case,
    Event,
    figures_by_period,
    nearest_rank,
    page_with_most_exits,
    period_start,
)

MARCH = date(2026, 3, 1)
FEBRUARY = date(2026, 2, 1)


def at(month, day, hour=12):
    return datetime(2026, month, day, hour)


EVENTS = (
    [Event("started", date(2026, 3, 3))] * 8
    + [Event("started", date(2026, 3, 4), channel="assisted")] * 2
    + [Event("submitted", date(2026, 3, 5))] * 4
    + [Event("submitted", date(2026, 3, 6), channel="assisted")] * 2
    + [Event("exit", date(2026, 3, 7), outcome="not_eligible")]
    + [Event("exit", date(2026, 3, 7))]  # left without an outcome: not completed
    + [Event("started", date(2026, 4, 1))]  # outside March
)
SCORES = [(date(2026, 3, 9), score) for score in (5, 4, 3, 2, 5)]
CASES = [
    Case("online", at(3, 2, 9), at(3, 4, 9), date(2026, 3, 5)),  # 2 days, on time
    Case("online", at(3, 1, 0), at(3, 11, 0), date(2026, 3, 10)),  # 10 days, late
    Case("online", at(3, 1), at(3, 2)),  # 1 day, no due date: not in the SLA share
    Case("assisted", at(3, 10), at(3, 13), date(2026, 3, 13)),  # 3 days, on the due day
    Case("online", at(3, 20)),  # undecided: backlog
    Case("online", at(2, 1), at(4, 2)),  # decided in April: backlog at the end of Feb and March
    Case("online", at(4, 1)),  # sent in April: not March's backlog
]


@pytest.fixture
def march():
    [february, march] = figures_by_period(
        periods=[FEBRUARY, MARCH],
        granularity=MONTH,
        events=EVENTS,
        scores=SCORES,
        cases=CASES,
        offline={MARCH: 4},
        costs={MARCH: Decimal("1000")},
    )
    assert february.backlog == 1 and february.started == 0
    assert february.completion_rate is None and february.digital_take_up is None
    return march


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        ("started", 10),
        ("completed", 7),  # 6 sent + 1 not eligible
        ("completion_rate", 0.7),
        ("responses", 5),
        ("satisfied", 3),  # scores 5, 4, 5
        ("satisfaction", 0.6),
        ("digital", 6),
        ("offline", 4),
        ("digital_take_up", 0.6),  # 6 / (6 + 4)
        ("cost_per_transaction", Decimal("100.00")),  # 1000 / 10 transactions
        ("decided", 4),
        ("median_days", 2.5),  # 1, 2, 3, 10
        ("p90_days", 10),  # nearest rank: ceil(0.9 * 4) = 4th
        ("within_sla", 2),
        ("sla_compliance", 2 / 3),
        ("backlog", 2),
    ],
)
def test_march(march, figure, expected):
    assert getattr(march, figure) == pytest.approx(expected)


def test_weeks_start_on_monday_and_leave_out_monthly_figures():
    [week] = figures_by_period(
        periods=[date(2026, 3, 2)],
        granularity=WEEK,
        events=EVENTS,
        scores=SCORES,
        cases=CASES,
        offline={MARCH: 4},
        costs={MARCH: Decimal("1000")},
    )
    # Monday 2 March to Sunday 8 March: every started and sent event above.
    assert (week.started, week.completed, week.digital) == (10, 7, 6)
    assert week.offline is None and week.digital_take_up is None
    assert week.cost_per_transaction is None
    assert week.responses == 0  # the scores came on Monday 9 March
    assert period_start(date(2026, 3, 8), WEEK) == date(2026, 3, 2)
    assert period_start(date(2026, 3, 9), WEEK) == date(2026, 3, 9)


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [([1, 2, 3, 10], 0.9, 10), (list(range(1, 11)), 0.9, 9), ([7], 0.9, 7), ([], 0.9, None)],
)
def test_nearest_rank(values, q, expected):
    assert nearest_rank(values, q) == expected


def reached(page, times):
    return [Event("page_reached", MARCH, page_id=page)] * times


@pytest.mark.parametrize(
    ("events", "order", "expected"),
    [
        (reached("a", 10) + reached("b", 6) + reached("c", 5) + [Event("submitted", MARCH)] * 4,
         ["a", "b", "c"], ("a", 4)),
        (reached("a", 10) + reached("b", 9) + reached("c", 3) + [Event("submitted", MARCH)] * 3,
         ["a", "b", "c"], ("b", 6)),
        # A page nobody reached (shown only for some answers) is skipped.
        (reached("a", 10) + reached("c", 7), ["a", "x", "c"], ("c", 7)),
        (reached("a", 2) + [Event("exit", MARCH, outcome="not_eligible")] * 2, ["a"], None),
    ],
)  # fmt: skip
def test_the_page_with_most_exits(events, order, expected):
    assert page_with_most_exits(events, order) == expected
