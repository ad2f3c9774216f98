"""A bad definition is rejected on load with its file, the line of the mistake and why.

Each case edits a small valid definition; the edit marks with ``# <-`` the line
where the mistake must be reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from townhall.catalog.definition import DefinitionErrors, load_service, load_services

VALID = """\
slug: sample
version: 1
title: Sample service
summary: A small service for tests.
topic: testing
assurance: low
sla_days: 5
guidance:
  who_can_apply: Anyone.
  what_you_need: Nothing.
  how_long_it_takes: A minute.
  cost: Free.
tables:
  fees:
    - key: small
      value: 10
    - key: large
      value: 20
documents:
  - id: photo
    title: Photo
    accept: [jpeg, png]
    max_size_mb: 5
pages:
  - id: first
    title: First page
    questions:
      - id: size
        type: choice
        label: Size
        options:
          - value: small
            label: Small
          - value: large
            label: Large
      - id: wants_photo
        type: yes_no
        label: Do you want to send a photo?
  - id: second
    title: Second page
    questions:
      - id: photo
        type: file
        label: Photo
        document: photo
        show_if:
          var: wants_photo
derived:
  - id: base
    label: Base fee
    type: money
    rule:
      lookup: [{var: size}, {table: fees}]
amounts:
  - id: fee
    label: Fee
    rule:
      var: base
"""

CASES = [
    (
        "lookup: [{var: size}, {table: fees}]",
        "lookpu: [{var: size}, {table: fees}]  # <-",
        "derived[0].rule: unknown operator 'lookpu' (did you mean 'lookup'?)",
    ),
    ("      var: base", "      var: bsae  # <-", "unknown name 'bsae' (did you mean 'base'?)"),
    (
        "      - id: photo",
        "      - id: size  # <-",
        "pages[1].questions[0].id: the id 'size' is already used on line 28",
    ),
    (
        "title: Sample service",
        "title: {en: Sample, es: Muestra}  # <-",
        "title: missing the 'fr' translation",
    ),
    (
        "        label: Size",
        "        lable: Size  # <-",
        "unknown key 'lable' (did you mean 'label'?)",
    ),
    ("sla_days: 5", "sla_days: soon  # <-", "sla_days: expected a whole number, found text 'soon'"),
    ("type: yes_no", "type: boolean  # <-", "'boolean' is not one of text, textarea"),
    (
        "    title: First page",
        "    title: First page\n    show_if: {var: photo}  # <-",
        "pages[0].show_if: reads 'photo', which is not an answer given before this point",
    ),
    (
        "        document: photo",
        "        document: picture  # <-",
        "document: no document has the id 'picture'",
    ),
    ("            label: Small", "            label: Small: big  # <-", "mapping values"),
    (
        "summary: A small service for tests.",
        "summary: A small service for tests.\nsummary: Twice  # <-",
        "the key 'summary' appears twice",
    ),
    (
        "lookup: [{var: size}, {table: fees}]",
        "bracket: [{var: size}, {table: fees}]  # <-",
        "each row has exactly from, rate",
    ),
    (
        "      - id: size",
        "      - id: size  # <-\n        example: huge",
        "question 'size' (size): the example is not a valid answer: Select size",
    ),
    (
        "    label: Fee",
        '    label: "Fee for {sise}"  # <-',
        "{sise} is not a value this text can quote",
    ),
    ("slug: sample", "slug: other  # <-", "the file is named sample.yaml but the slug is 'other'"),
    ("slug: sample", "slug: sample  # <-", "'assurance' is required"),
    ("    label: Fee", "    label: 12  # <-", "label: expected text, found a number"),
    (
        "          - value: large\n            label: Large\n",
        "",
        "a choice needs at least 2 options",
    ),
    ("    max_size_mb: 5", "    max_size_mb: 500  # <-", "must be from 1 to 50, found 500"),
    (
        "    accept: [jpeg, png]",
        "    accept: [jpeg, gif]  # <-",
        "'gif' is not one of pdf, jpeg, png",
    ),
    (
        "        label: Photo\n",
        "        label: Photo\n        required: maybe  # <-\n",
        "required: expected true or false",
    ),
]


def definition_with(old: str, new: str) -> tuple[str, int]:
    assert old in VALID, old
    text = VALID.replace(old, new, 1)
    if "assurance' is required" in new or new.startswith("slug: sample  #"):
        text = text.replace("assurance: low\n", "")
    lines = text.splitlines()
    marked = [number for number, line in enumerate(lines, start=1) if "# <-" in line]
    return text, marked[0] if marked else 0


@pytest.mark.parametrize(("old", "new", "reason"), CASES, ids=[c[2][:40] for c in CASES])
def test_it_names_the_file_line_and_reason(tmp_path: Path, old: str, new: str, reason: str) -> None:
    text, line = definition_with(old, new)
    path = tmp_path / "sample.yaml"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(DefinitionErrors) as raised:
        load_service(path)

    found = [error for error in raised.value.errors if reason in error.reason]
    assert found, [str(error) for error in raised.value.errors]
    assert found[0].path == str(path)
    if line:
        assert found[0].line == line, str(found[0])
    assert str(found[0]).startswith(f"{path}:{found[0].line}: ")


def test_the_sample_itself_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "sample.yaml"
    path.write_text(VALID, encoding="utf-8")

    assert load_service(path).slug == "sample"


def test_yes_and_no_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "sample.yaml"
    path.write_text(VALID.replace("value: small", "value: no"), encoding="utf-8")

    assert load_service(path).question("size").options[0].value == "no"


def test_a_folder_reports_every_bad_file(tmp_path: Path) -> None:
    (tmp_path / "sample.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "first.yaml").write_text(VALID.replace("slug: sample", "slug: first"), "utf-8")
    broken = VALID.replace("slug: sample", "slug: second").replace("sla_days: 5", "sla_days: 0")
    (tmp_path / "second.yaml").write_text(broken.replace("var: base", "var: nope"), "utf-8")
    (tmp_path / "third.yaml").write_text("slug: third\npages: [\n", encoding="utf-8")

    with pytest.raises(DefinitionErrors) as raised:
        load_services(tmp_path)

    by_file = {Path(error.path).name for error in raised.value.errors}
    assert by_file == {"second.yaml", "third.yaml"}
    assert len([e for e in raised.value.errors if e.path.endswith("second.yaml")]) == 2
