"""`townhall safety detect --input FILE.csv --output OUT.csv` (DESIGN.md contract)."""

from __future__ import annotations

import csv

import pytest
from django.core.management import CommandError, call_command


def test_it_writes_the_four_columns_for_every_row(tmp_path):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    rows = ["timestamp,value"] + [
        f"2026-01-01 {h:02d}:{m:02d}:00,{10 + (h * 7 + m) % 3}" for h in range(24) for m in (0, 30)
    ]
    rows.append("2026-01-02 00:00:00,500")
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    call_command("safety", "detect", "--input", str(source), "--output", str(target))
    with target.open(encoding="utf-8") as handle:
        out = list(csv.DictReader(handle))
    assert list(out[0]) == ["timestamp", "value", "anomaly_score", "alert"]
    assert len(out) == 49
    assert out[0]["timestamp"] == "2026-01-01 00:00:00"
    assert all(0.0 <= float(r["anomaly_score"]) <= 1.0 for r in out)
    assert {r["alert"] for r in out} <= {"0", "1"}


def test_a_bad_file_is_named_and_nothing_is_written(tmp_path):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("timestamp,value\n2026-01-01 00:00:00,1\nnot a time,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 3"):
        call_command("safety", "detect", "--input", str(source), "--output", str(target))
    assert not target.exists()
    with pytest.raises(CommandError, match="no such file"):
        call_command(
            "safety", "detect", "--input", str(tmp_path / "x.csv"), "--output", str(target)
        )
