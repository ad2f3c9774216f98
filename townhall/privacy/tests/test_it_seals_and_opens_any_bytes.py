from __future__ import annotations

import base64
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from townhall.privacy.crypto import DecryptionError, Keyring, KeyringError, key_id_of

RING = Keyring.generate()
TOKEN = re.compile(r"v1\.k1\.[A-Za-z0-9_-]+")


@given(plaintext=st.binary(max_size=4096), aad=st.binary(max_size=256))
def test_what_is_sealed_opens_with_the_same_associated_data(plaintext: bytes, aad: bytes) -> None:
    token = RING.seal(plaintext, associated_data=aad)
    assert TOKEN.fullmatch(token)
    assert RING.open(token, associated_data=aad) == plaintext


@given(plaintext=st.binary(max_size=256), aad=st.binary(max_size=64), other=st.binary(max_size=64))
def test_it_does_not_open_with_other_associated_data(
    plaintext: bytes, aad: bytes, other: bytes
) -> None:
    if other == aad:
        other += b"\x00"
    with pytest.raises(DecryptionError, match="another record or field"):
        RING.open(RING.seal(plaintext, associated_data=aad), associated_data=other)


@settings(max_examples=300)
@given(plaintext=st.binary(max_size=64), data=st.data())
def test_any_changed_byte_is_detected(plaintext: bytes, data: st.DataObject) -> None:
    token = RING.seal(plaintext, associated_data=b"cases.application:1")
    sealed = token.removeprefix("v1.k1.")
    raw = bytearray(base64.urlsafe_b64decode(sealed + "=" * (-len(sealed) % 4)))
    index = data.draw(st.integers(0, len(raw) - 1))
    raw[index] ^= data.draw(st.integers(1, 255))
    changed = "v1.k1." + base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    with pytest.raises(DecryptionError):
        RING.open(changed, associated_data=b"cases.application:1")


def test_two_seals_of_one_value_differ() -> None:
    assert RING.seal(b"X1234567Z", associated_data=b"") != RING.seal(
        b"X1234567Z", associated_data=b""
    )


@given(plaintext=st.binary(max_size=256), aad=st.binary(max_size=64))
def test_reseal_moves_a_value_to_the_current_key(plaintext: bytes, aad: bytes) -> None:
    old_token = RING.seal(plaintext, associated_data=aad)
    rotated = RING.rotate()
    new_token = rotated.reseal(old_token, associated_data=aad)
    assert key_id_of(new_token) == "k2"
    assert rotated.open(new_token, associated_data=aad) == plaintext
    assert rotated.open(old_token, associated_data=aad) == plaintext
    assert rotated.reseal(new_token, associated_data=aad) == new_token
    with pytest.raises(DecryptionError, match="'k2', which is not known"):
        RING.open(new_token, associated_data=aad)


def test_a_key_id_cannot_be_swapped_in_the_header() -> None:
    rotated = RING.rotate()
    token = RING.seal(b"secret", associated_data=b"x")
    with pytest.raises(DecryptionError):
        rotated.open(token.replace("v1.k1.", "v1.k2."), associated_data=b"x")


def test_the_keyring_survives_its_json_form() -> None:
    rotated = RING.rotate().rotate()
    again = Keyring.from_json(rotated.to_json())
    assert again.current == "k3"
    assert dict(again.keys) == dict(rotated.keys)
    assert rotated.rotate("2026-spring").rotate().current == "k4"


@pytest.mark.parametrize(
    ("keys", "current"),
    [({}, "k1"), ({"k1": b"short"}, "k1"), ({"k1": bytes(32)}, "k2"), ({"a.b": bytes(32)}, "a.b")],
)
def test_a_malformed_keyring_is_refused(keys: dict[str, bytes], current: str) -> None:
    with pytest.raises(KeyringError):
        Keyring(keys=keys, current=current)


@pytest.mark.parametrize(
    "token",
    ["", "v1.k1", "v1.k1.", "v1..AAAA", "v1.k1.A", "v1.k1.****", "v1.k1.AAAA.AAAA", "V1.k1.AAAA"],
)
def test_malformed_tokens_are_refused_clearly(token: str) -> None:
    with pytest.raises(DecryptionError):
        RING.open(token, associated_data=b"")
