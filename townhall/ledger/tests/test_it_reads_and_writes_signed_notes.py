from __future__ import annotations

import re
from pathlib import Path

import pytest

from townhall.ledger import merkle
from townhall.ledger.note import (
    Checkpoint,
    NoteError,
    Signer,
    Verifier,
    open_checkpoint,
    open_note,
    sign_note,
)

DOCS = Path(__file__).resolve().parents[3] / "docs" / "ledger.md"


@pytest.fixture(scope="module")
def signer() -> Signer:
    return Signer.generate("town.example/ledger")


def _checkpoint(signer: Signer, size: int = 5) -> str:
    return sign_note(Checkpoint(signer.name, size, merkle.leaf_hash(b"r")).text(), signer)


def test_it_signs_and_opens_a_checkpoint(signer: Signer) -> None:
    note = _checkpoint(signer)
    verifier = Verifier.parse(str(signer.verifier))
    checkpoint = open_checkpoint(note, verifier)
    assert (checkpoint.origin, checkpoint.size) == ("town.example/ledger", 5)
    assert Signer.parse(signer.encode()).verifier == signer.verifier


def test_it_rejects_a_changed_text_or_signature(signer: Signer) -> None:
    note = _checkpoint(signer)
    with pytest.raises(NoteError, match="does not verify"):
        open_note(note.replace("\n5\n", "\n6\n"), [signer.verifier])
    line = note.rsplit("\n", 2)[-2]
    forged = note.replace(line, line[:-6] + ("AAAA==" if not line.endswith("AAAA==") else "BBBB=="))
    with pytest.raises(NoteError):
        open_note(forged, [signer.verifier])


def test_it_ignores_unknown_keys_but_needs_one_known(signer: Signer) -> None:
    other = Signer.generate("witness.example/w")
    note = _checkpoint(signer) + other.signature_line(Checkpoint(signer.name, 5, b"x" * 32).text())
    assert open_note(note, [signer.verifier])[1] == [signer.verifier]
    with pytest.raises(NoteError, match="not signed by a known key"):
        open_note(note, [Signer.generate("town.example/ledger").verifier])


@pytest.mark.parametrize(
    "note",
    [
        "no newline",
        "text\n",
        "text\n\n",
        "text\n\nnot a signature line\n",
        "text\n\n— name !!!\n",
        "te\x07xt\n\n— name AAAAAAAA\n",
    ],
)
def test_it_rejects_malformed_notes(signer: Signer, note: str) -> None:
    with pytest.raises(NoteError):
        open_note(note, [signer.verifier])


@pytest.mark.parametrize(
    "text",
    ["origin\n5\n", "origin\n05\nAAAA\n", "origin\n-1\n" + "A" * 43 + "=\n", "origin\n5\nAAAA\n"],
)
def test_it_rejects_malformed_checkpoints(text: str) -> None:
    with pytest.raises(NoteError):
        Checkpoint.parse(text)


def test_it_checks_the_key_id_of_a_verifier_key(signer: Signer) -> None:
    name, key_id, key = str(signer.verifier).split("+", 2)
    with pytest.raises(NoteError, match="key ID"):
        Verifier.parse(f"{name}+00000000+{key}")
    with pytest.raises(NoteError):
        Verifier.parse("just-a-name")


def test_the_documented_example_checkpoint_verifies() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    note = re.search(r"```\n(riverside\.example/ledger\n1873\n.*?\n)```", docs, re.S)
    key = re.search(r"`(riverside\.example/ledger\+[0-9a-f]{8}\+\S+)`", docs)
    assert note and key
    assert open_checkpoint(note.group(1), Verifier.parse(key.group(1))).size == 1873
