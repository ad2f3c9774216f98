"""Every resident-facing string written in the catalogue's code is marked with
gettext_noop, so that Django's makemessages finds it and the Django layer can
translate it when it renders."""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import pytest

from townhall.catalog import answers, rule_tables, spec
from townhall.catalog.text import Text

PACKAGE = Path(__file__).resolve().parents[1]
MODULES = sorted(path for path in PACKAGE.glob("*.py"))


def text_calls(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Text" and node.args
    ]


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_every_literal_text_is_marked(path: Path) -> None:
    for call in text_calls(path):
        first = call.args[0]
        if isinstance(first, ast.Constant):
            pytest.fail(f"{path.name}:{call.lineno}: wrap the words in gettext_noop(...)")


def texts_in(value: object) -> list[Text]:
    if isinstance(value, Text):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, tuple | list):
        return [text for item in value for text in texts_in(item)]
    return []


def marked_messages() -> set[str]:
    """The English of every Text constant in the modules that word messages."""
    return {
        text.en
        for module in (answers, rule_tables, spec)
        for value in vars(module).values()
        for text in texts_in(value)
    }


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="xgettext (gettext) is not installed")
def test_makemessages_would_find_every_message(tmp_path: Path) -> None:
    output = tmp_path / "catalog.pot"
    # The keywords Django's makemessages passes for Python files.
    subprocess.run(
        [
            "xgettext",
            "--language=Python",
            "--from-code=UTF-8",
            "--keyword=gettext_noop",
            "--no-wrap",
            "--output",
            str(output),
            *map(str, MODULES),
        ],
        check=True,
    )
    pot = output.read_text(encoding="utf-8")

    missing = [message for message in marked_messages() if f'msgid "{message}"' not in pot]
    assert len(marked_messages()) > 40
    assert missing == []
