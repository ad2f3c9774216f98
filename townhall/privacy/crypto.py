"""AES-256-GCM sealing of small values under a keyring of named keys.

Pure Python (no Django), so it can be tested and reused on its own.

A sealed value is one ASCII token, `v1.<key id>.<base64url(nonce || ciphertext || tag)>`
(no padding), with a fresh random 96-bit nonce per value. The header
`v1.<key id>.` is authenticated together with the caller's associated data, so
a token opens only under the key it names and only for the record and field
it was sealed for: a token copied elsewhere, edited, or opened with other
associated data raises DecryptionError and yields no plaintext at all.

A keyring holds any number of keys and names one of them current. New values
are sealed under the current key; older tokens still open with the key they
name; `reseal` moves a token to the current key. Random 96-bit nonces keep
the chance of a nonce collision negligible for up to about 2**32 values per
key: rotate long before that.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VERSION = "v1"
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16

_KEY_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")
_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")
_NUMBERED = re.compile(r"k([1-9][0-9]{0,8})")


class KeyringError(ValueError):
    """A keyring is malformed: a bad key id, a key of the wrong size, no current key."""


class DecryptionError(ValueError):
    """A token does not open: malformed, unknown key, altered, or sealed for other data."""


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64url(text: str) -> bytes:
    if not _BASE64URL.fullmatch(text) or len(text) % 4 == 1:
        raise DecryptionError("the sealed data is not base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise DecryptionError("the sealed data is not base64url") from None


def _header(key_id: str) -> bytes:
    return f"{VERSION}.{key_id}.".encode("ascii")


def split_token(token: str) -> tuple[str, bytes]:
    """The key id and the raw nonce || ciphertext || tag of a token."""
    parts = token.split(".") if isinstance(token, str) else []
    if len(parts) != 3:
        raise DecryptionError("not a sealed value (expected v1.<key id>.<data>)")
    version, key_id, data = parts
    if version != VERSION:
        raise DecryptionError(f"unsupported token version {version[:8]!r} (expected {VERSION})")
    if not _KEY_ID.fullmatch(key_id):
        raise DecryptionError("not a sealed value (the key id is malformed)")
    raw = _unb64url(data)
    if len(raw) < NONCE_BYTES + TAG_BYTES:
        raise DecryptionError("the sealed data is too short")
    return key_id, raw


def key_id_of(token: str) -> str:
    """The id of the key a token was sealed under, without opening it."""
    return split_token(token)[0]


@dataclass(frozen=True, repr=False)
class Keyring:
    """Named 32-byte AES keys, one of them current. Immutable: rotate() returns a new one."""

    keys: Mapping[str, bytes]
    current: str

    def __post_init__(self) -> None:
        if not self.keys:
            raise KeyringError("the keyring holds no key")
        for key_id, key in self.keys.items():
            if not isinstance(key_id, str) or not _KEY_ID.fullmatch(key_id):
                raise KeyringError(
                    f"key id {str(key_id)[:40]!r} must be 1-32 letters, digits, '_' or '-'"
                )
            if not isinstance(key, bytes) or len(key) != KEY_BYTES:
                raise KeyringError(f"key {key_id!r} must be exactly {KEY_BYTES} bytes")
        if self.current not in self.keys:
            raise KeyringError(f"the current key {str(self.current)[:40]!r} is not in the keyring")
        # A read-only copy, so a keyring shared between threads cannot change under them.
        object.__setattr__(self, "keys", MappingProxyType(dict(self.keys)))

    def __repr__(self) -> str:
        # Never the key material: keyrings end up in tracebacks and debug logs.
        return f"Keyring(current={self.current!r}, key_ids={sorted(self.keys)!r})"

    @classmethod
    def generate(cls, key_id: str = "k1") -> Keyring:
        """A keyring with one fresh random key."""
        return cls(keys={key_id: AESGCM.generate_key(bit_length=256)}, current=key_id)

    def next_key_id(self) -> str:
        """k<N+1> for the highest kN in the keyring (k1 for a keyring of other names)."""
        numbers = [int(m.group(1)) for k in self.keys if (m := _NUMBERED.fullmatch(k))]
        candidate = max(numbers, default=0) + 1
        while f"k{candidate}" in self.keys:  # only when ids were written by hand
            candidate += 1
        return f"k{candidate}"

    def rotate(self, key_id: str | None = None) -> Keyring:
        """A new keyring: these keys plus a fresh random key, which becomes current."""
        new_id = key_id or self.next_key_id()
        if new_id in self.keys:
            raise KeyringError(f"the keyring already has a key {new_id!r}")
        keys = dict(self.keys)
        keys[new_id] = AESGCM.generate_key(bit_length=256)
        return Keyring(keys=keys, current=new_id)

    def seal(self, plaintext: bytes, *, associated_data: bytes) -> str:
        """Encrypt under the current key; the token opens only with the same associated data."""
        nonce = os.urandom(NONCE_BYTES)
        aad = _header(self.current) + associated_data
        sealed = AESGCM(self.keys[self.current]).encrypt(nonce, plaintext, aad)
        return f"{VERSION}.{self.current}.{_b64url(nonce + sealed)}"

    def open(self, token: str, *, associated_data: bytes) -> bytes:
        """Decrypt a token sealed under any key of this keyring, or raise DecryptionError."""
        key_id, raw = split_token(token)
        key = self.keys.get(key_id)
        if key is None:
            raise DecryptionError(f"the value was sealed with key {key_id!r}, which is not known")
        try:
            return AESGCM(key).decrypt(
                raw[:NONCE_BYTES], raw[NONCE_BYTES:], _header(key_id) + associated_data
            )
        except InvalidTag:
            raise DecryptionError(
                f"the value does not open with key {key_id!r}: it was altered, "
                "or it was sealed for another record or field"
            ) from None

    def reseal(self, token: str, *, associated_data: bytes) -> str:
        """The token under the current key (the same token if it already is)."""
        plaintext = self.open(token, associated_data=associated_data)
        if key_id_of(token) == self.current:
            return token
        return self.seal(plaintext, associated_data=associated_data)

    def to_json(self) -> dict[str, object]:
        """{"current": id, "keys": {id: standard base64}}: the key file's format."""
        return {
            "current": self.current,
            "keys": {k: base64.b64encode(v).decode("ascii") for k, v in self.keys.items()},
        }

    @classmethod
    def from_json(cls, data: object) -> Keyring:
        if not isinstance(data, dict):
            raise KeyringError('expected an object {"current": ..., "keys": {...}}')
        current, keys = data.get("current"), data.get("keys")
        if not isinstance(current, str) or not current:
            raise KeyringError('"current" must name a key')
        if not isinstance(keys, dict) or not keys:
            raise KeyringError('"keys" must be an object of key id to base64 key')
        decoded: dict[str, bytes] = {}
        for key_id, text in keys.items():
            if not isinstance(text, str):
                raise KeyringError(f"key {str(key_id)[:40]!r} must be a base64 string")
            try:
                decoded[key_id] = base64.b64decode(text.encode("ascii"), validate=True)
            except (binascii.Error, UnicodeEncodeError):
                raise KeyringError(f"key {str(key_id)[:40]!r} is not valid base64") from None
        return cls(keys=decoded, current=current)
