"""Answers the definition marks sensitive (national id, date of birth, income,
health, and household members with their dates of birth) are sealed before
they reach the database: the SQLite file, with its write-ahead log folded in,
does not hold them in clear, while a non-sensitive answer is there to be found."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from townhall.cases.models import Application
from townhall.cases.services import application_submit
from townhall.cases.tests.helpers import draft_for

NATIONAL_ID = "918273645"
BIRTH_DATE = "1961-08-23"
INCOME = "1234.56"
MEMBER_BIRTH = "2011-05-17"
MEMBER_NAME = "Quillon Vantastic"
FULL_NAME = "Zebedee Quartermain"  # not sensitive: the scan must find it


def database_bytes() -> bytes:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = Path(connection.settings_dict["NAME"])
    data = path.read_bytes()
    for extra in (Path(f"{path}-wal"), Path(f"{path}-journal")):
        if extra.exists():
            data += extra.read_bytes()
    return data


@pytest.mark.django_db(transaction=True)
def test_sensitive_answers_are_not_in_the_database_file(catalogue, resident):
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        pytest.skip("scans a SQLite database file")
    members = [
        {
            "member_name": MEMBER_NAME,
            "member_date_of_birth": MEMBER_BIRTH,
            "member_relationship": "child",
        }
    ]
    draft = draft_for(
        resident,
        "health-coverage",
        full_name=FULL_NAME,
        national_id=NATIONAL_ID,
        date_of_birth=BIRTH_DATE,
        monthly_income=INCOME,
        lives_with_others=True,
        members=members,
    )
    reloaded = Application.objects.get(pk=draft.pk)
    assert reloaded.sensitive_answers["national_id"] == NATIONAL_ID
    assert reloaded.all_answers()["members"][0]["member_date_of_birth"] == MEMBER_BIRTH

    data = database_bytes()
    assert FULL_NAME.encode() in data  # the scan does see the answers that are in clear
    for secret in (NATIONAL_ID, BIRTH_DATE, INCOME, MEMBER_BIRTH, MEMBER_NAME):
        assert secret.encode() not in data, f"{secret} is in the database file in clear"
    for key in ("national_id", "date_of_birth", "monthly_income", "has_condition", "members"):
        assert key not in reloaded.answers


@pytest.mark.django_db(transaction=True)
def test_a_submitted_application_keeps_them_sealed(catalogue, resident):
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        pytest.skip("scans a SQLite database file")
    draft = draft_for(resident, "tax-return", national_id=NATIONAL_ID, date_of_birth=BIRTH_DATE)
    application_submit(application=draft, idempotency_key="k")
    data = database_bytes()
    assert NATIONAL_ID.encode() not in data and BIRTH_DATE.encode() not in data
