"""Queries cannot compare encrypted values, and writes without an instance cannot seal
a row-bound value: each says so loudly instead of matching nothing or writing clear text."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import FieldError
from django.db.models import F, Value
from django.db.models.functions import Upper

from townhall.privacy.fields import Sealed

pytestmark = pytest.mark.django_db(transaction=True)


def test_filtering_on_an_encrypted_value_is_refused(tables: Any) -> None:
    tables.Application.objects.create(national_id="X1234567Z")
    with pytest.raises(ValueError, match="cannot be compared in a query"):
        list(tables.Application.objects.filter(national_id="X1234567Z"))
    with pytest.raises(FieldError, match="Unsupported lookup 'icontains'"):
        list(tables.Application.objects.filter(national_id__icontains="123"))
    with pytest.raises(FieldError):
        list(tables.Application.objects.filter(answers__income=1))


def test_null_tests_still_work(tables: Any) -> None:
    tables.Application.objects.create(answers={"income": 1})
    tables.Application.objects.create(answers=None)
    assert tables.Application.objects.filter(answers__isnull=True).count() == 1
    assert tables.Application.objects.filter(answers=None).count() == 1


def test_a_bulk_write_of_a_row_bound_value_is_refused(tables: Any, raw: Any) -> None:
    application = tables.Application.objects.create(national_id="X1234567Z")
    with pytest.raises(ValueError, match="assign the value and call save"):
        tables.Application.objects.update(national_id="Y7654321A")
    application.national_id = "Y7654321A"
    with pytest.raises(ValueError, match="bound to each row's 'reference'"):
        tables.Application.objects.bulk_update([application], ["national_id"])
    stored = raw.read("privacy_application", "national_id", application.pk)
    assert stored.startswith("v1.") and "Y7654321A" not in stored


def test_a_bulk_write_of_an_unbound_value_is_sealed(tables: Any, raw: Any) -> None:
    survey = tables.Survey.objects.create(answers={"income": 1})
    tables.Survey.objects.update(answers={"income": 2})
    assert raw.read("privacy_survey", "answers", survey.pk).startswith("v1.k1.")
    assert tables.Survey.objects.get().answers == {"income": 2}
    survey.answers = {"income": 3}
    tables.Survey.objects.bulk_update([survey], ["answers"])
    assert raw.read("privacy_survey", "answers", survey.pk).startswith("v1.k1.")
    assert tables.Survey.objects.get().answers == {"income": 3}


def test_values_queries_give_sealed_tokens_not_clear_values(tables: Any) -> None:
    tables.Application.objects.create(national_id="X1234567Z")
    (value,) = tables.Application.objects.values_list("national_id", flat=True)
    assert isinstance(value, Sealed)
    assert value.key_id == "k1"


def test_a_value_computed_by_the_database_is_refused(tables: Any, raw: Any) -> None:
    survey = tables.Survey.objects.create(answers={"income": 1})
    tables.Application.objects.create(notes="X1234567Z")
    for expression in (F("notes"), Upper("notes"), Value("X1234567Z")):
        with pytest.raises(ValueError, match="cannot store the result"):
            tables.Application.objects.update(national_id=expression)
    with pytest.raises(ValueError, match="cannot store the result"):
        tables.Survey.objects.update(answers=Value('"X1234567Z"'))
    assert tables.Survey.objects.get(pk=survey.pk).answers == {"income": 1}
