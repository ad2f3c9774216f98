"""The messages pages and the staff outbox page in a real Chromium: no axe-core
WCAG 2.2 A/AA violation, and reading a message works with JavaScript off."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tests.e2e.axe import axe_violations, describe_violations
from tests.e2e.browser import browser_db

# The browser tests' own fixtures (one Chromium per module, a context per test),
# taken by name as test arguments, which ruff reads as redefinitions.
# ruff: noqa: F811
from tests.e2e.conftest import browser, new_context, staff_roles  # noqa: F401
from tests.e2e.visitor import sign_in
from townhall.notify.models import Notification
from townhall.notify.services import notification_queue

pytestmark = browser_db


def _page(new_context: Any, *, javascript: bool = True) -> Any:
    return new_context(java_script_enabled=javascript).new_page()


def _queue(resident: Any) -> Notification:
    notification_queue(
        event="info_requested",
        key="info_requested:RIV-2026-000031",
        recipient=resident,
        context={
            "reference": "RIV-2026-000031",
            "service_title": "Building permit",
            "due_date": "3 April 2026",
            "reason": "Please upload the site plan.",
        },
        url="/applications/RIV-2026-000031/",
    )
    return Notification.objects.get(channel="in_app")


def test_the_resident_pages_pass_axe(new_context, resident):
    message = _queue(resident)
    page = _page(new_context)
    sign_in(page, resident)
    problems = []
    for path in ("/account/messages/", f"/account/messages/{message.pk}/"):
        page.goto(path)
        assert page.locator("h1").count() == 1
        violations = axe_violations(page)
        if violations:
            problems.append(describe_violations(path, violations))
    assert problems == [], "\n".join(problems)


def test_a_resident_reads_a_message_with_javascript_off(new_context, resident):
    _queue(resident)
    page = _page(new_context, javascript=False)
    sign_in(page, resident)
    page.goto("/account/messages/")
    page.get_by_role("link", name="RIV-2026-000031").click()
    assert "Please upload the site plan." in page.locator("main").inner_text()
    assert page.locator("main a[href='/applications/RIV-2026-000031/']").count() == 1


def test_the_staff_page_passes_axe(new_context, resident, caseworker):
    Notification.objects.create(
        event="decision_made",
        key="decision_made:RIV-2026-000032",
        channel="email",
        recipient=resident,
        language="en",
        context={"reference": "RIV-2026-000032"},
        subject="s",
        body="b",
        status="failed",
        attempts=6,
        last_error="SMTPRecipientsRefused: mailbox unavailable",
        next_attempt_at=timezone.now(),
    )
    page = _page(new_context)
    sign_in(page, caseworker)
    page.goto("/staff/notifications/")
    assert "mailbox unavailable" in page.locator("main").inner_text()
    violations = axe_violations(page)
    assert violations == [], describe_violations("/staff/notifications/", violations)
