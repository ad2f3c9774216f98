"""merkle.py against the shared RFC 9162 vectors (transparency-dev/merkle, CT, C2SP)."""

from __future__ import annotations

import hashlib
from typing import Any

from townhall.ledger import merkle
from townhall.ledger.note import Verifier, open_note


def _hashes(values: list[str]) -> list[bytes]:
    return [bytes.fromhex(value) for value in values]


def _reader(leaf_hashes: list[bytes]) -> merkle.NodeReader:
    """Perfect nodes computed straight from the leaves, as a stand-in for stored tiles."""

    def read(nodes: Any) -> dict[merkle.Node, bytes]:
        found = {}
        for level, index in nodes:
            start = index << level
            assert start + (1 << level) <= len(leaf_hashes), "asked for a node outside the tree"
            found[(level, index)] = _naive_root(leaf_hashes[start : start + (1 << level)])
        return found

    return read


def _naive_root(hashes: list[bytes]) -> bytes:
    # RFC 9162 section 2.1.1, literally.
    if not hashes:
        return hashlib.sha256(b"").digest()
    if len(hashes) == 1:
        return hashes[0]
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    return merkle.node_hash(_naive_root(hashes[:k]), _naive_root(hashes[k:]))


def test_it_hashes_leaves_and_roots_like_the_vectors(vectors: dict[str, Any]) -> None:
    leaves = _hashes(vectors["leaves"])
    leaf_hashes = [merkle.leaf_hash(leaf) for leaf in leaves]
    assert [h.hex() for h in leaf_hashes] == vectors["leaf_hashes"]
    assert merkle.EMPTY_ROOT.hex() == vectors["roots"]["0"]
    for size, root in vectors["roots"].items():
        assert merkle.root_of(leaf_hashes[: int(size)]).hex() == root
        assert merkle.tree_root(int(size), _reader(leaf_hashes)).hex() == root


def test_it_accepts_every_published_inclusion_proof(vectors: dict[str, Any]) -> None:
    for case in vectors["inclusion"]:
        assert merkle.verify_inclusion(
            case["index"],
            case["size"],
            bytes.fromhex(case["leaf_hash"]),
            _hashes(case["proof"]),
            bytes.fromhex(case["root"]),
        ), case


def test_it_accepts_every_published_consistency_proof(vectors: dict[str, Any]) -> None:
    # One case (12-byte placeholder roots, size1 == size2 == 1) is accepted as
    # transparency-dev/merkle accepts it: equal sizes with equal roots and an
    # empty proof is the trivial statement "a tree extends itself".
    for case in vectors["consistency"]:
        assert merkle.verify_consistency(
            case["size1"],
            case["size2"],
            bytes.fromhex(case["root1"]),
            bytes.fromhex(case["root2"]),
            _hashes(case["proof"]),
        ), case


def test_it_builds_the_exhaustive_proofs_of_an_eight_leaf_tree(vectors: dict[str, Any]) -> None:
    leaf_hashes = [merkle.leaf_hash(leaf) for leaf in _hashes(vectors["leaves"])]
    read = _reader(leaf_hashes)
    derived = vectors["derived"]
    for case in derived["exhaustive_8leaf_inclusion"]:
        proof = merkle.inclusion_proof(case["index"], case["size"], read)
        assert [h.hex() for h in proof] == case["proof"], case
        root = merkle.root_of(leaf_hashes[: case["size"]])
        assert merkle.verify_inclusion(
            case["index"], case["size"], leaf_hashes[case["index"]], proof, root
        )
    for case in derived["exhaustive_8leaf_consistency"]:
        proof = merkle.consistency_proof(case["size1"], case["size2"], read)
        assert [h.hex() for h in proof] == case["proof"], case
        assert merkle.verify_consistency(
            case["size1"],
            case["size2"],
            merkle.root_of(leaf_hashes[: case["size1"]]),
            merkle.root_of(leaf_hashes[: case["size2"]]),
            proof,
        )


def test_it_reproduces_the_roots_and_subtree_hashes_of_130_leaves(vectors: dict[str, Any]) -> None:
    data = vectors["derived"]["bytes_0_to_129"]
    leaf_hashes = [merkle.leaf_hash(bytes([i])) for i in range(130)]
    for size, root in data["roots"].items():
        assert merkle.root_of(leaf_hashes[: int(size)]).hex() == root
    # The published rolling hash over MTH(D[start:end]) of every aligned range,
    # each computed the way the log computes proof elements from stored nodes.
    read = _reader(leaf_hashes)
    rolling = hashlib.sha256()
    for end in range(131):
        for start in range(end + 1):
            span = end - start
            ceiling = 1 << (span - 1).bit_length() if span > 1 else 1
            if start == 0 or start == end or start % ceiling == 0:
                value = (
                    merkle.EMPTY_ROOT
                    if start == end
                    else merkle.proof_hashes([(start, end)], read)[0]
                )
                rolling.update(f"[{start}, {end}) {value.hex()}\n".encode())
    assert rolling.hexdigest() == data["rolling_hashes_published"]["subtree_hash"]


def test_it_opens_the_signed_note_example(vectors: dict[str, Any]) -> None:
    example = vectors["signed_note_example"]
    verifier = Verifier.parse(example["vkey"])
    assert verifier.id.hex() == "530d903a"
    text, signed_by = open_note(example["note"], [verifier])
    assert text == "This is an example message.\n"
    assert signed_by == [verifier]
