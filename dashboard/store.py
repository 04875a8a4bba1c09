"""The data a running dashboard shows: reloaded when a package file changes, the last valid version kept."""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from dashboard.loader import load_package, watched_paths
from dashboard.problems import DataError, Problem
from dashboard.tables import Tidy, tidy

Stamp = tuple[tuple[str, int, int], ...]
CHECK_INTERVAL_S = 0.25  # files are looked at no more often than this: a saved edit shows within a second


@dataclass(frozen=True)
class Snapshot:
    """What a page shows: the last valid tables (None if there never were any) and the current problems."""

    tables: Tidy | None
    problems: list[Problem] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    saved_at: datetime | None = None  # when the package's newest file was saved
    files: dict[str, bytes] = field(default_factory=dict)  # the bytes that were validated, by path in the folder
    version: str = ""  # a digest of those bytes: it changes whenever the data does


def digest(files: dict[str, bytes]) -> str:
    """A short digest of a package's files, names and contents: the version of the data."""
    hashed = hashlib.sha256()
    for name in sorted(files):
        for part in (name.encode(), files[name]):
            hashed.update(len(part).to_bytes(8, "big"))
            hashed.update(part)
    return hashed.hexdigest()[:16]


def _stamp(folder: Path) -> Stamp:
    """Every file of the package, as its descriptor names them, with its modification time and size: a change in
    any shows here."""
    entries = []
    for path in watched_paths(folder):
        try:
            status = path.lstat()
        except OSError:
            continue
        entries.append((str(path), status.st_mtime_ns, status.st_size))
    return tuple(entries)


class PackageStore:
    """Holds a package folder's tables; ``current()`` reloads them when any file changed since the last look."""

    def __init__(self, folder: Path | str, label: str | None = None, check_interval: float = CHECK_INTERVAL_S) -> None:
        self.folder = Path(folder)
        self.check_interval = check_interval
        self.label = label if label is not None else str(folder)
        self._lock = threading.Lock()
        self._stamp: Stamp | None = None
        self._checked = -float("inf")
        self._snapshot = Snapshot(tables=None)

    def current(self) -> Snapshot:
        """The data as the files are now (looked at again when the last look is older than ``check_interval``)."""
        now = time.monotonic()
        if now - self._checked < self.check_interval:
            return self._snapshot
        stamp = _stamp(self.folder)
        with self._lock:
            if stamp != self._stamp:
                self._snapshot = self._reload(stamp)
                self._stamp = stamp
            self._checked = now
            return self._snapshot

    def _reload(self, stamp: Stamp) -> Snapshot:
        saved = max((mtime for _, mtime, _ in stamp), default=None)
        saved_at = datetime.fromtimestamp(saved / 1e9, tz=UTC) if saved is not None else None
        try:
            package = load_package(self.folder, self.label)
        except DataError as error:
            previous = self._snapshot
            return Snapshot(
                previous.tables, error.problems, previous.texts, previous.saved_at, previous.files, previous.version
            )
        files = dict(package.files)
        return Snapshot(tidy(package), [], dict(package.texts), saved_at, files, digest(files))
