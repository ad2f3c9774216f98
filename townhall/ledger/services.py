"""Writes to the ledger: appending entries, signing checkpoints, adding cosignatures.

Other apps call `ledger_append` from the service that makes the change, inside
their own transaction, so a decision and its ledger entry commit or roll back
together. Appends are serialised by locking the single LogHead row: on
PostgreSQL `select_for_update` queues concurrent appenders; on SQLite the
IMMEDIATE transaction mode (see settings) already takes the write lock at BEGIN.
Either way the next appender reads the head only once the previous one has
committed, so no committed entry is lost or reordered.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from townhall.ledger import keys, merkle, selectors
from townhall.ledger.models import Checkpoint, Cosignature, Entry, LogHead, Tile
from townhall.ledger.note import Checkpoint as CheckpointText
from townhall.ledger.note import NoteError, check_cosignature, sign_note, split_note

logger = logging.getLogger(__name__)

MAX_ENTRY_BYTES = 0xFFFF  # an entry bundle prefixes each entry with a uint16 length
_KIND = re.compile(r"[a-z][a-z0-9_.-]{0,99}")


class LedgerError(ValueError):
    """An entry or a cosignature the ledger refuses, with a message saying why."""


@dataclass(frozen=True)
class NewEntry:
    kind: str
    subject: str
    payload: Mapping[str, Any]


def _check_keys(value: Any) -> None:
    # json.dumps would turn 1 into "1" but sort it as a number, so {10: x, 9: y}
    # would not come out in the order a verifier re-sorting the text expects.
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise LedgerError(f"the payload's keys are strings, not {key!r}")
            _check_keys(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _check_keys(item)


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no insignificant whitespace, UTF-8: one byte string per value."""
    _check_keys(value)
    try:
        text = json.dumps(
            value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        )
        return text.encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError) as exc:
        raise LedgerError(f"the payload is not plain JSON data ({exc})") from None


def entry_body(entry: NewEntry, *, actor: str | None, at: datetime) -> bytes:
    if not isinstance(entry.kind, str) or not _KIND.fullmatch(entry.kind):
        raise LedgerError("kind is 1-100 lowercase letters, digits, '.', '_' or '-'")
    if not isinstance(entry.subject, str) or len(entry.subject) > 200:
        raise LedgerError("subject is a string of at most 200 characters")
    if not isinstance(entry.payload, Mapping):
        raise LedgerError("payload is a JSON object")
    body = canonical_json(
        {
            "actor": actor,
            "kind": entry.kind,
            "payload": entry.payload,
            "subject": entry.subject,
            "time": at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        }
    )
    if len(body) > MAX_ENTRY_BYTES:
        raise LedgerError(f"an entry is at most {MAX_ENTRY_BYTES} bytes of JSON")
    return body


def _pseudonym(actor: AbstractBaseUser | AnonymousUser | None) -> str | None:
    if actor is None or not actor.is_authenticated:
        return None
    return str(getattr(actor, "pseudonym"))  # noqa: B009 - not every user model has it


def ledger_append(
    *,
    kind: str,
    subject: str,
    payload: Mapping[str, Any],
    actor: AbstractBaseUser | AnonymousUser | None = None,
) -> Entry:
    """Append one entry as part of the caller's transaction and return it (with its index)."""
    return ledger_append_many(entries=[NewEntry(kind, subject, payload)], actor=actor)[0]


def ledger_append_many(
    *,
    entries: Sequence[NewEntry],
    actor: AbstractBaseUser | AnonymousUser | None = None,
) -> list[Entry]:
    """Append entries in order, in one transaction, sharing one timestamp."""
    if not entries:
        return []
    pseudonym = _pseudonym(actor)
    now = timezone.now()
    # Everything that needs no lock is done before taking it.
    bodies = [entry_body(entry, actor=pseudonym, at=now) for entry in entries]
    sha256 = hashlib.sha256
    leaves = [sha256(b"\x00" + body).digest() for body in bodies]
    with transaction.atomic():
        head = _locked_head()
        start = head.size
        frontier = merkle.Frontier.decode(head.size, bytes(head.frontier))
        upper: dict[int, list[bytes]] = defaultdict(list)

        def completed(level: int, _index: int, value: bytes) -> None:
            upper[level // merkle.TILE_HEIGHT].append(value)

        frontier.extend(leaves, on_node=completed)
        rows = [Entry(index=start + i, body=body) for i, body in enumerate(bodies)]
        Entry.objects.bulk_create(rows)
        _write_tiles(start, {0: leaves, **upper})
        head.size = frontier.size
        head.frontier = frontier.encode()
        head.root = frontier.root()
        head.save(update_fields=["size", "frontier", "root"])
        transaction.on_commit(_publish_after_commit, robust=True)
    return rows


def _locked_head() -> LogHead:
    head = LogHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        # First append ever (or after a test flush): make the row, tolerating
        # a concurrent first append that makes it too.
        LogHead.objects.bulk_create([LogHead(pk=1)], ignore_conflicts=True)
        head = LogHead.objects.select_for_update().get(pk=1)
    return head


def _write_tiles(old_size: int, new_hashes: dict[int, list[bytes]]) -> None:
    """Append new hashes to the tiles of each level, filling partial tiles first."""
    plan = []
    partial: list[tuple[int, int]] = []
    for level, hashes in new_hashes.items():
        first = old_size >> (merkle.TILE_HEIGHT * level)
        plan.append((level, first, hashes))
        if first % merkle.TILE_WIDTH:
            partial.append((level, first // merkle.TILE_WIDTH))
    existing = selectors.tiles(partial)
    rows = []
    for level, first, hashes in plan:
        tile_index, offset = divmod(first, merkle.TILE_WIDTH)
        data = existing.get((level, tile_index), b"")
        if len(data) != offset * merkle.HASH_SIZE:
            raise selectors.LedgerCorruptError(
                f"tile {level}/{tile_index} holds {len(data) // merkle.HASH_SIZE} hashes, "
                f"the log head expects {offset}"
            )
        buffer = data + b"".join(hashes)
        full = merkle.TILE_WIDTH * merkle.HASH_SIZE
        for i, cut in enumerate(range(0, len(buffer), full)):
            rows.append(Tile(level=level, index=tile_index + i, hashes=buffer[cut : cut + full]))
    Tile.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["level", "index"], update_fields=["hashes"]
    )


# --- Checkpoints ---------------------------------------------------------------


def ledger_checkpoint_publish(*, force: bool = False) -> Checkpoint | None:
    """Sign a checkpoint of the current tree if it grew and the last one is old enough.

    Returns the latest checkpoint afterwards (None only for a log that has never
    been checkpointed and cannot be now). `force` ignores the interval, never
    the "nothing changed" rule.
    """
    interval = timedelta(seconds=settings.LEDGER_CHECKPOINT_INTERVAL)
    latest = selectors.latest_checkpoint()
    size = selectors.log_size()
    # The common case, answered without a write transaction.
    if latest is not None and (
        latest.size >= size or (not force and timezone.now() - latest.created_at < interval)
    ):
        return latest
    with transaction.atomic():
        head = _locked_head()
        latest = Checkpoint.objects.order_by("-size").first()
        now = timezone.now()
        if latest is not None and (
            latest.size >= head.size or (not force and now - latest.created_at < interval)
        ):
            return latest
        root = bytes(head.root) if head.size else merkle.EMPTY_ROOT
        _check_before_signing(head.size, root, latest)
        text = CheckpointText(settings.LEDGER_ORIGIN, head.size, root).text()
        note = sign_note(text, keys.signer())
        return Checkpoint.objects.create(size=head.size, root=root, note=note, created_at=now)


def _check_before_signing(size: int, root: bytes, latest: Checkpoint | None) -> None:
    # A log must never sign a checkpoint inconsistent with one it signed
    # before. The head's root is recomputed from the stored tiles and proved
    # consistent with the last checkpoint; if the tables were edited behind
    # the application's back, the log stops signing rather than sign a lie.
    if merkle.tree_root(size, selectors.read_nodes) != root:
        raise selectors.LedgerCorruptError("the log head's root does not match its tiles")
    if latest is None or latest.size == 0:
        return
    proof = merkle.consistency_proof(latest.size, size, selectors.read_nodes)
    if not merkle.verify_consistency(latest.size, size, bytes(latest.root), root, proof):
        raise selectors.LedgerCorruptError(
            f"the tree of size {size} is not consistent with checkpoint {latest.size}"
        )


def _publish_after_commit() -> None:
    from townhall.ledger.tasks import checkpoint_publish_later

    checkpoint = ledger_checkpoint_publish()
    if checkpoint is None or checkpoint.size < selectors.log_size():
        checkpoint_publish_later(after=checkpoint.created_at if checkpoint else None)


# --- Witness cosignatures (c2sp.org/tlog-witness) --------------------------------


def ledger_cosignatures_add(*, size: int, response: str) -> list[Cosignature]:
    """Store the cosignature lines a witness answered to add-checkpoint for checkpoint `size`.

    Lines by keys that are not configured witnesses, or that do not verify,
    are refused with a LedgerError; nothing is stored unless all verify.
    """
    checkpoint = Checkpoint.objects.filter(size=size).first()
    if checkpoint is None:
        raise LedgerError(f"there is no checkpoint of size {size}")
    text, _ = split_note(checkpoint.note)
    lines = [line + "\n" for line in response.strip("\n").split("\n") if line]
    if not lines:
        raise LedgerError("the witness response has no signature lines")
    witnesses = keys.witnesses()
    accepted = []
    try:
        _, signatures = split_note(text + "\n" + "".join(lines))
    except NoteError as exc:
        raise LedgerError(str(exc)) from None
    for signature in signatures:
        witness = next(
            (w for w in witnesses if w.name == signature.name and w.id == signature.key_id), None
        )
        if witness is None:
            raise LedgerError(f"{signature.name} is not a configured witness key")
        try:
            timestamp = check_cosignature(text, signature, witness)
        except NoteError as exc:
            raise LedgerError(str(exc)) from None
        accepted.append((witness, signature, timestamp))
    now = timezone.now()
    with transaction.atomic():
        Cosignature.objects.bulk_create(
            [
                Cosignature(
                    checkpoint=checkpoint,
                    witness=witness.name,
                    line=signature.line(),
                    timestamp=timestamp,
                    received_at=now,
                )
                for witness, signature, timestamp in accepted
            ],
            ignore_conflicts=True,
        )
    return list(checkpoint.cosignatures.order_by("witness"))
