from __future__ import annotations

from typing import Any

import pytest

from townhall.privacy.crypto import DecryptionError
from townhall.privacy.fields import Sealed

pytestmark = pytest.mark.django_db(transaction=True)


def _flip(token: str, index: int) -> str:
    char = token[index]
    return token[:index] + ("A" if char != "A" else "B") + token[index + 1 :]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda token: _flip(token, len(token) // 2), "altered"),
        (lambda token: token[:-6], "altered|too short"),
        (lambda token: token.replace("v1.k1.", "v1.k9."), "'k9', which is not known"),
        (lambda token: token.replace("v1.", "v2."), "unsupported token version"),
        (lambda token: "X1234567Z", "not a sealed value"),
    ],
    ids=["a flipped character", "cut short", "an unknown key", "another version", "clear text"],
)
def test_a_changed_token_does_not_open(tables: Any, raw: Any, change: Any, message: str) -> None:
    application = tables.Application.objects.create(answers={"income": 48213})
    token = raw.read("privacy_application", "answers", application.pk)
    raw.write("privacy_application", "answers", application.pk, change(token))

    again = tables.Application.objects.get(pk=application.pk)
    with pytest.raises(DecryptionError, match=message):
        again.answers  # noqa: B018
    # Nothing half-opened is left behind on the instance.
    assert isinstance(again.__dict__["answers"], Sealed)


def test_a_tampered_value_cannot_be_saved_back_as_if_it_were_fine(tables: Any, raw: Any) -> None:
    application = tables.Application.objects.create(national_id="X1234567Z")
    token = raw.read("privacy_application", "national_id", application.pk)
    raw.write("privacy_application", "national_id", application.pk, _flip(token, 20))
    again = tables.Application.objects.get(pk=application.pk)
    with pytest.raises(DecryptionError):
        again.save()
