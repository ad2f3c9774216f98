"""Reads for the back office: teams, the work queue, and whether a member of
staff may open a case.

The queue is one indexed, paginated query: `service_slug IN (the caller's
services)`, the open states, ordered by due date; the assignee and service
version come joined, so a page of 50 cases costs a fixed number of queries
whatever the queue's size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from townhall.cases.models import (
    CLOSED_STATUSES,
    Application,
    ApplicationStatus,
    CaseMessage,
    CaseNote,
    CaseTransition,
    DecisionProposal,
    SlaState,
    Team,
    TeamService,
)
from townhall.catalog.selectors import service_slugs_all

QUEUE_PAGE_SIZE = 50
SORTS = {
    "due": ("due_date", "pk"),
    "-due": ("-due_date", "-pk"),
    "submitted": ("submitted_at", "pk"),
    "-submitted": ("-submitted_at", "-pk"),
}
ALL_SERVICES = "*"


def teams_of(*, user: Any) -> list[Team]:
    return list(Team.objects.filter(members=user).prefetch_related("services"))


def service_slugs_of(*, user: Any) -> set[str]:
    """The services whose cases `user` may handle: those of their teams.

    Administrators handle every service. A team with the service "*" does too.
    """
    if user.has_role("administrator") or user.is_superuser:
        return {ALL_SERVICES}
    # Asked by every part of a queue page (rows, counts, proposals, filters):
    # read once per loaded user, like their roles (accounts.models.User.roles).
    cached = user.__dict__.get("_service_slugs")
    if cached is None:
        cached = frozenset(
            TeamService.objects.filter(team__members=user).values_list("service_slug", flat=True)
        )
        user.__dict__["_service_slugs"] = cached
    return set(cached)


def team_name_for(*, user: Any, service_slug: str) -> str:
    """The name of the caller's team that handles a service (for the access log)."""
    team = (
        Team.objects.filter(members=user, services__service_slug__in=[service_slug, ALL_SERVICES])
        .order_by("name")
        .first()
    )
    return team.name if team else ""


def _in_services(queryset: QuerySet[Application], slugs: set[str]) -> QuerySet[Application]:
    # Staff who handle every service need no filter, and the queue then reads
    # its index in due-date order from the start.
    if ALL_SERVICES in slugs or slugs >= service_slugs_all():
        return queryset
    return queryset.filter(service_slug__in=sorted(slugs))


def case_for_staff(*, user: Any, reference: str) -> Application | None:
    """The submitted case `reference` if `user` is on a team that handles it, else None."""
    if not isinstance(reference, str) or len(reference) > 32:
        return None
    if not getattr(user, "is_staff_member", False):
        return None
    queryset = Application.objects.submitted().select_related(
        "service_version", "applicant", "assignee", "decided_by"
    )
    return _in_services(queryset, service_slugs_of(user=user)).filter(reference=reference).first()


@dataclass(frozen=True)
class QueueFilters:
    service: str = ""
    status: str = ""
    sla: str = ""
    # "me", "unassigned", or "" for anyone.
    assignee: str = ""
    sort: str = "due"


def case_queue(*, user: Any, filters: QueueFilters) -> QuerySet[Application]:
    """The open cases of the caller's teams that match `filters`, in queue order."""
    queryset = _in_services(Application.objects.open(), service_slugs_of(user=user))
    if filters.service:
        queryset = queryset.filter(service_slug=filters.service)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.sla:
        queryset = queryset.filter(sla_state=filters.sla)
    if filters.assignee == "me":
        queryset = queryset.filter(assignee=user)
    elif filters.assignee == "unassigned":
        queryset = queryset.filter(assignee__isnull=True)
    return queryset.order_by(*SORTS.get(filters.sort, SORTS["due"]))


class _QueueRows:
    """A page of the queue in two steps: the ids, read from the covering index
    alone (filters, sort and offset never touch the table), then only those
    rows with the few columns the queue shows."""

    def __init__(self, queryset: QuerySet[Application]) -> None:
        self.queryset = queryset

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Application]:
        ids = list(self.queryset.values_list("pk", flat=True)[window])
        rows = (
            Application.objects.filter(pk__in=ids)
            .select_related("assignee")
            .only(
                *QUEUE_COLUMNS,
                "assignee__full_name",
                "assignee__email",
            )
            .in_bulk()
        )
        return [rows[pk] for pk in ids if pk in rows]


QUEUE_COLUMNS = (
    "reference",
    "service_slug",
    "status",
    "due_date",
    "sla_state",
    "submitted_at",
    "assignee",
)


def case_queue_page(*, user: Any, filters: QueueFilters, number: object = 1) -> Page:
    paginator = Paginator(_QueueRows(case_queue(user=user, filters=filters)), QUEUE_PAGE_SIZE)
    return paginator.get_page(number)


def cases_api_list(*, user: Any, service: str = "", status: str = "") -> QuerySet[Application]:
    """Every case of the caller's teams, any state but draft, for integrations."""
    queryset = _in_services(Application.objects.submitted(), service_slugs_of(user=user))
    if service:
        queryset = queryset.filter(service_slug=service)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.select_related("service_version", "assignee").order_by("due_date", "pk")


def case_history(*, application: Application) -> list[CaseTransition]:
    return list(application.transitions.select_related("actor", "confirmed_by"))


def case_notes(*, application: Application) -> list[CaseNote]:
    return list(application.notes.select_related("author"))


def case_messages(*, application: Application) -> list[CaseMessage]:
    return list(application.messages.select_related("author"))


def open_proposal(*, application: Application) -> DecisionProposal | None:
    return (
        application.proposals.filter(resolved_at__isnull=True).select_related("proposed_by").first()
    )


def proposals_awaiting(*, user: Any) -> QuerySet[DecisionProposal]:
    """Decisions of the caller's teams waiting for a second member of staff."""
    slugs = service_slugs_of(user=user)
    queryset = DecisionProposal.objects.filter(resolved_at__isnull=True).exclude(proposed_by=user)
    if ALL_SERVICES not in slugs:
        queryset = queryset.filter(application__service_slug__in=sorted(slugs))
    return queryset.select_related("application", "proposed_by").order_by("created_at")


def queue_counts(*, user: Any) -> dict[str, int]:
    """How many open cases are at risk, overdue and unassigned: one pass over the index."""
    queryset = _in_services(Application.objects.open(), service_slugs_of(user=user))
    return queryset.aggregate(
        at_risk=Count("pk", filter=Q(sla_state=SlaState.AT_RISK)),
        overdue=Count("pk", filter=Q(sla_state=SlaState.OVERDUE)),
        unassigned=Count("pk", filter=Q(assignee__isnull=True)),
    )


OPEN_STATES = tuple(status for status in ApplicationStatus.values if status not in CLOSED_STATUSES)
