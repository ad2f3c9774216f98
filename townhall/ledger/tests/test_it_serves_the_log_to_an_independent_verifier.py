"""An outside verifier, written here from RFC 9162 and the C2SP specs only (urllib,
hashlib, cryptography; nothing from townhall.ledger), fetches the checkpoint,
tiles and entry bundles over HTTP and reproduces the signed root."""

from __future__ import annotations

import base64
import hashlib
import json
import urllib.request
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from townhall.ledger.services import NewEntry, ledger_append_many, ledger_checkpoint_publish

SIZE = 3 * 256 + 17


def fetch(base: str, path: str) -> bytes:
    with urllib.request.urlopen(f"{base}/ledger/{path}", timeout=10) as response:  # noqa: S310
        assert response.status == 200
        return response.read()


def tile_path(index: int) -> str:
    groups = []
    while True:
        groups.append(f"{index % 1000:03d}")
        index //= 1000
        if not index:
            break
    groups.reverse()
    return "/".join([f"x{g}" for g in groups[:-1]] + [groups[-1]])


def verify_checkpoint(note: str, vkey: str) -> tuple[str, int, bytes]:
    name, key_hash, key_b64 = vkey.split("+", 2)
    key = base64.b64decode(key_b64)
    assert key[0] == 0x01
    key_id = hashlib.sha256(name.encode() + b"\n" + key).digest()[:4]
    assert key_id.hex() == key_hash
    text, signatures = note[: note.rindex("\n\n") + 1], note[note.rindex("\n\n") + 2 :]
    verified = False
    for line in signatures.splitlines():
        dash, signer, blob_b64 = line.split(" ")
        blob = base64.b64decode(blob_b64)
        if dash == "\u2014" and signer == name and blob[:4] == key_id:
            Ed25519PublicKey.from_public_bytes(key[1:]).verify(blob[4:], text.encode())
            verified = True
    assert verified
    origin, size, root = text.splitlines()[:3]
    return origin, int(size), base64.b64decode(root)


def mth(hashes: list[bytes]) -> bytes:
    if not hashes:
        return hashlib.sha256(b"").digest()
    if len(hashes) == 1:
        return hashes[0]
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(hashes[:k]) + mth(hashes[k:])).digest()


def split_bundle(bundle: bytes) -> list[bytes]:
    entries, offset = [], 0
    while offset < len(bundle):
        length = int.from_bytes(bundle[offset : offset + 2], "big")
        entries.append(bundle[offset + 2 : offset + 2 + length])
        offset += 2 + length
    return entries


@pytest.mark.django_db(transaction=True)
def test_an_outside_verifier_reproduces_the_signed_root(live_server: Any) -> None:
    ledger_append_many(
        entries=[NewEntry("test.entry", f"subject:{i}", {"n": i}) for i in range(SIZE)]
    )
    ledger_checkpoint_publish(force=True)
    base = live_server.url

    vkey = fetch(base, "key").decode().strip()
    origin, size, root = verify_checkpoint(fetch(base, "checkpoint").decode(), vkey)
    assert origin == "town.example/ledger"
    assert size == SIZE

    leaves: list[bytes] = []
    full, rest = divmod(size, 256)
    for n in range(full + (1 if rest else 0)):
        suffix = f".p/{rest}" if n == full else ""
        entries = split_bundle(fetch(base, f"tile/entries/{tile_path(n)}{suffix}"))
        hashes = [hashlib.sha256(b"\x00" + entry).digest() for entry in entries]
        tile = fetch(base, f"tile/0/{tile_path(n)}{suffix}")
        assert tile == b"".join(hashes), f"level 0 tile {n} does not hold the entries' hashes"
        leaves += hashes
    assert mth(leaves) == root

    # The level-1 tile holds the root of each full level-0 tile; with the
    # leaves of the partial tile they give the same root without the leaves.
    level1 = fetch(base, f"tile/1/{tile_path(0)}.p/{full}")
    tile_roots = [level1[i : i + 32] for i in range(0, len(level1), 32)]
    assert tile_roots == [mth(leaves[i * 256 : (i + 1) * 256]) for i in range(full)]
    top = mth(tile_roots[:2])
    right = hashlib.sha256(b"\x01" + tile_roots[2] + mth(leaves[768:])).digest()
    assert hashlib.sha256(b"\x01" + top + right).digest() == root

    # The JSON conveniences agree: an entry, its leaf hash, and a proof.
    entry = json.loads(fetch(base, "entries/700"))
    assert hashlib.sha256(b"\x00" + entry["entry"].encode()).digest() == leaves[700]
    assert base64.b64decode(entry["leaf_hash"]) == leaves[700]
    proof = json.loads(fetch(base, f"proof/inclusion?index=700&size={size}"))["inclusion_proof"]
    value, index, last = leaves[700], 700, size - 1
    for sibling in (base64.b64decode(p) for p in proof):
        # RFC 9162 section 2.1.3.2, step by step.
        if index % 2 == 1 or index == last:
            value = hashlib.sha256(b"\x01" + sibling + value).digest()
            while index % 2 == 0 and index != 0:
                index, last = index >> 1, last >> 1
        else:
            value = hashlib.sha256(b"\x01" + value + sibling).digest()
        index, last = index >> 1, last >> 1
    assert last == 0
    assert value == root
