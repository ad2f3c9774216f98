from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.graph import MigrationGraph
from django.db.migrations.questioner import MigrationQuestioner
from django.db.migrations.state import ProjectState
from django.db.migrations.writer import MigrationWriter
from django.test.utils import isolate_apps

from townhall.privacy.fields import EncryptedJSONField, EncryptedTextField


def test_makemigrations_writes_the_fields_with_their_options() -> None:
    with isolate_apps("townhall.privacy") as registry:

        class Application(models.Model):  # noqa: DJ008 - throwaway test model
            reference = models.UUIDField(default=uuid.uuid4, unique=True)
            answers = EncryptedJSONField(bind_to="reference", null=True)
            national_id = EncryptedTextField(bind_to="reference", blank=True, max_length=20)

            class Meta:
                app_label = "privacy"

    changes = MigrationAutodetector(
        ProjectState(),
        ProjectState.from_apps(registry),
        MigrationQuestioner(specified_apps={"privacy"}),
    ).changes(graph=MigrationGraph())
    (migration,) = changes["privacy"]
    source = MigrationWriter(migration).as_string()

    assert "import townhall.privacy.fields" in source
    assert "townhall.privacy.fields.EncryptedJSONField(bind_to='reference', null=True)" in source
    assert (
        "townhall.privacy.fields.EncryptedTextField(bind_to='reference', blank=True, "
        "max_length=20)" in source
    )
    namespace: dict[str, Any] = {}
    exec(compile(source, "0001_initial.py", "exec"), namespace)  # noqa: S102
    operations = {op.name: op for op in namespace["Migration"].operations}
    rebuilt = dict(operations["Application"].fields)["answers"]
    assert isinstance(rebuilt, EncryptedJSONField)
    assert rebuilt.bind_to == "reference"


def test_a_label_survives_deconstruction() -> None:
    field = EncryptedTextField(label="cases.application.national_id", bind_to="pk")
    name, path, args, kwargs = field.deconstruct()
    assert path == "townhall.privacy.fields.EncryptedTextField"
    assert EncryptedTextField(*args, **kwargs).explicit_label == "cases.application.national_id"


@isolate_apps("townhall.privacy")
def test_system_checks_catch_unsound_bindings() -> None:
    class Record(models.Model):  # noqa: DJ008 - throwaway test model
        reference = models.UUIDField(default=uuid.uuid4, unique=True)
        unbound = EncryptedJSONField()
        to_nowhere = EncryptedJSONField(bind_to="nope")
        to_auto_pk = EncryptedJSONField(bind_to="pk")
        to_other_secret = EncryptedTextField(bind_to="unbound")
        indexed = EncryptedTextField(bind_to="reference", db_index=True)
        db_defaulted = EncryptedTextField(bind_to="reference", db_default="X1234567Z")
        sound = EncryptedTextField(bind_to="reference")

        class Meta:
            app_label = "privacy"

    found = {
        field.name: [message.id for message in field.check()]
        for field in Record._meta.get_fields()
        if field.name != "id"
    }
    assert found == {
        "reference": [],
        "unbound": ["privacy.W001"],
        "to_nowhere": ["privacy.E001"],
        "to_auto_pk": ["privacy.E002"],
        "to_other_secret": ["privacy.E003"],
        "indexed": ["privacy.E004"],
        "db_defaulted": ["privacy.E005"],
        "sound": [],
    }
