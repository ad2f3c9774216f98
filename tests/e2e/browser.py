"""How the browser tests start Chromium; scripts/screenshot.py uses the same flags."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
# Long enough for a cold page on a busy 2-core machine, short enough that a
# wrong selector fails in seconds rather than after Playwright's 30 s default.
TIMEOUT_MS = 10_000

# A browser test writes through the live server, which runs in its own
# thread, so the test's data must be committed: a transactional database,
# emptied (flushed) after each test.
browser_db = pytest.mark.django_db(transaction=True)


def require_chromium() -> str:
    """The Chromium to drive; a skip when there is none, or a failure when
    TOWNHALL_REQUIRE_BROWSER=1 (as in CI), so browser tests never vanish quietly."""
    wanted = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    path = shutil.which(wanted)
    if path is None:
        reason = f"no Chromium at {wanted}: install Debian's `chromium` or set CHROMIUM_PATH"
        if os.environ.get("TOWNHALL_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason} (TOWNHALL_REQUIRE_BROWSER=1 makes this a failure)")
        pytest.skip(reason)
    return path
