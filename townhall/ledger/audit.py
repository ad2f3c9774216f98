"""`townhall ledger verify`: recompute the whole log and check every checkpoint.

1. Every entry is read in index order and hashed; the leaf hashes must be the
   level-0 tiles byte for byte, and each full tile's root must be the next hash
   of the tile above, and so on up. So every stored hash is recomputed from the
   entries, and an entry edited in the database is named by its index.
2. The log head (size, root, right border) must match the recomputed tree.
3. Every stored checkpoint must be signed by the log's key, say what its row
   says, have the root of the recomputed tree at its size, and be consistent
   with the checkpoint before it (proved from the recomputed tiles).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection

from townhall.ledger import keys, merkle, selectors
from townhall.ledger.models import Checkpoint, Entry, LogHead, Tile
from townhall.ledger.note import NoteError, check_cosignature, open_checkpoint, split_note

CHUNK_TILES = 64
_FULL = merkle.TILE_WIDTH * merkle.HASH_SIZE


class AuditFailure(Exception):
    """The log does not verify; the message names what differs."""

    def __init__(self, message: str, *, entry: int | None = None) -> None:
        super().__init__(message)
        self.entry = entry


@dataclass
class AuditSummary:
    entries: int
    tiles: int
    checkpoints: int
    root: bytes
    seconds: float


def verify_log(progress: Callable[[int], None] | None = None) -> AuditSummary:
    started = time.perf_counter()
    head = LogHead.objects.filter(pk=1).first()
    size = head.size if head else 0
    tiles = _verify_tiles(size, progress)
    root = merkle.tree_root(size, selectors.read_nodes)
    if head is not None and bytes(head.root or merkle.EMPTY_ROOT) != root:
        raise AuditFailure("the log head's root is not the root of the entries")
    border = merkle.range_nodes(0, size)
    found = selectors.read_nodes(border)
    if head is not None and bytes(head.frontier) != b"".join(found[node] for node in border):
        raise AuditFailure("the log head's right border is not the one of the entries")
    checkpoints = _verify_checkpoints(size)
    return AuditSummary(size, tiles, checkpoints, root, time.perf_counter() - started)


def _verify_tiles(size: int, progress: Callable[[int], None] | None) -> int:
    entry_table = connection.ops.quote_name(Entry._meta.db_table)
    tile_table = connection.ops.quote_name(Tile._meta.db_table)
    index_column = connection.ops.quote_name("index")
    sha256 = hashlib.sha256
    upper = _UpperLevels()
    checked_tiles = 0
    with connection.cursor() as cursor:
        for first_tile in range(
            0, (size + merkle.TILE_WIDTH - 1) // merkle.TILE_WIDTH, CHUNK_TILES
        ):
            start = first_tile * merkle.TILE_WIDTH
            end = min(size, start + CHUNK_TILES * merkle.TILE_WIDTH)
            cursor.execute(
                f"SELECT body FROM {entry_table} WHERE {index_column} >= %s "  # noqa: S608
                f"AND {index_column} < %s ORDER BY {index_column}",
                [start, end],
            )
            bodies = [row[0] for row in cursor.fetchall()]
            if len(bodies) != end - start:
                missing = _first_missing(start, end)
                raise AuditFailure(f"entry {missing} is missing", entry=missing)
            cursor.execute(
                f"SELECT {index_column}, hashes FROM {tile_table} WHERE level = 0 "  # noqa: S608
                f"AND {index_column} >= %s AND {index_column} < %s ORDER BY {index_column}",
                [first_tile, first_tile + CHUNK_TILES],
            )
            stored = {index: bytes(hashes) for index, hashes in cursor.fetchall()}
            leaves = b"".join([sha256(b"\x00" + body).digest() for body in bodies])
            for offset in range(0, len(leaves), _FULL):
                tile_index = first_tile + offset // _FULL
                computed = leaves[offset : offset + _FULL]
                found = stored.get(tile_index, b"")
                if computed != found:
                    _raise_tile_mismatch(0, tile_index, computed, found)
                checked_tiles += 1
                if len(computed) == _FULL:
                    upper.add(1, merkle.perfect_root(computed))
            if progress is not None:
                progress(end - start)
    upper.finish()
    checked_tiles += upper.checked
    stored_count = Tile.objects.count()
    if stored_count != checked_tiles:
        raise AuditFailure(f"the log stores {stored_count} tiles, its entries make {checked_tiles}")
    return checked_tiles


class _UpperLevels:
    """Hashes of the levels above 0, computed from the entries, checked tile by tile."""

    def __init__(self) -> None:
        self.pending: dict[int, list[bytes]] = {}  # hashes of the level's unfinished tile
        self.done: dict[int, int] = {}  # full tiles checked per level
        self.checked = 0

    def add(self, level: int, value: bytes) -> None:
        """Add a full tile's root to the level above; check the tiles this completes."""
        while True:
            hashes = self.pending.setdefault(level, [])
            hashes.append(value)
            if len(hashes) < merkle.TILE_WIDTH:
                return
            computed = b"".join(hashes)
            hashes.clear()
            index = self.done.get(level, 0)
            self.done[level] = index + 1
            self.compare(level, index, computed)
            value = merkle.perfect_root(computed)
            level += 1

    def finish(self) -> None:
        for level, hashes in sorted(self.pending.items()):
            if hashes:
                self.compare(level, self.done.get(level, 0), b"".join(hashes))

    def compare(self, level: int, index: int, computed: bytes) -> None:
        found = selectors.tiles([(level, index)]).get((level, index), b"")
        if computed != found:
            _raise_tile_mismatch(level, index, computed, found)
        self.checked += 1


def _raise_tile_mismatch(level: int, index: int, computed: bytes, found: bytes) -> None:
    slot = (
        next(
            (
                i
                for i in range(0, max(len(computed), len(found)), merkle.HASH_SIZE)
                if computed[i : i + merkle.HASH_SIZE] != found[i : i + merkle.HASH_SIZE]
            ),
            0,
        )
        // merkle.HASH_SIZE
    )
    first = (index * merkle.TILE_WIDTH + slot) << (merkle.TILE_HEIGHT * level)
    if level == 0:
        raise AuditFailure(
            f"entry {first} does not hash to the leaf the log recorded in tile 0/{index} "
            "(the entry or the tile was changed)",
            entry=first,
        )
    last = first + (1 << (merkle.TILE_HEIGHT * level)) - 1
    raise AuditFailure(
        f"tile {level}/{index} does not match entries {first} to {last} "
        "(a stored hash was changed)",
        entry=first,
    )


def _first_missing(start: int, end: int) -> int:
    present = Entry.objects.filter(index__gte=start, index__lt=end).order_by("index")
    expected = start
    for index in present.values_list("index", flat=True).iterator():
        if index != expected:
            return expected
        expected += 1
    return expected


def _verify_checkpoints(size: int) -> int:
    verifier = keys.verifier()
    count = 0
    previous = None
    for checkpoint in selectors.checkpoints():
        label = f"checkpoint {checkpoint.size}"
        try:
            parsed = open_checkpoint(checkpoint.note, verifier)
        except NoteError as exc:
            raise AuditFailure(f"{label}: {exc}") from None
        if parsed.size != checkpoint.size or parsed.root != bytes(checkpoint.root):
            raise AuditFailure(f"{label}: the stored size or root differs from the signed note")
        if parsed.size > size:
            raise AuditFailure(f"{label} is larger than the log ({size} entries)")
        if merkle.tree_root(parsed.size, selectors.read_nodes) != parsed.root:
            raise AuditFailure(
                f"{label}: its signed root is not the root of the first {parsed.size} entries "
                f"(an entry before {parsed.size} was changed)",
            )
        if previous is not None and previous.size > 0:
            proof = selectors.consistency_proof(previous.size, parsed.size)
            if not merkle.verify_consistency(
                previous.size, parsed.size, previous.root, parsed.root, proof
            ):
                raise AuditFailure(f"{label} is not consistent with checkpoint {previous.size}")
        _verify_cosignatures(checkpoint, label)
        previous = parsed
        count += 1
    return count


def _verify_cosignatures(checkpoint: Checkpoint, label: str) -> None:
    witnesses = {(w.name, w.id): w for w in keys.witnesses()}
    text, _ = split_note(checkpoint.note)
    for cosignature in checkpoint.cosignatures.all():
        try:
            _, (signature,) = split_note(text + "\n" + cosignature.line)
            witness = witnesses.get((signature.name, signature.key_id))
            # A witness no longer configured is not trusted, nor checked.
            if witness is not None:
                check_cosignature(text, signature, witness)
        except (NoteError, ValueError) as exc:
            raise AuditFailure(f"{label}: cosignature by {cosignature.witness}: {exc}") from None
