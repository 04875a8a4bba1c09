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


def fsync_folder(folder: Path) -> None:
    """Make a folder's new and renamed entries durable."""
    with contextlib.suppress(OSError):  # not every file system lets a folder be opened for fsync
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _temporary_prefix(target: Path) -> str:
    return f".{target.name}."


def clean_leftovers(target: Path) -> None:
    """Remove the temporary files a killed write of ``target`` left beside it (the caller holds its lock)."""
    for leftover in target.parent.glob(f"{_temporary_prefix(target)}*.tmp{target.suffix}"):
        leftover.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` that replaces it, whole, once the block succeeds (and is removed if not)."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=_temporary_prefix(target), suffix=f".tmp{target.suffix}")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, target.stat().st_mode & 0o777 if target.exists() else NEW_FILE_MODE)
        with temporary.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, target)
        fsync_folder(target.parent)
    finally:
        temporary.unlink(missing_ok=True)


def write_bytes(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` atomically (the caller holds the lock where others may write)."""
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)
