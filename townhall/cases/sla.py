"""Due dates of cases in working days, and the clock that stops while the
resident has to act.

The arithmetic is in working_days.py; this module adds the council's public
holidays (TOWNHALL_PUBLIC_HOLIDAYS) and the at-risk window
(TOWNHALL_SLA_AT_RISK_DAYS).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from townhall.cases.working_days import add_working_days, working_days_between


def public_holidays() -> frozenset[date]:
    return frozenset(settings.PUBLIC_HOLIDAYS)


def due_date_from(start: date, days: int) -> date:
    """The decision date `days` working days after `start`."""
    return add_working_days(start, days, public_holidays())


def due_date_after_pause(due: date, paused_on: date, resumed_on: date) -> date:
    """`due` pushed back by the working days the clock was stopped.

    The day the clock stopped was worked on; the day it restarts was not (the
    resident answered that day), so a pause from Friday to Monday adds one day.
    """
    holidays = public_holidays()
    stopped = working_days_between(paused_on, resumed_on, holidays)
    return add_working_days(due, stopped, holidays) if stopped else due


def at_risk_until(today: date) -> date:
    """The last due date that counts as at risk on `today`."""
    return add_working_days(today, settings.SLA_AT_RISK_DAYS, public_holidays())
