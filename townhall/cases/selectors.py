"""Reads of applications. Views and other apps use these, never the models' managers."""

from __future__ import annotations

from typing import Any

from django.db import connection

from townhall.cases.models import Application, Document
from townhall.catalog.selectors import service_version_by_pk


def application_get(*, reference: str) -> Application | None:
    """The application with this reference, its (immutable) service version attached.

    Every page of a journey starts here, so it is written for speed: a fixed
    raw query (compiling the ORM's version of it cost as much as the rest of
    the view's database work) and the service version from a per-process cache.
    """
    if not isinstance(reference, str) or len(reference) > 32:
        return None
    table = connection.ops.quote_name(Application._meta.db_table)
    column = connection.ops.quote_name("reference")
    found = list(
        Application.objects.raw(f"SELECT * FROM {table} WHERE {column} = %s", [reference])  # noqa: S608
    )
    if not found:
        return None
    application = found[0]
    version = service_version_by_pk(application.service_version_id)
    if version is not None:
        application.service_version = version
    return application


def application_draft_latest(*, user: Any, slug: str) -> Application | None:
    """The resident's most recently changed draft for a service, to resume."""
    return (
        Application.objects.drafts()
        .for_applicant(user)
        .for_service(slug)
        .select_related("service_version")
        .order_by("-updated_at", "-pk")
        .first()
    )


def applications_for(*, user: Any) -> list[Application]:
    """A resident's applications, newest first: drafts and sent ones."""
    return list(
        Application.objects.for_applicant(user)
        .select_related("service_version")
        .order_by("-updated_at", "-pk")
    )


def document_get(*, application: Application, uid: str) -> Document | None:
    return next((d for d in application.documents.all() if d.uid.hex == uid), None)


# --- for the performance figures (townhall/analytics) ---------------------------
# Plain values only, no people: analytics reads through these, never the models.


def journey_events_between(*, start: Any, end: Any, service_slug: str | None = None) -> list[dict]:
    """Journey events with start <= time < end: kind, page, outcome, channel, time."""
    from townhall.cases.models import JourneyEvent

    events = JourneyEvent.objects.filter(created_at__gte=start, created_at__lt=end)
    if service_slug is not None:
        events = events.filter(service_slug=service_slug)
    return list(
        events.values("service_slug", "kind", "page_id", "outcome", "channel", "created_at")
    )


def satisfaction_scores_between(
    *, start: Any, end: Any, service_slug: str | None = None
) -> list[dict]:
    """Survey scores (1-5) with start <= time < end, without their comments."""
    from townhall.cases.models import SatisfactionResponse

    scores = SatisfactionResponse.objects.filter(created_at__gte=start, created_at__lt=end)
    if service_slug is not None:
        scores = scores.filter(service_slug=service_slug)
    return list(scores.values("service_slug", "score", "created_at"))


def applications_for_kpis(
    *, service_slug: str | None = None, since: Any = None, until: Any = None
) -> list[dict]:
    """Sent applications' status, channel, sending and decision times and due date:
    those sent before `until` and undecided or decided from `since` on."""
    from django.db.models import Q

    applications = Application.objects.submitted().exclude(submitted_at=None)
    if until is not None:
        applications = applications.filter(submitted_at__lt=until)
    if since is not None:
        applications = applications.filter(Q(decided_at=None) | Q(decided_at__gte=since))
    if service_slug is not None:
        applications = applications.for_service(service_slug)
    return list(
        applications.values(
            "service_slug", "status", "channel", "submitted_at", "decided_at", "due_date"
        )
    )
