"""Working days (Monday to Friday), for due dates computed from a service's SLA.

Pure Python, no Django. Public holidays are not known here yet: a due date is
counted in weekdays only.
"""

from __future__ import annotations

from datetime import date, timedelta

SATURDAY = 5


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (the day after `start` is the first).

    Submitted on a Friday with a 5-day SLA, the answer is due the next Friday;
    0 days gives `start` itself.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    while days:
        current += timedelta(days=1)
        if current.weekday() < SATURDAY:
            days -= 1
    return current
