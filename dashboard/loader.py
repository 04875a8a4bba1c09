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
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.package import DESCRIPTOR, TEXTS_FOLDER, Package, Table
from dashboard.problems import Code, DataError, Problem, problem
from dashboard.validation import validate

SAFE_ID = re.compile(r"[a-z0-9_-]+")
HEADER_LINE = 1
FIELD_LIMIT = 64 * 1024 * 1024  # the longest cell (or header) read, in characters; csv's own default is 128 KiB
TEXT_SUFFIX = ".txt"

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


def parse_csv(text: str, label: str) -> tuple[list[str], list[list[str]], list[int], list[Problem]]:
    """The header, the records that fit it, the physical line each starts on, and the problems of the others.

    Lines that are blank (or hold nothing but commas, as spreadsheets leave) are skipped.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[list[str]] = []
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
                rows.append(record)
                lines.append(start)
    except csv.Error as error:
        code = Code.HEADER_SYNTAX if header is None else Code.CSV_SYNTAX
        problems.append(problem(code, label, end + 1, reason=error))
    return header or [], rows, lines, problems


def read_table(file: Path, label: str, name: str, schema: dict[str, Any]) -> tuple[Table | None, list[Problem]]:
    """Read one CSV resource as text cells. Files saved by spreadsheets are fine: BOM, CRLF, blank lines at the end."""
    raw, fault = read_bytes(file, label, "the table")
    if raw is None:
        return None, [fault] if fault else []
    return table_from_bytes(raw, label, name, schema)


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


def _read_descriptor(folder: Path, label: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    text, fault = read_text(folder / DESCRIPTOR, label, "the package descriptor")
    if text is None:
        return None, [fault] if fault else []
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as error:
        return None, [problem(Code.JSON_SYNTAX, label, error.lineno, reason=error.msg)]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return None, [problem(Code.NO_RESOURCES, label)]
    return descriptor, []


def resource_path(resource: dict[str, Any]) -> str | None:
    """A resource's relative path inside the package folder, or None when it names none or points outside."""
    path = resource.get("path")
    if not isinstance(path, str) or not path or os.path.isabs(path) or ".." in Path(path).parts:
        return None
    return path


def _read_texts(package: Package) -> None:
    """Every ``sources/<id>.txt`` whose name is a safe id, decoded, or why it could not be read."""
    folder = package.folder / TEXTS_FOLDER
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError:
        return
    for name in names:
        source_id = name.removesuffix(TEXT_SUFFIX)
        if not name.endswith(TEXT_SUFFIX) or not SAFE_ID.fullmatch(source_id):
            continue  # temporary files, backups and anything else
        text, fault = read_text(folder / name, package.label_of(TEXTS_FOLDER, name))
        if text is not None:
            package.texts[source_id] = text
        elif fault is not None:
            package.text_faults[source_id] = fault


def read_package(folder: Path | str, label: str | None = None) -> Package:
    """Read everything in a package folder; what cannot be read is recorded in ``package.problems``."""
    folder = Path(folder)
    package = Package(folder=folder, label=str(folder) if label is None else label, descriptor={}, tables={})
    descriptor, problems = _read_descriptor(folder, package.label_of(DESCRIPTOR))
    package.problems.extend(problems)
    if descriptor is None:
        return package
    package.descriptor = descriptor
    for resource in descriptor["resources"]:
        name = resource.get("name") if isinstance(resource, dict) else None
        schema = resource.get("schema") if isinstance(resource, dict) else None
        path = resource_path(resource) if isinstance(resource, dict) else None
        if not isinstance(name, str) or path is None or not isinstance(schema, dict):
            package.problems.append(problem(Code.BAD_RESOURCE, package.label_of(DESCRIPTOR), value=str(name)))
            continue
        table, problems = read_table(folder / path, package.label_of(path), name, schema)
        package.problems.extend(problems)
        if table is not None:
            package.tables[name] = table
    _read_texts(package)
    return package


def load_package(folder: Path | str, label: str | None = None) -> Package:
    """Read and validate a package; raise DataError listing every problem if it is not valid."""
    package = read_package(folder, label)
    problems = validate(package)
    if problems:
        raise DataError(problems)
    return package
