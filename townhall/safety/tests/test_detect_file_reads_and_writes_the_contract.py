"""detect_csv: `timestamp,value` in, `timestamp,value,anomaly_score,alert` out,
timestamps kept as written; a bad row names its line and writes nothing."""

from __future__ import annotations

import csv

import pytest

from townhall.safety.detect_file import detect_csv


def write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_it_keeps_each_timestamp_and_scores_every_row(tmp_path):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    lines = ["timestamp,value"]
    for i in range(60):
        lines.append(f"2015-09-01 {i // 12:02d}:{i % 12 * 5:02d}:00,{20 + i % 3}")
    lines.append("2015-09-01T05:00:00Z,")  # missing reading
    lines.append("2015-09-01T05:05:00+00:00,900")
    write(source, lines)
    assert detect_csv(source, target) == 62
    with target.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["timestamp", "value", "anomaly_score", "alert"]
    assert rows[1][:2] == ["2015-09-01 00:00:00", "20"]
    assert rows[61] == ["2015-09-01T05:00:00Z", "", "0", "0"]
    assert rows[62][0] == "2015-09-01T05:05:00+00:00"
    assert rows[62][3] == "1"
    scores = [r[2] for r in rows[1:]]
    assert all(0.0 <= float(s) <= 1.0 and len(s.partition(".")[2]) <= 6 for s in scores)


def test_a_file_without_a_header_is_read_too(tmp_path):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    write(source, ["2015-09-01 00:00:00,1.5", "2015-09-01 00:05:00,1.5"])
    assert detect_csv(source, target) == 2
    assert target.read_text(encoding="utf-8").splitlines()[1].startswith("2015-09-01 00:00:00,1.5,")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("yesterday,3", "line 3: 'yesterday' is not a timestamp"),
        ("2015-09-01 00:10:00,three", "line 3: 'three' is not a number"),
        ("2015-09-01 00:10:00,3,4", "line 3: expected 2 columns"),
    ],
)
def test_a_bad_row_names_its_line_and_nothing_is_written(tmp_path, bad, message):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    write(source, ["timestamp,value", "2015-09-01 00:05:00,1", bad])
    with pytest.raises(ValueError, match=message):
        detect_csv(source, target)
    assert list(tmp_path.iterdir()) == [source]
