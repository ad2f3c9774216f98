"""The daily SLA check puts every open case in one state as of the day it runs:
overdue past its due date, at risk within TOWNHALL_SLA_AT_RISK_DAYS working
days (holidays skipped), paused while the resident has to answer, on track
otherwise. Decided and draft cases are left alone."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from townhall.cases.models import Application, ApplicationStatus, SlaState
from townhall.cases.services_sla import sla_flags_update
from townhall.cases.tasks import sla_flags_daily
from townhall.cases.tests.helpers import draft_for

# Thursday before Easter; Good Friday and Easter Monday are holidays.
TODAY = date(2026, 4, 2)
EASTER = [date(2026, 4, 3), date(2026, 4, 6)]


def case(user, status, due, sla_state=SlaState.ON_TRACK):
    application = draft_for(user)
    Application.objects.filter(pk=application.pk).update(
        status=status, due_date=due, submitted_at=timezone.now(), sla_state=sla_state
    )
    return application.reference


def state_of(reference):
    return Application.objects.get(reference=reference).sla_state


@pytest.fixture
def cases(catalogue, resident, settings):
    settings.PUBLIC_HOLIDAYS = EASTER
    settings.SLA_AT_RISK_DAYS = 3
    return {
        "late": case(resident, ApplicationStatus.IN_REVIEW, date(2026, 4, 1)),
        "due_today": case(resident, ApplicationStatus.SUBMITTED, TODAY),
        # Three working days on, once Friday and Monday are skipped.
        "due_thursday_next": case(resident, ApplicationStatus.IN_REVIEW, date(2026, 4, 9)),
        "due_friday_next": case(resident, ApplicationStatus.SUBMITTED, date(2026, 4, 10)),
        "waiting_for_resident": case(
            resident, ApplicationStatus.INFO_REQUESTED, date(2026, 3, 1), SlaState.OVERDUE
        ),
        "decided": case(resident, ApplicationStatus.APPROVED, date(2026, 3, 1)),
        "back_on_track": case(
            resident, ApplicationStatus.IN_REVIEW, date(2026, 5, 1), SlaState.PAUSED
        ),
    }


def test_it_sets_each_open_case_state_and_counts_them(cases):
    counts = sla_flags_update(today=TODAY)

    assert state_of(cases["late"]) == SlaState.OVERDUE
    assert state_of(cases["due_today"]) == SlaState.AT_RISK
    assert state_of(cases["due_thursday_next"]) == SlaState.AT_RISK
    assert state_of(cases["due_friday_next"]) == SlaState.ON_TRACK
    assert state_of(cases["waiting_for_resident"]) == SlaState.PAUSED
    assert state_of(cases["back_on_track"]) == SlaState.ON_TRACK
    # A decided case is not in the queue: its state stays as it was.
    assert state_of(cases["decided"]) == SlaState.ON_TRACK
    assert counts == {
        "on_track": 2,
        "at_risk": 2,
        "overdue": 1,
        "paused": 1,
        "changed": 5,
        "warned": 0,
    }
    # A second run on the same day changes nothing.
    assert sla_flags_update(today=TODAY)["changed"] == 0


def test_without_the_holidays_the_window_is_shorter(cases, settings):
    settings.PUBLIC_HOLIDAYS = []
    sla_flags_update(today=TODAY)
    assert state_of(cases["due_thursday_next"]) == SlaState.ON_TRACK


def test_the_command_prints_the_counts_for_a_given_date(cases):
    out = StringIO()
    call_command("sla_check", "--date", "2026-04-02", stdout=out)
    assert out.getvalue().splitlines() == [
        "on track: 2",
        "at risk: 2",
        "overdue: 1",
        "paused: 1",
        "changed state: 5",
        "staff warned: 0",
    ]


def test_the_command_refuses_a_bad_date_and_changes_nothing(cases):
    with pytest.raises(CommandError, match="--date must be a date like 2026-03-06, not '2/4/2026'"):
        call_command("sla_check", "--date", "2/4/2026", stdout=StringIO())
    assert state_of(cases["late"]) == SlaState.ON_TRACK


def test_the_daily_task_runs_the_check_as_of_today(cases):
    result = sla_flags_daily.enqueue()
    counts = result.return_value
    assert counts["paused"] == 1
    assert counts["on_track"] + counts["at_risk"] + counts["overdue"] == 5
    # Whatever today is, it is after 1 April 2026.
    assert state_of(cases["late"]) == SlaState.OVERDUE
