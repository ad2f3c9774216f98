"""Each service's start page (/services/<slug>/, a public URL) shows its
title, summary, guidance sections from Markdown, the documents to upload, the
decision time and a "Start now" button to the application journey."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from townhall.catalog.spec import GUIDANCE_HEADINGS
from townhall.catalog.tests.catalogue import SLUGS, publish


@pytest.fixture
def catalogue(db, services):
    publish(services)


def text_of(html: str) -> str:
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.parametrize("slug", SLUGS)
def test_the_start_page_renders(client, catalogue, services, slug):
    service = services[slug]

    response = client.get(f"/services/{slug}/")

    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    words = text_of(main)
    assert re.findall(r"<h1[^>]*>([^<]*)</h1>", main) == [html_lib.escape(service.title.en)]
    assert service.summary.en in words
    for _key, heading in GUIDANCE_HEADINGS:
        assert f">{heading.en}</h2>" in main
    # The guidance's Markdown is HTML with GOV.UK classes, never left as Markdown.
    assert '<p class="govuk-body">' in main
    first_line = service.guidance.who_can_apply.en.strip().splitlines()[0]
    assert first_line.lstrip("- ") in words
    assert "\n- " not in main
    for document in service.documents:
        assert document.title.en in words
    days = "day" if service.sla_days == 1 else "days"
    assert f"We aim to decide within {service.sla_days} working {days}" in words
    start = re.search(
        r'<a href="([^"]+)" role="button"[^>]*govuk-button--start[^>]*>\s*Start now', main
    )
    assert start is not None
    assert start.group(1) == f"/services/{slug}/apply/"


def test_guidance_lists_become_govuk_lists(client, catalogue):
    html = client.get("/services/health-coverage/").content.decode()

    assert '<ul class="govuk-list govuk-list--bullet">\n<li>your national ID number</li>' in html


def test_an_unknown_service_is_not_found(client, catalogue):
    response = client.get("/services/no-such-service/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_start_page_links_to_its_topic(client, catalogue):
    html = client.get("/services/pet-license/").content.decode()

    assert 'href="/services/topics/pets-and-animals/"' in html
