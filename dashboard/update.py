"""Adding to a package: a source with its verbatim text, or a figure; each checked with the whole package against
every rule `validate` applies before anything is written, and written atomically under a lock."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
from dataclasses import replace
from pathlib import Path

from dashboard.loader import (
    PENDING_SUFFIX,
    SAFE_ID,
    decode,
    pending_name,
    read_package,
    resource_file,
    table_from_bytes,
)
from dashboard.package import SOURCE_ID, SOURCES, TEXT_SUFFIX, TEXTS_FOLDER, Package, Table, text_file
from dashboard.problems import Code, DataError, Problem, problem
from dashboard.validation import validate
from dashboard.writes import clean_leftovers, fsync_folder, lock_for, write_bytes

FIGURES = "figures"


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
    grown, problems = table_from_bytes(data, table.label, table.name, table.schema)
    package.problems.extend(problems)
    if grown is not None:
        package.tables[table.name] = grown


def _figure_id(taken: set[str], source_id: str, value: str) -> str:
    """``<source>-<value>``, with ``-2``, ``-3``… when taken."""
    stem = f"{source_id}-{re.sub(r'[^0-9a-z]+', '-', value.lower()).strip('-') or 'figure'}"
    candidate, number = stem, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def _table_file(folder: Path, label: str, name: str) -> Path:
    """The file the descriptor names for table ``name`` (the one to lock and write), or the problems that say why
    there is none."""
    file = resource_file(folder, name)
    if file is None:
        package = read_package(folder, label)
        raise DataError(package.problems or validate(package))
    return file


def _read_for_writing(folder: Path, label: str, file: Path, name: str) -> tuple[Package, Table]:
    """The package as read under the lock of table ``name``'s file, leftovers of killed writes cleaned first."""
    clean_leftovers(file)
    package = read_package(folder, label)
    table = _require_table(package, name)
    if table.file != file:  # the descriptor changed between the look and the lock
        raise DataError([problem(Code.DESCRIPTOR_SHAPE, package.label_of("datapackage.json"), where="resources",
                                 what=f"changed while {name} was being written; run the command again")])  # fmt: skip
    return package, table


def _appended(package: Package, table: Table, row: dict[str, str]) -> bytes:
    """The table's file with ``row`` appended; the package now holds the table as it reads with it."""
    assert table.file is not None  # every table read from a package has its file
    data = append_record(table.file.read_bytes(), list(table.frame.columns), row)
    _with_record(package, table, data)
    return data


def add_figure(folder: Path, label: str, row: dict[str, str]) -> str:
    """Append one figure to the figures table if the package with it keeps every rule; return its id.

    Raises DataError with every problem, and writes nothing, if it does not.
    """
    return add_figures(folder, label, [row])[0]


Origin = tuple[str, int]  # where a row to add was written by a person: a review file and its line


def add_figures(folder: Path, label: str, rows: list[dict[str, str]], origins: list[Origin] | None = None) -> list[str]:
    """Append figures to the figures table in one atomic, locked write, if the package with all of them keeps every
    rule; return their ids. Otherwise raise DataError with every problem and write nothing; a problem of a new row
    is said at its ``origin`` (the review file's line) when one is given."""
    file = _table_file(folder, label, FIGURES)
    with lock_for(file):
        package, table = _read_for_writing(folder, label, file, FIGURES)
        data, added = _with_figures(package, table, rows)
        problems = validate(package)
        if problems:
            raise DataError(_at_origins(problems, package.tables.get(FIGURES), len(added), origins))
        write_bytes(file, data)
    return [row["figure_id"] for row in added]


def _with_figures(package: Package, table: Table, rows: list[dict[str, str]]) -> tuple[bytes, list[dict[str, str]]]:
    """The figures table's file with ``rows`` appended, each given an id when it has none; the package now holds the
    table as it reads with them."""
    taken = set(table.frame["figure_id"])
    added = []
    for given in rows:
        row = dict(given)
        if not row.get("figure_id"):
            row["figure_id"] = _figure_id(taken, row.get("source_id", ""), row.get("value", ""))
        taken.add(row["figure_id"])
        added.append(row)
    assert table.file is not None  # every table read from a package has its file
    data = table.file.read_bytes()
    for row in added:
        data = append_record(data, list(table.frame.columns), row)
    _with_record(package, table, data)
    return data, added


def _at_origins(
    problems: list[Problem], grown: Table | None, count: int, origins: list[Origin] | None
) -> list[Problem]:
    """Problems of the new records said where a person wrote them (a review file's line), others as they are."""
    if grown is None or origins is None or not count:
        return problems
    origin_of = dict(zip(grown.lines[-count:], origins, strict=True))
    moved = []
    for found in problems:
        origin = origin_of.get(found.line) if found.path == grown.label and found.line is not None else None
        moved.append(found if origin is None else replace(found, path=origin[0], line=origin[1]))
    return moved


def read_source_text(raw: bytes, where: str) -> str:
    """A source's text as given (``where``: its file, for the message): UTF-8, or a DataError that says where it is
    not."""
    text, fault = decode(raw, where)
    if text is None:
        raise DataError([fault] if fault else [])
    return text


def _settle_pending(folder: Path, with_rows: set[str]) -> None:
    """Finish what a killed ``add-source`` left: a pending text whose row was written takes its place; one whose
    row never was is removed (the caller holds the sources table's lock)."""
    texts = folder / TEXTS_FOLDER
    pending_suffix = TEXT_SUFFIX + PENDING_SUFFIX
    for pending in texts.glob(f".*{pending_suffix}"):
        source_id = pending.name[1 : -len(pending_suffix)]
        target = folder / text_file(source_id)
        if source_id in with_rows and not target.exists():
            os.replace(pending, target)
        else:
            pending.unlink(missing_ok=True)
    fsync_folder(texts)


def add_source(folder: Path, label: str, row: dict[str, str], raw: bytes, where: str) -> Path:
    """Write a source's text (``raw``, from ``where``) verbatim to sources/<id>.txt and append its row to the sources
    table, if the package with them keeps every rule; return the text's new path. Raises DataError, writing
    nothing, if not."""
    return add_article(folder, label, row, raw, where, [])[0]


def add_article(folder: Path, label: str, source: dict[str, str], raw: bytes, where: str,
                figures: list[dict[str, str]], origins: list[Origin] | None = None,
                source_origin: Origin | None = None) -> tuple[Path, list[str]]:  # fmt: skip
    """Add a source (its row, and its text ``raw`` from ``where``, stored verbatim) and ``figures`` quoted from it,
    if the package with all of them keeps every rule: checked once, together, under the locks of both tables;
    return the text's path and the figures' ids. Raises DataError with every problem, writing nothing, if not; a
    problem of the source's row is said at ``source_origin``, and one of a figure at its ``origins``, when given.

    The text is written first under a pending name, then the source's row, then the text takes its name, then
    the figures: the loader reads a pending text whose row exists, so a kill at any moment leaves the source with
    its text or neither, and the figures all or none.
    """
    text = read_source_text(raw, where)
    source_id = source.get(SOURCE_ID, "")
    sources_file = _table_file(folder, label, SOURCES)
    figures_file = _table_file(folder, label, FIGURES) if figures else None
    with lock_for(sources_file), lock_for(figures_file) if figures_file else contextlib.nullcontext():
        package, table = _read_for_writing(folder, label, sources_file, SOURCES)
        if (folder / TEXTS_FOLDER).is_dir():
            _settle_pending(folder, set(table.frame.get(SOURCE_ID, [])))
        sources_data = _appended(package, table, source)
        figures_data, added = b"", list[dict[str, str]]()
        if figures_file is not None:
            clean_leftovers(figures_file)
            figures_data, added = _with_figures(package, _require_table(package, FIGURES), figures)
        target = folder / package.text_path(source_id)
        safe = SAFE_ID.fullmatch(source_id) is not None
        if safe:
            package.texts[source_id] = text
        problems = validate(package)
        if safe and target.exists():
            problems.append(problem(Code.TEXT_EXISTS, package.label_of(package.text_path(source_id))))
        if problems:
            problems = _at_origins(problems, package.tables.get(SOURCES), 1, [source_origin] if source_origin else None)
            raise DataError(_at_origins(problems, package.tables.get(FIGURES), len(added), origins))
        target.parent.mkdir(parents=True, exist_ok=True)
        pending = target.with_name(pending_name(source_id))
        with pending.open("wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        write_bytes(sources_file, sources_data)  # the source exists from here on, with its pending text
        os.replace(pending, target)
        fsync_folder(target.parent)
        if figures_file is not None:
            write_bytes(figures_file, figures_data)
    return target, [row["figure_id"] for row in added]
