"""Property tests of merkle.py against a literal RFC 9162 reference written here."""

from __future__ import annotations

import hashlib
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from townhall.ledger import merkle


def _mth(hashes: list[bytes]) -> bytes:
    if not hashes:
        return hashlib.sha256(b"").digest()
    if len(hashes) == 1:
        return hashes[0]
    k = 1 << ((len(hashes) - 1).bit_length() - 1)
    return merkle.node_hash(_mth(hashes[:k]), _mth(hashes[k:]))


def _path(m: int, hashes: list[bytes]) -> list[bytes]:
    # RFC 9162 section 2.1.3.1
    if len(hashes) == 1:
        return []
    k = 1 << ((len(hashes) - 1).bit_length() - 1)
    if m < k:
        return _path(m, hashes[:k]) + [_mth(hashes[k:])]
    return _path(m - k, hashes[k:]) + [_mth(hashes[:k])]


def _subproof(m: int, hashes: list[bytes], whole: bool) -> list[bytes]:
    # RFC 9162 section 2.1.4.1
    if m == len(hashes):
        return [] if whole else [_mth(hashes)]
    k = 1 << ((len(hashes) - 1).bit_length() - 1)
    if m <= k:
        return _subproof(m, hashes[:k], whole) + [_mth(hashes[k:])]
    return _subproof(m - k, hashes[k:], False) + [_mth(hashes[:k])]


def _leaves(n: int) -> list[bytes]:
    return [merkle.leaf_hash(i.to_bytes(4, "big")) for i in range(n)]


def _reader(hashes: list[bytes]) -> Any:
    def read(nodes: Any) -> dict[merkle.Node, bytes]:
        return {(lv, ix): _mth(hashes[ix << lv : (ix + 1) << lv]) for lv, ix in nodes}

    return read


@st.composite
def tree_and_index(draw: Any) -> tuple[int, int]:
    size = draw(st.integers(min_value=1, max_value=300))
    return size, draw(st.integers(min_value=0, max_value=size - 1))


@st.composite
def two_sizes(draw: Any) -> tuple[int, int]:
    second = draw(st.integers(min_value=1, max_value=300))
    return draw(st.integers(min_value=1, max_value=second)), second


@settings(max_examples=150, deadline=None)
@given(tree_and_index())
def test_inclusion_proofs_match_the_rfc_and_verify(case: tuple[int, int]) -> None:
    size, index = case
    hashes = _leaves(size)
    proof = merkle.inclusion_proof(index, size, _reader(hashes))
    assert proof == _path(index, hashes)
    root = _mth(hashes)
    assert merkle.verify_inclusion(index, size, hashes[index], proof, root)
    if proof:
        tampered = [bytes([proof[0][0] ^ 1]) + proof[0][1:], *proof[1:]]
        assert not merkle.verify_inclusion(index, size, hashes[index], tampered, root)
        assert not merkle.verify_inclusion(index, size, hashes[index], proof[:-1], root)
    other = (index + 1) % size
    if other != index:
        assert not merkle.verify_inclusion(other, size, hashes[index], proof, root)


@settings(max_examples=150, deadline=None)
@given(two_sizes())
def test_consistency_proofs_match_the_rfc_and_verify(case: tuple[int, int]) -> None:
    first, second = case
    hashes = _leaves(second)
    proof = merkle.consistency_proof(first, second, _reader(hashes))
    assert proof == ([] if first == second else _subproof(first, hashes, True))
    root1, root2 = _mth(hashes[:first]), _mth(hashes)
    assert merkle.verify_consistency(first, second, root1, root2, proof)
    if first < second:
        assert not merkle.verify_consistency(first, second, root2, root2, proof)
        wrong = merkle.leaf_hash(b"not in the log")
        assert not merkle.verify_consistency(first, second, root1, wrong, proof)
        assert not merkle.verify_consistency(first, second, root1, root2, proof + [wrong])


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=70_000), st.integers(min_value=0, max_value=600))
def test_the_frontier_grows_like_the_tree_and_reports_tile_nodes(start: int, extra: int) -> None:
    # Reuse one leaf value: the structure, not the values, is under test.
    leaf = merkle.leaf_hash(b"x")
    perfect = [leaf]
    for _ in range(20):
        perfect.append(merkle.node_hash(perfect[-1], perfect[-1]))
    frontier = merkle.Frontier(start, [perfect[level] for level, _ in merkle.range_nodes(0, start)])
    reported: list[tuple[int, int]] = []
    frontier.extend(
        [leaf] * extra, on_node=lambda level, index, value: reported.append((level, index))
    )
    size = start + extra
    assert frontier.size == size
    assert frontier.hashes == [perfect[level] for level, _ in merkle.range_nodes(0, size)]
    expected = [
        (level, index) for level in (8, 16) for index in range(start >> level, size >> level)
    ]
    assert sorted(reported) == sorted(expected)


def test_the_frontier_root_is_the_tree_root() -> None:
    hashes = _leaves(1000)
    frontier = merkle.Frontier()
    for size in range(1000):
        assert frontier.root() == _mth(hashes[:size])
        frontier.extend([hashes[size]])
