"""Witness cosignatures in the c2sp.org/tlog-witness add-checkpoint format."""

from __future__ import annotations

import base64
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from townhall.ledger import keys, merkle, selectors
from townhall.ledger.note import COSIGNATURE_V1, Checkpoint, Signer, Verifier, open_note
from townhall.ledger.services import (
    LedgerError,
    ledger_append,
    ledger_checkpoint_publish,
    ledger_cosignatures_add,
)

pytestmark = pytest.mark.django_db


class Witness:
    """A witness as tlog-witness describes it, reduced to what the log sees."""

    def __init__(self, name: str) -> None:
        self.key = Signer.generate(name)
        self.vkey = str(Verifier(name, COSIGNATURE_V1, self.key.verifier.public_key))
        self.size = 0
        self.root = merkle.EMPTY_ROOT

    def add_checkpoint(self, body: str, log_key: Verifier) -> str:
        head, note = body.split("\n\n", 1)
        lines = head.split("\n")
        old = int(lines[0].removeprefix("old "))
        proof = [base64.b64decode(line) for line in lines[1:]]
        text, _ = open_note(note, [log_key])
        checkpoint = Checkpoint.parse(text)
        assert old == self.size
        if old:
            merkle.check_consistency(old, checkpoint.size, self.root, checkpoint.root, proof)
        self.size, self.root = checkpoint.size, checkpoint.root
        return self.key.cosignature_line(text, 1_700_000_000)


@pytest.fixture
def witness(settings: Any) -> Witness:
    witness = Witness("witness.example/w1")
    settings.LEDGER_WITNESS_KEYS = [witness.vkey]
    return witness


def test_it_stores_and_shows_a_witness_cosignature(client: Any, witness: Witness) -> None:
    for n in range(3):
        ledger_append(kind="case.decision", subject=f"case:{n}", payload={})
    first = ledger_checkpoint_publish()
    assert first is not None
    response = witness.add_checkpoint(selectors.witness_request(0, first), keys.verifier())
    ledger_cosignatures_add(size=first.size, response=response)

    for n in range(5):
        ledger_append(kind="case.decision", subject=f"case:{n}", payload={})
    second = ledger_checkpoint_publish()
    assert second is not None
    response = witness.add_checkpoint(selectors.witness_request(3, second), keys.verifier())
    stored = ledger_cosignatures_add(size=second.size, response=response)
    assert [c.witness for c in stored] == ["witness.example/w1"]

    note = client.get("/ledger/checkpoint").content.decode()
    assert note == second.note + response
    # Clients that know only the log's key still open the cosigned checkpoint.
    assert open_note(note, [keys.verifier()])[0].startswith("town.example/ledger\n8\n")
    assert "witness.example/w1" in client.get("/ledger/").content.decode()
    out = StringIO()
    call_command("ledger", "verify", "--no-progress", stdout=out)
    assert out.getvalue().startswith("OK: 8 entries")


def test_it_refuses_cosignatures_from_unknown_or_lying_witnesses(witness: Witness) -> None:
    ledger_append(kind="case.decision", subject="case:1", payload={})
    checkpoint = ledger_checkpoint_publish()
    assert checkpoint is not None
    stranger = Witness("stranger.example/w")
    response = stranger.add_checkpoint(selectors.witness_request(0, checkpoint), keys.verifier())
    with pytest.raises(LedgerError, match="not a configured witness"):
        ledger_cosignatures_add(size=checkpoint.size, response=response)
    other_text = Checkpoint("town.example/ledger", 9, merkle.EMPTY_ROOT).text()
    lie = witness.key.cosignature_line(other_text, 1_700_000_000)
    with pytest.raises(LedgerError, match="does not verify"):
        ledger_cosignatures_add(size=checkpoint.size, response=lie)
    assert not checkpoint.cosignatures.exists()


def test_the_commands_print_a_request_and_store_the_answer(
    witness: Witness, tmp_path: Path
) -> None:
    ledger_append(kind="case.decision", subject="case:1", payload={})
    out = StringIO()
    call_command("ledger", "witness-request", "0", stdout=out)
    assert out.getvalue().startswith("old 0\n\ntown.example/ledger\n1\n")
    answer = tmp_path / "answer"
    answer.write_text(witness.add_checkpoint(out.getvalue(), keys.verifier()))
    out = StringIO()
    call_command("ledger", "cosign", "1", str(answer), stdout=out)
    assert out.getvalue().strip() == "Checkpoint 1 has 1 cosignature(s)."
