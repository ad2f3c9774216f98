"""Turning a question into the public answer object:
``{"intent", "answer", "sources": [{"kind", "slug", "url"}], "confidence"}``.

The answer text is quoted from the best passage, never invented; the optional
language model (llm.py) may only rephrase those same passages.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from townhall.assistant import llm
from townhall.assistant.engine.index import Hit
from townhall.assistant.engine.intents import CASE_STATUS, OUT_OF_SCOPE, decide
from townhall.assistant.knowledge import index_current
from townhall.cases.selectors import applications_for

# The one wording of "what happens next" lives with the cases app's own pages.
from townhall.cases.views_applications import next_step_text


def _source(hit: Hit) -> dict[str, str]:
    return {"kind": hit.document.kind, "slug": hit.document.slug, "url": hit.document.url}


def _case_status(user: Any) -> tuple[str, list[dict[str, str]]]:
    """The answer and the resident's own cases (reference, status, next step, url)."""
    if user is None or not user.is_authenticated:
        text = _(
            "Sign in to see where your applications are. I cannot tell you anything about an "
            "application until you are signed in."
        )
        return text, []
    # applications_for is the resident's own list: nobody else's can appear.
    applications = applications_for(user=user)
    if not applications:
        return _("You have no applications yet."), []
    lines = [
        _("%(reference)s (%(service)s): %(status)s. %(next)s")
        % {
            "reference": application.reference,
            "service": application.service_slug,
            "status": application.get_status_display(),
            "next": next_step_text(application),
        }
        for application in applications[:5]
    ]
    return _("Your applications:") + "\n" + "\n".join(lines), [
        {"reference": a.reference, "url": reverse("cases:applications")} for a in applications[:5]
    ]


def answer(question: str, *, user: Any = None) -> dict[str, Any]:
    """The assistant's answer to one question (the CLI, API and chat page all use this)."""
    question = " ".join(question.split())
    index = index_current()
    hits = index.search(question, limit=3)
    decision = decide(question, hits, hybrid=index.hybrid)
    result: dict[str, Any] = {"intent": decision.intent, "confidence": decision.confidence}
    if decision.intent == CASE_STATUS:
        # Sources are guidance only; the resident's cases travel separately.
        result["answer"], result["cases"] = _case_status(user)
        result["sources"] = []
        return result
    if decision.intent == OUT_OF_SCOPE:
        result["answer"] = _(
            "Sorry, I cannot help with that. I can answer questions about the council's services. "
            "You can also contact us, or ask to talk to a person."
        )
        result["sources"] = [
            {
                "kind": "topic",
                "slug": "contact",
                "url": reverse("assistant:help", kwargs={"slug": "contact"}),
            }
        ]
        return result
    result["sources"] = [_source(hit) for hit in hits]
    # Titles travel beside the sources (which the public contract keeps to
    # kind, slug and url): the chat page names each choice by its title.
    result["titles"] = [hit.document.title for hit in hits]
    if decision.clarify:
        result["clarify"] = True
        result["answer"] = (
            _("I am not sure what you need. Did you mean one of these?")
            + "\n"
            + "\n".join(f"- {hit.document.title}" for hit in hits)
        )
        return result
    result["answer"] = _quoted(question, hits[0])
    return result


def _quoted(question: str, hit: Hit) -> str:
    quoted = f"{hit.document.title}: {hit.passage.text}"
    return llm.rephrase(question, [hit.passage.text]) or quoted


def answer_choice(question: str, *, slug: str) -> dict[str, Any] | None:
    """The answer from one service or help page the resident picked after a
    clarifying question, or None when there is no such page."""
    hit = index_current().best_in(" ".join(question.split()), slug)
    if hit is None:
        return None
    return {
        "intent": hit.document.kind,
        "confidence": round(hit.score, 4),
        "sources": [_source(hit)],
        "titles": [hit.document.title],
        "answer": _quoted(question, hit),
    }
