"""Working days (Monday to Friday, public holidays excepted), for due dates
computed from a service's SLA.

Pure Python, no Django: the holidays are passed in (townhall/cases/sla.py reads
them from TOWNHALL_PUBLIC_HOLIDAYS), so these functions can be tested and
reused without settings.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

SATURDAY = 5
NO_HOLIDAYS: frozenset[date] = frozenset()


def is_working_day(day: date, holidays: Collection[date] = NO_HOLIDAYS) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def add_working_days(start: date, days: int, holidays: Collection[date] = NO_HOLIDAYS) -> date:
    """The date `days` working days after `start` (the day after `start` is the first).

    Submitted on a Friday with a 5-day SLA, the answer is due the next Friday
    (a week later still if the Monday is a holiday); 0 days gives `start` itself.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    while days:
        current += timedelta(days=1)
        if is_working_day(current, holidays):
            days -= 1
    return current


def working_days_between(start: date, end: date, holidays: Collection[date] = NO_HOLIDAYS) -> int:
    """How many working days fall after `start`, up to and including `end` (0 if end <= start)."""
    if end <= start:
        return 0
    # Whole weeks hold five weekdays each; only the remainder is walked, so a
    # clock stopped for months costs no more than one stopped for days.
    weeks, rest = divmod((end - start).days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (start + timedelta(days=weeks * 7 + offset)).weekday() < SATURDAY:
            count += 1
    count -= sum(1 for day in holidays if start < day <= end and day.weekday() < SATURDAY)
    return count
