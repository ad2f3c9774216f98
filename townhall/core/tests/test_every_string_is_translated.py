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
ENTRY = re.compile(r'^(#, fuzzy\n)?msgid "(.*)"\nmsgstr "(.*)"', re.M)


def _entries(po: Path) -> list[tuple[bool, str, str]]:
    text = po.read_text(encoding="utf-8")
    # Fold continued lines so every entry reads as msgid "…" / msgstr "…".
    text = re.sub(r'"\n"', "", text)
    text = re.sub(r"\n#[:.|~ ][^\n]*", "", text)
    text = re.sub(
        r'\nmsgid_plural "[^\n]*"\nmsgstr\[0\] "([^\n]*)"(\nmsgstr\[\d\] "[^\n]*")*',
        r'\nmsgstr "\1"',
        text,
    )
    return [(bool(f), mid, mstr) for f, mid, mstr in ENTRY.findall(text) if mid]


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
