"""Walking the site the way a visitor does: by following its links."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from conftest import PASSWORD, totp_now

# Static files and the admin are not pages a visitor reads; the language links
# only set a cookie and bounce back, so each language is crawled on its own.
NOT_PAGES = ("/static/", "/admin/", "/language/")

# Pages every anonymous crawl must reach; an empty or broken crawl fails here.
KNOWN_PUBLIC_PAGES = {
    "/",
    "/accessibility/",
    "/privacy/",
    "/contact/",
    "/account/sign-in/",
    "/account/sign-up/",
    "/account/password/reset/",
    "/ledger/",
    "/safety/",
}
LANGUAGES = ("en", "es", "fr")
CRAWL_LIMIT = 200


def link_target(href: str, *, base: str, origin: str) -> str | None:
    """The path (and query) to visit for a link on `base`, or None to leave it."""
    parts = urlsplit(urljoin(base, href.strip()))
    if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != origin:
        return None  # mailto:, tel:, javascript: and other sites
    if parts.path.startswith(NOT_PAGES):
        return None
    return urlunsplit(("", "", parts.path or "/", parts.query, ""))


def crawl(page: Any, *, origin: str, start: str, within: str, problems: list[str]) -> Iterator[str]:
    """Visit every HTML page under `within` reachable from `start` by links.

    Yields each page's path once it is loaded in `page` (the caller checks it
    there, without navigating away); broken links are added to `problems`.
    Pages are told apart by path: `?next=` and the like do not make a new page.
    """
    queue: deque[tuple[str, str]] = deque([(start, "(start)")])
    queued = {urlsplit(start).path}
    checked: set[str] = set()
    while queue:
        target, referrer = queue.popleft()
        if len(checked) >= CRAWL_LIMIT:
            problems.append(f"crawl stopped after {CRAWL_LIMIT} pages: is a link generating pages?")
            return
        response = page.goto(target)
        if response is None or response.status != 200:
            status = response.status if response else "no response"
            problems.append(f"{target} (linked from {referrer}) answered HTTP {status}")
            continue
        if "text/html" not in (response.header_value("content-type") or ""):
            continue
        path = urlsplit(page.url).path
        if path in checked:  # a redirect to a page already seen, e.g. sign-in
            continue
        checked.add(path)
        yield path
        hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
        for href in hrefs:
            found = link_target(href, base=page.url, origin=origin)
            if found is None:
                continue
            found_path = urlsplit(found).path
            if found_path.startswith(within) and found_path not in queued:
                queued.add(found_path)
                queue.append((found, path))


def sign_in(page: Any, user: Any, *, next_path: str = "") -> None:
    """Sign in through the real forms (second factor included for staff)."""
    page.goto(f"/account/sign-in/?next={next_path}" if next_path else "/account/sign-in/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    if user.is_staff_member:
        page.wait_for_url("**/account/sign-in/code/")
        page.fill("input[name=code]", totp_now(user))
        page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/account/sign-in/" not in url)
