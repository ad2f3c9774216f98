"""`townhall pb outcome FILE.pb --rule RULE --json`: the public contract."""

import json
import subprocess
import sys
from pathlib import Path

from conftest import shared_data

ROOT = Path(__file__).resolve().parents[3]


def _pb(*args):
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "pb", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


def test_it_prints_exactly_the_selected_ids_and_the_cost():
    path = shared_data("pb", "Netherlands_Assen_2024.pb")
    done = _pb("outcome", str(path), "--rule", "mes-add1", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == {"selected", "cost"}
    assert sorted(result["selected"]) == sorted(["2", "3", "5", "6", "9", "11", "12", "13", "14"])
    assert result["cost"] == 76700
    assert "note:" in done.stderr


def test_a_bad_file_gives_one_line_and_exit_code_1(tmp_path):
    bad = tmp_path / "bad.pb"
    bad.write_text("META\nkey;value\nbudget;100\nPROJECTS\nproject_id;cost\n1;cheap\n")
    done = _pb("outcome", str(bad), "--rule", "greedy", "--json")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == f"{bad}: line 6: the cost of project 1 'cheap' is not a number\n"
