"""The rules a package must keep: its Table Schema, its dates, and every number found in its source's own words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from dashboard.errors import Problem, sort_key
from dashboard.numbers import states_value
from dashboard.precision import PERCENT_MAX, parse_date
from dashboard.quotes import TextIndex, normalize_all

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
_CANNOT_MATCH_SEPARATOR = re.compile(r"(?<!\\)[\^.]|\\[sSWDx0]")


def _blank(column: pd.Series, cells: list[str]) -> np.ndarray:
    """Which cells are empty or only whitespace.

    ASCII whitespace sorts before "!", so only a column whose smallest non-empty cell does (or that is not
    ASCII) needs a look at each cell.
    """
    values = column.to_numpy()
    empty = np.asarray(values == "", dtype=bool)
    rest = values[~empty] if empty.any() else values
    if len(rest) and (min(rest) < "!" or not SEPARATOR.join(cells).isascii()):
        empty |= np.asarray([not cell.strip() for cell in cells], dtype=bool)
    return empty


def _filled(cells: list[str], empty: np.ndarray) -> list[str]:
    if not empty.any():
        return cells
    return [cell for cell, blank in zip(cells, empty.tolist(), strict=True) if not blank]


def _all_match(values: list[str], pattern: str) -> bool:
    """Whether every value fully matches ``pattern``, in one regex pass over the joined column.

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
    return re.fullmatch(f"(?:{pattern})(?:{SEPARATOR}(?:{pattern}))*", joined) is not None


def _check_field(table: Table, spec: dict[str, Any], date_fields: tuple[str, ...]) -> list[Problem]:
    """Apply one Table Schema field's type and constraints to its column, vectorised."""
    name = spec["name"]
    column = table.frame[name]
    cells: list[str] = column.tolist()
    constraints = spec.get("constraints", {})
    hint = spec.get("description", "")
    problems: list[Problem] = []
    empty = _blank(column, cells)
    if constraints.get("required"):
        for row in _rows(empty):
            problems.append(_problem(table, row, name, "required", f"{name} is required; fill it in"))
    filled = ~empty
    filled_cells = _filled(cells, empty)

    def uniques() -> list[str]:
        return [value for value in pd.unique(column[filled]) if isinstance(value, str)]

    def flag(bad: set[str], code: str, message: str) -> None:
        if bad:
            for row in _rows(column.isin(bad).to_numpy() & filled):
                problems.append(_problem(table, row, name, code, message.format(value=_shorten(cells[row]))))

    if name in date_fields:
        errors: dict[str, str] = {}
        for value in uniques():
            try:
                parse_date(value)
            except ValueError as error:
                errors[value] = str(error)
        for row in _rows(column.isin(set(errors)).to_numpy() & filled):
            problems.append(_problem(table, row, name, "date", errors[cells[row]]))
    elif "pattern" in constraints and not _all_match(filled_cells, constraints["pattern"]):
        pattern = re.compile(constraints["pattern"])
        flag(
            {value for value in uniques() if not pattern.fullmatch(value)},
            "pattern",
            f"{{value!r}} is not allowed here: {hint or 'it must match ' + constraints['pattern']}",
        )
    if "enum" in constraints:
        allowed = constraints["enum"]
        outside = ~column.isin(allowed).to_numpy() & filled
        if outside.any():
            flag(set(column[outside]), "enum", f"{{value!r}} is not one of {', '.join(allowed)}")
    if spec.get("type") in ("number", "integer"):
        numbers = numeric(column, filled_cells, empty)
        if not _all_match(filled_cells, PLAIN_NUMBER.pattern):
            flag(
                {value for value in uniques() if not PLAIN_NUMBER.fullmatch(value)},
                "type",
                "{value!r} is not a plain number; write digits only, like 4300 or 3.4 (no thousands separators, "
                "units or words)",
            )
        if "minimum" in constraints:
            for row in _rows(numbers < constraints["minimum"]):
                problems.append(
                    _problem(table, row, name, "minimum", f"{name} must be at least {constraints['minimum']}")
                )
        if "maximum" in constraints:
            for row in _rows(numbers > constraints["maximum"]):
                problems.append(
                    _problem(table, row, name, "maximum", f"{name} must be at most {constraints['maximum']}")
                )
    if constraints.get("unique"):
        repeated = column.duplicated(keep="first").to_numpy() & filled
        if repeated.any():
            first_line = {}
            for row in _rows(~column.duplicated(keep="first").to_numpy() & filled):
                first_line[cells[row]] = table.line(row)
            for row in _rows(repeated):
                value = cells[row]
                problems.append(
                    _problem(
                        table,
                        row,
                        name,
                        "unique",
                        f"{name} {_shorten(value)!r} is already used on line {first_line[value]}; ids must be unique",
                    )
                )
    return problems


def numeric(column: pd.Series, filled_cells: list[str] | None = None, empty: np.ndarray | None = None) -> np.ndarray:
    """Each cell as a float where it is a plain number, NaN elsewhere."""
    cells = column.tolist()
    if filled_cells is None or empty is None:
        empty = np.asarray(column.to_numpy() == "", dtype=bool)
        filled_cells = _filled(cells, empty)
    if _all_match(filled_cells, PLAIN_NUMBER.pattern):
        out = np.full(len(cells), np.nan)
        out[~np.asarray(empty, dtype=bool)] = np.asarray(filled_cells, dtype=object).astype(float)
        return out
    return np.asarray([float(cell) if PLAIN_NUMBER.fullmatch(cell) else np.nan for cell in cells], dtype=float)


def check_schema(table: Table) -> list[Problem]:
    """Every declared column is present, and every cell keeps its field's type and constraints."""
    present = set(table.frame.columns)
    problems = [
        Problem(table.path, None, spec["name"], "missing-column", f"column {spec['name']!r} is missing; add it")
        for spec in table.fields
        if spec["name"] not in present
    ]
    dates = DATE_FIELDS.get(table.name, ())
    for spec in table.fields:
        if spec["name"] in present:
            problems.extend(_check_field(table, spec, dates))
    return problems


def _date_ordinals(column: pd.Series, *, last: bool) -> np.ndarray:
    """Each cell's first (or last) possible day as an ordinal; NaN where empty or invalid."""
    cache: dict[str, float] = {}
    for value in pd.unique(column):
        try:
            bounds = parse_date(value)
        except (ValueError, TypeError):
            cache[value] = np.nan
            continue
        day: date = bounds.last if last else bounds.first
        cache[value] = float(day.toordinal())
    return column.map(cache).to_numpy(dtype=float)


def check_figures(figures: Table, source_ids: set[str] | None, texts: dict[str, str]) -> list[Problem]:
    """The rules Table Schema cannot say: spans in order, percent at most 100, quotes and values in the source."""
    frame = figures.frame
    needed = {"value", "unit", "period_start", "period_end", "source_id", "quote"}
    if not needed <= set(frame.columns):
        return []
    problems: list[Problem] = []
    start = _date_ordinals(frame["period_start"], last=False)
    end = _date_ordinals(frame["period_end"], last=True)
    for row in _rows(start > end):
        problems.append(
            _problem(
                figures,
                row,
                "period_start",
                "period-order",
                f"period_start {frame['period_start'].iat[row]} comes after period_end {frame['period_end'].iat[row]}",
            )
        )
    values = numeric(frame["value"])
    percent = (frame["unit"] == "percent").to_numpy()
    for row in _rows(percent & (values > PERCENT_MAX)):
        problems.append(
            _problem(figures, row, "value", "percent-range", f"a percentage must be at most {PERCENT_MAX:g}")
        )
    source_id = frame["source_id"]
    if source_ids is not None:
        unknown = (~source_id.isin(source_ids) & (source_id != "")).to_numpy()
        for row in _rows(unknown):
            problems.append(
                _problem(
                    figures,
                    row,
                    "source_id",
                    "foreign-key",
                    f"source {_shorten(source_id.iat[row])!r} is not in sources.csv; add the source first",
                )
            )
    quotes: list[str] = frame["quote"].tolist()
    needles = normalize_all(quotes)
    quoted = np.zeros(len(frame), dtype=bool)
    for sid, rows in frame.groupby("source_id", sort=False).indices.items():
        text = texts.get(sid)
        if text is None:
            continue  # an unknown source or an unreadable text is reported where it is
        rows_list = rows.tolist()
        found = TextIndex(text).contains_all([needles[row] for row in rows_list])
        for row, hit in zip(rows_list, found, strict=True):
            if hit:
                quoted[row] = True
            elif needles[row]:
                problems.append(
                    _problem(
                        figures,
                        row,
                        "quote",
                        "quote-not-in-source",
                        f"the quote is not in the text of source {sid!r}; copy it exactly from sources/{sid}.txt",
                    )
                )
    checkable = quoted & (values >= 0)
    value_list = values.tolist()
    percent_list = percent.tolist()
    for row in _rows(checkable):
        value, quote, is_percent = value_list[row], quotes[row], percent_list[row]
        if states_value(quote, value, is_percent):
            continue
        if states_value(quote, value, not is_percent):
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


def validate(package: Package) -> list[Problem]:
    """Every problem in the package, in file and line order; an empty list means it is valid."""
    problems = list(package.problems)
    if package.descriptor:
        declared = {resource.get("name") for resource in package.descriptor["resources"] if isinstance(resource, dict)}
        for name in REQUIRED_RESOURCES:
            if name not in declared:
                problems.append(
                    Problem(package.shown("datapackage.json"), None, None, "descriptor", f"no resource named {name!r}")
                )
    for table in package.tables.values():
        problems.extend(check_schema(table))
    sources = package.tables.get("sources")
    figures = package.tables.get("figures")
    source_ids = (
        set(sources.frame["source_id"]) if sources is not None and "source_id" in sources.frame.columns else None
    )
    if figures is not None:
        problems.extend(check_figures(figures, source_ids, package.texts))
    return sorted(problems, key=sort_key)
