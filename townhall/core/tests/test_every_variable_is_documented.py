import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_every_townhall_variable_read_by_the_code_is_in_configuration_md():
    read = set()
    for source in (ROOT / "townhall").rglob("*.py"):
        if "tests" not in source.parts:
            read |= set(re.findall(r'"(TOWNHALL_[A-Z_]+)"', source.read_text(encoding="utf-8")))
    documented = set(
        re.findall(r"`(TOWNHALL_[A-Z_]+)`", (ROOT / "docs/configuration.md").read_text())
    )
    assert len(read) > 20
    assert read - documented == set(), "document these in docs/configuration.md"
