"""Reading a Data Package from disk: its descriptor, its CSV tables (with each record's line) and its source texts."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dashboard.errors import DataError, Problem
from dashboard.gcpause import paused
from dashboard.validation import validate

DESCRIPTOR = "datapackage.json"
TEXTS_FOLDER = "sources"
SAFE_ID = re.compile(r"[a-z0-9_-]+")
HEADER_LINE = 1
HEADER_MAX_CHARS = 65_536
BOM = b"\xef\xbb\xbf"
FEW_DISTINCT = 32  # a column whose first cells hold no more distinct values than this is looked at by value
SAMPLE = 64


@dataclass
class Table:
    """A CSV resource: every cell as text, extra columns kept, and the physical line where each record starts."""

    name: str
    path: str  # as shown in messages: the data folder as given, then the file
    frame: pd.DataFrame
    lines: np.ndarray
    fields: list[dict[str, Any]]

    cached: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False, compare=False)

    def line(self, row: int) -> int:
        return int(self.lines[row])

    def with_record(self, row: dict[str, str], line: int) -> Table:
        """The table as it would read with ``row`` appended as a record that starts on ``line``; what was already
        worked out about its columns is carried over, with the new cell taken in."""
        cells = {column: row.get(column, "") for column in self.frame.columns}
        record = pd.DataFrame([cells], columns=self.frame.columns, dtype=object)
        frame = pd.concat([self.frame, record], ignore_index=True)
        table = Table(self.name, self.path, frame, np.append(self.lines, line), self.fields)
        for (kind, column), known in self.cached.items():
            cell = cells[column]
            if kind == "cells":
                table.cached[kind, column] = [*known, cell]
            elif kind == "distinct":
                table.cached[kind, column] = known | {cell}
            elif kind == "filled":
                table.cached[kind, column] = known and bool(cell.strip())
        return table

    def cells(self, column: str) -> list[str]:
        """The column's cells as a list of text, made once."""
        key = ("cells", column)
        if key not in self.cached:
            self.cached[key] = self.frame[column].tolist()
        return self.cached[key]

    def repeats(self, column: str) -> bool:
        """Whether the column repeats a few values (its first cells hold few distinct ones), so that it is best
        looked at value by value."""
        return len(set(self.cells(column)[:SAMPLE])) <= FEW_DISTINCT

    def filled(self, column: str) -> bool:
        """Whether every cell of the column holds something other than whitespace, looked at once."""
        key = ("filled", column)
        if key not in self.cached:
            if self.repeats(column):
                self.cached[key] = all(value.strip() for value in self.distinct(column))
            else:
                cells = self.cells(column)
                self.cached[key] = all(cells) and not any(map(str.isspace, cells))
        return self.cached[key]

    def distinct(self, column: str) -> set[str]:
        """The column's distinct cells, made once."""
        key = ("distinct", column)
        if key not in self.cached:
            self.cached[key] = set(self.cells(column))
        return self.cached[key]


@dataclass
class Package:
    """A data package as read from disk, before any rule is applied."""

    folder: Path
    display: str
    descriptor: dict[str, Any]
    tables: dict[str, Table]
    texts: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def shown(self, *parts: str) -> str:
        return os.path.join(self.display, *parts)


def _decode(raw: bytes, shown: str) -> tuple[str | None, Problem | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start]
        return None, Problem(
            shown,
            line,
            None,
            "encoding",
            f"byte 0x{byte:02x} is not UTF-8 text; save the file as UTF-8 (in a spreadsheet: CSV UTF-8)",
        )


Stamp = tuple[int, int, int]  # a file's inode, size and modification time: a replaced or edited file differs


def _stamp(status: os.stat_result) -> Stamp:
    return (status.st_ino, status.st_size, status.st_mtime_ns)


def _read_bytes(file: Path, shown: str, what: str) -> tuple[bytes | None, Stamp | None, Problem | None]:
    try:
        with file.open("rb") as handle:
            return handle.read(), _stamp(os.fstat(handle.fileno())), None
    except FileNotFoundError:
        return None, None, Problem(shown, None, None, "missing-file", f"{what} not found; create it or check --data")
    except IsADirectoryError:
        return None, None, Problem(shown, None, None, "missing-file", f"{what} is a folder, not a file")
    except OSError as error:
        return None, None, Problem(shown, None, None, "unreadable", f"{what} cannot be read: {error.strerror}")


def _first_line(raw: bytes) -> str | None:
    """The file's first line, decoded, where it alone holds the header (no quotes, not blank, UTF-8); else None."""
    line = raw[: raw.find(b"\n") if b"\n" in raw else len(raw)].removeprefix(BOM)
    if b'"' in line or not line.strip():
        return None
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _header(text: str) -> list[str]:
    for record in csv.reader(io.StringIO(text[:HEADER_MAX_CHARS], newline="")):
        if any(cell.strip() for cell in record):
            return [cell.strip() for cell in record]
    return []


def _counts_in_cells(table: Table, column: str) -> tuple[int, int]:
    """How many commas and line breaks the column's cells hold: looked for in its distinct values where a column
    repeats a few values (its distinct values are wanted later anyway), else in its cells run together."""
    if table.repeats(column) and not any("," in value or "\n" in value for value in table.distinct(column)):
        return 0, 0
    joined = "".join(table.cells(column))
    return joined.count(","), joined.count("\n") if "\n" in joined else 0


def count_bytes(raw: bytes, character: str, end: int | None = None) -> int:
    """How many times an ASCII ``character`` stands in ``raw`` (up to ``end``), counted by numpy."""
    return int(np.count_nonzero(np.frombuffer(raw, dtype=np.uint8, count=-1 if end is None else end) == ord(character)))


def _fast_parse(raw: bytes, file: Path, stamp: Stamp | None, table: Table) -> np.ndarray | None:
    """Parse with pandas into ``table.frame`` and prove that it read ``raw`` record for record; return each
    record's line, or None, so that the exact but slower reader can say where a record goes wrong.

    pandas reads the file by its path, which lets it use several threads; the proof that it read the same bytes as
    ``raw`` is the file's stamp (inode, size, modification time) before and after. The proof that every record is
    whole is a count: the file's commas are the separators of whole records plus the commas inside cells (a short
    record, which pandas pads with empty cells, or a blank line, comes out short). Records that hold no line break
    start one line after another; otherwise each record's line is counted from the breaks inside its cells.
    """
    header = list(table.frame.columns)
    if b"\x00" in raw or (b"\r" in raw and raw.count(b"\r") != raw.count(b"\r\n")):
        return None  # NUL bytes and lone carriage returns: the exact reader says what is wrong
    if any("\n" in name or "\r" in name for name in header):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        try:
            frame = pd.read_csv(
                file,
                encoding="utf-8-sig",
                dtype=object,
                keep_default_na=False,
                na_filter=False,
                index_col=False,
                skip_blank_lines=False,
            )
        except (pd.errors.ParserError, pd.errors.ParserWarning, pd.errors.EmptyDataError, ValueError, OSError):
            return None  # UnicodeDecodeError is a ValueError: the exact reader says where the bytes go wrong
    try:
        if stamp is None or _stamp(file.stat()) != stamp:
            return None  # the file changed while it was read
    except OSError:
        return None
    if [str(name).strip() for name in frame.columns] != header:
        return None
    frame.columns = header
    table.frame = frame
    records = len(frame)
    separators = (records + 1) * (len(header) - 1) + sum(name.count(",") for name in header)
    counts = {column: _counts_in_cells(table, column) for column in header}
    if count_bytes(raw, ",") != separators + sum(commas for commas, _ in counts.values()):
        return None
    broken = {column: breaks for column, (_, breaks) in counts.items()}
    first = HEADER_LINE + 1
    if not any(broken.values()) and len(header) > 1:
        return _without_blank_records(table, np.arange(first, first + records, dtype=np.int64))
    line_ends = count_bytes(raw, "\n") - sum(broken.values())
    if line_ends != records + 1 and not (line_ends == records and not raw.endswith(b"\n")):
        return None
    inside = sum(
        (frame[column].str.count("\n").to_numpy(dtype=np.int64) for column, count in broken.items() if count),
        np.zeros(records, np.int64),
    )
    return _without_blank_records(table, first + np.concatenate(([0], np.cumsum(inside + 1)[:-1])).astype(np.int64))


def _without_blank_records(table: Table, lines: np.ndarray) -> np.ndarray:
    """Drop the records that hold nothing but blanks (the rows of commas a spreadsheet can leave), as the exact
    reader skips them; return the lines of the records kept."""
    columns = list(table.frame.columns)
    if table.filled(columns[0]):
        return lines  # every record has something in its first cell
    first = table.cells(columns[0])
    blank = [
        row
        for row, cell in enumerate(first)
        if not cell.strip() and not any(table.cells(column)[row].strip() for column in columns)
    ]
    if blank:
        table.frame = table.frame.drop(index=table.frame.index[blank]).reset_index(drop=True)
        table.cached.clear()
        lines = np.delete(lines, blank)
    return lines


def _exact_parse(text: str, header: list[str], shown: str) -> tuple[pd.DataFrame, np.ndarray, list[Problem]]:
    """Parse record by record with the csv module, keeping each record's first line and naming bad ones."""
    problems = []
    rows: list[list[str]] = []
    lines: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    previous_end = 0
    seen_header = False
    try:
        for record in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not any(cell.strip() for cell in record):
                continue  # a blank line, as spreadsheets leave at the end
            if not seen_header:
                seen_header = True
                continue
            if len(record) != len(header):
                hint = "a missing or extra comma, or a quote that is not closed"
                problems.append(
                    Problem(
                        shown,
                        start,
                        None,
                        "field-count",
                        f"this record has {len(record)} fields but the header has {len(header)}; look for {hint}",
                    )
                )
                continue
            rows.append(record)
            lines.append(start)
    except csv.Error as error:
        problems.append(Problem(shown, previous_end + 1, None, "csv-syntax", f"not readable as CSV: {error}"))
    frame = pd.DataFrame(rows, columns=header, dtype=object) if rows else pd.DataFrame(columns=header, dtype=object)
    return frame, np.asarray(lines, dtype=np.int64), problems


def read_table(file: Path, shown: str, name: str, fields: list[dict[str, Any]]) -> tuple[Table | None, list[Problem]]:
    """Read one CSV resource as text cells. Files saved by spreadsheets are fine: BOM, CRLF, blank lines at the end."""
    raw, stamp, problem = _read_bytes(file, shown, "the table")
    if raw is None:
        return None, [problem] if problem else []
    text: str | None = None  # the whole file is decoded only when the quick reader cannot take it
    start = _first_line(raw)
    if start is None:
        text, problem = _decode(raw, shown)
        if text is None:
            return None, [problem] if problem else []
        start = text
    try:
        header = _header(start)
    except csv.Error as error:
        return None, [Problem(shown, HEADER_LINE, None, "csv-syntax", f"the header is not readable as CSV: {error}")]
    if not header:
        return None, [Problem(shown, None, None, "empty-file", "the file is empty; it needs a header line")]
    seen: dict[str, int] = {}
    problems = []
    for position, column in enumerate(header, start=1):
        if not column:
            problems.append(
                Problem(
                    shown, HEADER_LINE, None, "blank-header", f"column {position} has no name; name it or delete it"
                )
            )
        elif column in seen:
            problems.append(
                Problem(
                    shown,
                    HEADER_LINE,
                    column,
                    "duplicate-header",
                    f"column {column!r} appears twice (columns {seen[column]} and {position}); rename or delete one",
                )
            )
        seen.setdefault(column, position)
    if problems:
        return None, problems
    table = Table(name=name, path=shown, frame=pd.DataFrame(columns=header), lines=np.zeros(0, np.int64), fields=fields)
    lines = _fast_parse(raw, file, stamp, table)
    if lines is not None:
        table.lines = lines
        return table, []
    if text is None:
        text, problem = _decode(raw, shown)
        if text is None:
            return None, [problem] if problem else []
    frame, lines, problems = _exact_parse(text, header, shown)
    return Table(name=name, path=shown, frame=frame, lines=lines, fields=fields), problems


def read_text(file: Path, shown: str, what: str = "the source's text") -> tuple[str | None, Problem | None]:
    """Read a file's text, verbatim, as UTF-8 (a byte-order mark dropped); or the problem that stops it."""
    raw, _, problem = _read_bytes(file, shown, what)
    if raw is None:
        return None, problem
    return _decode(raw, shown)


def _read_descriptor(folder: Path, shown: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    text, problem = read_text(folder / DESCRIPTOR, shown, "the package descriptor")
    if text is None:
        return None, [problem] if problem else []
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as error:
        return None, [Problem(shown, error.lineno, None, "json-syntax", f"not valid JSON: {error.msg}")]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return None, [Problem(shown, None, None, "descriptor", "a data package needs a list of 'resources'")]
    return descriptor, []


def _resource_file(folder: Path, resource: dict[str, Any]) -> Path | None:
    path = resource.get("path")
    if not isinstance(path, str) or not path or os.path.isabs(path) or ".." in Path(path).parts:
        return None
    return folder / path


def read_package(folder: Path | str, display: str | None = None) -> Package:
    """Read everything in a package folder; what cannot be read is recorded in ``package.problems``."""
    with paused():
        return _read_package(folder, display)


def _read_package(folder: Path | str, display: str | None) -> Package:
    folder = Path(folder)
    display = str(folder) if display is None else display
    package = Package(folder=folder, display=display, descriptor={}, tables={})
    descriptor, problems = _read_descriptor(folder, package.shown(DESCRIPTOR))
    package.problems.extend(problems)
    if descriptor is None:
        return package
    package.descriptor = descriptor
    for resource in descriptor["resources"]:
        name = resource.get("name") if isinstance(resource, dict) else None
        schema = resource.get("schema") if isinstance(resource, dict) else None
        file = _resource_file(folder, resource) if isinstance(resource, dict) else None
        if not isinstance(name, str) or file is None or not isinstance(schema, dict):
            package.problems.append(
                Problem(
                    package.shown(DESCRIPTOR),
                    None,
                    None,
                    "descriptor",
                    f"resource {name!r} needs a name, a relative path inside the folder and a schema",
                )
            )
            continue
        relative = str(file.relative_to(folder))
        table, problems = read_table(file, package.shown(relative), name, list(schema.get("fields", [])))
        package.problems.extend(problems)
        if table is not None:
            package.tables[name] = table
    sources = package.tables.get("sources")
    if sources is not None and "source_id" in sources.frame.columns:
        for row, source_id in enumerate(sources.frame["source_id"].tolist()):
            if not SAFE_ID.fullmatch(source_id) or source_id in package.texts:
                continue  # the id itself is reported by validation; never build a path from it
            relative = os.path.join(TEXTS_FOLDER, f"{source_id}.txt")
            text, problem = read_text(folder / relative, package.shown(relative))
            if problem is not None:
                message = (
                    f"there is no text file {problem.path}; save the source's verbatim text there as UTF-8"
                    if problem.code == "missing-file"
                    else str(problem)
                )
                package.problems.append(Problem(sources.path, sources.line(row), "source_id", problem.code, message))
            if text is not None:
                package.texts[source_id] = text
    return package


def load_package(folder: Path | str, display: str | None = None) -> Package:
    """Read and validate a package; raise DataError listing every problem if it is not valid."""
    package = read_package(folder, display)
    problems = validate(package)
    if problems:
        raise DataError(problems)
    return package
