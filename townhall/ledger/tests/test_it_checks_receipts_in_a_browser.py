"""The /ledger/ page in a real Chromium: axe-core finds no WCAG 2.2 A/AA violation
in any state of the receipt check, and the check works with JavaScript off."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.browser import CHROMIUM_ARGS, require_chromium
from townhall.ledger.services import ledger_append, ledger_checkpoint_publish

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


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


def _violations(page: Any, javascript: bool) -> list[str]:
    if not javascript:
        return []  # axe runs as a script in the page: with JavaScript off only the flow is tested
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"]]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("javascript", [True, False])
def test_the_receipt_check_is_accessible_with_and_without_javascript(
    browser: Any, live_server: Any, javascript: bool
) -> None:
    entry = ledger_append(kind="case.decision", subject="case:5", payload={"outcome": "granted"})
    ledger_checkpoint_publish(force=True)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    page = context.new_page()
    try:
        page.goto("/ledger/")
        assert _violations(page, javascript) == [], "the page as first seen"

        page.fill("textarea[name=receipt]", "not a receipt")
        page.click("main form button[type=submit]")
        page.wait_for_selector(".govuk-error-summary")
        assert page.title().startswith("Error:")
        assert _violations(page, javascript) == [], "the page with an error"

        receipt = page.request.get(f"/ledger/receipt/{entry.index}").json()
        page.fill("textarea[name=receipt]", json.dumps(receipt))
        page.click("main form button[type=submit]")
        page.wait_for_selector(".govuk-panel--confirmation")
        assert "This receipt is genuine" in page.inner_text(".govuk-panel--confirmation")
        assert _violations(page, javascript) == [], "the page with a genuine receipt"
    finally:
        context.close()
