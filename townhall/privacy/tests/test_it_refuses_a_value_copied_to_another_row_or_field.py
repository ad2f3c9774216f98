from __future__ import annotations

from typing import Any

import pytest

from townhall.privacy.crypto import DecryptionError
from townhall.privacy.fields import Sealed

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_value_copied_to_another_row_does_not_open(tables: Any, raw: Any) -> None:
    rosa = tables.Application.objects.create(answers={"income": 12000})
    omar = tables.Application.objects.create(answers={"income": 90000})
    # Someone with write access to the database gives Omar Rosa's lower income.
    token = raw.read("privacy_application", "answers", rosa.pk)
    raw.write("privacy_application", "answers", omar.pk, token)

    with pytest.raises(DecryptionError, match="another record or field"):
        tables.Application.objects.get(pk=omar.pk).answers  # noqa: B018
    assert tables.Application.objects.get(pk=rosa.pk).answers == {"income": 12000}


def test_a_value_copied_to_another_row_keyed_by_uuid_does_not_open(tables: Any) -> None:
    rosa = tables.Enrolment.objects.create(health={"condition": "none"})
    omar = tables.Enrolment.objects.create(health={"condition": "diabetes"})
    token = tables.Enrolment.objects.values_list("health", flat=True).get(pk=rosa.pk)
    tables.Enrolment.objects.filter(pk=omar.pk).update(health=token)

    with pytest.raises(DecryptionError):
        tables.Enrolment.objects.get(pk=omar.pk).health  # noqa: B018


def test_a_value_copied_to_another_field_of_the_same_row_does_not_open(
    tables: Any, raw: Any
) -> None:
    application = tables.Application.objects.create(answers="X1234567Z", national_id="Y7654321A")
    token = raw.read("privacy_application", "answers", application.pk)
    raw.write("privacy_application", "national_id", application.pk, token)

    with pytest.raises(DecryptionError):
        tables.Application.objects.get(pk=application.pk).national_id  # noqa: B018


def test_a_value_copied_to_another_model_does_not_open(tables: Any, raw: Any) -> None:
    survey = tables.Survey.objects.create(answers={"income": 1})
    application = tables.Application.objects.create(answers={"income": 2})
    raw.write(
        "privacy_survey",
        "answers",
        survey.pk,
        raw.read("privacy_application", "answers", application.pk),
    )

    with pytest.raises(DecryptionError):
        tables.Survey.objects.get(pk=survey.pk).answers  # noqa: B018


def test_without_bind_to_a_value_is_bound_to_its_column_only(tables: Any, raw: Any) -> None:
    # The documented limit of unbound fields (system check privacy.W001).
    first = tables.Survey.objects.create(answers={"income": 1})
    second = tables.Survey.objects.create(answers={"income": 2})
    raw.write(
        "privacy_survey", "answers", second.pk, raw.read("privacy_survey", "answers", first.pk)
    )
    assert tables.Survey.objects.get(pk=second.pk).answers == {"income": 1}


def test_changing_the_binding_of_a_row_makes_its_values_unreadable(tables: Any) -> None:
    import uuid

    application = tables.Application.objects.create(national_id="X1234567Z")
    tables.Application.objects.filter(pk=application.pk).update(reference=uuid.uuid4())
    again = tables.Application.objects.get(pk=application.pk)
    assert isinstance(again.__dict__["national_id"], Sealed)
    with pytest.raises(DecryptionError):
        again.national_id  # noqa: B018
