"""A definition's words on a page: in the visitor's language, and Markdown as HTML.

Guidance, next steps and "what happens next" are written in Markdown in the
YAML files. They become HTML with GOV.UK Frontend classes through
markdown-it-py with raw HTML switched off, so that nothing in a definition can
inject markup, scripts or styles into a page (the CSP would block inline ones,
but a stray tag could still break the layout or a screen reader's reading).
Images are off too: every picture on a council page needs its own alt text and
a reviewed source.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from markdown_it import MarkdownIt
from markdown_it.token import Token

from townhall.catalog.definition import Text
from townhall.catalog.text import render

_markdown = MarkdownIt("commonmark", {"html": False}).disable(["image"])

_CLASSES = {
    "paragraph_open": "govuk-body",
    "bullet_list_open": "govuk-list govuk-list--bullet",
    "ordered_list_open": "govuk-list govuk-list--number",
    "blockquote_open": "govuk-inset-text",
    "link_open": "govuk-link",
}


def words(text: Text | None) -> str:
    """A definition's text in the active language.

    The YAML's own translation wins; plain English goes through gettext, so a
    council can translate it in its message catalogue like any other string.
    """
    if text is None or not text.en:
        return ""
    language = (translation.get_language() or "en").split("-")[0]
    if language != "en" and language in text.languages():
        return text.get(language)
    return gettext(text.en)


def filled(template: Text | None, params: Mapping[str, object]) -> str:
    """A template (a reason, a label) in the active language, its values filled in."""
    if template is None:
        return ""
    return render(template, params, text=words)


def markdown_html(text: Text | None) -> SafeString:
    """A definition's Markdown in the active language, as HTML."""
    return markdown_source_html(words(text))


@lru_cache(maxsize=1024)
def markdown_source_html(source: str) -> SafeString:
    """Markdown as HTML with GOV.UK classes.

    Cached: the texts come from definitions, which are immutable, so the cache
    holds a bounded set of a few hundred strings. Words filled with a
    resident's values go through `markdown_html_uncached` instead.
    """
    return markdown_html_uncached(source)


def markdown_html_uncached(source: str) -> SafeString:
    if not source.strip():
        return mark_safe("")  # noqa: S308 - an empty string
    tokens = _markdown.parse(source)
    _style(tokens)
    html = _markdown.renderer.render(tokens, _markdown.options, {})
    # Safe: markdown-it escapes all text and, with `html` off, every tag the
    # source contains; link targets are checked against a scheme allow-list.
    return mark_safe(html)  # noqa: S308


def _style(tokens: list[Token]) -> None:
    for token in tokens:
        if token.children:
            _style(token.children)
        if token.type in ("heading_open", "heading_close"):
            # The page gives each guidance section an <h2>: headings inside a
            # section's words come below it.
            level = min(max(int(token.tag[1]), 2) + 1, 6)
            token.tag = f"h{level}"
            if token.type == "heading_open":
                token.attrSet("class", "govuk-heading-s")
        elif token.type in _CLASSES:
            token.attrSet("class", _CLASSES[token.type])
