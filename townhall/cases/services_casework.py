"""Writes of the back office: claiming and assigning cases, moving them through
their service's workflow, decisions (with a second approver where the service
asks for one), internal notes and messages with the resident.

Every move is one transaction that locks the case, checks the workflow
(townhall/catalog/workflow.py), records who, when and why, appends decisions to
the ledger and queues the resident's notification, or does nothing at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from townhall.cases.i18n import recipient_language
from townhall.cases.models import (
    Application,
    ApplicationStatus,
    CaseMessage,
    CaseNote,
    CaseTransition,
    Channel,
    DecisionProposal,
    SlaState,
)
from townhall.cases.selectors_casework import service_slugs_of, team_name_for
from townhall.cases.services import application_start
from townhall.cases.sla import due_date_after_pause
from townhall.catalog import workflow as wf
from townhall.catalog.selectors import service_spec
from townhall.ledger.services import ledger_append
from townhall.notify.services import notification_queue
from townhall.privacy.access import access_record
from townhall.privacy.models import AccessPurpose

REASON_MAX = 5000


class CaseworkError(Exception):
    """A request the back office refuses, with a message for the person who made it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TransitionRefused(CaseworkError):
    """The workflow does not allow this move from the case's current state."""

    def __init__(self, message: str, allowed: tuple[str, ...]) -> None:
        super().__init__(message)
        self.allowed = allowed


@dataclass(frozen=True)
class TransitionResult:
    application: Application
    # Set when the decision waits for a second member of staff instead.
    proposal: DecisionProposal | None = None


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("service_version", "applicant")
        .get(pk=application.pk)
    )


def handles(user: Any, application: Application) -> bool:
    """Whether `user` is on a team that handles the case's service."""
    if not getattr(user, "is_staff_member", False):
        return False
    slugs = service_slugs_of(user=user)
    return "*" in slugs or application.service_slug in slugs


def _check_handles(user: Any, application: Application) -> None:
    if not handles(user, application):
        raise CaseworkError(_("You are not on a team that handles this service"))


def _clean_text(text: object, *, required: bool, what: str) -> str:
    value = text.strip() if isinstance(text, str) else ""
    if required and not value:
        raise CaseworkError(_("Enter %(what)s") % {"what": what})
    if len(value) > REASON_MAX:
        raise CaseworkError(
            _("%(what)s must be %(max)s characters or fewer") % {"what": what, "max": REASON_MAX}
        )
    return value


def _notify(application: Application, event: str, *, key: str, reason: str = "") -> None:
    if application.applicant is None:
        return
    service = service_spec(application.service_version)
    due = application.due_date.isoformat() if application.due_date else ""
    notification_queue(
        event=event,
        key=key,
        recipient=application.applicant,
        context={
            "reference": application.reference,
            "service_title": service.title.get(recipient_language(application.applicant)),
            "status_label": str(ApplicationStatus(application.status).label),
            "reason": reason,
            "due_date": due,
        },
        url=reverse("cases:application-detail", kwargs={"reference": application.reference}),
    )


def case_access_log(*, staff: Any, application: Application, purpose: str, object_ref: str) -> None:
    """Write a staff member's read of a resident's case or document to their access log."""
    access_record(
        staff=staff,
        subject=application.applicant,
        purpose=purpose,
        object_kind="document" if purpose == AccessPurpose.DOCUMENT else "application",
        object_ref=object_ref,
        team=team_name_for(user=staff, service_slug=application.service_slug),
    )


# --- assignment ------------------------------------------------------------------


@transaction.atomic
def case_claim(*, application: Application, user: Any) -> Application:
    """Take a case: it becomes yours, and a submitted case moves into review."""
    locked = _locked(application)
    _check_handles(user, locked)
    if locked.status in (ApplicationStatus.CLOSED, ApplicationStatus.WITHDRAWN):
        raise CaseworkError(_("This case is finished and cannot be claimed"))
    if locked.assignee_id not in (None, user.pk) and not user.has_role("manager"):
        raise CaseworkError(_("Someone else is already handling this case"))
    locked.assignee = user
    locked.save(update_fields=["assignee", "updated_at"])
    workflow = service_spec(locked.service_version).workflow
    if locked.status == ApplicationStatus.SUBMITTED and wf.IN_REVIEW in workflow.allowed(
        locked.status
    ):
        return _move(locked, to=wf.IN_REVIEW, actor=user, reason="").application
    return locked


@transaction.atomic
def case_assign(*, application: Application, assignee: Any, by: Any) -> Application:
    """A manager gives a case to a member of a team that handles it."""
    if not (by.has_role("manager") or by.has_role("administrator")):
        raise CaseworkError(_("Only managers can assign cases to others"))
    locked = _locked(application)
    _check_handles(by, locked)
    if not handles(assignee, locked):
        raise CaseworkError(
            _("%(name)s is not on a team that handles this service")
            % {"name": assignee.full_name or assignee.email}
        )
    if locked.status in (ApplicationStatus.CLOSED, ApplicationStatus.WITHDRAWN):
        raise CaseworkError(_("This case is finished and cannot be assigned"))
    locked.assignee = assignee
    locked.save(update_fields=["assignee", "updated_at"])
    return locked


@transaction.atomic
def cases_bulk_assign(*, references: list[str], assignee: Any, by: Any) -> int:
    """Assign many cases at once; all of them or, on the first refusal, none."""
    if not references:
        raise CaseworkError(_("Select at least one case"))
    cases = list(
        Application.objects.submitted()
        .filter(reference__in=references)
        .select_related("service_version")
    )
    missing = sorted(set(references) - {case.reference for case in cases})
    if missing:
        raise CaseworkError(_("No case has the reference %(ref)s") % {"ref": missing[0]})
    for case in cases:
        case_assign(application=case, assignee=assignee, by=by)
    return len(cases)


# --- moves through the workflow --------------------------------------------------


def _record(
    application: Application,
    *,
    from_status: str,
    to: str,
    actor: Any,
    reason: str,
    confirmed_by: Any = None,
    ledger_index: int | None = None,
) -> CaseTransition:
    return CaseTransition.objects.create(
        application=application,
        from_status=from_status,
        to_status=to,
        actor=actor,
        confirmed_by=confirmed_by,
        reason=reason,
        ledger_index=ledger_index,
    )


def _move(
    locked: Application,
    *,
    to: str,
    actor: Any,
    reason: str,
    conditions: str = "",
    confirmed_by: Any = None,
) -> TransitionResult:
    current = locked.status
    today = timezone.localdate()
    ledger_index = None
    if current == wf.INFO_REQUESTED and locked.sla_paused_on and locked.due_date:
        locked.due_date = due_date_after_pause(locked.due_date, locked.sla_paused_on, today)
        locked.sla_paused_on = None
        locked.sla_state = SlaState.ON_TRACK
    if to == wf.INFO_REQUESTED:
        locked.sla_paused_on = today
        locked.sla_state = SlaState.PAUSED
    if to in wf.DECISIONS:
        decider = confirmed_by or actor
        locked.decided_at = timezone.now()
        locked.decided_by = decider
        locked.decision_reason = reason
        locked.decision_conditions = conditions
        # Public for ever: which case, which service, what was decided and
        # whether a second person confirmed it; never the reasons.
        entry = ledger_append(
            kind="case.decided",
            subject=f"application:{locked.reference}",
            payload={
                "reference": locked.reference,
                "service": locked.service_slug,
                "version": locked.service_version.version,
                "decision": to,
                "four_eyes": confirmed_by is not None,
            },
            actor=decider,
        )
        ledger_index = entry.index
        locked.decision_ledger_index = entry.index
    if to in (wf.CLOSED, wf.WITHDRAWN):
        locked.sla_paused_on = None
    locked.status = to
    locked.save(
        update_fields=[
            "status",
            "due_date",
            "sla_paused_on",
            "sla_state",
            "decided_at",
            "decided_by",
            "decision_reason",
            "decision_conditions",
            "decision_ledger_index",
            "updated_at",
        ]
    )
    transition = _record(
        locked,
        from_status=current,
        to=to,
        actor=actor,
        reason=reason,
        confirmed_by=confirmed_by,
        ledger_index=ledger_index,
    )
    if to == wf.INFO_REQUESTED:
        _notify(locked, "info_requested", key=f"info_requested:{transition.uid}", reason=reason)
    elif to in wf.DECISIONS:
        _notify(locked, "decision_made", key=f"decision_made:{locked.reference}", reason=reason)
    return TransitionResult(locked)


def _refused(current: str, to: str, allowed: tuple[str, ...]) -> TransitionRefused:
    labels = ", ".join(allowed) or _("none")
    return TransitionRefused(
        _("A case that is %(current)s cannot move to %(to)s. Allowed: %(allowed)s.")
        % {"current": current, "to": to, "allowed": labels},
        allowed,
    )


@transaction.atomic
def case_transition(
    *,
    application: Application,
    to: str,
    actor: Any,
    reason: str = "",
    conditions: str = "",
) -> TransitionResult:
    """Move a case to `to` as a member of staff.

    A decision the service puts under four eyes is not made here: it becomes
    a proposal that another member of staff confirms (decision_confirm).
    """
    locked = _locked(application)
    _check_handles(actor, locked)
    workflow = service_spec(locked.service_version).workflow
    if not isinstance(to, str) or to not in wf.STATES:
        raise _refused(locked.status, str(to), workflow.allowed(locked.status))
    try:
        workflow.check(locked.status, to)
    except wf.IllegalTransition as error:
        raise _refused(error.current, error.to, error.allowed) from None
    reason = _clean_text(reason, required=to in wf.REASON_REQUIRED, what=_("a reason"))
    conditions = _clean_text(
        conditions,
        required=to == wf.APPROVED_WITH_CONDITIONS,
        what=_("the conditions"),
    )
    if (
        to in wf.DECISIONS
        and DecisionProposal.objects.filter(application=locked, resolved_at__isnull=True).exists()
    ):
        raise CaseworkError(_("A decision on this case is already waiting for a second approver"))
    if workflow.needs_second_approval(to):
        proposal = DecisionProposal.objects.create(
            application=locked,
            to_status=to,
            reason=reason,
            conditions=conditions,
            proposed_by=actor,
        )
        return TransitionResult(locked, proposal)
    return _move(locked, to=to, actor=actor, reason=reason, conditions=conditions)


@transaction.atomic
def decision_confirm(*, proposal: DecisionProposal, by: Any) -> Application:
    """A second member of staff confirms a proposed decision: it is made now."""
    locked_proposal = DecisionProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked_proposal.resolved_at is not None:
        raise CaseworkError(_("This decision has already been confirmed or returned"))
    if locked_proposal.proposed_by_id == by.pk:
        raise CaseworkError(_("Another member of staff must confirm a decision you proposed"))
    locked = _locked(locked_proposal.application)
    _check_handles(by, locked)
    workflow = service_spec(locked.service_version).workflow
    try:
        workflow.check(locked.status, locked_proposal.to_status)
    except wf.IllegalTransition as error:
        raise _refused(error.current, error.to, error.allowed) from None
    locked_proposal.resolved_at = timezone.now()
    locked_proposal.resolved_by = by
    locked_proposal.confirmed = True
    locked_proposal.save(update_fields=["resolved_at", "resolved_by", "confirmed"])
    return _move(
        locked,
        to=locked_proposal.to_status,
        actor=locked_proposal.proposed_by,
        reason=locked_proposal.reason,
        conditions=locked_proposal.conditions,
        confirmed_by=by,
    ).application


@transaction.atomic
def decision_return(*, proposal: DecisionProposal, by: Any, note: str) -> DecisionProposal:
    """A second member of staff sends a proposed decision back, saying why."""
    locked_proposal = DecisionProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked_proposal.resolved_at is not None:
        raise CaseworkError(_("This decision has already been confirmed or returned"))
    if locked_proposal.proposed_by_id == by.pk:
        raise CaseworkError(_("Another member of staff must check a decision you proposed"))
    _check_handles(by, locked_proposal.application)
    locked_proposal.return_note = _clean_text(note, required=True, what=_("why you return it"))
    locked_proposal.resolved_at = timezone.now()
    locked_proposal.resolved_by = by
    locked_proposal.confirmed = False
    locked_proposal.save(update_fields=["return_note", "resolved_at", "resolved_by", "confirmed"])
    return locked_proposal


# --- the resident's side -----------------------------------------------------------


def _check_owner(application: Application, resident: Any) -> None:
    if application.applicant_id != resident.pk:
        raise CaseworkError(_("This is not your application"))


@transaction.atomic
def case_withdraw(*, application: Application, resident: Any, reason: str = "") -> Application:
    """The resident withdraws their application before a decision."""
    locked = _locked(application)
    _check_owner(locked, resident)
    workflow = service_spec(locked.service_version).workflow
    try:
        workflow.check(locked.status, wf.WITHDRAWN, by_resident=True)
    except wf.IllegalTransition:
        raise CaseworkError(
            _("You can only withdraw an application before a decision is made")
        ) from None
    reason = _clean_text(reason, required=False, what=_("a reason"))
    DecisionProposal.objects.filter(application=locked, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), confirmed=False
    )
    return _move(locked, to=wf.WITHDRAWN, actor=resident, reason=reason).application


@transaction.atomic
def info_answer(*, application: Application, resident: Any, body: str) -> CaseMessage:
    """The resident answers a request for more information: the clock starts again."""
    locked = _locked(application)
    _check_owner(locked, resident)
    if locked.status != ApplicationStatus.INFO_REQUESTED:
        raise CaseworkError(_("We have not asked you for more information on this application"))
    message = _message(locked, author=resident, from_staff=False, body=body)
    _move(locked, to=wf.IN_REVIEW, actor=resident, reason="")
    return message


# --- notes and messages ------------------------------------------------------------


def _message(application: Application, *, author: Any, from_staff: bool, body: str) -> CaseMessage:
    text = _clean_text(body, required=True, what=_("your message"))
    if len(text) > CaseMessage.BODY_MAX:
        raise CaseworkError(
            _("Your message must be %(max)s characters or fewer") % {"max": CaseMessage.BODY_MAX}
        )
    return CaseMessage.objects.create(
        application=application, author=author, from_staff=from_staff, body=text
    )


@transaction.atomic
def case_message_send(*, application: Application, author: Any, body: str) -> CaseMessage:
    """A message on a case: from its resident, or from staff who handle it."""
    locked = _locked(application)
    from_staff = locked.applicant_id != author.pk
    if from_staff:
        _check_handles(author, locked)
    if locked.status == ApplicationStatus.DRAFT:
        raise CaseworkError(_("Messages start once the application is sent"))
    message = _message(locked, author=author, from_staff=from_staff, body=body)
    if from_staff:
        _notify(locked, "caseworker_message", key=f"caseworker_message:{message.uid}")
    return message


@transaction.atomic
def case_note_add(*, application: Application, author: Any, text: str) -> CaseNote:
    """An internal note, for staff only."""
    _check_handles(author, application)
    return CaseNote.objects.create(
        application=application,
        author=author,
        text=_clean_text(text, required=True, what=_("a note")),
    )


@transaction.atomic
def case_messages_mark_read(*, application: Application, reader: Any) -> int:
    """Mark as read the messages on a case that were written to `reader`."""
    from_staff = application.applicant_id == reader.pk
    return application.messages.filter(from_staff=from_staff, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# --- assisted digital --------------------------------------------------------------


@transaction.atomic
def assisted_application_start(
    *,
    staff: Any,
    service_version: Any,
    email: str,
    full_name: str,
    consent_note: str,
) -> Application:
    """A draft filled in by staff with a resident who phoned or came to the counter.

    The resident's account is found by email, or opened for them (they set a
    password later with "forgot your password"). It counts as the resident's
    own application made through the assisted channel.
    """
    if not (staff.has_role("caseworker") or staff.has_role("manager")):
        raise CaseworkError(_("Only caseworkers and managers can apply on a resident's behalf"))
    User = get_user_model()
    email = User.objects.normalize_email(email.strip()).lower()
    resident = User.objects.filter(email__iexact=email).first()
    if resident is None:
        name = full_name.strip()
        if not name:
            raise CaseworkError(_("Enter the resident's full name: they have no account yet"))
        resident = User.objects.create_user(email, None, full_name=name)
    elif resident.is_staff_member:
        raise CaseworkError(_("This address belongs to a member of staff, not a resident"))
    application = application_start(
        service_version=service_version, applicant=resident, channel=Channel.ASSISTED
    )
    application.assisted_by = staff
    application.consent_note = consent_note[:300]
    application.save(update_fields=["assisted_by", "consent_note"])
    access_record(
        staff=staff,
        subject=resident,
        purpose=AccessPurpose.ASSISTED,
        object_kind="application",
        object_ref=application.reference,
        team=team_name_for(user=staff, service_slug=application.service_slug),
    )
    return application
