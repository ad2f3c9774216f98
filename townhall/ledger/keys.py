"""The log's signing key and the keys of the witnesses it trusts, from settings.

The signing key is made on first use into settings.LEDGER_KEY_FILE (mode 0600)
and is never stored in the database: whoever can read a database dump still
cannot sign a checkpoint.
"""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from townhall.ledger.note import COSIGNATURE_V1, NoteError, Signer, Verifier

logger = logging.getLogger(__name__)


def signer() -> Signer:
    return _load_signer(Path(settings.LEDGER_KEY_FILE), settings.LEDGER_ORIGIN)


def verifier() -> Verifier:
    return signer().verifier


def verifier_key() -> str:
    return str(verifier())


@functools.lru_cache(maxsize=8)
def _load_signer(path: Path, origin: str) -> Signer:
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        text = _create_key_file(path, origin)
    except (OSError, UnicodeDecodeError) as exc:
        message = f"TOWNHALL_LEDGER_KEY_FILE: cannot read {path} ({exc})"
        raise ImproperlyConfigured(message) from None
    try:
        key = Signer.parse(text)
    except NoteError as exc:
        message = f"TOWNHALL_LEDGER_KEY_FILE: {path} is not a ledger key ({exc})"
        raise ImproperlyConfigured(message) from None
    if key.name != origin:
        # The key name is part of every signature line; changing the origin
        # silently would make a new log that verifiers do not know.
        raise ImproperlyConfigured(
            f"TOWNHALL_LEDGER_KEY_FILE: {path} is the key of {key.name!r}, "
            f"but TOWNHALL_LEDGER_ORIGIN is {origin!r}"
        )
    if path.stat().st_mode & 0o077:
        logger.warning("The ledger signing key %s is readable by other users", path)
    return key


def _create_key_file(path: Path, origin: str) -> str:
    text = Signer.generate(origin).encode() + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        # Another process made it first: use theirs.
        return path.read_text(encoding="ascii")
    except OSError as exc:
        raise ImproperlyConfigured(
            f"TOWNHALL_LEDGER_KEY_FILE: cannot create {path} ({exc.strerror})"
        ) from None
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(text)
    logger.info("Made a new ledger signing key in %s", path)
    return text


def witnesses() -> list[Verifier]:
    return _parse_witnesses(tuple(settings.LEDGER_WITNESS_KEYS))


@functools.lru_cache(maxsize=8)
def _parse_witnesses(keys: tuple[str, ...]) -> list[Verifier]:
    found = []
    for key in keys:
        try:
            witness = Verifier.parse(key)
        except NoteError as exc:
            raise ImproperlyConfigured(f"TOWNHALL_LEDGER_WITNESS_KEYS: {key!r}: {exc}") from None
        if witness.key_type != COSIGNATURE_V1:
            raise ImproperlyConfigured(
                f"TOWNHALL_LEDGER_WITNESS_KEYS: {key!r} is not a cosignature/v1 key"
            )
        found.append(witness)
    return found
