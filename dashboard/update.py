"""Adding to a package: a source with its verbatim text, or a figure; each checked with the whole package against
every rule `validate` applies before anything is written, and written atomically under a lock."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from dashboard.loader import SAFE_ID, decode, read_package, table_from_bytes
from dashboard.package import TEXTS_FOLDER, Package, Table
from dashboard.problems import Code, DataError, problem
from dashboard.validation import validate
from dashboard.writes import atomic_path, lock_for, write_bytes

FIGURES = "figures"
SOURCES = "sources"


def _end_of_records(raw: bytes) -> int:
    """Where the file's last record ends: before its final line end and any blank (or only-commas) lines after."""
    end = len(raw)
    while end:
        start = raw.rfind(b"\n", 0, end) + 1
        if raw[start:end].strip(b" \t\r,"):
            break
        end = max(start - 1, 0)
    while end and raw[end - 1] == ord("\r"):
        end -= 1
    return end


def append_record(raw: bytes, header: list[str], row: dict[str, str]) -> bytes:
    """``raw`` with one CSV record added after its last non-blank line; its BOM, line ends, order and extra
    columns are kept as they are (the bytes before the record are the file's own)."""
    newline = b"\r\n" if b"\r\n" in raw else b"\n"
    end = _end_of_records(raw)
    buffer = io.StringIO()
    # Written with "\r\n" so that a cell holding either character is quoted, then ended as the file's lines are.
    csv.writer(buffer, lineterminator="\r\n").writerow([row.get(column, "") for column in header])
    record = buffer.getvalue().removesuffix("\r\n").encode("utf-8")
    return b"".join((memoryview(raw)[:end], newline, record, newline))


def _require_table(package: Package, name: str) -> Table:
    """The table, or the problems that kept it from being read (or the package's, if it is not declared)."""
    table = package.tables.get(name)
    if table is None:
        raise DataError(package.problems or validate(package))
    return table


def _with_record(package: Package, table: Table, data: bytes) -> None:
    """Put the table as it reads with its new record (its file's new ``data``) into ``package``, to be checked."""
    grown, problems = table_from_bytes(data, table.path, table.name, table.schema)
    package.problems.extend(problems)
    if grown is not None:
        package.tables[table.name] = grown


def _figure_id(package: Package, source_id: str, value: str) -> str:
    taken = set(package.tables[FIGURES].frame["figure_id"])
    stem = f"{source_id}-{re.sub(r'[^0-9a-z]+', '-', value.lower()).strip('-') or 'figure'}"
    candidate, number = stem, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def add_figure(folder: Path, label: str, row: dict[str, str]) -> str:
    """Append one figure to figures.csv if the package with it keeps every rule; return its id.

    Raises DataError with every problem, and writes nothing, if it does not.
    """
    path = folder / "figures.csv"
    with lock_for(path):
        package = read_package(folder, label)
        table = _require_table(package, FIGURES)
        row = dict(row)
        if not row.get("figure_id"):
            row["figure_id"] = _figure_id(package, row.get("source_id", ""), row.get("value", ""))
        data = append_record(path.read_bytes(), list(table.frame.columns), row)
        _with_record(package, table, data)
        problems = validate(package)
        if problems:
            raise DataError(problems)
        write_bytes(path, data)
    return row["figure_id"]


def read_source_text(file: Path) -> str:
    """A source's text as given: UTF-8, or a DataError that says where it is not."""
    text, fault = decode(file.read_bytes(), str(file))
    if text is None:
        raise DataError([fault] if fault else [])
    return text


def add_source(folder: Path, label: str, row: dict[str, str], text_file: Path) -> Path:
    """Copy a source's text verbatim to sources/<id>.txt and append its row to sources.csv, if the package with
    them keeps every rule; return the text's new path. Raises DataError, writing nothing, if not."""
    text = read_source_text(text_file)
    path = folder / "sources.csv"
    source_id = row.get("source_id", "")
    with lock_for(path):
        package = read_package(folder, label)
        table = _require_table(package, SOURCES)
        data = append_record(path.read_bytes(), list(table.frame.columns), row)
        _with_record(package, table, data)
        target = folder / TEXTS_FOLDER / f"{source_id}.txt"
        safe = SAFE_ID.fullmatch(source_id) is not None
        if safe:
            package.texts[source_id] = text
        problems = validate(package)
        if safe and target.exists():
            problems.append(problem(Code.TEXT_EXISTS, package.label_of(package.text_path(source_id))))
        if problems:
            raise DataError(problems)
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as temporary:
            temporary.write_bytes(text_file.read_bytes())
        try:
            write_bytes(path, data)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
    return target
