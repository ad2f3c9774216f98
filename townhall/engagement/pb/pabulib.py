"""Read and write the Pabulib `.pb` format (https://pabulib.org/format).

A file is three `;`-separated sections in this order: META (`key;value`
rows, `budget` required), PROJECTS (a header naming `project_id` and `cost`,
then one row per project) and VOTES (a header naming `voter_id` and `vote`,
then one row per ballot; cumulative ballots add a `points` column). Every
problem is reported with the line it is on, so that a person can fix the file.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator, Mapping
from typing import Any

from .model import VOTE_TYPES, Ballot, Instance, Project

SECTIONS = ("META", "PROJECTS", "VOTES")
_PROJECT_FIELDS = ("project_id", "cost", "votes", "score", "name", "category", "selected")
_VOTE_FIELDS = ("voter_id", "vote", "points")


class PbFormatError(ValueError):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


def _integer(text: str, what: str, line: int) -> int:
    value = text.strip()
    try:
        return int(value)
    except ValueError:
        pass
    # Some exports write whole amounts as "1500.0"; anything else is not a count.
    try:
        number = float(value)
    except ValueError:
        raise PbFormatError(line, f"{what} {text!r} is not a number") from None
    if not number.is_integer():
        raise PbFormatError(line, f"{what} {text!r} is not a whole number")
    return int(number)


def _optional_int(text: str, what: str, line: int) -> int | None:
    return None if text.strip() == "" else _integer(text, what, line)


def _selected(text: str, line: int) -> bool | None:
    value = text.strip()
    if value == "":
        return None
    # Pabulib uses 1 for funded and 0 for not; a few cities mark other funding with 2.
    return _integer(value, "selected", line) != 0


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=";")
    for row in reader:
        line = reader.line_num
        if not row or all(cell.strip() == "" for cell in row):
            continue
        yield line, row


def read_pb_file(path: str | os.PathLike[str]) -> Instance:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return read_pb(handle.read())


def read_pb(text: str) -> Instance:
    """Parse a `.pb` file's text; raise `PbFormatError` naming the line."""
    text = text.removeprefix("\ufeff")
    section = ""
    section_line = 0
    header: list[str] | None = None
    meta: dict[str, str] = {}
    projects: dict[str, Project] = {}
    ballots: list[Ballot] = []
    last_line = 0
    vote_type = "approval"
    for line, row in _rows(text):
        last_line = line
        if len(row) == 1 and row[0].strip().upper() == row[0].strip() and " " not in row[0]:
            name = row[0].strip()
            if name not in SECTIONS:
                raise PbFormatError(
                    line, f"unknown section {name!r} (expected META, PROJECTS or VOTES)"
                )
            expected = SECTIONS[SECTIONS.index(section) + 1] if section else "META"
            if section == "VOTES" or name != expected:
                raise PbFormatError(line, f"section {name} found where {expected} was expected")
            if name == "PROJECTS":
                vote_type = _check_meta(meta, section_line)
            section, section_line, header = name, line, None
            continue
        if not section:
            raise PbFormatError(line, "the file must start with the META section")
        if header is None:
            header = [cell.strip() for cell in row]
            _check_header(section, header, line)
            continue
        if len(row) != len(header):
            raise PbFormatError(
                line, f"{len(row)} columns where the {section} header has {len(header)}"
            )
        record = dict(zip(header, row, strict=True))
        if section == "META":
            meta[record["key"].strip()] = record["value"].strip()
        elif section == "PROJECTS":
            project = _project(record, line)
            if project.id in projects:
                raise PbFormatError(line, f"project {project.id!r} is listed twice")
            projects[project.id] = project
        else:
            ballots.append(_ballot(record, line, vote_type, projects))
    if section == "META":
        _check_meta(meta, section_line)
    if section != "VOTES":
        missing = SECTIONS[SECTIONS.index(section) + 1] if section else "META"
        raise PbFormatError(last_line + 1, f"the {missing} section is missing")
    return Instance(
        meta=meta,
        projects=projects,
        ballots=tuple(ballots),
        vote_type=vote_type,
        budget=_integer(meta["budget"], "budget", section_line),
    )


def _check_header(section: str, header: list[str], line: int) -> None:
    required = {"META": ("key", "value"), "PROJECTS": ("project_id", "cost")}.get(
        section, ("voter_id", "vote")
    )
    for column in required:
        if column not in header:
            raise PbFormatError(line, f"the {section} header has no {column!r} column")
    if len(set(header)) != len(header):
        raise PbFormatError(line, f"the {section} header names a column twice")


def _check_meta(meta: Mapping[str, str], line: int) -> str:
    if "budget" not in meta:
        raise PbFormatError(line, "the META section has no budget")
    budget = _integer(meta["budget"], "budget", line)
    if budget < 0:
        raise PbFormatError(line, "the budget is negative")
    vote_type = meta.get("vote_type", "approval")
    if vote_type not in VOTE_TYPES:
        raise PbFormatError(line, f"unknown vote_type {vote_type!r}")
    return vote_type


def _project(record: dict[str, str], line: int) -> Project:
    pid = record["project_id"].strip()
    if not pid:
        raise PbFormatError(line, "a project has no project_id")
    cost = _integer(record["cost"], f"the cost of project {pid}", line)
    if cost < 0:
        raise PbFormatError(line, f"the cost of project {pid} is negative")
    return Project(
        id=pid,
        cost=cost,
        name=record.get("name", ""),
        category=record.get("category", ""),
        votes=_optional_int(record.get("votes", ""), f"the votes of project {pid}", line),
        score=_optional_int(record.get("score", ""), f"the score of project {pid}", line),
        selected=_selected(record.get("selected", ""), line),
        extra={k: v for k, v in record.items() if k not in _PROJECT_FIELDS},
    )


def _ballot(
    record: dict[str, str], line: int, vote_type: str, projects: Mapping[str, Project]
) -> Ballot:
    voter = record["voter_id"].strip()
    text = record["vote"].strip()
    ids = [pid.strip() for pid in text.split(",")] if text else []
    for pid in ids:
        if pid not in projects:
            raise PbFormatError(line, f"voter {voter} votes for unknown project {pid!r}")
    if len(set(ids)) != len(ids):
        raise PbFormatError(line, f"voter {voter} lists a project twice")
    extra = {k: v for k, v in record.items() if k not in _VOTE_FIELDS}
    if vote_type == "cumulative":
        raw = record.get("points", "").strip()
        values = [p for p in raw.split(",")] if raw else []
        if len(values) != len(ids):
            raise PbFormatError(
                line, f"voter {voter} gives {len(values)} points for {len(ids)} projects"
            )
        points = {}
        for pid, value in zip(ids, values, strict=True):
            amount = _integer(value, f"voter {voter}'s points", line)
            if amount < 0:
                raise PbFormatError(line, f"voter {voter} gives negative points")
            points[pid] = amount
        return Ballot(voter_id=voter, points=points, extra=extra)
    if vote_type == "ordinal":
        return Ballot(voter_id=voter, ranking=tuple(ids), extra=extra)
    if vote_type == "choose-1" and len(ids) > 1:
        raise PbFormatError(line, f"voter {voter} chooses {len(ids)} projects on a choose-1 ballot")
    return Ballot(voter_id=voter, approvals=tuple(ids), extra=extra)


def _columns(base: tuple[str, ...], rows: list[Mapping[str, Any]]) -> list[str]:
    columns = [c for c in base if any(row.get(c) not in (None, "") for row in rows)]
    for row in rows:
        for key in row:
            if key not in base and key not in columns:
                columns.append(key)
    return columns


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def write_pb(instance: Instance) -> str:
    """The instance as `.pb` text; `read_pb(write_pb(x)) == x`."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    meta = dict(instance.meta)
    meta["budget"] = str(instance.budget)
    meta["vote_type"] = instance.vote_type
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    writer.writerows(meta.items())
    project_rows: list[Mapping[str, Any]] = []
    for p in instance.projects.values():
        row = {"project_id": p.id, "cost": p.cost, "votes": p.votes, "score": p.score}
        row.update(name=p.name, category=p.category, selected=p.selected, **p.extra)
        project_rows.append(row)
    columns = _columns(_PROJECT_FIELDS, project_rows)
    for required in ("cost", "project_id"):
        if required not in columns:
            columns.insert(0, required)
    writer.writerow(["PROJECTS"])
    writer.writerow(columns)
    writer.writerows([[_cell(row.get(c)) for c in columns] for row in project_rows])
    vote_rows: list[Mapping[str, Any]] = []
    for b in instance.ballots:
        row = {"voter_id": b.voter_id, "vote": ",".join(b.project_ids())}
        if instance.vote_type == "cumulative":
            row["points"] = ",".join(str(v) for v in b.points.values())
        row.update(b.extra)
        vote_rows.append(row)
    columns = ["voter_id", "vote"] + (["points"] if instance.vote_type == "cumulative" else [])
    columns += [c for c in _columns((), vote_rows) if c not in _VOTE_FIELDS]
    writer.writerow(["VOTES"])
    writer.writerow(columns)
    writer.writerows([[_cell(row.get(c)) for c in columns] for row in vote_rows])
    return out.getvalue()
