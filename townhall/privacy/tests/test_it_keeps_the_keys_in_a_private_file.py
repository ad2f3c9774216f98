from __future__ import annotations

import base64
import json
import logging
import os
import stat
import threading
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from townhall.privacy import keys
from townhall.privacy.checks import key_file_check
from townhall.privacy.crypto import Keyring


def test_the_key_file_is_made_on_first_use_for_the_owner_only(key_file: Path) -> None:
    assert not key_file.exists()
    ring = keys.keyring()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    written = json.loads(key_file.read_text())
    assert written["current"] == "k1" == ring.current
    assert len(base64.b64decode(written["keys"]["k1"], validate=True)) == 32
    assert keys.keyring() is ring  # cached while the file does not change
    assert [p.name for p in key_file.parent.iterdir()] == [key_file.name]  # no leftovers


def test_without_a_setting_it_lives_in_the_data_folder(settings: Any, tmp_path: Path) -> None:
    del settings.DATA_KEY_FILE
    settings.DATA_DIR = tmp_path / "data"
    keys.keyring()
    assert (tmp_path / "data" / "data-keys.json").exists()


@pytest.mark.parametrize("mode", [0o644, 0o604, 0o620, 0o666])
def test_a_key_file_others_can_read_or_change_is_refused(key_file: Path, mode: int) -> None:
    keys.keyring()
    key_file.chmod(mode)
    with pytest.raises(ImproperlyConfigured, match=r"^TOWNHALL_DATA_KEY_FILE: .*chmod 600"):
        keys.keyring()


def test_a_key_file_readable_by_its_group_is_accepted(key_file: Path) -> None:
    # For deployments where a service group, not only the owner, runs Townhall.
    ring = keys.keyring()
    key_file.chmod(0o640)
    assert keys.keyring().keys == ring.keys


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is not JSON"),
        ("k1=abc", "is not JSON"),
        ('{"current": "k2", "keys": {"k1": "%s"}}', "current key 'k2' is not in the keyring"),
        ('{"keys": {"k1": "%s"}}', '"current" must name a key'),
        ('{"current": "k1", "keys": {"k1": "c2hvcnQ="}}', "exactly 32 bytes"),
        ('{"current": "k1", "keys": {"k1": "not base64!"}}', "not valid base64"),
        ('{"current": "k.1", "keys": {"k.1": "%s"}}', "must be 1-32 letters"),
        ("[1, 2]", "expected an object"),
    ],
)
def test_a_malformed_key_file_is_refused(key_file: Path, content: str, message: str) -> None:
    key = base64.b64encode(os.urandom(32)).decode()
    key_file.parent.mkdir(parents=True)
    key_file.write_text(content.replace("%s", key))
    key_file.chmod(0o600)
    with pytest.raises(ImproperlyConfigured, match="TOWNHALL_DATA_KEY_FILE") as refused:
        keys.keyring()
    assert message in str(refused.value)
    assert key not in str(refused.value)


def test_an_unreadable_key_file_is_refused(key_file: Path) -> None:
    key_file.mkdir(parents=True)  # a folder where the file should be
    with pytest.raises(
        ImproperlyConfigured, match="TOWNHALL_DATA_KEY_FILE: cannot read .*Is a directory"
    ):
        keys.keyring()


def test_processes_starting_together_agree_on_one_keyring(key_file: Path) -> None:
    start = threading.Barrier(8)
    rings: list[Keyring] = []

    def first_use() -> None:
        start.wait()
        rings.append(keys.keyring())

    threads = [threading.Thread(target=first_use) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(rings) == 8
    assert all(ring.keys == rings[0].keys for ring in rings)
    assert dict(rings[0].keys) == dict(Keyring.from_json(json.loads(key_file.read_text())).keys)


def test_keys_never_reach_the_logs(key_file: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    keys.keyring()
    rotated = keys.data_key_add()
    logged = caplog.text + repr(rotated) + str(rotated)
    assert "k2" in caplog.text
    for key in rotated.keys.values():
        assert base64.b64encode(key).decode() not in logged
        assert key.hex() not in logged
    assert "k1" in repr(rotated)


def test_the_system_check_reports_a_bad_key_file_without_making_one(key_file: Path) -> None:
    assert key_file_check() == []
    assert not key_file.exists()
    keys.keyring()
    assert key_file_check() == []
    key_file.chmod(0o644)
    (problem,) = key_file_check()
    assert problem.id == "privacy.E010"
    assert "TOWNHALL_DATA_KEY_FILE" in problem.msg
