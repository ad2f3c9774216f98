from __future__ import annotations

import hashlib
import time
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from townhall.catalog.definition import DocumentRequirement, Service
from townhall.catalog.forms import EligibilityCheckForm, eligibility_check_for
from townhall.catalog.markdown import filled, markdown_html, markdown_html_uncached, words
from townhall.catalog.models import ServiceVersion
from townhall.catalog.selectors import (
    SEARCH_MAX_LENGTH,
    service_spec,
    service_version_current,
    services_current,
    services_in_topic,
    services_search,
)
from townhall.catalog.spec import FILE_TYPE_NAMES, GUIDANCE_HEADINGS

# The catalogue's topics, by the slug a definition gives in `topic:`. A topic
# missing here still works: its slug is shown as words, untranslated.
TOPICS = {
    "business": _("Business"),
    "certificates": _("Certificates"),
    "community-and-events": _("Community and events"),
    "health": _("Health"),
    "housing-and-building": _("Housing and building"),
    "pets-and-animals": _("Pets and animals"),
    "streets-and-waste": _("Streets and waste"),
    "tax-and-money": _("Tax and money"),
    "transport-and-parking": _("Transport and parking"),
    "your-city": _("Your city"),
}

OUTCOME_HEADINGS = {
    "eligible": _("You’re eligible"),
    "likely_eligible": _("You’re likely to be eligible"),
    "not_eligible": _("You’re not eligible"),
}


def topic_label(topic: str) -> str:
    label = TOPICS.get(topic)
    return str(label) if label is not None else topic.replace("-", " ").capitalize()


def _listed(versions: list[ServiceVersion]) -> list[dict[str, str]]:
    """Services as the catalogue lists them, in the visitor's language."""
    listed = []
    for version in versions:
        service = service_spec(version)
        listed.append(
            {
                "slug": version.slug,
                "title": words(service.title),
                "summary": words(service.summary),
                "topic": version.topic,
                "url": reverse("catalog:start", args=[version.slug]),
            }
        )
    return listed


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:SEARCH_MAX_LENGTH].strip()
    context: dict[str, Any] = {"query": query}
    if query:
        context["results"] = _listed(services_search(query=query))
    else:
        topics: dict[str, list[dict[str, str]]] = {}
        for service in _listed(services_current()):
            topics.setdefault(service["topic"], []).append(service)
        context["topics"] = sorted(
            (
                {
                    "slug": topic,
                    "label": topic_label(topic),
                    "url": reverse("catalog:topic", args=[topic]),
                    "services": sorted(services, key=lambda service: service["title"]),
                }
                for topic, services in topics.items()
            ),
            key=lambda topic: topic["label"],
        )
    return render(request, "catalog/catalogue.html", context)


@require_GET
def topic(request: HttpRequest, topic: str) -> HttpResponse:
    services = _listed(services_in_topic(topic=topic))
    if not services:
        raise Http404
    services.sort(key=lambda service: service["title"])
    return render(
        request,
        "catalog/topic.html",
        {"topic": topic, "label": topic_label(topic), "services": services},
    )


def _current(slug: str) -> tuple[ServiceVersion, Service]:
    version = service_version_current(slug=slug)
    if version is None:
        raise Http404
    return version, service_spec(version)


@require_GET
def start(request: HttpRequest, slug: str) -> HttpResponse:
    """A service's start page: the public address of every service.

    It is the most visited page of each service, and bench/page_throughput_bench.py
    holds it to half the speed of a bare Django view, drawn afresh or not. Drawn
    afresh it costs one query; what it shows of the service is drawn once per
    version and language (see catalog/start.html), the layout around it once
    per language (core/base.html). The page a visitor with no session gets is
    also kept, as HTML, for `START_PAGE_SECONDS` in each process: a newly
    published version shows within that time (at once in the process that
    published it, see `start_pages_forget`).
    """
    shared = _same_for_everyone(request)
    language = translation.get_language() or "en"
    if shared:
        kept = _START_HTML.get((slug, language))
        if kept is not None and kept[0] > time.monotonic():
            response = HttpResponse(kept[1], content_type="text/html; charset=utf-8")
            patch_vary_headers(response, ["Cookie"])
            return response
    version, service = _current(slug)
    # The words of a stored version never change. The key holds the source as
    # well as the primary key: a rolled-back transaction can hand a primary
    # key to another row.
    key = (version.pk, version.source, language)
    context = _START_CONTEXTS.get(key)
    if context is None:
        if len(_START_CONTEXTS) >= START_PAGES_KEPT:
            _START_CONTEXTS.clear()
        context = _START_CONTEXTS[key] = _start_page(service)
        # What the page shows of the service is drawn once per version and
        # language too (catalog/start.html caches it under this key).
        digest = hashlib.sha256(version.source.encode()).hexdigest()[:16]
        context["fragment_key"] = f"{version.pk}:{digest}:{language}"
    response = render(request, "catalog/start.html", context)
    if shared:
        if len(_START_HTML) >= START_PAGES_KEPT:
            _START_HTML.clear()
        _START_HTML[(slug, language)] = (time.monotonic() + START_PAGE_SECONDS, response.content)
    return response


START_PAGE_SECONDS = 5.0
START_PAGES_KEPT = 512
_START_CONTEXTS: dict[tuple[int, str, str], dict[str, Any]] = {}
_START_HTML: dict[tuple[str, str], tuple[float, bytes]] = {}


def start_pages_forget() -> None:
    """Drop this process's copies of start pages (after publishing a version)."""
    _START_HTML.clear()


def _same_for_everyone(request: HttpRequest) -> bool:
    """Whether the page is the one every visitor without a session gets.

    No session cookie means no signed-in person and no messages waiting in a
    session; no messages cookie, none waiting there; no query string, nothing
    else for the language links to carry along.
    """
    return (
        request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _start_page(service: Service) -> dict[str, Any]:
    """What a start page shows, in the active language."""
    guidance = service.guidance
    check = eligibility_check_for(service)
    return {
        "slug": service.slug,
        "title": words(service.title),
        "summary": words(service.summary),
        "intro": markdown_html(guidance.intro),
        "sections": [
            {"key": key, "heading": words(heading), "body": markdown_html(getattr(guidance, key))}
            for key, heading in GUIDANCE_HEADINGS
        ],
        "documents": [
            {
                "title": words(document.title),
                "hint": words(document.hint),
                "format": _file_format(document),
            }
            for document in service.documents
        ],
        "decision_time": ngettext(
            "We aim to decide within %(days)s working day of getting your application.",
            "We aim to decide within %(days)s working days of getting your application.",
            service.sla_days,
        )
        % {"days": service.sla_days},
        "what_happens_next": markdown_html(service.what_happens_next),
        "topic": service.topic,
        "topic_label": topic_label(service.topic),
        "has_check": check is not None,
    }


def _file_format(document: DocumentRequirement) -> str:
    names = [FILE_TYPE_NAMES[kind] for kind in document.accept]
    if len(names) > 1:
        types = gettext("%(first)s or %(last)s") % {
            "first": ", ".join(names[:-1]),
            "last": names[-1],
        }
    else:
        types = names[0]
    return gettext("%(types)s, up to %(size)s MB") % {
        "types": types,
        "size": document.max_size_mb,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def check(request: HttpRequest, slug: str) -> HttpResponse:
    """Check before you start: the eligibility rules on the few answers they read.

    Nothing is stored: the answers live in this request only, sent by POST so
    that they stay out of addresses, browser history and server logs.
    """
    version, service = _current(slug)
    eligibility = eligibility_check_for(service)
    if eligibility is None:
        raise Http404
    form = EligibilityCheckForm(
        request.POST if request.method == "POST" else None, check=eligibility
    )
    context: dict[str, Any] = {
        "slug": slug,
        "title": words(service.title),
        "topic": service.topic,
        "topic_label": topic_label(service.topic),
        "form": form,
    }
    if form.is_bound and form.is_valid():
        result = form.outcome()
        context["result"] = {
            "outcome": result.outcome,
            "heading": OUTCOME_HEADINGS[result.outcome],
            "reason": filled(result.reason, result.params),
            "next_steps": markdown_html_uncached(filled(result.next_steps, result.params)),
        }
        # The form stays valid for the template, but the result page has no form.
        context["form"] = None
    response = render(request, "catalog/check.html", context)
    if request.method == "POST":
        add_never_cache_headers(response)
    return response
