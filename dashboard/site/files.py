"""Writing a static site: into a new folder beside the old one, swapped in whole at the end; assets named by their
content; every text file also written compressed (gzip and brotli) for servers that send them as they are."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

from dashboard.i18n import _
from dashboard.writes import fsync_folder, lock_for

HASH_CHARS = 10
COMPRESSED = (".html", ".js", ".css", ".json", ".jsonld", ".svg", ".csv", ".cff", ".txt", ".xml")  # not png, zip, pdf
GZIP_LEVEL = 9
BROTLI_QUALITY = 10  # within 2 % of 11 on a site, in a third of the time
SITE_MODE = 0o755
SITE_MARKER = "_site"  # in every site built: a later build may replace the folder that holds it, and no other
MARKER_TEXT = b"Written by python -m dashboard build; the next build replaces this folder whole.\n"


class NotASite(ValueError):
    """A folder that a build must not replace."""


def check_out(out: Path, keep: list[Path]) -> None:
    """Refuse to replace ``out`` unless it is missing, empty or a site built before (it holds ``SITE_MARKER``),
    and unless it neither is nor holds any of the folders in ``keep`` (the data, the working folder)."""
    out = out.resolve()
    for folder in keep:
        if folder.resolve().is_relative_to(out):
            raise NotASite(_("{out} holds {folder}").format(out=out, folder=folder.resolve()))
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / SITE_MARKER).is_file())):
        raise NotASite(_("{out} holds files that are not a site built before").format(out=out))


def hashed_name(name: str, data: bytes) -> str:
    """``style.css`` as ``style.<hash>.css``, the hash of its content: a name that can be cached for a year."""
    stem, dot, extension = name.partition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:HASH_CHARS]}{dot}{extension}"


def write(root: Path, path: str, data: bytes) -> Path:
    """Write ``data`` at ``path`` under ``root`` (the folder being built), its folders made."""
    target = root / path
    if not target.resolve().is_relative_to(root.resolve()):
        raise ValueError(f"{path!r} is not a path inside the site")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


def compress(path: Path) -> None:
    """Beside a text file, its ``.gz`` (reproducible: no name or time in it) and its ``.br``."""
    data = path.read_bytes()
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, GZIP_LEVEL, mtime=0))
    path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=BROTLI_QUALITY))


def compress_all(root: Path) -> int:
    """Every text file under ``root`` compressed (``compress``), on every core: zlib and brotli let go of the
    interpreter while they work; returns how many files were compressed."""
    paths = [path for path in sorted(root.rglob("*")) if path.is_file() and path.suffix in COMPRESSED]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(compress, paths))
    return len(paths)


def _durable(root: Path) -> None:
    """Flush every file and folder written under ``root`` to disk."""
    for path in root.rglob("*"):
        if path.is_file():
            with path.open("rb") as written:
                os.fsync(written.fileno())
    for folder in [root, *(path for path in root.rglob("*") if path.is_dir())]:
        fsync_folder(folder)


@contextlib.contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A new folder beside ``out`` to build into; when the block succeeds it is made durable and takes ``out``'s
    place (the old site is removed after), under ``out``'s lock. When the block fails, ``out`` is left as it was."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with lock_for(out):
        building = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new-"))
        try:
            os.chmod(building, SITE_MODE)  # mkdtemp's folder is its owner's alone; a site is for a web server to read
            yield building
            (building / SITE_MARKER).write_bytes(MARKER_TEXT)
            _durable(building)
            old = out.parent / f".{out.name}.old-{building.name.rsplit('-', 1)[-1]}"
            if out.exists():
                os.replace(out, old)
            os.replace(building, out)
            fsync_folder(out.parent)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(building, ignore_errors=True)
