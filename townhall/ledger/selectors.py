"""Reads of the ledger: tiles, proofs, entries, checkpoints and receipts.

Every proof is built from stored tiles: a node of the tree is either a hash in
a tile or the root of at most 128 consecutive hashes of one tile, so a proof at
any tree size reads at most two tiles per tile level (O(log n) rows).
"""

from __future__ import annotations

import base64
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

from townhall.ledger import merkle
from townhall.ledger.models import Checkpoint, Entry, LogHead, Tile

RECEIPT_FORMAT = "townhall-ledger-receipt/v1"
_TILE_TABLE = Tile._meta.db_table


class LedgerCorruptError(RuntimeError):
    """The stored log is not what the application wrote (edited behind its back)."""


def log_size() -> int:
    size = LogHead.objects.filter(pk=1).values_list("size", flat=True).first()
    return size or 0


def latest_checkpoint() -> Checkpoint | None:
    return Checkpoint.objects.order_by("-size").first()


def checkpoints() -> Iterable[Checkpoint]:
    return Checkpoint.objects.order_by("size").prefetch_related("cosignatures").iterator(2000)


def entry_body(index: int) -> bytes | None:
    body = Entry.objects.filter(index=index).values_list("body", flat=True).first()
    return None if body is None else bytes(body)


def tiles(wanted: Sequence[tuple[int, int]]) -> dict[tuple[int, int], bytes]:
    """The stored hashes of the tiles (level, index) that exist among `wanted`."""
    by_level: dict[int, set[int]] = defaultdict(set)
    for level, index in wanted:
        by_level[level].add(index)
    if not by_level:
        return {}
    # Plain SQL: this runs for every proof, and the ORM's query building
    # costs more than the query itself.
    column = connection.ops.quote_name("index")
    conditions, params = [], []
    for level, indices in sorted(by_level.items()):
        conditions.append(f"(level = %s AND {column} IN ({', '.join(['%s'] * len(indices))}))")
        params += [level, *sorted(indices)]
    where = " OR ".join(conditions)
    sql = f"SELECT level, {column}, hashes FROM {_TILE_TABLE} WHERE {where}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(level, index): bytes(hashes) for level, index, hashes in cursor.fetchall()}


def read_nodes(nodes: Sequence[merkle.Node]) -> dict[merkle.Node, bytes]:
    """Hashes of perfect nodes of the tree, from the tiles that hold them (a merkle.NodeReader)."""
    places = {node: merkle.node_in_tile(*node) for node in nodes}
    stored = tiles([(level, index) for level, index, _, _ in places.values()])
    found = {}
    for node, (level, index, slot, count) in places.items():
        data = stored.get((level, index), b"")[
            slot * merkle.HASH_SIZE : (slot + count) * merkle.HASH_SIZE
        ]
        if len(data) != count * merkle.HASH_SIZE:
            raise LedgerCorruptError(f"tile {level}/{index} lacks the hashes of node {node}")
        found[node] = data if count == 1 else merkle.perfect_root(data)
    return found


def inclusion_proof(index: int, size: int) -> list[bytes]:
    return merkle.inclusion_proof(index, size, read_nodes)


def consistency_proof(first: int, second: int) -> list[bytes]:
    return merkle.consistency_proof(first, second, read_nodes)


def tile_data(level: int, index: int, width: int) -> bytes | None:
    """A tile as served over HTTP, or None if the tree has no such tile (yet)."""
    data = tiles([(level, index)]).get((level, index), b"")
    if len(data) < width * merkle.HASH_SIZE:
        return None
    return data[: width * merkle.HASH_SIZE]


def entry_bundle(index: int, width: int) -> bytes | None:
    start = index * merkle.TILE_WIDTH
    bodies = list(
        Entry.objects.filter(index__gte=start, index__lt=start + width)
        .order_by("index")
        .values_list("body", flat=True)
    )
    if len(bodies) != width:
        return None
    return merkle.entry_bundle(bytes(body) for body in bodies)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def entry_json(index: int) -> dict[str, Any] | None:
    body = entry_body(index)
    if body is None:
        return None
    return {
        "index": index,
        "entry": body.decode("utf-8"),
        "leaf_hash": b64(merkle.leaf_hash(body)),
    }


def receipt_for(index: int) -> dict[str, Any] | None:
    """The receipt of entry `index` against the latest checkpoint, if one covers it."""
    checkpoint = latest_checkpoint()
    body = entry_body(index)
    if checkpoint is None or body is None or checkpoint.size <= index:
        return None
    return {
        "format": RECEIPT_FORMAT,
        "index": index,
        "entry": body.decode("utf-8"),
        "inclusion_proof": [b64(h) for h in inclusion_proof(index, checkpoint.size)],
        "checkpoint": checkpoint.note,
    }


def cosignature_lines(checkpoint: Checkpoint) -> list[str]:
    return [c.line for c in checkpoint.cosignatures.order_by("witness")]


def witness_request(old_size: int, checkpoint: Checkpoint) -> str:
    """The body of a c2sp.org/tlog-witness add-checkpoint request for `checkpoint`,
    from the witness's last cosigned size `old_size` (0 if it has none)."""
    if not 0 <= old_size <= checkpoint.size:
        raise ValueError("the old size is between 0 and the checkpoint's size")
    proof = consistency_proof(old_size, checkpoint.size) if old_size else []
    lines = [f"old {old_size}", *(b64(h) for h in proof)]
    return "\n".join(lines) + "\n\n" + checkpoint.note


def checkpoints_published() -> list[dict[str, Any]]:
    """Every stored checkpoint as plain data, oldest first, for open data:
    size, root (base64, as in the signed note), when, the signed note and witnesses."""
    return [
        {
            "size": checkpoint.size,
            "root": b64(bytes(checkpoint.root)),
            "created_at": checkpoint.created_at,
            "note": checkpoint.note,
            "witnesses": sorted(c.witness for c in checkpoint.cosignatures.all()),
        }
        for checkpoint in checkpoints()
    ]
