"""Writes and reads of the access log (models.AccessEntry)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from townhall.ledger.services import ledger_append
from townhall.privacy.models import AccessEntry


def _role_of(staff: Any) -> str:
    for role in ("administrator", "manager", "caseworker", "safety_operator"):
        if staff.has_role(role):
            return role
    return "staff"


@transaction.atomic
def access_record(
    *,
    staff: Any,
    subject: Any,
    purpose: str,
    object_kind: str,
    object_ref: str,
    team: str = "",
) -> AccessEntry | None:
    """Log that `staff` opened something about `subject`, and append it to the ledger.

    Nothing is logged when there is no subject (an anonymous draft) or when
    the person looking is the subject themself.
    """
    if subject is None or getattr(subject, "pk", None) == staff.pk:
        return None
    entry = AccessEntry.objects.create(
        subject=subject,
        staff=staff,
        role=_role_of(staff),
        team=team,
        purpose=purpose,
        object_kind=object_kind,
        object_ref=object_ref,
    )
    # Public for ever: what was opened and why, by whom (a staff pseudonym);
    # never whose data it was.
    ledger = ledger_append(
        kind="privacy.access",
        subject=f"{object_kind}:{object_ref}",
        payload={"purpose": purpose, "role": entry.role},
        actor=staff,
    )
    entry.ledger_index = ledger.index
    entry.save(update_fields=["ledger_index"])
    return entry


def access_log_for(*, subject: Any, limit: int = 200) -> list[AccessEntry]:
    """The latest accesses to `subject`'s data, newest first."""
    return list(AccessEntry.objects.filter(subject_id=subject.pk)[:limit])
