"""Guidance is Markdown with raw HTML switched off: whatever a definition's
words hold, a start page shows them as text, and links only go to safe
places."""

from __future__ import annotations

import pytest

from townhall.catalog.markdown import markdown_source_html
from townhall.catalog.tests.catalogue import definition, publish_one

INTRO = """\
Read <script>alert("intro")</script> this.

<img src=x onerror=alert(1)> and <b>bold</b>.

[A bad link](javascript:alert(1)) and [a good one](https://example.org/help).

## A heading inside the intro
"""
PAGE = "/services/hedgehog-register/"


@pytest.fixture
def hostile(db):
    publish_one(definition(intro=INTRO))


def test_tags_in_guidance_are_shown_as_text(client, hostile):
    html = client.get(PAGE).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;intro&quot;)&lt;/script&gt;" in html
    assert "<img" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_only_safe_links_become_links(client, hostile):
    html = client.get(PAGE).content.decode()

    assert '<h3 class="govuk-heading-s">A heading inside the intro</h3>' in html
    assert 'href="javascript:' not in html
    assert '<a href="https://example.org/help" class="govuk-link">a good one</a>' in html


def test_headings_in_guidance_sit_below_the_page_sections():
    html = markdown_source_html("# Top\n\n## Second\n\n#### Fourth")

    assert html == (
        '<h3 class="govuk-heading-s">Top</h3>\n'
        '<h3 class="govuk-heading-s">Second</h3>\n'
        '<h5 class="govuk-heading-s">Fourth</h5>\n'
    )
