#!/usr/bin/env python3
"""Take a 1280x900 PNG screenshot of a page in headless Debian Chromium.

    .venv/bin/python scripts/screenshot.py http://127.0.0.1:8000/ docs/images/home.png

It starts nothing itself: run the site first (`townhall runserver` or
`townhall demo`). It uses the browser tests' Chromium and flags, so what it
shows is what they see. Exits non-zero when the page answers with an error.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

# The same flags as tests/e2e/browser.py (a test checks they stay the same).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTH, HEIGHT = 1280, 900


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="page to capture, e.g. http://127.0.0.1:8000/")
    parser.add_argument("output", type=Path, help="PNG file to write")
    parser.add_argument("--language", default="en", help="Accept-Language (default: en)")
    args = parser.parse_args(argv)

    executable = shutil.which(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    if executable is None:
        parser.error("no Chromium found: install Debian's `chromium` package or set CHROMIUM_PATH")

    from playwright.sync_api import Error, sync_playwright

    args.output.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(
                viewport={"width": WIDTH, "height": HEIGHT}, locale=args.language
            )
            try:
                response = page.goto(args.url, wait_until="load", timeout=30_000)
            except Error as error:
                print(f"cannot open {args.url}: {error.message}", file=sys.stderr)
                return 1
            if response is None or not response.ok:
                status = response.status if response else "no response"
                print(f"{args.url} answered {status}", file=sys.stderr)
                return 1
            # Web fonts and images have loaded by "load"; this waits for the
            # fonts' layout too, so text is not captured in a fallback face.
            page.evaluate("document.fonts.ready.then(() => true)")
            page.screenshot(path=str(args.output), type="png")
        finally:
            browser.close()
    print(f"wrote {args.output} ({WIDTH}x{HEIGHT}) from {args.url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
