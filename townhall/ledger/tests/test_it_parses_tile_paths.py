from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from townhall.ledger import merkle


def test_it_writes_tile_paths_like_the_spec() -> None:
    assert merkle.tile_path(0, 1234067) == "tile/0/x001/x234/067"
    assert merkle.tile_path(0, 0) == "tile/0/000"
    assert merkle.tile_path(1, 12, 17) == "tile/1/012.p/17"
    assert merkle.tile_path("entries", 1000) == "tile/entries/x001/000"


@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=1, max_value=256))
def test_it_parses_what_it_writes(index: int, width: int) -> None:
    path = merkle.tile_path(0, index, width)
    assert merkle.parse_tile_index(path.removeprefix("tile/0/")) == (index, width)


@pytest.mark.parametrize(
    "text",
    [
        "x000/001",
        "1",
        "0001",
        "001/002",
        "x1/002",
        "001.p/0",
        "001.p/256",
        "001.p/07",
        "-01",
        "001.p/",
        "abc",
        "001/",
        "x001/x002",
    ],
)
def test_it_rejects_non_canonical_tile_paths(text: str) -> None:
    with pytest.raises(ValueError):
        merkle.parse_tile_index(text)


def test_it_bundles_entries_with_uint16_lengths() -> None:
    bundle = merkle.entry_bundle([b"", b"ab", b"x" * 300])
    assert bundle[:2] == b"\x00\x00"
    assert bundle[2:6] == b"\x00\x02ab"
    assert bundle[6:8] == (300).to_bytes(2, "big")
    assert merkle.split_entry_bundle(bundle) == [b"", b"ab", b"x" * 300]
    with pytest.raises(ValueError):
        merkle.entry_bundle([b"x" * 65536])


def test_it_knows_the_partial_tiles_of_a_tree() -> None:
    # The example of c2sp.org/tlog-tiles: size 70,000.
    assert merkle.tile_widths(70_000) == [(0, 273, 112), (1, 1, 17), (2, 0, 1)]
    assert merkle.tile_widths(256) == [(1, 0, 1)]
