"""Every page a visitor can reach sends a Content-Security-Policy that forbids
inline script, refuses to be framed, and carries no inline script that such a
policy would block (which would silently break the page instead)."""

from __future__ import annotations

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from tests.e2e.visitor import KNOWN_PUBLIC_PAGES, link_target

ORIGIN = "http://testserver"
# <script> types a browser executes; others (application/json, …) are data.
SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.inline: list[str] = []
        self.styles: list[str] = []
        self._inline_script_at: tuple[int, int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        line = self.getpos()[0]
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")
        script_type = (attributes.get("type") or "").strip().lower()
        if tag == "script" and "src" not in attributes and script_type in SCRIPT_TYPES:
            self.inline.append(f"line {line}: <script> without src")
        for name, value in attrs:
            if name.startswith("on"):
                self.inline.append(f"line {line}: <{tag} {name}=…> event handler")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.inline.append(f"line {line}: <{tag} {name}={value!r}>")
            if name == "style":
                self.styles.append(f"line {line}: <{tag} style={value!r}>")
        if tag == "style":
            self.styles.append(f"line {line}: <style> element")


def policy(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        if name:
            directives[name.lower()] = values
    return directives


def problems_with(path: str, response) -> list[str]:
    problems = []
    csp = policy(response)
    if not csp:
        problems.append(f"{path}: no Content-Security-Policy header")
    script_src = csp.get("script-src", csp.get("default-src"))
    if script_src is None:
        problems.append(f"{path}: CSP has neither script-src nor default-src")
    elif "'unsafe-inline'" in script_src or "*" in script_src:
        problems.append(f"{path}: CSP script-src allows inline script: {script_src}")
    if response.headers.get("X-Frame-Options") != "DENY":
        problems.append(f"{path}: X-Frame-Options is {response.headers.get('X-Frame-Options')!r}")
    if "text/html" in response.headers.get("Content-Type", ""):
        parser = PageParser()
        parser.feed(response.content.decode(response.charset or "utf-8"))
        problems += [f"{path}: {found}" for found in parser.inline]
        style_src = csp.get("style-src", csp.get("default-src", []))
        if "'unsafe-inline'" not in style_src:
            problems += [f"{path}: blocked by CSP style-src: {found}" for found in parser.styles]
    return problems


def crawl(client, start: str, within: str = "/") -> tuple[list[str], list[str]]:
    """Pages reached by links from `start` (paths), and what is wrong with them."""
    queue = deque([start])
    seen = {urlsplit(start).path}
    visited: list[str] = []
    problems: list[str] = []
    while queue:
        target = queue.popleft()
        response = client.get(target)
        path = urlsplit(target).path
        problems += problems_with(path, response)
        if response.status_code in (301, 302, 303, 307, 308):
            location = link_target(response["Location"], base=ORIGIN + target, origin=ORIGIN)
            if location and urlsplit(location).path not in seen:
                seen.add(urlsplit(location).path)
                queue.append(location)
            continue
        if response.status_code != 200:
            problems.append(f"{target}: HTTP {response.status_code}")
            continue
        visited.append(path)
        if "text/html" not in response.headers.get("Content-Type", ""):
            continue
        parser = PageParser()
        parser.feed(response.content.decode(response.charset or "utf-8"))
        for href in parser.links:
            found = link_target(href, base=ORIGIN + target, origin=ORIGIN)
            found_path = urlsplit(found).path if found else ""
            if found and found_path.startswith(within) and found_path not in seen:
                seen.add(found_path)
                queue.append(found)
    return visited, problems


@pytest.mark.django_db
def test_public_pages_send_security_headers(client):
    visited, problems = crawl(client, "/")
    missing = KNOWN_PUBLIC_PAGES - set(visited)
    assert not missing, f"the crawl from / never reached {sorted(missing)}; it saw {visited}"
    problems += problems_with("/no-such-page/", client.get("/no-such-page/"))
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_resident_pages_send_security_headers(signed_in, resident):
    client = signed_in(resident)
    visited, problems = crawl(client, "/account/", within="/account/")
    assert {"/account/", "/account/edit/"} <= set(visited), visited
    forbidden = client.get("/staff/")
    assert forbidden.status_code == 403
    problems += problems_with("/staff/ (403)", forbidden)
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_staff_pages_send_security_headers(signed_in, caseworker):
    client = signed_in(caseworker)
    visited, problems = crawl(client, "/staff/", within="/staff/")
    assert "/staff/" in visited, visited
    assert not problems, "\n".join(problems)
