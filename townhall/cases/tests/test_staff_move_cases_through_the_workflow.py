"""A caseworker takes a case, asks for more information, and decides it: each
move is allowed by the workflow, recorded with who, when and why, and a
decision goes to the ledger and to the resident. An illegal move changes nothing."""

from __future__ import annotations

import json

import pytest

from townhall.cases import services_casework as work
from townhall.cases.models import Application, CaseTransition
from townhall.ledger.models import Entry
from townhall.notify.models import Notification

pytestmark = pytest.mark.django_db


def test_claiming_a_case_puts_it_in_review_and_assigns_it(submitted, caseworker):
    case = work.case_claim(application=submitted, user=caseworker)
    assert case.status == "in_review"
    assert case.assignee == caseworker
    step = CaseTransition.objects.get(application=submitted)
    assert (step.from_status, step.to_status, step.actor) == ("submitted", "in_review", caseworker)


def test_asking_for_information_needs_a_reason_and_pauses_the_clock(submitted, caseworker):
    work.case_claim(application=submitted, user=caseworker)
    with pytest.raises(work.CaseworkError, match="reason"):
        work.case_transition(application=submitted, to="info_requested", actor=caseworker)
    assert Application.objects.get(pk=submitted.pk).status == "in_review"

    work.case_transition(
        application=submitted, to="info_requested", actor=caseworker, reason="Send your payslip"
    )
    case = Application.objects.get(pk=submitted.pk)
    assert case.status == "info_requested"
    assert case.sla_state == "paused"
    assert case.sla_paused_on is not None
    note = Notification.objects.get(
        event="info_requested", recipient=submitted.applicant, channel="email"
    )
    assert submitted.reference in note.body or submitted.reference in note.subject


def test_an_illegal_move_is_refused_with_the_allowed_ones(submitted, caseworker):
    with pytest.raises(work.TransitionRefused) as refused:
        work.case_transition(application=submitted, to="closed", actor=caseworker)
    assert refused.value.allowed == ("in_review", "info_requested")
    assert Application.objects.get(pk=submitted.pk).status == "submitted"
    assert not CaseTransition.objects.exists()


def test_an_unknown_state_is_refused(submitted, caseworker):
    with pytest.raises(work.TransitionRefused):
        work.case_transition(application=submitted, to="approved!", actor=caseworker)


def test_a_decision_is_recorded_in_the_ledger_and_told_to_the_resident(
    submitted, caseworker, resident
):
    work.case_claim(application=submitted, user=caseworker)
    result = work.case_transition(application=submitted, to="approved", actor=caseworker)
    case = result.application
    assert case.status == "approved"
    assert case.decided_by == caseworker and case.decided_at is not None
    entry = json.loads(bytes(Entry.objects.get(index=case.decision_ledger_index).body))
    assert entry["kind"] == "case.decided"
    assert entry["payload"]["decision"] == "approved"
    assert entry["payload"]["reference"] == case.reference
    assert resident.email not in json.dumps(entry)
    assert Notification.objects.filter(event="decision_made", recipient=resident).exists()

    closed = work.case_transition(application=case, to="closed", actor=caseworker).application
    assert closed.status == "closed"
    assert [t.to_status for t in closed.transitions.all()] == ["in_review", "approved", "closed"]


def test_a_refusal_without_reasons_is_refused(teams, resident, caseworker):
    from townhall.cases.services import application_submit
    from townhall.cases.tests.helpers import draft_for

    case = application_submit(
        application=draft_for(resident, slug="pet-license"), idempotency_key="k"
    )
    work.case_claim(application=case, user=caseworker)
    with pytest.raises(work.CaseworkError, match="reason"):
        work.case_transition(application=case, to="refused", actor=caseworker, reason="  ")
    assert Application.objects.get(pk=case.pk).status == "in_review"


def test_the_resident_can_withdraw_before_a_decision_but_not_after(submitted, resident, caseworker):
    work.case_withdraw(application=submitted, resident=resident)
    assert Application.objects.get(pk=submitted.pk).status == "withdrawn"
    with pytest.raises(work.CaseworkError):
        work.case_transition(application=submitted, to="in_review", actor=caseworker)
