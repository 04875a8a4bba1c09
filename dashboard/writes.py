"""Every write the project makes: a temporary file in the same folder, fsynced, renamed over the old one, under a
lock on a separate file beside it. Readers take no lock: they see the old file or the new one, never a torn one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock

NEW_FILE_MODE = 0o644
LOCK_TIMEOUT_S = 60


def lock_for(path: Path) -> FileLock:
    """The lock that guards ``path``: ``<file>.lock`` beside it."""
    return FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be opened for fsync
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` that replaces it, whole, once the block succeeds (and is removed if not)."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=f".tmp{target.suffix}")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, target.stat().st_mode & 0o777 if target.exists() else NEW_FILE_MODE)
        with temporary.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, target)
        _fsync_folder(target.parent)
    finally:
        temporary.unlink(missing_ok=True)


def write_bytes(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` atomically (the caller holds the lock where others may write)."""
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)
