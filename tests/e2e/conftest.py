"""Browser fixtures: one headless Debian Chromium per test module, a fresh
context for every test, pages served by pytest-django's live server.

Playwright never downloads a browser here: it drives the Chromium that the
system package installs (`CHROMIUM_PATH` points elsewhere when needed).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.e2e.browser import CHROMIUM_ARGS, TIMEOUT_MS, VIEWPORT, require_chromium


@pytest.fixture(autouse=True)
def staff_roles(request: pytest.FixtureRequest) -> None:
    """Put back the staff roles (groups) a data migration creates.

    The flush that ends every transactional test, ours and other apps', wipes
    them, and the named staff fixtures would then quietly make residents.
    """
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("db")  # the transactional one when the marker asks for it
    from django.contrib.auth.models import Group

    from townhall.accounts.roles import STAFF_ROLES

    for name in STAFF_ROLES:
        Group.objects.get_or_create(name=name)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    # One Chromium per test module rather than per session: Playwright's sync
    # API cannot start while another instance runs in the same thread, and
    # other apps' browser tests (the ledger's) start their own. A launch costs
    # well under a second.
    path = require_chromium()

    from playwright.sync_api import sync_playwright

    # Playwright's sync API drives its connection from an asyncio event loop
    # that stays registered as this thread's *running* loop while Playwright
    # is started, although the test code itself is plain sync code. Django's
    # async-safety guard takes that loop for an async context and would refuse
    # every ORM call from this thread (the named-user fixtures, totp_now, the
    # flush after each transactional test) with SynchronousOnlyOperation, so
    # the guard is lifted while the browser is up, and put back afterwards.
    # (Django's `connections` also hands out fresh connections to the same
    # test database meanwhile; harmless, except that a test relying on
    # serialized_rollback would find its snapshot missing.)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_context(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """Open a fresh browser context (own cookies, own storage) on the live server."""
    contexts: list[Any] = []

    def open_context(**options: Any) -> Any:
        options = {"locale": "en-GB", "viewport": VIEWPORT, **options}
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def js_errors() -> list[str]:
    """What went wrong in `page` behind the visitor's back: uncaught exceptions,
    console errors (CSP violations included) and page resources that failed."""
    return []


def _watch(page: Any, errors: list[str]) -> None:
    def on_console(message: Any) -> None:
        # A failed load is reported below with its URL, which this lacks.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(f"{page.url}: console error: {message.text}")

    def on_response(response: Any) -> None:
        request = response.request
        # The page itself may be a 404 on purpose, and Chromium asks for
        # /favicon.ico on its own whether or not a page names an icon.
        if request.is_navigation_request() or request.url.endswith("/favicon.ico"):
            return
        if response.status >= 400:
            errors.append(f"{page.url}: {request.resource_type} {request.url} -> {response.status}")

    def on_request_failed(request: Any) -> None:
        # Leaving a page aborts whatever it still had in flight: not a fault.
        if request.failure != "net::ERR_ABORTED":
            errors.append(f"{page.url}: {request.url} failed: {request.failure}")

    page.on("pageerror", lambda error: errors.append(f"{page.url}: uncaught {error}"))
    page.on("console", on_console)
    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)


@pytest.fixture
def page(new_context: Callable[..., Any], js_errors: list[str]) -> Any:
    page = new_context().new_page()
    _watch(page, js_errors)
    return page


@pytest.fixture
def page_no_js(new_context: Callable[..., Any]) -> Any:
    return new_context(java_script_enabled=False).new_page()
