"""The letter page, the resident's and the caseworker's, passes axe-core's
WCAG 2.2 A/AA rules in Chromium, and its PDF link downloads the letter."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.axe import assert_accessible
from tests.e2e.browser import browser_db

# The browser fixtures live with the cross-app browser tests.
from tests.e2e.conftest import browser, js_errors, new_context, page, staff_roles  # noqa: F401
from tests.e2e.visitor import sign_in
from townhall.cases.models import ApplicationStatus, Team, TeamService
from townhall.cases.tests.helpers import draft_for
from townhall.ledger.services import ledger_append

pytestmark = browser_db


@pytest.fixture
def decided(transactional_db: Any, resident: Any, caseworker: Any) -> Any:
    from townhall.catalog.services import service_definitions_load

    service_definitions_load()
    application = draft_for(resident, "building-permit")
    entry = ledger_append(
        kind="case.decided",
        subject=f"application:{application.reference}",
        payload={"reference": application.reference},
    )
    application.status = ApplicationStatus.APPROVED_WITH_CONDITIONS
    application.submitted_at = application.decided_at = timezone.now()
    application.decided_by = caseworker
    application.decision_reason = "The extension fits the street."
    application.decision_conditions = "Use brick that matches the house."
    application.decision_ledger_index = entry.index
    application.save()
    team = Team.objects.create(slug="permits", name="Permits team")
    TeamService.objects.create(team=team, service_slug="building-permit")
    team.members.add(caseworker)
    return application


@pytest.mark.parametrize("who", ["resident", "caseworker"])
def test_the_letter_page_passes_axe(decided, page, js_errors, request, who):  # noqa: F811
    user = request.getfixturevalue(who)
    sign_in(page, user)
    prefix = "/applications" if who == "resident" else "/staff/cases"
    page.goto(f"{prefix}/{decided.reference}/letter/")
    assert page.locator("h1").inner_text() == "Your application is approved with conditions"
    assert_accessible(page, f"{who}'s letter page")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this letter as a PDF").click()
    assert download.value.suggested_filename == f"{decided.reference}-decision.pdf"
    assert js_errors == []
