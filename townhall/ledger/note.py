"""C2SP signed notes, Ed25519 note keys, checkpoints and witness cosignatures.

Pure Python (no Django): the log signs with it, and verifiers (the receipt
checker, `townhall ledger verify`, anyone else's tool) open notes with it.

- c2sp.org/signed-note: text ending in a newline, a blank line, then lines
  "— <key name> base64(key ID || signature)";
  key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte Ed25519 public key)[:4].
- Verifier keys are written "<name>+<key ID in hex>+base64(0x01 || public key)",
  signer keys (as Go's golang.org/x/mod/sumdb/note writes them)
  "PRIVATE+KEY+<name>+<key ID in hex>+base64(0x01 || 32-byte seed)".
- c2sp.org/tlog-checkpoint: the note text is origin, tree size, base64 root.
- c2sp.org/tlog-cosignature: a witness signs "cosignature/v1\\ntime <t>\\n" and
  the checkpoint text with a type 0x04 key; its signature is 8-byte time || sig.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

ED25519 = 0x01
COSIGNATURE_V1 = 0x04
EM_DASH = "\u2014"
MAX_SIGNATURES = 100

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f]")


class NoteError(ValueError):
    """A note, key or checkpoint is malformed or fails verification."""


def _b64decode(text: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise NoteError("not valid base64") from None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def check_key_name(name: str) -> None:
    if not name or any(c.isspace() or c == "+" for c in name):
        raise NoteError("a key name is non-empty, without spaces or '+'")


def key_id(name: str, key_type: int, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + bytes([key_type]) + public_key).digest()[:4]


def _raw_public(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class Verifier:
    name: str
    key_type: int
    public_key: bytes
    id: bytes = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", key_id(self.name, self.key_type, self.public_key))

    @classmethod
    def parse(cls, vkey: str) -> Verifier:
        parts = vkey.strip().split("+", 2)
        if len(parts) != 3:
            raise NoteError("a verifier key is written name+keyid+base64key")
        name, hex_id, encoded = parts
        check_key_name(name)
        data = _b64decode(encoded)
        if len(data) != 33 or data[0] not in (ED25519, COSIGNATURE_V1):
            raise NoteError("only Ed25519 verifier keys (type 0x01 or 0x04) are supported")
        verifier = cls(name, data[0], data[1:])
        if hex_id.lower() != verifier.id.hex() or len(hex_id) != 8:
            raise NoteError("the key ID in the verifier key does not match the key")
        return verifier

    def __str__(self) -> str:
        return f"{self.name}+{self.id.hex()}+{_b64(bytes([self.key_type]) + self.public_key)}"

    def check(self, message: bytes, signature: bytes) -> None:
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(signature, message)
        except (InvalidSignature, ValueError):
            raise NoteError(f"the signature by {self.name} does not verify") from None


class Signer:
    """An Ed25519 note signing key (type 0x01)."""

    def __init__(self, name: str, seed: bytes) -> None:
        check_key_name(name)
        if len(seed) != 32:
            raise NoteError("an Ed25519 seed is 32 bytes")
        self.name = name
        self._private = Ed25519PrivateKey.from_private_bytes(seed)
        self.verifier = Verifier(name, ED25519, _raw_public(self._private))

    @classmethod
    def generate(cls, name: str) -> Signer:
        private = Ed25519PrivateKey.generate()
        seed = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        return cls(name, seed)

    @classmethod
    def parse(cls, skey: str) -> Signer:
        parts = skey.strip().split("+", 4)
        if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
            raise NoteError("a signer key is written PRIVATE+KEY+name+keyid+base64key")
        data = _b64decode(parts[4])
        if len(data) != 33 or data[0] != ED25519:
            raise NoteError("only Ed25519 signer keys are supported")
        signer = cls(parts[2], data[1:])
        if parts[3].lower() != signer.verifier.id.hex():
            raise NoteError("the key ID in the signer key does not match the key")
        return signer

    def encode(self) -> str:
        seed = self._private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        return f"PRIVATE+KEY+{self.name}+{self.verifier.id.hex()}+{_b64(bytes([ED25519]) + seed)}"

    def signature_line(self, text: str) -> str:
        signature = self._private.sign(text.encode())
        return f"{EM_DASH} {self.name} {_b64(self.verifier.id + signature)}\n"

    def cosignature_line(self, text: str, timestamp: int) -> str:
        """A tlog-cosignature/v1 line; only meaningful for witness keys (tests use it)."""
        cosigner = Verifier(self.name, COSIGNATURE_V1, self.verifier.public_key)
        signature = self._private.sign(cosigned_message(text, timestamp))
        blob = cosigner.id + timestamp.to_bytes(8, "big") + signature
        return f"{EM_DASH} {self.name} {_b64(blob)}\n"


def sign_note(text: str, signer: Signer) -> str:
    check_text(text)
    return text + "\n" + signer.signature_line(text)


def check_text(text: str) -> None:
    if not text.endswith("\n"):
        raise NoteError("a note text ends with a newline")
    if _CONTROL.search(text):
        raise NoteError("a note contains no control characters but newlines")


@dataclass(frozen=True)
class Signature:
    name: str
    key_id: bytes
    blob: bytes  # the signature bytes after the key ID

    def line(self) -> str:
        return f"{EM_DASH} {self.name} {_b64(self.key_id + self.blob)}\n"


def split_note(note: str) -> tuple[str, list[Signature]]:
    """Split a signed note into its text and its (unverified) signatures."""
    if not note.endswith("\n"):
        raise NoteError("a signed note ends with a newline")
    cut = note.rfind("\n\n")
    if cut < 0:
        raise NoteError("a signed note has a blank line before its signatures")
    text, lines = note[: cut + 1], note[cut + 2 :].split("\n")[:-1]
    check_text(text)
    if not lines:
        raise NoteError("a signed note has at least one signature")
    if len(lines) > MAX_SIGNATURES:
        raise NoteError("a signed note has too many signatures")
    signatures = []
    for line in lines:
        parts = line.split(" ")
        if len(parts) != 3 or parts[0] != EM_DASH:
            raise NoteError("a signature line is '— name base64signature'")
        check_key_name(parts[1])
        blob = _b64decode(parts[2])
        if len(blob) < 5:
            raise NoteError("a signature is too short")
        signatures.append(Signature(parts[1], blob[:4], blob[4:]))
    return text, signatures


def open_note(note: str, verifiers: list[Verifier]) -> tuple[str, list[Verifier]]:
    """Return the note text and the known keys whose Ed25519 signatures verified.

    Unknown signatures are ignored; a bad signature by a known key rejects the
    note; a note with no valid signature by a known key is rejected.
    """
    text, signatures = split_note(note)
    verified = []
    for signature in signatures:
        for verifier in verifiers:
            if verifier.key_type != ED25519:
                continue
            if verifier.name == signature.name and verifier.id == signature.key_id:
                verifier.check(text.encode(), signature.blob)
                verified.append(verifier)
    if not verified:
        raise NoteError("the note is not signed by a known key")
    return text, verified


def cosigned_message(text: str, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n".encode() + text.encode()


def check_cosignature(text: str, signature: Signature, witness: Verifier) -> int:
    """Verify a tlog-cosignature/v1 by `witness` over checkpoint `text`; return its time."""
    if witness.key_type != COSIGNATURE_V1:
        raise NoteError("a witness key is a cosignature/v1 (type 0x04) key")
    if signature.name != witness.name or signature.key_id != witness.id:
        raise NoteError("the cosignature is not by this witness")
    if len(signature.blob) != 8 + 64:
        raise NoteError("a cosignature is an 8-byte time and a 64-byte signature")
    timestamp = int.from_bytes(signature.blob[:8], "big")
    witness.check(cosigned_message(text, timestamp), signature.blob[8:])
    return timestamp


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = ()

    def text(self) -> str:
        lines = [self.origin, str(self.size), _b64(self.root), *self.extensions]
        return "\n".join(lines) + "\n"

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        check_text(text)
        lines = text[:-1].split("\n")
        if len(lines) < 3 or any(not line for line in lines):
            raise NoteError("a checkpoint has an origin, a size and a root, on non-empty lines")
        origin, size_text, root_text = lines[:3]
        if (
            not size_text.isascii()
            or not size_text.isdigit()
            or (size_text != "0" and size_text.startswith("0"))
        ):
            raise NoteError("a checkpoint size is a decimal number without leading zeros")
        root = _b64decode(root_text)
        if len(root) != 32:
            raise NoteError("a checkpoint root is a 32-byte hash")
        return cls(origin, int(size_text), root, tuple(lines[3:]))


def open_checkpoint(note: str, verifier: Verifier, origin: str | None = None) -> Checkpoint:
    """Verify a signed checkpoint against the log's key and parse it."""
    text, _ = open_note(note, [verifier])
    checkpoint = Checkpoint.parse(text)
    expected = verifier.name if origin is None else origin
    if checkpoint.origin != expected:
        raise NoteError(f"the checkpoint is for {checkpoint.origin!r}, not {expected!r}")
    return checkpoint
