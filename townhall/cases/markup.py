"""A small, safe subset of Markdown for a definition's "what happens next" and
"next steps": paragraphs and bulleted lists. Everything is escaped first."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BULLETS = ("- ", "* ")


def markdown_html(text: str) -> SafeString:
    html: list[str] = []
    for block in (text or "").strip().split("\n\n"):
        paragraph: list[str] = []
        items: list[str] = []
        for line in [line.strip() for line in block.splitlines() if line.strip()]:
            if line.startswith(BULLETS):
                if paragraph:
                    html.append(f'<p class="govuk-body">{escape(" ".join(paragraph))}</p>')
                    paragraph = []
                items.append(f"<li>{escape(line[2:].strip())}</li>")
            else:
                if items:
                    html.append(f'<ul class="govuk-list govuk-list--bullet">{"".join(items)}</ul>')
                    items = []
                paragraph.append(line)
        if paragraph:
            html.append(f'<p class="govuk-body">{escape(" ".join(paragraph))}</p>')
        if items:
            html.append(f'<ul class="govuk-list govuk-list--bullet">{"".join(items)}</ul>')
    return mark_safe("".join(html))  # noqa: S308 - every piece was escaped above
