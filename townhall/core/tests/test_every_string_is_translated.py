"""Every user-facing string is marked for translation and translated.

makemessages runs on a copy of the source, so a string added without a
Spanish or French translation fails here rather than reaching a resident
in English.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
LANGUAGES = ("es", "fr")


def _entries(po: Path) -> list[tuple[bool, str, str]]:
    """(fuzzy, msgid, first empty-or-joined msgstr) for every entry but the header."""
    entries = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in block.splitlines())
        fields: dict[str, str] = {}
        current = None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            keyword = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if keyword:
                current = keyword.group(1)
                fields[current] = keyword.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if not fields.get("msgid"):
            continue
        translations = [v for k, v in fields.items() if k.startswith("msgstr")]
        text = "" if not translations or not all(translations) else translations[0]
        entries.append((fuzzy, fields["msgid"], text))
    return entries


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    copy = tmp_path_factory.mktemp("src") / "townhall"
    shutil.copytree(
        PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "tests", "static", "*.mo")
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "--no-obsolete",
            "--no-location",
            *[f"-l={code}" for code in LANGUAGES],
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": ""},
    )
    return copy / "locale"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_marked_string_has_a_translation(fresh_catalogues, code):
    entries = _entries(fresh_catalogues / code / "LC_MESSAGES" / "django.po")
    assert len(entries) > 100
    missing = [mid for fuzzy, mid, mstr in entries if fuzzy or not mstr]
    assert missing == [], f"{len(missing)} strings untranslated in {code}: {missing[:10]}"
