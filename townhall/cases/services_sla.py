"""The daily SLA check: flag open cases on track, at risk, overdue or paused,
and warn staff once when a case becomes at risk.

Run by `townhall sla_check` (from cron or a systemd timer) or the
`sla_flags_daily` task. A handful of queries whatever the number of cases: one
UPDATE per state, then one message per case that has just become at risk.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from townhall.cases.i18n import tr
from townhall.cases.models import Application, ApplicationStatus, SlaState, Team, TeamService
from townhall.cases.selectors_casework import ALL_SERVICES
from townhall.cases.sla import at_risk_until
from townhall.cases.summary import long_date
from townhall.catalog.selectors import service_spec, service_version_get
from townhall.notify.services import notification_queue

logger = logging.getLogger(__name__)

OPEN = (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW, ApplicationStatus.INFO_REQUESTED)
# The clock runs while the council has the case; it stops while the resident has it.
RUNNING = (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW)


@dataclass(frozen=True)
class AtRiskCase:
    reference: str
    due_date: date
    status: str
    service_slug: str
    service_version: int
    assignee_id: int | None


def sla_targets(*, today: date) -> dict[str, QuerySet[Application]]:
    """The open cases that belong in each SLA state on `today`."""
    horizon = at_risk_until(today)
    running = Application.objects.filter(status__in=RUNNING)
    return {
        SlaState.PAUSED: Application.objects.filter(status=ApplicationStatus.INFO_REQUESTED),
        SlaState.OVERDUE: running.filter(due_date__lt=today),
        SlaState.AT_RISK: running.filter(due_date__gte=today, due_date__lte=horizon),
        # A case without a due date has no target to miss.
        SlaState.ON_TRACK: running.filter(Q(due_date__gt=horizon) | Q(due_date__isnull=True)),
    }


@transaction.atomic
def sla_flags_update(*, today: date | None = None) -> dict[str, int]:
    """Set every open case's SLA state as of `today` (the local date by default).

    Returns how many open cases are in each state, how many changed state and
    how many members of staff were warned.
    """
    today = today or timezone.localdate()
    targets = sla_targets(today=today)
    # Read before the updates: "became at risk" is "was not at risk yesterday".
    newly_at_risk = [
        AtRiskCase(
            reference=row["reference"],
            due_date=row["due_date"],
            status=row["status"],
            service_slug=row["service_slug"],
            service_version=row["service_version__version"],
            assignee_id=row["assignee_id"],
        )
        for row in targets[SlaState.AT_RISK]
        .exclude(sla_state=SlaState.AT_RISK)
        .values(
            "reference",
            "due_date",
            "status",
            "service_slug",
            "service_version__version",
            "assignee_id",
        )
        .order_by("due_date", "pk")
    ]
    changed = sum(
        queryset.exclude(sla_state=state).update(sla_state=state)
        for state, queryset in targets.items()
    )
    warned = sla_at_risk_notify(cases=newly_at_risk)
    counts = {state: 0 for state in SlaState.values}
    rows = Application.objects.filter(status__in=OPEN).values("sla_state").annotate(n=Count("pk"))
    for row in rows.order_by():
        counts[row["sla_state"]] = row["n"]
    result = {**counts, "changed": changed, "warned": warned}
    logger.info("sla check for %s: %s", today.isoformat(), result)
    return result


def _team_members(slugs: Iterable[str]) -> dict[str, list[Any]]:
    """The active members of the teams handling each service.

    Teams that handle every service ("*", usually administrators) are told only
    about services no team of their own handles, so they are not sent every
    warning of the council.
    """
    wanted = set(slugs)
    teams_of: dict[str, set[int]] = defaultdict(set)
    links = TeamService.objects.filter(service_slug__in=[*wanted, ALL_SERVICES])
    for slug, team_id in links.values_list("service_slug", "team_id"):
        teams_of[slug].add(team_id)
    team_ids = set().union(*teams_of.values())
    pairs = list(
        Team.members.through.objects.filter(team_id__in=team_ids).values_list("team_id", "user_id")
    )
    people = (
        get_user_model()
        .objects.filter(pk__in={user_id for _team, user_id in pairs}, is_active=True)
        .in_bulk()
    )
    members_of_team: dict[int, list[Any]] = defaultdict(list)
    for team_id, user_id in sorted(pairs):
        if user_id in people:
            members_of_team[team_id].append(people[user_id])
    result: dict[str, list[Any]] = {}
    for slug in wanted:
        recipients: dict[int, Any] = {}
        for team_id in sorted(teams_of.get(slug) or teams_of.get(ALL_SERVICES, set())):
            for person in members_of_team[team_id]:
                recipients.setdefault(person.pk, person)
        result[slug] = list(recipients.values())
    return result


def _service_titles(cases: list[AtRiskCase]) -> dict[tuple[str, int], Any]:
    titles: dict[tuple[str, int], Any] = {}
    for key in {(case.service_slug, case.service_version) for case in cases}:
        version = service_version_get(slug=key[0], version=key[1])
        titles[key] = service_spec(version).title if version else key[0]
    return titles


def sla_at_risk_notify(*, cases: list[AtRiskCase]) -> int:
    """Warn the assignee of each case (or, unassigned, its teams) that it is at risk.

    Once per case, due date and person: the key names all three, and notify
    queues a key once, so a re-run or a retried task sends nothing twice, while
    a due date moved by a pause warns again. Returns how many people were warned.
    """
    if not cases:
        return 0
    titles = _service_titles(cases)
    teams = _team_members(case.service_slug for case in cases if case.assignee_id is None)
    assignees = (
        get_user_model()
        .objects.filter(pk__in={case.assignee_id for case in cases}, is_active=True)
        .in_bulk()
    )
    status_labels = dict(ApplicationStatus.choices)
    warned = 0
    for case in cases:
        if case.assignee_id is not None:
            recipients = [assignees[case.assignee_id]] if case.assignee_id in assignees else []
        else:
            recipients = teams.get(case.service_slug, [])
        for recipient in recipients:
            # The message is written in the recipient's language, so are its values.
            with translation.override(recipient.preferred_language):
                context = {
                    "reference": case.reference,
                    "service_title": tr(titles[(case.service_slug, case.service_version)]),
                    "status_label": str(status_labels.get(case.status, case.status)),
                    "due_date": long_date(case.due_date),
                }
            queued = notification_queue(
                event="sla_at_risk",
                key=f"sla_at_risk:{case.reference}:{case.due_date.isoformat()}:{recipient.pk}",
                recipient=recipient,
                context=context,
                url=reverse("cases:staff-case", kwargs={"reference": case.reference}),
            )
            warned += bool(queued)
    return warned
