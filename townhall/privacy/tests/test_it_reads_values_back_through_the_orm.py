from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder

from townhall.privacy.fields import EncryptedJSONField, EncryptedTextField

pytestmark = pytest.mark.django_db(transaction=True)

ANSWERS = {
    "national_id": "X1234567Z",
    "date_of_birth": "1985-03-14",
    "income": 48213.5,
    "health": ["asthma", None, True],
    "name": "Zoë Ñúñez 李",
}


def test_values_read_back_after_save_refresh_and_defer(tables: Any) -> None:
    application = tables.Application.objects.create(answers=ANSWERS, national_id="X1234567Z")
    assert application.answers == ANSWERS  # the instance keeps the clear value

    application.refresh_from_db()
    assert application.answers == ANSWERS
    deferred = tables.Application.objects.only("id").get(pk=application.pk)
    assert deferred.national_id == "X1234567Z"
    assert deferred.answers == ANSWERS
    deferred.notes = "seen"
    deferred.save()  # re-seals values it never opened itself
    assert tables.Application.objects.get(pk=application.pk).answers == ANSWERS


@pytest.mark.parametrize("value", [{}, [], "", 0, False, "x" * 10_000])
def test_any_json_value_reads_back(tables: Any, value: Any) -> None:
    survey = tables.Survey.objects.create(answers=value)
    assert tables.Survey.objects.get(pk=survey.pk).answers == value


def test_a_value_is_checked_like_the_plain_field(tables: Any) -> None:
    application = tables.Application(answers={"born": datetime.date(1985, 3, 14)})
    with pytest.raises(ValidationError) as invalid:
        application.full_clean()
    assert "answers" in invalid.value.message_dict
    application.answers = {"born": "1985-03-14"}
    application.full_clean()


def test_max_length_applies_to_the_clear_text() -> None:
    field = EncryptedTextField(max_length=9)
    field.clean("X1234567Z", None)
    with pytest.raises(ValidationError):
        field.clean("X1234567ZZ", None)
    assert field.formfield().max_length == 9


def test_an_encoder_is_used_and_kept_in_migrations() -> None:
    field = EncryptedJSONField(encoder=DjangoJSONEncoder, bind_to="reference")
    assert field.encode({"born": datetime.date(1985, 3, 14)}) == b'{"born":"1985-03-14"}'
    _, _, _, kwargs = field.deconstruct()
    assert kwargs == {"encoder": DjangoJSONEncoder, "bind_to": "reference"}
    assert field.formfield().encoder is DjangoJSONEncoder


def test_a_uuid_primary_key_binds_before_the_first_save(tables: Any) -> None:
    enrolment = tables.Enrolment(id=uuid.UUID(int=7), health={"condition": "asthma"})
    enrolment.save(force_insert=True)
    assert tables.Enrolment.objects.get(pk=str(uuid.UUID(int=7))).health == {"condition": "asthma"}
