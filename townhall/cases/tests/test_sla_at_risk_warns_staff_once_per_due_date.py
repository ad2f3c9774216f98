"""When a case becomes at risk, its assignee is warned, or, if no one has it
yet, every member of the teams that handle its service. Once per case, due
date and person: running the check again warns no one twice, and a due date
moved by a pause warns again."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from conftest import make_user
from townhall.cases.models import Application, ApplicationStatus, SlaState, Team, TeamService
from townhall.cases.services_sla import sla_flags_update
from townhall.cases.tests.helpers import draft_for
from townhall.notify.models import Notification

MONDAY = date(2026, 3, 9)


def case(user, due, **fields):
    application = draft_for(user)
    Application.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.IN_REVIEW, due_date=due, submitted_at=timezone.now(), **fields
    )
    return application.reference


def warned(reference):
    """(recipient email, key) of every sla_at_risk message about `reference`."""
    return sorted(
        set(
            Notification.objects.filter(
                event="sla_at_risk", context__reference=reference
            ).values_list("recipient__email", "key")
        )
    )


@pytest.fixture
def tax_team(db, caseworker, manager):
    team = Team.objects.create(slug="tax", name="Tax team")
    TeamService.objects.create(team=team, service_slug="tax-return")
    team.members.add(caseworker, manager)
    gone = make_user("gone@example.org", roles=("caseworker",), is_active=False)
    team.members.add(gone)
    other = Team.objects.create(slug="permits", name="Permits team")
    TeamService.objects.create(team=other, service_slug="building-permit")
    other.members.add(make_user("permits@example.org", roles=("caseworker",)))
    everything = Team.objects.create(slug="admins", name="Administrators")
    TeamService.objects.create(team=everything, service_slug="*")
    everything.members.add(make_user("root@example.org", roles=("administrator",)))
    return team


@pytest.fixture(autouse=True)
def window(settings):
    settings.PUBLIC_HOLIDAYS = []
    settings.SLA_AT_RISK_DAYS = 3


def test_the_assignee_alone_is_warned_once(catalogue, resident, caseworker, tax_team):
    reference = case(resident, date(2026, 3, 11), assignee=caseworker)

    assert sla_flags_update(today=MONDAY)["warned"] == 1
    assert sla_flags_update(today=MONDAY)["warned"] == 0
    assert sla_flags_update(today=date(2026, 3, 10))["warned"] == 0

    key = f"sla_at_risk:{reference}:2026-03-11:{caseworker.pk}"
    assert warned(reference) == [("caseworker@example.org", key)]
    message = Notification.objects.filter(key=key, channel="in_app").get()
    assert reference in message.body
    assert "11 March 2026" in message.body
    assert message.url == f"/staff/cases/{reference}/"


def test_an_unassigned_case_warns_its_team_but_not_other_teams(
    catalogue, resident, caseworker, manager, tax_team
):
    reference = case(resident, date(2026, 3, 10))

    assert sla_flags_update(today=MONDAY)["warned"] == 2

    assert [email for email, _key in warned(reference)] == [
        "caseworker@example.org",
        "manager@example.org",
    ]


def test_a_service_no_team_handles_warns_the_teams_that_handle_everything(
    catalogue, resident, tax_team
):
    Team.objects.filter(slug="tax").delete()
    reference = case(resident, date(2026, 3, 10))
    sla_flags_update(today=MONDAY)
    assert [email for email, _key in warned(reference)] == ["root@example.org"]


def test_a_due_date_moved_by_a_pause_warns_again(catalogue, resident, caseworker, tax_team):
    reference = case(resident, date(2026, 3, 11), assignee=caseworker)
    sla_flags_update(today=MONDAY)
    # More information asked for, then answered: the clock stopped, the due date moved.
    Application.objects.filter(reference=reference).update(status=ApplicationStatus.INFO_REQUESTED)
    sla_flags_update(today=MONDAY)
    assert Application.objects.get(reference=reference).sla_state == SlaState.PAUSED
    Application.objects.filter(reference=reference).update(
        status=ApplicationStatus.IN_REVIEW, due_date=date(2026, 3, 16)
    )

    assert sla_flags_update(today=date(2026, 3, 12))["warned"] == 1
    assert [key for _email, key in warned(reference)] == [
        f"sla_at_risk:{reference}:2026-03-11:{caseworker.pk}",
        f"sla_at_risk:{reference}:2026-03-16:{caseworker.pk}",
    ]


def test_the_messages_are_in_each_persons_language(catalogue, resident, caseworker, tax_team):
    caseworker.preferred_language = "es"
    caseworker.save(update_fields=["preferred_language"])
    reference = case(resident, date(2026, 3, 11), assignee=caseworker)
    sla_flags_update(today=MONDAY)
    message = Notification.objects.get(
        key__startswith=f"sla_at_risk:{reference}:", channel="in_app"
    )
    assert message.language == "es"
    assert message.context["service_title"] == (
        "Presentar su declaración del impuesto local sobre los ingresos"
    )
    assert message.context["due_date"] == "11 marzo 2026"
