from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from townhall.privacy import keys
from townhall.privacy.crypto import Keyring

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_new_key_written_by_another_process_is_used_at_once(
    tables: Any, raw: Any, key_file: Path
) -> None:
    first = tables.Application.objects.create(national_id="X1234567Z")
    assert raw.read("privacy_application", "national_id", first.pk).startswith("v1.k1.")

    # What `townhall privacy rotate-key` does from another process: replace the file.
    rotated = Keyring.from_json(json.loads(key_file.read_text())).rotate()
    replacement = key_file.with_name("replacement")
    replacement.write_text(json.dumps(rotated.to_json()))
    replacement.chmod(0o600)
    os.replace(replacement, key_file)

    second = tables.Application.objects.create(national_id="Y7654321A")
    assert raw.read("privacy_application", "national_id", second.pk).startswith("v1.k2.")
    assert keys.keyring().current == "k2"
    # Values sealed before the rotation still open.
    assert tables.Application.objects.get(pk=first.pk).national_id == "X1234567Z"


def test_a_file_edited_in_place_is_reloaded(key_file: Path) -> None:
    ring = keys.keyring()
    rotated = ring.rotate("spring-2026")
    key_file.write_text(json.dumps(rotated.to_json()))
    assert keys.keyring().current == "spring-2026"
    assert keys.data_key_add().current == "k2"
    assert keys.keyring().current == "k2"
    assert set(keys.keyring().keys) == {"k1", "spring-2026", "k2"}
