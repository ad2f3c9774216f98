"""What a question is asking for: a service, a help topic, the resident's own
cases, or something the council's website cannot answer.

Case status is recognised by its shape (asking about the state of something the
resident already sent) rather than by retrieval, because the guidance never
contains those words. Everything else follows the retrieval confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from townhall.assistant.engine.index import OFF_TOPIC, Hit

SERVICE = "service"
TOPIC = "topic"
CASE_STATUS = "case-status"
OUT_OF_SCOPE = OFF_TOPIC

# Thresholds on the fused 0..1 score (see index.py). Below OUT_OF_SCOPE_BELOW
# nothing in the guidance is about the question; below CONFIDENT_FROM the best
# match is plausible but the resident is asked to pick among the likeliest.
# Questions about what the council does not do are mostly caught by the
# lexicon's off-topic phrasings winning the ranking, so these floors can sit
# low: a weak match is better met with "did you mean…?" than with a refusal.
OUT_OF_SCOPE_BELOW = {"hybrid": 0.24, "text": 0.15}
CONFIDENT_FROM = {"hybrid": 0.45, "text": 0.40}
CLOSE_MARGIN = 0.03
# Below the out-of-scope line, a best match still counts when it reaches
# STANDS_OUT_FROM and scores STANDS_OUT_RATIO times the third best: the
# question is about something specific, only worded unlike the guidance.
STANDS_OUT_FROM = 0.18
STANDS_OUT_RATIO = 3.0

_STATE = re.compile(
    r"\b(status|progress|update|updates|track|tracking|news|heard|hear|decided|decision|"
    r"approved|accepted|rejected|refused|processed|processing|pending|outcome|stage|"
    r"happening|happened|yet|still|waiting|where\s+is|wheres|where\s+are|gone\s+through|"
    r"(?:come|comes|came|go|goes|gone|got)\s+through|got\s+to|gotten\s+to|check\s+on|"
    r"ready|arrived|arrive|"
    r"(?:did|have|has)\s+(?:you|it|they)\s+(?:get|got|receive|received|arrived)|"
    r"(?:heard|hear)\s+back|any\s+word)\b"
)
_OWN = re.compile(r"\b(my|our|i|we|ive|weve|me)\b")
_THING = re.compile(
    r"\b(application|applications|case|cases|request|requests|claim|claims|submission|"
    r"submissions|form|forms|reference|applied|submitted|sent|filed|booking|appeal|complaint|"
    r"permit|license|licence|certificate)\b"
)


def _normalised(question: str) -> str:
    return re.sub(r"[^a-z0-9\s]", "", question.lower().replace("’", "'").replace("'", ""))


def is_case_status(question: str) -> bool:
    text = _normalised(question)
    return bool(_STATE.search(text) and _OWN.search(text) and _THING.search(text))


@dataclass(frozen=True)
class Decision:
    intent: str
    confidence: float
    clarify: bool  # ask the resident to choose among the top matches


def _stands_out(hits: list[Hit]) -> bool:
    if len(hits) < 3 or hits[0].score < STANDS_OUT_FROM:
        return False
    return hits[0].score >= STANDS_OUT_RATIO * max(hits[2].score, 1e-9)


def decide(question: str, hits: list[Hit], *, hybrid: bool) -> Decision:
    if is_case_status(question):
        return Decision(CASE_STATUS, 1.0, clarify=False)
    mode = "hybrid" if hybrid else "text"
    if hits and hits[0].document.kind == OFF_TOPIC:
        # Most like the things the council does not do (the weather, a recipe).
        return Decision(OUT_OF_SCOPE, round(hits[0].score, 4), clarify=False)
    if not hits or hits[0].score < OUT_OF_SCOPE_BELOW[mode]:
        if _stands_out(hits):
            # Weak on its own, but clearly about one or two things the council
            # does ("dumped an old mattress on the pavement"): ask, don't refuse.
            return Decision(hits[0].document.kind, round(hits[0].score, 4), clarify=True)
        return Decision(OUT_OF_SCOPE, 1.0 - (hits[0].score if hits else 0.0), clarify=False)
    top = hits[0]
    close = len(hits) > 1 and top.score - hits[1].score < CLOSE_MARGIN
    clarify = top.score < CONFIDENT_FROM[mode] or close
    return Decision(top.document.kind, round(top.score, 4), clarify=clarify)
