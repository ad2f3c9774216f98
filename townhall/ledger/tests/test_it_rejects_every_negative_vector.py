"""Every negative case of the shared vectors must fail verification."""

from __future__ import annotations

from typing import Any

import pytest

from townhall.ledger import merkle


def _hashes(values: list[str]) -> list[bytes]:
    return [bytes.fromhex(value) for value in values]


def test_it_rejects_every_bad_inclusion_proof(vectors: dict[str, Any]) -> None:
    assert len(vectors["negative_inclusion"]) > 50
    for case in vectors["negative_inclusion"]:
        assert not merkle.verify_inclusion(
            case["index"],
            case["size"],
            bytes.fromhex(case["leaf_hash"]),
            _hashes(case["proof"]),
            bytes.fromhex(case["root"]),
        ), case["desc"]


def test_it_rejects_every_bad_consistency_proof(vectors: dict[str, Any]) -> None:
    assert len(vectors["negative_consistency"]) > 50
    for case in vectors["negative_consistency"]:
        assert not merkle.verify_consistency(
            case["size1"],
            case["size2"],
            bytes.fromhex(case["root1"]),
            bytes.fromhex(case["root2"]),
            _hashes(case["proof"]),
        ), case["desc"]


def test_it_says_why_a_consistency_proof_fails() -> None:
    with pytest.raises(merkle.ProofError, match="empty tree"):
        merkle.check_consistency(0, 5, merkle.EMPTY_ROOT, merkle.EMPTY_ROOT, [])
    with pytest.raises(merkle.ProofError, match="smaller"):
        merkle.check_consistency(5, 4, merkle.EMPTY_ROOT, merkle.EMPTY_ROOT, [])
