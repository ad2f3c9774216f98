"""The data keyring, kept in a private JSON file beside (never inside) the database.

settings.DATA_KEY_FILE (TOWNHALL_DATA_KEY_FILE, default DATA_DIR/data-keys.json):

    {"current": "k2", "keys": {"k1": "<base64 of 32 bytes>", "k2": "<...>"}}

The file is made on first use with one random key and mode 0600. A file that
others can read, that is malformed, or whose current key is missing stops the
process with ImproperlyConfigured, never a fallback: a second, silently made
keyring would seal values that the real one cannot open.

Each process caches the keyring and looks at the file's identity (inode, mtime,
times, size) on every use, so a rotation by `townhall privacy rotate-key` takes effect
in running web workers without a restart. Key material is never logged.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from townhall.privacy.crypto import Keyring, KeyringError

logger = logging.getLogger(__name__)

# Group-writable or any access by others: someone else could read the keys, or
# swap in keys of their own and read everything sealed afterwards.
_UNSAFE_MODE = stat.S_IWGRP | stat.S_IRWXO

_Stamp = tuple[int, int, int, int, int]
_cache: dict[Path, tuple[_Stamp, Keyring]] = {}


def _problem(message: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"TOWNHALL_DATA_KEY_FILE: {message}")


def key_file() -> Path:
    configured = getattr(settings, "DATA_KEY_FILE", None)
    if configured is None:
        return Path(settings.DATA_DIR) / "data-keys.json"
    return Path(configured)


def keyring() -> Keyring:
    """This installation's keyring, made on first use, reloaded when the file changes."""
    path = key_file()
    try:
        status = path.stat()
    except FileNotFoundError:
        _create(path)
        return keyring()
    except OSError as exc:
        raise _problem(f"cannot read {path} ({exc.strerror})") from None
    cached = _cache.get(path)
    if cached is not None and cached[0] == _stamp(status):
        return cached[1]
    stamp, ring = _load(path)
    _cache[path] = (stamp, ring)
    return ring


def data_key_add() -> Keyring:
    """Add a fresh key to the key file and make it current; returns the new keyring.

    The file is replaced atomically (a private temporary file, then rename),
    so a reader sees the old keyring or the new one, never half of either.
    Concurrent rotations are serialised by a lock on the key file's folder.
    """
    path = key_file()
    keyring()  # makes the file if this is its first use, and checks it
    with _folder_lock(path.parent):
        _, ring = _load(path)
        rotated = ring.rotate()
        _write_replacing(path, rotated)
    _cache.pop(path, None)
    logger.info("Added data key %s to %s; it is now current", rotated.current, path)
    return rotated


def _stamp(status: os.stat_result) -> _Stamp:
    # ctime too: a chmod that opens the file to others must be noticed at once.
    return (status.st_dev, status.st_ino, status.st_mtime_ns, status.st_ctime_ns, status.st_size)


def _load(path: Path) -> tuple[_Stamp, Keyring]:
    try:
        with path.open("rb") as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise _problem(f"{path} is not a regular file")
            text = handle.read(1_000_000)
    except OSError as exc:
        raise _problem(f"cannot read {path} ({exc.strerror})") from None
    mode = stat.S_IMODE(status.st_mode)
    if mode & _UNSAFE_MODE:
        raise _problem(
            f"{path} has mode {mode:04o}, so other users can read or change the keys; "
            f"run: chmod 600 {path}"
        )
    try:
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _problem(
            f'{path} is not JSON like {{"current": "k1", "keys": {{"k1": "<base64>"}}}}'
        ) from None
    try:
        ring = Keyring.from_json(data)
    except KeyringError as exc:
        raise _problem(f"{path}: {exc}") from None
    return _stamp(status), ring


def _serialise(ring: Keyring) -> bytes:
    return (json.dumps(ring.to_json(), indent=2) + "\n").encode("ascii")


def _private_temporary(path: Path, ring: Keyring) -> Path:
    """A fully written, fsynced file beside path, mode 0600 from the first byte."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(_serialise(ring))
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def _create(path: Path) -> None:
    ring = Keyring.generate()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = _private_temporary(path, ring)
    except OSError as exc:
        raise _problem(f"cannot create {path} ({exc.strerror})") from None
    try:
        # link() creates the name only if it is absent, and with the whole
        # content at once: a process racing us reads our keys or its own, never
        # an empty file. Where links are not supported, O_EXCL does the same
        # job minus that guarantee.
        try:
            os.link(temporary, path)
        except FileExistsError:
            return
        except OSError:
            _create_exclusive(path, ring)
    finally:
        temporary.unlink(missing_ok=True)
    _sync_folder(path.parent)
    logger.info("Made a new data key file %s with key %s", path, ring.current)


def _create_exclusive(path: Path, ring: Keyring) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise _problem(f"cannot create {path} ({exc.strerror})") from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(_serialise(ring))
        handle.flush()
        os.fsync(handle.fileno())


def _write_replacing(path: Path, ring: Keyring) -> None:
    try:
        temporary = _private_temporary(path, ring)
        os.replace(temporary, path)
    except OSError as exc:
        raise _problem(f"cannot write {path} ({exc.strerror})") from None
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder entry is on disk.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # not POSIX: rotations must then not run concurrently
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
