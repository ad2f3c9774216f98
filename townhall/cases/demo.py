"""Demo teams (one per service, with the demo caseworker and manager on each)
and a few of the demo resident's applications at different stages, so that the
queue and "Your applications" have something in them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from townhall.cases import services_casework as work
from townhall.cases.i18n import tr
from townhall.cases.models import Application, Team, TeamService
from townhall.cases.services import (
    AnswersRejected,
    application_start,
    application_submit,
)
from townhall.catalog.definition import example_answers
from townhall.catalog.selectors import service_spec, service_version_current, services_current

# (service, what the caseworker does with it)
DEMO_CASES = (
    ("tax-return", "in_review"),
    ("pet-license", "submitted"),
    ("bulky-waste", "info_requested"),
    ("records-request", "approved"),
    ("birth-certificate", "approved"),
    ("event-permit", "submitted"),
    ("report-a-problem", "in_review"),
    ("parking-permit", "approved"),
    ("health-coverage", "submitted"),
)


@transaction.atomic
def load() -> None:
    User = get_user_model()
    staff = list(User.objects.filter(groups__name__in=("caseworker", "manager")).distinct())
    for version in services_current():
        service = service_spec(version)
        team, _created = Team.objects.get_or_create(
            slug=f"{version.slug}-team",
            defaults={"name": f"{tr(service.title)} team"},
        )
        TeamService.objects.get_or_create(team=team, service_slug=version.slug)
        team.members.add(*staff)
    resident = User.objects.filter(email="resident@riverside.example").first()
    caseworker = User.objects.filter(groups__name="caseworker").first()
    if resident is None or caseworker is None:
        return
    if Application.objects.submitted().filter(applicant=resident).exists():
        return
    for slug, stage in DEMO_CASES:
        _demo_case(slug, stage, resident, caseworker)


def _demo_case(slug: str, stage: str, resident: Any, caseworker: Any) -> None:
    version = service_version_current(slug=slug)
    if version is None:
        return
    service = service_spec(version)
    answers = {
        key: value for key, value in example_answers(service).items() if not _is_file(service, key)
    }
    draft = application_start(service_version=version, applicant=resident, answers=answers)
    try:
        case = application_submit(application=draft, idempotency_key=f"demo-{slug}")
    except AnswersRejected:
        draft.delete()  # a service that needs files: left out of the demo
        return
    if stage == "submitted":
        return
    case = work.case_claim(application=case, user=caseworker)
    if stage == "info_requested":
        work.case_transition(
            application=case,
            to="info_requested",
            actor=caseworker,
            reason="Please tell us which day suits you best for the collection.",
        )
    elif stage == "approved":
        work.case_transition(application=case, to="approved", actor=caseworker)


def _is_file(service: Any, question_id: str) -> bool:
    try:
        return service.question(question_id).type == "file"
    except KeyError:
        return False
