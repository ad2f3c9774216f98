from __future__ import annotations

import pytest
from django.db import transaction

from townhall.ledger import selectors
from townhall.ledger.models import Entry, Tile
from townhall.ledger.services import ledger_append

pytestmark = pytest.mark.django_db


class DecisionFailed(Exception):
    pass


def test_a_rolled_back_decision_leaves_no_entry() -> None:
    ledger_append(kind="case.decision", subject="case:1", payload={"outcome": "granted"})
    with pytest.raises(DecisionFailed), transaction.atomic():
        ledger_append(kind="case.decision", subject="case:2", payload={"outcome": "refused"})
        raise DecisionFailed
    assert list(Entry.objects.values_list("index", flat=True)) == [0]
    assert selectors.log_size() == 1
    assert Tile.objects.get(level=0, index=0).width == 1
    # The next append takes the index the rolled-back one would have had.
    assert ledger_append(kind="case.decision", subject="case:3", payload={}).index == 1
