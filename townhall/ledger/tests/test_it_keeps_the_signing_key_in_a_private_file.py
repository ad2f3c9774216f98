from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from townhall.ledger import keys
from townhall.ledger.note import Signer, Verifier
from townhall.ledger.services import ledger_append, ledger_checkpoint_publish

pytestmark = pytest.mark.django_db


def test_it_makes_the_key_on_first_use_readable_by_the_owner_only(
    settings: Any, client: Any
) -> None:
    path = Path(settings.LEDGER_KEY_FILE)
    assert not path.exists()
    vkey = client.get("/ledger/key").content.decode().strip()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    signer = Signer.parse(path.read_text())
    assert str(signer.verifier) == vkey
    assert Verifier.parse(vkey).name == "town.example/ledger"
    # The same key next time.
    assert keys.verifier_key() == vkey


def test_the_private_key_never_reaches_the_database(settings: Any) -> None:
    ledger_append(kind="case.decision", subject="case:1", payload={})
    ledger_checkpoint_publish()
    # PRIVATE+KEY+<name>+<hash>+<base64 key>; names hold no "+", the base64 may.
    secret = Path(settings.LEDGER_KEY_FILE).read_text().strip().split("+", 4)[4]
    assert len(secret) >= 40
    with connection.cursor() as cursor:
        for table in ("ledger_entry", "ledger_tile", "ledger_loghead", "ledger_checkpoint"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            assert secret not in repr(cursor.fetchall())


def test_a_key_for_another_origin_is_refused(settings: Any) -> None:
    Path(settings.LEDGER_KEY_FILE).write_text(Signer.generate("other.example/log").encode())
    with pytest.raises(ImproperlyConfigured, match="TOWNHALL_LEDGER_KEY_FILE"):
        keys.signer()
