from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

NATIONAL_ID = "X1234567Z"
BIRTH_DATE = "1985-03-14"
SECRETS = (NATIONAL_ID, BIRTH_DATE, "severe-asthma", "income-48213")


def database_file_bytes() -> bytes:
    """Everything SQLite holds on disk: the main file after a checkpoint, and the WAL."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(FULL)")
    path = Path(connection.settings_dict["NAME"])
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        data += wal.read_bytes()
    return data


@pytest.mark.skipif(connection.vendor != "sqlite", reason="scans the SQLite database file")
def test_the_database_file_never_holds_the_clear_values(tables: Any) -> None:
    answers = {"date_of_birth": BIRTH_DATE, "health": "severe-asthma", "income": "income-48213"}
    application = tables.Application.objects.create(
        answers=answers, national_id=NATIONAL_ID, notes="control-value-7Q"
    )
    tables.Enrolment.objects.create(health={"conditions": ["severe-asthma"], "born": BIRTH_DATE})
    tables.Survey.objects.create(answers={"national_id": NATIONAL_ID})
    tables.Application.objects.bulk_create(
        [tables.Application(answers=answers, national_id=NATIONAL_ID) for _ in range(3)]
    )
    # The update path as well as the insert path.
    application.answers = {**answers, "updated": True}
    application.save(update_fields=["answers"])

    data = database_file_bytes()
    # The control: a clear column is found, so the scan does see the rows' text.
    assert b"control-value-7Q" in data
    for secret in SECRETS:
        assert secret.encode() not in data, f"{secret} is in the database file in clear"

    again = tables.Application.objects.get(pk=application.pk)
    assert again.national_id == NATIONAL_ID
    assert again.answers == {**answers, "updated": True}
    assert tables.Survey.objects.get().answers == {"national_id": NATIONAL_ID}
    assert tables.Enrolment.objects.get().health["born"] == BIRTH_DATE


def test_the_column_holds_a_token(tables: Any, raw: Any) -> None:
    application = tables.Application.objects.create(national_id=NATIONAL_ID)
    stored = raw.read("privacy_application", "national_id", application.pk)
    assert stored.startswith("v1.k1.")
    assert NATIONAL_ID not in stored
    # Short values are padded, so the token does not tell an empty answer from an id.
    empty = tables.Application.objects.create(national_id="")
    assert len(raw.read("privacy_application", "national_id", empty.pk)) == len(stored)
    # SQL NULL stays NULL: "no answer" is not personal data.
    assert raw.read("privacy_application", "answers", application.pk) is None
    assert tables.Application.objects.get(pk=application.pk).answers is None


def test_no_stored_row_holds_the_clear_values_on_any_database(tables: Any) -> None:
    tables.Application.objects.create(
        answers={"date_of_birth": BIRTH_DATE}, national_id=NATIONAL_ID, notes="control-value-7Q"
    )
    tables.Enrolment.objects.create(health={"condition": "severe-asthma"})
    tables.Survey.objects.create(answers={"income": "income-48213"})
    stored = ""
    with connection.cursor() as cursor:
        for table in ("privacy_application", "privacy_enrolment", "privacy_survey"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            stored += repr(cursor.fetchall())
    assert "control-value-7Q" in stored
    for secret in SECRETS:
        assert secret not in stored
