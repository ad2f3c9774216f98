"""Helpers shared by the catalogue's tests."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from townhall.catalog.definition import Service, example_answers

# A fixed "today", so that ages and "must be in the past" never drift.
TODAY = date(2026, 1, 15)


def answers_for(service: Service, **changes: Any) -> dict[str, Any]:
    """The service's example answers with some of them changed."""
    answers = copy.deepcopy(example_answers(service, today=TODAY))
    answers.update(changes)
    return answers
