"""Reads of applications. Views and other apps use these, never the models' managers."""

from __future__ import annotations

from typing import Any

from townhall.cases.models import Application, Document


def application_get(*, reference: str) -> Application | None:
    if not isinstance(reference, str) or len(reference) > 32:
        return None
    return Application.objects.select_related("service_version").filter(reference=reference).first()


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
