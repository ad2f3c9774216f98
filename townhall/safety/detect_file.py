"""Score a CSV of one sensor's readings: the `townhall safety detect` contract.

Input: `timestamp,value` rows (a header line is optional), timestamps in ISO
8601 or "YYYY-MM-DD HH:MM:SS", naive ones taken as UTC; an empty value is a
missing reading. Output: `timestamp,value,anomaly_score,alert`, the timestamp
and value text kept as they came. Pure Python, no Django.
"""

from __future__ import annotations

import csv
import math
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from townhall.safety.detectors import Thresholds, score_series


def _parse_time(text: str, line: int) -> float:
    cleaned = text.strip()
    if cleaned.endswith(("Z", "z")):
        cleaned = cleaned[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        raise ValueError(f"line {line}: {text!r} is not a timestamp") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def _parse_value(text: str, line: int) -> float | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"line {line}: {text!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"line {line}: {text!r} is not a finite number")
    return value


def _read(input_path: Path) -> tuple[list[list[str]], list[float], list[float | None]]:
    rows: list[list[str]] = []
    stamps: list[float] = []
    values: list[float | None] = []
    with input_path.open(newline="", encoding="utf-8-sig") as handle:
        for line, row in enumerate(csv.reader(handle), start=1):
            if not row or all(not cell.strip() for cell in row):
                continue
            if line == 1 and row[0].strip().lower() == "timestamp":
                continue
            if len(row) != 2:
                raise ValueError(
                    f"line {line}: expected 2 columns (timestamp,value), not {len(row)}"
                )
            stamps.append(_parse_time(row[0], line))
            values.append(_parse_value(row[1], line))
            rows.append(row)
    return rows, stamps, values


def detect_csv(
    input_path: str | os.PathLike[str],
    output_path: str | os.PathLike[str],
    *,
    thresholds: Thresholds | None = None,
) -> int:
    """Write the scored rows and return how many there were. A bad row raises
    ValueError naming its line, and then nothing is written."""
    source, target = Path(input_path), Path(output_path)
    rows, stamps, values = _read(source)
    verdicts = score_series(stamps, values, thresholds=thresholds)
    # Written beside the target and renamed at the end, so a reader never
    # sees half a file and a failure leaves no output behind.
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["timestamp", "value", "anomaly_score", "alert"])
            for row, verdict in zip(rows, verdicts, strict=True):
                score = f"{verdict.score:.6f}".rstrip("0").rstrip(".")
                writer.writerow([row[0], row[1], score, "1" if verdict.alert else "0"])
        # mkstemp makes the file private; the output is an ordinary file.
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(rows)
