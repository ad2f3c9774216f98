from __future__ import annotations

from typing import Any

import pytest

from townhall.ledger import merkle
from townhall.ledger.services import NewEntry, ledger_append_many

pytestmark = pytest.mark.django_db


def test_it_serves_tiles_and_bundles_as_immutable_bytes(client: Any) -> None:
    ledger_append_many(entries=[NewEntry("test.entry", f"s{i}", {"i": i}) for i in range(300)])
    full = client.get("/ledger/tile/0/000")
    partial = client.get("/ledger/tile/0/001.p/44")
    bundle = client.get("/ledger/tile/entries/001.p/44")
    for response in (full, partial, bundle):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response["Access-Control-Allow-Origin"] == "*"
    assert len(full.content) == 8192
    assert len(partial.content) == 44 * 32
    entries = merkle.split_entry_bundle(bundle.content)
    assert b"".join(merkle.leaf_hash(e) for e in entries) == partial.content
    # A narrower view of a tile that has grown is still served, as the spec
    # requires for sizes a checkpoint was signed at.
    assert client.get("/ledger/tile/0/000.p/5").content == full.content[: 5 * 32]
    assert client.get("/ledger/tile/1/000.p/1").content == merkle.perfect_root(full.content)


def test_the_checkpoint_is_cached_for_seconds_only(client: Any) -> None:
    response = client.get("/ledger/checkpoint")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=2"
    assert response.content.decode().startswith("town.example/ledger\n0\n")
