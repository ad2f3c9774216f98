from __future__ import annotations

import json
from typing import Any

import pytest

from townhall.ledger import merkle, selectors
from townhall.ledger.models import Entry, Tile
from townhall.ledger.services import LedgerError, NewEntry, ledger_append, ledger_append_many

pytestmark = pytest.mark.django_db


def test_it_writes_sorted_compact_utf8_json_with_the_actors_pseudonym(resident: Any) -> None:
    entry = ledger_append(
        kind="case.decision",
        subject="case:42",
        payload={"outcome": "granted", "amount": 12, "note": "café"},
        actor=resident,
    )
    body = bytes(entry.body)
    fields = json.loads(body)
    assert entry.index == 0
    assert fields["actor"] == resident.pseudonym
    assert fields["kind"] == "case.decision"
    assert fields["subject"] == "case:42"
    assert fields["payload"] == {"amount": 12, "note": "café", "outcome": "granted"}
    assert fields["time"].endswith("Z")
    assert body == json.dumps(
        fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")
    assert "café".encode() in body
    assert resident.email.encode() not in body


def test_it_numbers_entries_in_order_and_keeps_the_tiles_in_step() -> None:
    first = ledger_append(kind="test.one", subject="a", payload={})
    rest = ledger_append_many(
        entries=[NewEntry("test.many", f"s{i}", {"i": i}) for i in range(700)]
    )
    assert first.index == 0
    assert [entry.index for entry in rest] == list(range(1, 701))
    leaves = [
        merkle.leaf_hash(bytes(body))
        for body in Entry.objects.order_by("index").values_list("body", flat=True)
    ]
    assert selectors.log_size() == 701
    assert merkle.tree_root(701, selectors.read_nodes) == merkle.root_of(leaves)
    assert Tile.objects.get(level=0, index=2).width == 701 - 512
    assert Tile.objects.get(level=1, index=0).width == 2


def test_it_leaves_no_actor_for_system_entries() -> None:
    entry = ledger_append(kind="config.change", subject="setting:x", payload={"value": 1})
    assert json.loads(bytes(entry.body))["actor"] is None


@pytest.mark.parametrize(
    ("kind", "subject", "payload", "problem"),
    [
        ("", "s", {}, "kind"),
        ("Case Decision", "s", {}, "kind"),
        ("case.decision", "s" * 201, {}, "subject"),
        ("case.decision", "s", ["not", "an", "object"], "payload"),
        ("case.decision", "s", {"when": object()}, "plain JSON"),
        ("case.decision", "s", {"x": float("nan")}, "plain JSON"),
        ("case.decision", "s", {"nested": {10: "a", 9: "b"}}, "keys are strings"),
        ("case.decision", "s", {"big": "x" * 70_000}, "at most"),
    ],
)
def test_it_refuses_what_it_cannot_record(
    kind: str, subject: str, payload: Any, problem: str
) -> None:
    with pytest.raises(LedgerError, match=problem):
        ledger_append(kind=kind, subject=subject, payload=payload)
    assert not Entry.objects.exists()
