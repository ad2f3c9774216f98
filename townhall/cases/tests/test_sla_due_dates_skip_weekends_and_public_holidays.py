"""Due dates count working days: weekends and the council's public holidays
(TOWNHALL_PUBLIC_HOLIDAYS) do not count, and a stopped clock adds back only
the working days it was stopped. Every date below was checked on a calendar."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from townhall.cases.sla import at_risk_until, due_date_after_pause, due_date_from
from townhall.cases.working_days import add_working_days, working_days_between

GOOD_FRIDAY, EASTER_MONDAY = date(2026, 4, 3), date(2026, 4, 6)
CHRISTMAS, BOXING_DAY_MOVED, NEW_YEAR = date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)
WINTER = frozenset({CHRISTMAS, BOXING_DAY_MOVED, NEW_YEAR})
EASTER = frozenset({GOOD_FRIDAY, EASTER_MONDAY})


@pytest.mark.parametrize(
    ("start", "days", "holidays", "due"),
    [
        # Thursday before Easter: Friday and Monday are holidays.
        (date(2026, 4, 2), 1, EASTER, date(2026, 4, 7)),
        # Friday, 5 days: Mon-Thu count, Christmas Friday and the moved Monday do not.
        (date(2026, 12, 18), 5, WINTER, date(2026, 12, 29)),
        (date(2026, 12, 24), 3, WINTER, date(2026, 12, 31)),
        # ... and the fourth day jumps New Year's Day and the weekend.
        (date(2026, 12, 24), 4, WINTER, date(2027, 1, 4)),
        # A holiday on a Saturday changes nothing.
        (date(2026, 12, 18), 5, frozenset({date(2026, 12, 26)}), CHRISTMAS),
        # Sent on a holiday: the first working day after it is day one.
        (CHRISTMAS, 1, WINTER, date(2026, 12, 29)),
        (CHRISTMAS, 0, WINTER, CHRISTMAS),
        (date(2026, 3, 6), 5, frozenset(), date(2026, 3, 13)),
    ],
)
def test_it_adds_working_days_skipping_holidays(start, days, holidays, due):
    assert add_working_days(start, days, holidays) == due


@pytest.mark.parametrize(
    ("holidays", "paused_on", "resumed_on", "due", "new_due"),
    [
        # Stopped on Friday, answered on Monday: one working day (Monday) is added.
        ([], date(2026, 3, 6), date(2026, 3, 9), date(2026, 3, 20), date(2026, 3, 23)),
        # Answered on the Saturday: no working day was lost.
        ([], date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 20), date(2026, 3, 20)),
        # Same day: nothing changes.
        ([], date(2026, 3, 6), date(2026, 3, 6), date(2026, 3, 20), date(2026, 3, 20)),
        # Over Easter: only Tuesday 7 April was lost; the due Friday moves to Monday.
        (
            [GOOD_FRIDAY, EASTER_MONDAY],
            date(2026, 4, 2),
            date(2026, 4, 7),
            date(2026, 4, 10),
            date(2026, 4, 13),
        ),
        # Over Christmas and New Year: 24, 29, 30, 31 Dec and 4 Jan were lost.
        (
            sorted(WINTER),
            date(2026, 12, 23),
            date(2027, 1, 4),
            date(2027, 1, 8),
            date(2027, 1, 15),
        ),
    ],
)
def test_a_pause_adds_back_the_working_days_it_lasted(
    settings, holidays, paused_on, resumed_on, due, new_due
):
    settings.PUBLIC_HOLIDAYS = holidays
    assert due_date_after_pause(due, paused_on, resumed_on) == new_due


def test_due_dates_and_the_at_risk_window_use_the_setting(settings):
    settings.PUBLIC_HOLIDAYS = [GOOD_FRIDAY, EASTER_MONDAY]
    settings.SLA_AT_RISK_DAYS = 3
    assert due_date_from(date(2026, 4, 2), 1) == date(2026, 4, 7)
    # Thursday 2 April: Tuesday 7, Wednesday 8 and Thursday 9 are the next three.
    assert at_risk_until(date(2026, 4, 2)) == date(2026, 4, 9)
    settings.PUBLIC_HOLIDAYS = []
    assert due_date_from(date(2026, 4, 2), 1) == GOOD_FRIDAY


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    st.integers(0, 400),
    st.frozensets(st.dates(min_value=date(2000, 1, 1), max_value=date(2101, 12, 31)), max_size=30),
)
def test_counting_agrees_with_walking_day_by_day(start, span, holidays):
    end = start + timedelta(days=span)
    walked = sum(
        1
        for n in range(1, span + 1)
        if (start + timedelta(n)).weekday() < 5 and start + timedelta(n) not in holidays
    )
    assert working_days_between(start, end, holidays) == walked
    if walked:
        landed = add_working_days(start, walked, holidays)
        assert landed <= end
        assert working_days_between(start, landed, holidays) == walked


def test_a_date_that_is_not_a_date_stops_start_up_with_one_clear_line(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TOWNHALL_")}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "townhall.cli", "check"],
        env={
            **clean,
            "TOWNHALL_DATA_DIR": str(tmp_path),
            "TOWNHALL_PUBLIC_HOLIDAYS": "2026-12-25,25/12/2026",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "townhall: configuration error: TOWNHALL_PUBLIC_HOLIDAYS must be dates like "
        "2026-12-25 separated by commas, not '25/12/2026'"
    ]
