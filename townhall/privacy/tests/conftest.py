"""A private key file per test, and small throwaway models with encrypted fields.

The models live in an isolated app registry and their tables are made and
dropped by the test itself, so the privacy app needs no test migrations and
nothing leaks into the project's models.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection, models
from django.test.utils import isolate_apps

from townhall.privacy.fields import EncryptedJSONField, EncryptedTextField


@pytest.fixture(autouse=True)
def key_file(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_KEY_FILE = tmp_path / "keys" / "data-keys.json"
    return settings.DATA_KEY_FILE


@pytest.fixture
def tables(transactional_db: None) -> Iterator[SimpleNamespace]:
    """Application (bound to a per-row UUID), Enrolment (UUID pk) and Survey (unbound)."""
    with isolate_apps("townhall.privacy") as registry:

        class Application(models.Model):  # noqa: DJ008 - throwaway test model
            reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
            answers = EncryptedJSONField(bind_to="reference", null=True)
            national_id = EncryptedTextField(bind_to="reference", blank=True, default="")
            # In clear on purpose: the control that shows the file scan finds clear text.
            notes = models.TextField(blank=True, default="")

            class Meta:
                app_label = "privacy"

        class Enrolment(models.Model):  # noqa: DJ008 - throwaway test model
            id = models.UUIDField(primary_key=True, default=uuid.uuid4)
            health = EncryptedJSONField(bind_to="pk", null=True)

            class Meta:
                app_label = "privacy"

        class Survey(models.Model):  # noqa: DJ008 - throwaway test model
            answers = EncryptedJSONField(null=True)

            class Meta:
                app_label = "privacy"

        made = [Application, Enrolment, Survey]
        with connection.schema_editor() as editor:
            for model in made:
                editor.create_model(model)
        try:
            yield SimpleNamespace(
                Application=Application, Enrolment=Enrolment, Survey=Survey, registry=registry
            )
        finally:
            with connection.schema_editor() as editor:
                for model in made:
                    editor.delete_model(model)


@pytest.fixture
def raw() -> SimpleNamespace:
    """Read and write a column's stored text behind the ORM's back."""

    def read(table: str, column: str, pk: int) -> Any:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
            return cursor.fetchone()[0]

    def write(table: str, column: str, pk: int, value: str | None) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, pk])  # noqa: S608

    return SimpleNamespace(read=read, write=write)
