"""The rules a package must keep: its Table Schema, its dates, and every number found in its source's own words."""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from dashboard.errors import Problem, sort_key
from dashboard.gcpause import paused
from dashboard.numbers import stated_in_place, states_value
from dashboard.precision import PERCENT_MAX, DateBounds, parse_date
from dashboard.quotes import SourceTexts

if TYPE_CHECKING:
    from dashboard.loader import Package, Table

PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
DATE_FIELDS = {"sources": ("published", "accessed"), "figures": ("period_start", "period_end")}
REQUIRED_RESOURCES = ("sources", "figures")


def _rows(mask: np.ndarray | pd.Series) -> Iterable[int]:
    return (int(i) for i in np.flatnonzero(np.asarray(mask, dtype=bool)))


def _problem(table: Table, row: int, column: str, code: str, message: str) -> Problem:
    return Problem(table.path, table.line(row), column, code, message)


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


SEPARATOR = "\x00"
_ONE_CLASS_REPEATED = re.compile(r"\[[^\[\]\\]+\]\+")
_CANNOT_MATCH_SEPARATOR = re.compile(r"(?<!\\)[\^.]|\\[sSWDx0]")
MANY_DISTINCT = 256  # above this many distinct values, a pattern is first tried on all of them in one pass


def _all_match(values: list[str], pattern: str) -> bool:
    """Whether every value fully matches ``pattern``, in one regex pass over the joined values.

    Only for patterns that cannot match the separator (no negated class, dot or class escapes);
    otherwise it answers False and the caller checks value by value.
    """
    if not values:
        return True
    if _CANNOT_MATCH_SEPARATOR.search(pattern):
        return False
    joined = SEPARATOR.join(values)
    if joined.count(SEPARATOR) != len(values) - 1:
        return False  # a value holds the separator itself
    allowed = _allowed_bytes(pattern)
    if allowed is not None and joined.isascii():  # one byte a character: looked up in a table, in C
        empty = not joined or joined.startswith(SEPARATOR) or joined.endswith(SEPARATOR) or SEPARATOR * 2 in joined
        return not empty and bool(allowed[np.frombuffer(joined.encode("ascii"), dtype=np.uint8)].all())
    return re.fullmatch(f"(?:{pattern})(?:{SEPARATOR}(?:{pattern}))*", joined) is not None


@functools.lru_cache(maxsize=64)
def _allowed_bytes(pattern: str) -> np.ndarray | None:
    """For a pattern that is one character class repeated, such as ``[a-z0-9_-]+``: which bytes may stand in the
    values joined by the separator (the ASCII characters the class takes, and the separator); None for any other."""
    if not _ONE_CLASS_REPEATED.fullmatch(pattern):
        return None
    one = re.compile(pattern[:-1])
    allowed = np.zeros(256, dtype=bool)
    allowed[:128] = [one.fullmatch(chr(code)) is not None for code in range(128)]
    allowed[ord(SEPARATOR)] = True
    return allowed


class Cells:
    """One column's cells as text, with what the rules ask of them (blanks, distinct values, numbers) worked out once.

    Rules look at each distinct value once and at each row only to say where a problem is: a column of 100,000
    cells often holds a few dozen distinct values.
    """

    def __init__(self, table: Table, column: str) -> None:
        self.table, self.column = table, column
        self.cells = table.cells(column)

    @functools.cached_property
    def blank(self) -> np.ndarray:
        """Which cells are empty or only whitespace."""
        cells = self.cells
        if self.table.filled(self.column):
            return np.zeros(len(cells), dtype=bool)
        return np.fromiter((not cell.strip() for cell in cells), dtype=bool, count=len(cells))

    @functools.cached_property
    def any_blank(self) -> bool:
        return bool(self.blank.any())

    @functools.cached_property
    def distinct(self) -> list[str]:
        """The distinct values of the filled cells."""
        values = self.table.distinct(self.column)
        return [value for value in values if value.strip()] if self.any_blank else list(values)

    def rows_with(self, values: Collection[str]) -> Iterable[int]:
        """The filled rows whose cell is one of ``values``, in order."""
        if not values:
            return ()
        wanted = set(values)
        return (row for row, cell in enumerate(self.cells) if cell in wanted and cell.strip())

    @functools.cached_property
    def numbers(self) -> np.ndarray:
        """Each cell as a float where it is a plain number, NaN elsewhere."""
        if _all_match(self.distinct, PLAIN_NUMBER.pattern):
            lookup = {value: float(value) for value in self.distinct}
        else:
            lookup = {value: float(value) for value in self.distinct if PLAIN_NUMBER.fullmatch(value)}
        return np.fromiter(map(lookup.get, self.cells, itertools.repeat(math.nan)), dtype=float, count=len(self.cells))

    @functools.cached_property
    def dates(self) -> dict[str, DateBounds | str]:
        """Each distinct filled value read as a date, or the reason it is not one."""
        read: dict[str, DateBounds | str] = {}
        for value in self.distinct:
            try:
                read[value] = parse_date(value)
            except ValueError as error:
                read[value] = str(error)
        return read

    def mismatching(self, pattern: str) -> list[str]:
        """The distinct values that do not fully match ``pattern``."""
        if len(self.distinct) > MANY_DISTINCT and _all_match(self.distinct, pattern):
            return []
        compiled = re.compile(pattern)
        return [value for value in self.distinct if not compiled.fullmatch(value)]


def _check_field(table: Table, spec: dict[str, Any], date_fields: tuple[str, ...], cells: Cells) -> list[Problem]:
    """Apply one Table Schema field's type and constraints to its column."""
    name = spec["name"]
    constraints = spec.get("constraints", {})
    hint = spec.get("description", "")
    problems: list[Problem] = []
    if constraints.get("required") and cells.any_blank:
        for row in _rows(cells.blank):
            problems.append(_problem(table, row, name, "required", f"{name} is required; fill it in"))

    def flag(bad: Collection[str], code: str, message: str) -> None:
        for row in cells.rows_with(bad):
            problems.append(_problem(table, row, name, code, message.format(value=_shorten(cells.cells[row]))))

    if name in date_fields:
        errors = {value: read for value, read in cells.dates.items() if isinstance(read, str)}
        for row in cells.rows_with(errors):
            problems.append(_problem(table, row, name, "date", errors[cells.cells[row]]))
    elif "pattern" in constraints:
        flag(
            cells.mismatching(constraints["pattern"]),
            "pattern",
            f"{{value!r}} is not allowed here: {hint or 'it must match ' + constraints['pattern']}",
        )
    if "enum" in constraints:
        allowed = set(constraints["enum"])
        flag(
            [value for value in cells.distinct if value not in allowed],
            "enum",
            f"{{value!r}} is not one of {', '.join(constraints['enum'])}",
        )
    if spec.get("type") in ("number", "integer"):
        flag(
            cells.mismatching(PLAIN_NUMBER.pattern),
            "type",
            "{value!r} is not a plain number; write digits only, like 4300 or 3.4 (no thousands separators, "
            "units or words)",
        )
        if "minimum" in constraints:
            for row in _rows(cells.numbers < constraints["minimum"]):
                problems.append(
                    _problem(table, row, name, "minimum", f"{name} must be at least {constraints['minimum']}")
                )
        if "maximum" in constraints:
            for row in _rows(cells.numbers > constraints["maximum"]):
                problems.append(
                    _problem(table, row, name, "maximum", f"{name} must be at most {constraints['maximum']}")
                )
    if constraints.get("unique") and len(cells.distinct) < len(cells.cells) - int(cells.blank.sum()):
        first_line: dict[str, int] = {}
        for row, value in enumerate(cells.cells):
            if not value.strip():
                continue
            if value in first_line:
                problems.append(
                    _problem(
                        table,
                        row,
                        name,
                        "unique",
                        f"{name} {_shorten(value)!r} is already used on line {first_line[value]}; ids must be unique",
                    )
                )
            else:
                first_line[value] = table.line(row)
    return problems


def table_cells(table: Table) -> dict[str, Cells]:
    """Every column of ``table`` as ``Cells``."""
    return {name: Cells(table, name) for name in table.frame.columns}


def check_schema(table: Table, columns: dict[str, Cells] | None = None) -> list[Problem]:
    """Every declared column is present, and every cell keeps its field's type and constraints."""
    columns = table_cells(table) if columns is None else columns
    problems = [
        Problem(table.path, None, spec["name"], "missing-column", f"column {spec['name']!r} is missing; add it")
        for spec in table.fields
        if spec["name"] not in columns
    ]
    dates = DATE_FIELDS.get(table.name, ())
    for spec in table.fields:
        if spec["name"] in columns:
            problems.extend(_check_field(table, spec, dates, columns[spec["name"]]))
    return problems


def _out_of_order(starts: Cells, ends: Cells) -> np.ndarray:
    """Which rows' span starts after it ends; looked at row by row only when the latest start of any span comes
    after the earliest end of any."""
    firsts = [read.first for read in starts.dates.values() if isinstance(read, DateBounds)]
    lasts = [read.last for read in ends.dates.values() if isinstance(read, DateBounds)]
    if not firsts or not lasts or max(firsts) <= min(lasts):
        return np.zeros(len(starts.cells), dtype=bool)
    return _date_ordinals(starts, last=False) > _date_ordinals(ends, last=True)


def _date_ordinals(cells: Cells, *, last: bool) -> np.ndarray:
    """Each cell's first (or last) possible day as an ordinal; NaN where empty or invalid."""
    lookup = {}
    for value, bounds in cells.dates.items():
        if isinstance(bounds, DateBounds):
            lookup[value] = float((bounds.last if last else bounds.first).toordinal())
    return np.fromiter(map(lookup.get, cells.cells, itertools.repeat(math.nan)), dtype=float, count=len(cells.cells))


def _in_sources(
    figures: Table, columns: dict[str, Cells], texts: dict[str, str], values: np.ndarray, percent: np.ndarray
) -> list[Problem]:
    """Every quote stands in its source's text, and states its value (as a percentage where ``percent``).

    A quote found as written is known to state its value when one of the value's written forms stands where the
    quote does (``stated_in_place``); only the other quotes are read in full.
    """
    quotes, sources = columns["quote"].cells, columns["source_id"].cells
    known = SourceTexts({source: texts[source] for source in columns["source_id"].distinct if source in texts})
    lengths = np.fromiter(map(len, quotes), dtype=np.int64, count=len(quotes))
    starts = known.starts_of(sources, quotes, lengths)
    found = starts >= 0
    problems = []
    for row in np.flatnonzero(~found).tolist():
        source = sources[row]
        if source not in known.indexes:
            continue  # an unknown source or an unreadable text is reported where it is
        found[row] = known.contains(source, quotes[row])
        if not found[row] and quotes[row].strip():
            problems.append(
                _problem(
                    figures,
                    row,
                    "quote",
                    "quote-not-in-source",
                    f"the quote is not in the text of source {source!r}; copy it exactly from sources/{source}.txt",
                )
            )
    stated = np.zeros(len(quotes), dtype=bool)
    place = np.flatnonzero((starts >= 0) & (values >= 0))
    stated[place] = stated_in_place(known.text, starts[place], lengths[place], values[place], percent[place])
    for row in np.flatnonzero(found & ~stated & (values >= 0)).tolist():
        value, is_percent = float(values[row]), bool(percent[row])
        if states_value(quotes[row], value, is_percent):
            continue
        if states_value(quotes[row], value, not is_percent):
            unit = "people" if is_percent else "percent"
            problems.append(
                _problem(
                    figures,
                    row,
                    "unit",
                    "unit-not-in-quote",
                    f"the quote gives {value:,.10g} {'as a count' if is_percent else 'as a percentage'}; "
                    f"set unit to {unit}",
                )
            )
            continue
        written = f"{value:g}%" if is_percent else f"{value:,.10g}"
        problems.append(
            _problem(
                figures,
                row,
                "value",
                "value-not-in-quote",
                f"the quote does not state {written}; the value must be the number the quote gives "
                f"(as 4,300 · 4300 · 6% · 6 percent · 3.4 million · one million)",
            )
        )
    return problems


def check_figures(
    figures: Table, source_ids: set[str] | None, texts: dict[str, str], columns: dict[str, Cells] | None = None
) -> list[Problem]:
    """The rules Table Schema cannot say: spans in order, percent at most 100, quotes and values in the source."""
    columns = table_cells(figures) if columns is None else columns
    needed = {"value", "unit", "period_start", "period_end", "source_id", "quote"}
    if not needed <= set(columns):
        return []
    problems: list[Problem] = []
    starts, ends = columns["period_start"], columns["period_end"]
    for row in _rows(_out_of_order(starts, ends)):
        problems.append(
            _problem(
                figures,
                row,
                "period_start",
                "period-order",
                f"period_start {starts.cells[row]} comes after period_end {ends.cells[row]}",
            )
        )
    values = columns["value"].numbers
    percent = np.fromiter(map("percent".__eq__, columns["unit"].cells), dtype=bool, count=len(values))
    for row in _rows(percent & (values > PERCENT_MAX)):
        problems.append(
            _problem(figures, row, "value", "percent-range", f"a percentage must be at most {PERCENT_MAX:g}")
        )
    sources = columns["source_id"]
    if source_ids is not None:
        for row in sources.rows_with([value for value in sources.distinct if value not in source_ids]):
            problems.append(
                _problem(
                    figures,
                    row,
                    "source_id",
                    "foreign-key",
                    f"source {_shorten(sources.cells[row])!r} is not in sources.csv; add the source first",
                )
            )
    problems.extend(_in_sources(figures, columns, texts, values, percent))
    return problems


def validate(package: Package) -> list[Problem]:
    """Every problem in the package, in file and line order; an empty list means it is valid."""
    with paused():
        return _validate(package)


def _validate(package: Package) -> list[Problem]:
    problems = list(package.problems)
    if package.descriptor:
        declared = {resource.get("name") for resource in package.descriptor["resources"] if isinstance(resource, dict)}
        for name in REQUIRED_RESOURCES:
            if name not in declared:
                problems.append(
                    Problem(package.shown("datapackage.json"), None, None, "descriptor", f"no resource named {name!r}")
                )
    columns = {name: table_cells(table) for name, table in package.tables.items()}
    for name, table in package.tables.items():
        problems.extend(check_schema(table, columns[name]))
    sources = columns.get("sources", {}).get("source_id")
    figures = package.tables.get("figures")
    source_ids = set(sources.cells) if sources is not None else None
    if figures is not None:
        problems.extend(check_figures(figures, source_ids, package.texts, columns["figures"]))
    return sorted(problems, key=sort_key)
