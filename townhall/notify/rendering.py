"""Message texts from templates, in the recipient's language.

templates/notify/messages/<event>/subject.txt is the email subject and the
in-app title; <channel>.txt is the body for that channel.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from townhall.core.context_processors import service_name


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def absolute_link(url: str) -> str:
    if not url or "://" in url:
        return url
    return settings.SITE_URL + "/" + url.lstrip("/")


def message_render(
    *, event: str, channel: str, language: str, context: Mapping[str, str], url: str
) -> Rendered:
    with translation.override(language):
        values = {
            **context,
            "link": absolute_link(url),
            "service_name": service_name(),
            "city_name": settings.CITY_NAME,
        }
        subject = render_to_string(f"notify/messages/{event}/subject.txt", values)
        body = render_to_string(f"notify/messages/{event}/{channel}.txt", values)
    # One line, always: a subject is a mail header, and a newline in a header
    # is how header injection starts.
    return Rendered(subject=" ".join(subject.split())[:300], body=body.strip() + "\n")
