"""Due dates count working days, Monday to Friday."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from townhall.cases.working_days import add_working_days

FRIDAY = date(2026, 3, 6)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (FRIDAY, 5, date(2026, 3, 13)),
        (FRIDAY, 1, date(2026, 3, 9)),  # Monday
        (date(2026, 3, 7), 1, date(2026, 3, 9)),  # Saturday -> Monday
        (date(2026, 3, 2), 4, FRIDAY),
        (date(2026, 3, 2), 15, date(2026, 3, 23)),
        (FRIDAY, 0, FRIDAY),
    ],
)
def test_it_counts_working_days(start, days, due):
    assert add_working_days(start, days) == due


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(1, 60))
def test_it_lands_on_a_weekday_after_that_many_weekdays(start, days):
    due = add_working_days(start, days)
    assert due.weekday() < 5
    weekdays = sum(
        1 for n in range(1, (due - start).days + 1) if (start + timedelta(n)).weekday() < 5
    )
    assert weekdays == days


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(FRIDAY, -1)
