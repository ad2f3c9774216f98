"""The records pages in a real Chromium: no axe-core WCAG 2.2 A/AA violation
(search with results, a record, the retention list), and a manager finds and
destroys a due record with JavaScript off."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.axe import axe_violations, describe_violations
from tests.e2e.browser import CHROMIUM_ARGS, TIMEOUT_MS, VIEWPORT, browser_db, require_chromium
from tests.e2e.visitor import sign_in
from townhall.records.models import Record, RecordType
from townhall.records.services import record_create

pytestmark = browser_db


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium_path = require_chromium()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, which
    # Django's async-safety check would take for async code calling the ORM.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _page(browser: Any, live_server: Any, *, javascript: bool = True) -> Any:
    context = browser.new_context(
        base_url=live_server.url, viewport=VIEWPORT, java_script_enabled=javascript
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


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


def test_the_pages_pass_axe(browser, live_server, due_record, manager):
    page = _page(browser, live_server)
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


def test_a_manager_searches_and_destroys_with_javascript_off(
    browser, live_server, due_record, manager
):
    page = _page(browser, live_server, javascript=False)
    sign_in(page, manager)
    page.goto("/staff/records/")
    page.fill("input[name=words]", "shipwrecks")
    page.get_by_role("button", name="Search").click()
    assert "1 record found" in page.locator("main").inner_text()
    page.get_by_role("link", name="Records due for destruction").click()
    page.get_by_role("button", name="Destroy lighthouse logbook").click()
    assert "destroyed under rule archive-scan:10y0d" in page.locator("main").inner_text()
    assert Record.objects.get(pk=due_record.pk).destroyed_at is not None
