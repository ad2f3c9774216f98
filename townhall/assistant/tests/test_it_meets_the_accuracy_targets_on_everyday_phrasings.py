"""On questions in residents' own words (colloquial, misspelled, indirect,
off-topic, about their own case), the assistant meets the issue's targets:
the right page first for 85%, among the three shown for 95%, out-of-scope
recognised for 80% and case-status for 90%.

fixtures/heldout_questions.jsonl was written before the engine was tuned, in
our own words; the shared development set is checked the same way. With the
sentence model installed (as in .venv) this measures the hybrid; without it,
full text alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import shared_data
from townhall.assistant.engine.evaluation import evaluate
from townhall.assistant.knowledge import index_current

HELD_OUT = Path(__file__).with_name("fixtures") / "heldout_questions.jsonl"


def _items(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _assert_targets(path: Path) -> None:
    scores = evaluate(index_current(), _items(path))
    misses = "\n".join(scores.misses)
    assert scores.top1 >= 0.85, f"right page first {scores.top1:.0%}\n{misses}"
    assert scores.top3 >= 0.95, f"right page in the top three {scores.top3:.0%}\n{misses}"
    assert scores.out_of_scope >= 0.80, f"out of scope {scores.out_of_scope:.0%}\n{misses}"
    assert scores.case_status >= 0.90, f"case status {scores.case_status:.0%}\n{misses}"


def test_the_held_out_set_is_big_and_varied_enough():
    items = _items(HELD_OUT)
    intents = {item["intent"] for item in items}
    assert len(items) >= 80
    assert intents == {"service", "topic", "case-status", "out-of-scope"}


@pytest.mark.django_db
def test_it_meets_the_targets_on_our_held_out_phrasings(catalogue):
    _assert_targets(HELD_OUT)


@pytest.mark.django_db
def test_it_meets_the_targets_on_the_development_set(catalogue):
    _assert_targets(shared_data("assistant", "dev_questions.jsonl"))
