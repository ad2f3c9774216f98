"""The records pages in a real Chromium: no axe-core WCAG 2.2 A/AA violation
(search with results, a record, the retention list), and a manager finds and
destroys a due record with JavaScript off."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.axe import axe_violations, describe_violations
from tests.e2e.browser import browser_db

# The browser tests' own fixtures (one Chromium per module, a context per test),
# taken by name as test arguments, which ruff reads as redefinitions.
# ruff: noqa: F811
from tests.e2e.conftest import browser, new_context, staff_roles  # noqa: F401
from tests.e2e.visitor import sign_in
from townhall.records.models import Record, RecordType
from townhall.records.services import record_create

pytestmark = browser_db


def _page(new_context: Any, *, javascript: bool = True) -> Any:
    return new_context(java_script_enabled=javascript).new_page()


@pytest.fixture
def due_record(db) -> Record:
    # browser_db flushes between tests, seeded types included.
    record_type, _ = RecordType.objects.get_or_create(
        slug="archive-scan",
        defaults={"name": "Scanned archive document", "retention_years": 10},
    )
    record = record_create(
        content=b"Lighthouse keeper's logbook, winter 1954: storms and shipwrecks.",
        name="lighthouse-logbook.txt",
        record_type=record_type,
    ).record
    Record.objects.filter(pk=record.pk).update(
        dispose_after=timezone.localdate() - timedelta(days=1)
    )
    return record


def test_the_pages_pass_axe(new_context, due_record, manager):
    page = _page(new_context)
    sign_in(page, manager)
    problems = []
    for path in (
        "/staff/records/?words=lighthouse",
        "/staff/records/?words=x&date_from=2026-05-02&date_to=2026-05-01",
        f"/staff/records/{due_record.uid.hex}/",
        "/staff/records/retention/",
    ):
        page.goto(path)
        assert page.locator("h1").count() == 1
        violations = axe_violations(page)
        if violations:
            problems.append(describe_violations(path, violations))
    assert problems == [], "\n".join(problems)


def test_a_manager_searches_and_destroys_with_javascript_off(new_context, due_record, manager):
    page = _page(new_context, javascript=False)
    sign_in(page, manager)
    page.goto("/staff/records/")
    page.fill("input[name=words]", "shipwrecks")
    page.get_by_role("button", name="Search").click()
    assert "1 record found" in page.locator("main").inner_text()
    page.get_by_role("link", name="Records due for destruction").click()
    page.get_by_role("button", name="Destroy lighthouse logbook").click()
    assert "destroyed under rule archive-scan:10y0d" in page.locator("main").inner_text()
    assert Record.objects.get(pk=due_record.pk).destroyed_at is not None
