"""Scoring the assistant against labelled questions, the way a resident sees it.

A labelled question is ``{"question", "intent", "slug"}`` (slug null for
case-status and out-of-scope). A service or topic question only counts as
answered with the right slug first when the assistant also answers it as a
service or topic: a right best match behind "Sorry, I cannot help" helps nobody.
The benchmark and the accuracy test share this, so they cannot drift apart.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from townhall.assistant.engine.index import Index
from townhall.assistant.engine.intents import CASE_STATUS, OUT_OF_SCOPE, decide


@dataclass(frozen=True)
class Scores:
    questions: int
    top1: float  # right slug first, among service and topic questions
    top3: float  # right slug in the three sources shown
    intent: float
    out_of_scope: float  # out-of-scope questions recognised as such
    case_status: float  # case-status questions recognised as such
    median_ms: float
    p95_ms: float
    misses: tuple[str, ...]


def _share(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def evaluate(index: Index, items: Iterable[dict[str, Any]]) -> Scores:
    top1 = top3 = with_slug = intents = 0
    recognised = {OUT_OF_SCOPE: 0, CASE_STATUS: 0}
    asked = {OUT_OF_SCOPE: 0, CASE_STATUS: 0}
    latencies: list[float] = []
    misses: list[str] = []
    count = 0
    for item in items:
        count += 1
        question = item["question"]
        start = time.perf_counter()
        hits = index.search(question, limit=3)
        decision = decide(question, hits, hybrid=index.hybrid)
        latencies.append(time.perf_counter() - start)
        answered = decision.intent not in (OUT_OF_SCOPE, CASE_STATUS)
        slugs = [hit.document.slug for hit in hits] if answered else []
        right = decision.intent == item["intent"]
        intents += right
        if item["intent"] in asked:
            asked[item["intent"]] += 1
            recognised[item["intent"]] += right
        if item.get("slug"):
            with_slug += 1
            top1 += slugs[:1] == [item["slug"]]
            top3 += item["slug"] in slugs
            right = right and slugs[:1] == [item["slug"]]
        if not right:
            shown = ", ".join(f"{h.document.slug} {h.score:.2f}" for h in hits)
            misses.append(
                f"{question!r}: want {item['intent']} {item.get('slug') or ''}, "
                f"got {decision.intent}{' (clarify)' if decision.clarify else ''} [{shown}]"
            )
    latencies.sort()
    return Scores(
        questions=count,
        top1=_share(top1, with_slug),
        top3=_share(top3, with_slug),
        intent=_share(intents, count),
        out_of_scope=_share(recognised[OUT_OF_SCOPE], asked[OUT_OF_SCOPE]),
        case_status=_share(recognised[CASE_STATUS], asked[CASE_STATUS]),
        median_ms=1000 * statistics.median(latencies) if latencies else 0.0,
        p95_ms=1000 * latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0,
        misses=tuple(misses),
    )
