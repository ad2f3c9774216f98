"""A service can ask for a second member of staff to confirm its refusals (or
every decision). The proposer cannot confirm their own decision; until someone
else does, the case is not decided and the resident is told nothing."""

from __future__ import annotations

import pytest

from townhall.cases import services_casework as work
from townhall.cases.models import Application, DecisionProposal
from townhall.notify.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(submitted, caseworker):
    # tax-return puts refusals under four eyes.
    return work.case_claim(application=submitted, user=caseworker)


def test_a_refusal_waits_for_a_second_approver(in_review, caseworker, manager, resident):
    result = work.case_transition(
        application=in_review, to="refused", actor=caseworker, reason="Not a resident"
    )
    assert result.proposal is not None
    assert Application.objects.get(pk=in_review.pk).status == "in_review"
    assert not Notification.objects.filter(event="decision_made").exists()

    with pytest.raises(work.CaseworkError, match="Another member of staff"):
        work.decision_confirm(proposal=result.proposal, by=caseworker)

    case = work.decision_confirm(proposal=result.proposal, by=manager)
    assert case.status == "refused"
    assert case.decision_reason == "Not a resident"
    step = case.transitions.get(to_status="refused")
    assert step.actor == caseworker and step.confirmed_by == manager
    assert Notification.objects.filter(event="decision_made", recipient=resident).exists()


def test_an_approval_of_the_same_service_needs_no_second_approver(in_review, caseworker):
    result = work.case_transition(application=in_review, to="approved", actor=caseworker)
    assert result.proposal is None
    assert result.application.status == "approved"


def test_a_returned_decision_leaves_the_case_open_for_another(in_review, caseworker, manager):
    result = work.case_transition(
        application=in_review, to="refused", actor=caseworker, reason="Late"
    )
    with pytest.raises(work.CaseworkError):
        work.decision_return(proposal=result.proposal, by=manager, note="")
    work.decision_return(proposal=result.proposal, by=manager, note="It was on time")
    assert Application.objects.get(pk=in_review.pk).status == "in_review"
    proposal = DecisionProposal.objects.get(pk=result.proposal.pk)
    assert proposal.confirmed is False and proposal.return_note == "It was on time"
    again = work.case_transition(application=in_review, to="approved", actor=caseworker)
    assert again.application.status == "approved"


def test_only_one_decision_can_wait_at_a_time(in_review, caseworker):
    work.case_transition(application=in_review, to="refused", actor=caseworker, reason="Late")
    with pytest.raises(work.CaseworkError, match="already waiting"):
        work.case_transition(application=in_review, to="refused", actor=caseworker, reason="x")
