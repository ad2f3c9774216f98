from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from townhall.privacy import keys, selectors
from townhall.privacy.fields import associated_data
from townhall.privacy.management.commands.privacy import Command
from townhall.privacy.services import data_key_rotate, encrypted_values_reseal

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def only_test_tables(tables: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    # The throwaway models live in their own app registry, which the command
    # (reading the project's registry) would not see: point it there.
    found = selectors.encrypted_fields(app_registry=tables.registry)
    monkeypatch.setattr(selectors, "encrypted_fields", lambda **_: found)
    return tables


def privacy(*args: str) -> str:
    out = io.StringIO()
    call_command(Command(), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def stored_tokens(raw: Any, tables: Any) -> dict[tuple[str, int], str]:
    tokens = {}
    for application in tables.Application.objects.all():
        for column in ("answers", "national_id"):
            tokens[(column, application.pk)] = raw.read(
                "privacy_application", column, application.pk
            )
    for survey in tables.Survey.objects.all():
        tokens[("survey", survey.pk)] = raw.read("privacy_survey", "answers", survey.pk)
    return tokens


def make_residents_data(tables: Any) -> None:
    for number in range(7):
        tables.Application.objects.create(
            answers={"income": 1000 * number}, national_id=f"X{number:07d}Z"
        )
    tables.Survey.objects.create(answers=["yes", "no"])
    tables.Enrolment.objects.create(health={"condition": "asthma"})


def test_rotation_adds_a_key_and_moves_every_value_to_it(
    only_test_tables: Any, raw: Any, key_file: Path
) -> None:
    tables = only_test_tables
    make_residents_data(tables)
    tables.Application.objects.create(answers=None)  # NULL stays NULL
    before = stored_tokens(raw, tables)
    assert all(token is None or token.startswith("v1.k1.") for token in before.values())

    output = privacy("rotate-key", "--no-progress", "--batch-size", "3")

    assert "Added key k2" in output
    # 8 applications of two fields (one answers NULL), a survey and an enrolment.
    assert "Re-encrypted 17 value(s) under k2; 0 already were; 0 could not be opened" in output
    written = json.loads(key_file.read_text())
    assert written["current"] == "k2"
    assert set(written["keys"]) == {"k1", "k2"}
    after = stored_tokens(raw, tables)
    for place, token in after.items():
        assert token is None or token.startswith("v1.k2."), place
    assert [a.national_id for a in tables.Application.objects.order_by("pk")][:7] == [
        f"X{n:07d}Z" for n in range(7)
    ]
    assert tables.Enrolment.objects.get().health == {"condition": "asthma"}

    # Until an operator removes it, the old key still opens what it sealed.
    application = tables.Application.objects.order_by("pk").first()
    old = before[("national_id", application.pk)]
    field = tables.Application._meta.get_field("national_id")
    plaintext = keys.keyring().open(
        old, associated_data=field.associated_data_for(application.reference)
    )
    assert json.loads(plaintext) == "X0000000Z"


def test_running_it_again_after_it_finished_changes_nothing(
    only_test_tables: Any, raw: Any
) -> None:
    tables = only_test_tables
    make_residents_data(tables)
    privacy("rotate-key", "--no-progress")
    done = stored_tokens(raw, tables)

    output = privacy("rotate-key", "--no-progress", "--resume")

    assert "Re-encrypted 0 value(s) under k2; 16 already were" in output
    assert stored_tokens(raw, tables) == done


def test_an_interrupted_rotation_is_finished_by_resume(only_test_tables: Any, raw: Any) -> None:
    tables = only_test_tables
    make_residents_data(tables)
    data_key_rotate()

    def interrupt(rows: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        encrypted_values_reseal(
            fields=selectors.encrypted_fields(), batch_size=2, progress=interrupt
        )
    halfway = stored_tokens(raw, tables)
    assert sum(token.startswith("v1.k2.") for token in halfway.values()) == 4  # one batch
    # The application keeps writing meanwhile, under the new key.
    tables.Application.objects.create(answers={"income": 5}, national_id="Z9")

    output = privacy("rotate-key", "--no-progress", "--resume")

    assert "Re-encrypting under the current key k2" in output
    assert "Re-encrypted 12 value(s) under k2; 6 already were; 0 could not be opened" in output
    assert all(token.startswith("v1.k2.") for token in stored_tokens(raw, tables).values())
    assert tables.Application.objects.order_by("pk").last().national_id == "Z9"


def test_a_value_that_does_not_open_is_reported_and_left_alone(
    only_test_tables: Any, raw: Any
) -> None:
    tables = only_test_tables
    make_residents_data(tables)
    first, second = tables.Application.objects.order_by("pk")[:2]
    copied = raw.read("privacy_application", "answers", first.pk)
    raw.write("privacy_application", "answers", second.pk, copied)

    errors = io.StringIO()
    with pytest.raises(CommandError, match="1 value") as failure:
        call_command(Command(), "rotate-key", "--no-progress", stdout=io.StringIO(), stderr=errors)

    assert failure.value.returncode == 1
    assert f"privacy.application.answers of row {second.pk}" in errors.getvalue()
    assert raw.read("privacy_application", "answers", second.pk) == copied
    assert raw.read("privacy_application", "answers", first.pk).startswith("v1.k2.")


def test_key_status_counts_values_per_key(only_test_tables: Any) -> None:
    tables = only_test_tables
    make_residents_data(tables)
    data_key_rotate()
    tables.Survey.objects.create(answers={"x": 1})

    output = privacy("key-status")

    assert "k1: 16 value(s)" in output
    assert "k2: 1 value(s) (current)" in output


def test_associated_data_is_unambiguous() -> None:
    assert associated_data("a.b.c", "1") != associated_data("a.b", "c.1")
    assert associated_data("a.b.c", None) != associated_data("a.b.c", "")
