"""Reading a Data Package from disk: its descriptor, its CSV tables (with each record's line) and its source texts.

The loader only reads. What cannot be read at all (a missing file, bytes that are not UTF-8, a record that is not
CSV) is recorded as a problem; every rule about what was read lives in ``validation``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from dashboard.descriptor import resource_problems
from dashboard.numerals import ENGLISH
from dashboard.package import DESCRIPTOR, SOURCE_ID, SOURCES, TEXT_SUFFIX, TEXTS_FOLDER, Package, Table
from dashboard.problems import Code, DataError, Problem, problem
from dashboard.validation import validate

SAFE_ID = re.compile(r"[a-z0-9_][a-z0-9_-]*")  # as the descriptor's id pattern: never a leading "-"
HEADER_LINE = 1
FIELD_LIMIT = 64 * 1024 * 1024  # the longest cell (or header) read, in characters; csv's own default is 128 KiB
PENDING_SUFFIX = ".pending"

csv.field_size_limit(FIELD_LIMIT)


def read_bytes(file: Path, label: str, what: str) -> tuple[bytes | None, Problem | None]:
    """A file's bytes, or the problem that stops them being read."""
    try:
        return file.read_bytes(), None
    except FileNotFoundError:
        return None, problem(Code.MISSING_FILE, label, what=what)
    except IsADirectoryError:
        return None, problem(Code.NOT_A_FILE, label, what=what)
    except OSError as error:
        return None, problem(Code.UNREADABLE, label, what=what, reason=error.strerror)


def decode(raw: bytes, label: str) -> tuple[str | None, Problem | None]:
    """UTF-8 text (a byte-order mark dropped), or the problem that names the line of the first bad byte."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return None, problem(Code.ENCODING, label, line, value=f"0x{raw[error.start]:02x}")


def read_text(file: Path, label: str, what: str = "the source's text") -> tuple[str | None, Problem | None]:
    """Read a file's text, verbatim, as UTF-8; or the problem that stops it."""
    raw, fault = read_bytes(file, label, what)
    if raw is None:
        return None, fault
    return decode(raw, label)


def _header_problems(header: list[str], label: str) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for position, column in enumerate(header, start=1):
        if not column:
            problems.append(problem(Code.BLANK_HEADER, label, HEADER_LINE, position=position))
        elif column in seen:
            problems.append(
                problem(Code.DUPLICATE_HEADER, label, HEADER_LINE, column, column, first=seen[column], second=position)
            )
        seen.setdefault(column, position)
    return problems


def parse_csv(text: str, label: str) -> tuple[list[str], list[tuple[str, ...]], list[int], list[Problem]]:
    """The header, the records that fit it, the physical line each starts on, and the problems of the others.

    Lines that are blank (or hold nothing but commas, as spreadsheets leave) are skipped.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[tuple[str, ...]] = []
    lines: list[int] = []
    problems: list[Problem] = []
    end = 0  # the line the previous record ended on
    try:
        for record in reader:
            start, end = end + 1, reader.line_num
            if not "".join(record).strip():
                continue  # a blank line, or cells of nothing but blanks
            if header is None:
                header = [cell.strip() for cell in record]
            elif len(record) != len(header):
                problems.append(problem(Code.FIELD_COUNT, label, start, count=len(record), expected=len(header)))
            else:
                rows.append(tuple(record))  # a tuple of text: the garbage collector stops tracking it
                lines.append(start)
    except csv.Error as error:
        code = Code.HEADER_SYNTAX if header is None else Code.CSV_SYNTAX
        problems.append(problem(code, label, end + 1, reason=error))
    return header or [], rows, lines, problems


def table_from_bytes(raw: bytes, label: str, name: str, schema: dict[str, Any]) -> tuple[Table | None, list[Problem]]:
    """A CSV resource's bytes as a table of text cells, or the problems that stop it being read."""
    text, fault = decode(raw, label)
    if text is None:
        return None, [fault] if fault else []
    header, rows, lines, problems = parse_csv(text, label)
    if not header:
        return None, problems or [problem(Code.EMPTY_FILE, label)]
    header_problems = _header_problems(header, label)
    if header_problems:
        return None, header_problems
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    return Table(name, label, frame, lines, schema), problems


def _parse_descriptor(raw: bytes, label: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    text, fault = decode(raw, label)
    if text is None:
        return None, [fault] if fault else []
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as error:
        return None, [problem(Code.JSON_SYNTAX, label, error.lineno, reason=error.msg)]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return None, [problem(Code.NO_RESOURCES, label)]
    return descriptor, []


def pending_name(source_id: str) -> str:
    """Where ``add-source`` puts a text before its row is written: the text counts once the row exists."""
    return f".{source_id}{TEXT_SUFFIX}{PENDING_SUFFIX}"


def _resources(folder: Path) -> list[dict[str, Any]]:
    """The descriptor's resources in a shape the loader reads, without reading anything else; none when the
    descriptor cannot be read."""
    raw, _ = read_bytes(folder / DESCRIPTOR, DESCRIPTOR, "the package descriptor")
    descriptor, _ = _parse_descriptor(raw, DESCRIPTOR) if raw is not None else (None, [])
    resources = descriptor["resources"] if descriptor else []
    return [resource for index, resource in enumerate(resources) if not resource_problems(index, resource, "")]


def watched_paths(folder: Path) -> list[Path]:
    """Every path whose change changes the package: the descriptor, the files it names, the texts' folder and
    what is in it."""
    texts = folder / TEXTS_FOLDER
    try:
        entries = sorted(texts / entry.name for entry in os.scandir(texts))
    except OSError:
        entries = []
    return [folder / DESCRIPTOR, *(folder / resource["path"] for resource in _resources(folder)), texts, *entries]


def resource_file(folder: Path, name: str) -> Path | None:
    """The file the descriptor names for resource ``name``, without reading anything else; None when the
    descriptor cannot be read or names no such resource in a readable shape."""
    return next((folder / resource["path"] for resource in _resources(folder) if resource["name"] == name), None)


def _inside(folder: Path, relative: str) -> bool:
    """Whether ``folder/relative`` stays inside the folder: no part of it is a symbolic link (the descriptor's
    paths are already relative and free of '..')."""
    path = folder
    for part in PurePosixPath(relative).parts:
        path = path / part
        if path.is_symlink():
            return False
    return True


def _read_inside(package: Package, relative: str, what: str) -> tuple[bytes | None, Problem | None]:
    """A file of the package, by its path relative to the folder; refused when it is a link."""
    label = package.label_of(relative)
    if not _inside(package.folder, relative):
        return None, problem(Code.LINK, label, what=relative)
    raw, fault = read_bytes(package.folder / relative, label, what)
    if raw is not None:
        package.files[relative] = raw
    return raw, fault


def _read_tables(package: Package) -> None:
    """Every resource the descriptor declares in a shape the loader can read, as a table of text cells."""
    for index, resource in enumerate(package.descriptor["resources"]):
        shape = resource_problems(index, resource, package.label_of(DESCRIPTOR))
        if shape:
            package.problems.extend(shape)
            continue
        path = resource["path"]
        raw, fault = _read_inside(package, path, "the table")
        if raw is None:
            package.problems.extend([fault] if fault else [])
            continue
        table, problems = table_from_bytes(raw, package.label_of(path), resource["name"], resource["schema"])
        package.problems.extend(problems)
        if table is not None:
            table.file = package.folder / path
            package.tables[resource["name"]] = table


def _text_names(package: Package) -> dict[str, str]:
    """Each source text's file name in ``sources/``, by source id: ``<id>.txt``, or the text ``add-source`` left
    pending when the source's row was written (so that a text and its row appear together)."""
    try:
        names = {entry.name for entry in os.scandir(package.folder / TEXTS_FOLDER)}
    except OSError:
        return {}
    sources = package.tables.get(SOURCES)
    with_rows = set(sources.frame[SOURCE_ID]) if sources is not None and SOURCE_ID in sources.frame else set()
    found = {}
    for name in sorted(names):
        source_id = name.removesuffix(TEXT_SUFFIX)
        if name.endswith(TEXT_SUFFIX) and SAFE_ID.fullmatch(source_id):
            found[source_id] = name
    for source_id in sorted(with_rows - set(found)):
        if SAFE_ID.fullmatch(source_id) and pending_name(source_id) in names:
            found[source_id] = pending_name(source_id)
    return found


def _read_texts(package: Package) -> None:
    """Every source text, decoded, or why it could not be read; temporary files, backups and the rest are not
    read. A ``sources`` folder that is a link is not read at all."""
    if (package.folder / TEXTS_FOLDER).is_symlink():
        package.problems.append(problem(Code.LINK, package.label_of(TEXTS_FOLDER), what=TEXTS_FOLDER))
        return
    for source_id, name in _text_names(package).items():
        raw, fault = _read_inside(package, os.path.join(TEXTS_FOLDER, name), "the source's text")
        text, fault = decode(raw, package.label_of(TEXTS_FOLDER, name)) if raw is not None else (None, fault)
        if text is not None:
            package.texts[source_id] = text
            package.files[package.text_path(source_id)] = package.files.pop(os.path.join(TEXTS_FOLDER, name))
        elif fault is not None:
            package.text_faults[source_id] = fault


def read_package(folder: Path | str, label: str | None = None) -> Package:
    """Read everything in a package folder; what cannot be read is recorded in ``package.problems``."""
    folder = Path(folder)
    package = Package(folder=folder, label=str(folder) if label is None else label, descriptor={}, tables={})
    raw, fault = _read_inside(package, DESCRIPTOR, "the package descriptor")
    descriptor, problems = _parse_descriptor(raw, package.label_of(DESCRIPTOR)) if raw is not None else (None, [fault])
    package.problems.extend(problem for problem in problems if problem is not None)
    if descriptor is None:
        return package
    package.descriptor = descriptor
    _read_tables(package)
    _read_texts(package)
    return package


def load_package(folder: Path | str, label: str | None = None) -> Package:
    """Read and validate a package; raise DataError listing every problem if it is not valid."""
    package = read_package(folder, label)
    problems = validate(package)
    if problems:
        raise DataError(problems)
    return package


def source_language(folder: Path, label: str, source_id: str) -> str:
    """The language sources.csv gives a source, as it is on disk (not validated); English where it gives none."""
    table = read_package(folder, label).tables.get(SOURCES)
    if table is None or "language" not in table.frame.columns:
        return ENGLISH
    found = table.frame.loc[table.frame[SOURCE_ID] == source_id, "language"].tolist()
    return found[0].strip() if found and found[0].strip() else ENGLISH
