"""Concurrent appends, from threads (the test database) and from processes (a WAL file).

The threaded test needs a database that takes concurrent writers: PostgreSQL or
a SQLite file. Django's default SQLite test database is in memory with a shared
cache, whose table locks fail at once instead of waiting, so there the
process test below carries the claim, against a real SQLite file in WAL mode
with the production settings, as gunicorn workers would use it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from townhall.ledger import merkle, selectors
from townhall.ledger.audit import verify_log
from townhall.ledger.models import Entry
from townhall.ledger.services import (
    NewEntry,
    ledger_append,
    ledger_append_many,
    ledger_checkpoint_publish,
)

THREADS = 4
APPENDS = 25
PER_WORKER = APPENDS - APPENDS // 5 + 3 * (APPENDS // 5)


def _append_some(worker: int) -> None:
    for i in range(APPENDS):
        if i % 5 == 4:
            ledger_append_many(
                entries=[NewEntry("test.batch", f"w{worker}", {"i": i, "j": j}) for j in range(3)]
            )
        else:
            # A caller's transaction with the append inside it.
            with transaction.atomic():
                ledger_append(kind="test.single", subject=f"w{worker}", payload={"i": i})
        ledger_checkpoint_publish()


def _check_log(expected: int) -> None:
    assert selectors.log_size() == expected
    bodies = list(Entry.objects.order_by("index").values_list("index", "body"))
    assert [index for index, _ in bodies] == list(range(expected))
    entries = [json.loads(bytes(body)) for _, body in bodies]
    for worker in range(THREADS):
        mine = [e["payload"]["i"] for e in entries if e["subject"] == f"w{worker}"]
        assert len(mine) == PER_WORKER
        assert mine == sorted(mine), "a worker's entries were reordered"
    ledger_checkpoint_publish(force=True)
    summary = verify_log()
    assert summary.entries == expected
    assert merkle.tree_root(expected, selectors.read_nodes) == summary.root


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_from_threads_lose_and_reorder_nothing() -> None:
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the in-memory SQLite test database cannot queue concurrent writers")
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def work(worker: int) -> None:
        try:
            barrier.wait()
            _append_some(worker)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    _check_log(THREADS * PER_WORKER)


WORKER = """
import os, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "townhall.settings"
django.setup()
from townhall.ledger.tests.test_it_loses_no_entry_under_concurrent_appends import _append_some
_append_some(int(sys.argv[1]))
"""

CHECK = """
import os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "townhall.settings"
django.setup()
from townhall.ledger.tests.test_it_loses_no_entry_under_concurrent_appends import _check_log
_check_log(int(os.environ["EXPECTED"]))
print("checked")
"""


def test_concurrent_appends_from_processes_on_a_sqlite_file_lose_nothing(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "TOWNHALL_DATA_DIR": str(tmp_path),
        "TOWNHALL_DATABASE_URL": f"sqlite:///{tmp_path / 'ledger.sqlite3'}",
        "TOWNHALL_LEDGER_KEY_FILE": str(tmp_path / "ledger.key"),
        "TOWNHALL_LEDGER_CHECKPOINT_INTERVAL": "0",
        "EXPECTED": str(THREADS * PER_WORKER),
    }
    root = Path(settings.BASE_DIR)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=root, env=env, check=True, timeout=120
    )
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(n)], cwd=root, env=env)
        for n in range(THREADS)
    ]
    assert [worker.wait(timeout=120) for worker in workers] == [0] * THREADS
    done = subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "checked" in done.stdout
