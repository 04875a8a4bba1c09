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
from dashboard.quotes import normalize

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


def _check_field(table: Table, spec: dict[str, Any], date_fields: tuple[str, ...]) -> list[Problem]:
    """Apply one Table Schema field's type and constraints to its column, vectorised."""
    name = spec["name"]
    column = table.frame[name]
    constraints = spec.get("constraints", {})
    hint = spec.get("description", "")
    problems: list[Problem] = []
    stripped = column.str.strip()
    empty = (stripped == "").to_numpy()
    if constraints.get("required"):
        for row in _rows(empty):
            problems.append(_problem(table, row, name, "required", f"{name} is required; fill it in"))
    filled = ~empty
    uniques = [value for value in pd.unique(column[filled]) if isinstance(value, str)]

    def flag(bad: set[str], code: str, message: str) -> None:
        if bad:
            for row in _rows(column.isin(bad).to_numpy() & filled):
                problems.append(_problem(table, row, name, code, message.format(value=_shorten(column.iat[row]))))

    if name in date_fields:
        errors: dict[str, str] = {}
        for value in uniques:
            try:
                parse_date(value)
            except ValueError as error:
                errors[value] = str(error)
        for row in _rows(column.isin(set(errors)).to_numpy() & filled):
            problems.append(_problem(table, row, name, "date", errors[column.iat[row]]))
    elif "pattern" in constraints:
        pattern = re.compile(constraints["pattern"])
        flag(
            {value for value in uniques if not pattern.fullmatch(value)},
            "pattern",
            f"{{value!r}} is not allowed here: {hint or 'it must match ' + constraints['pattern']}",
        )
    if "enum" in constraints:
        allowed = constraints["enum"]
        flag(
            {value for value in uniques if value not in allowed},
            "enum",
            f"{{value!r}} is not one of {', '.join(allowed)}",
        )
    if spec.get("type") in ("number", "integer"):
        flag(
            {value for value in uniques if not PLAIN_NUMBER.fullmatch(value)},
            "type",
            "{value!r} is not a plain number; write digits only, like 4300 or 3.4 (no thousands separators, "
            "units or words)",
        )
        numbers = pd.to_numeric(column.where(filled, ""), errors="coerce")
        if "minimum" in constraints:
            for row in _rows((numbers < constraints["minimum"]).to_numpy()):
                problems.append(
                    _problem(table, row, name, "minimum", f"{name} must be at least {constraints['minimum']}")
                )
        if "maximum" in constraints:
            for row in _rows((numbers > constraints["maximum"]).to_numpy()):
                problems.append(
                    _problem(table, row, name, "maximum", f"{name} must be at most {constraints['maximum']}")
                )
    if constraints.get("unique"):
        repeated = column.duplicated(keep="first").to_numpy() & filled
        if repeated.any():
            first_line = {}
            for row in _rows(~column.duplicated(keep="first").to_numpy() & filled):
                first_line[column.iat[row]] = table.line(row)
            for row in _rows(repeated):
                value = column.iat[row]
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
    values = pd.to_numeric(frame["value"].where(frame["value"].str.fullmatch(PLAIN_NUMBER.pattern), ""), errors="coerce")
    percent = (frame["unit"] == "percent").to_numpy()
    for row in _rows(percent & (values > PERCENT_MAX).to_numpy()):
        problems.append(_problem(figures, row, "value", "percent-range", f"a percentage must be at most {PERCENT_MAX:g}"))
    source_id = frame["source_id"]
    if source_ids is not None:
        unknown = (~source_id.isin(source_ids) & (source_id.str.strip() != "")).to_numpy()
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
    quotes = frame["quote"]
    quoted = np.zeros(len(frame), dtype=bool)
    for sid, rows in frame.groupby("source_id", sort=False).indices.items():
        text = texts.get(sid)
        if text is None:
            continue  # an unknown source or an unreadable text is reported where it is
        haystack = normalize(text)
        for row in rows:
            needle = normalize(quotes.iat[row])
            if needle and needle in haystack:
                quoted[row] = True
            elif needle:
                problems.append(
                    _problem(
                        figures,
                        int(row),
                        "quote",
                        "quote-not-in-source",
                        f"the quote is not in the text of source {sid!r}; copy it exactly from "
                        f"sources/{sid}.txt",
                    )
                )
    numeric = values.notna().to_numpy()
    for row in _rows(quoted & numeric):
        value = float(values.iat[row])
        if not states_value(quotes.iat[row], value, bool(percent[row])):
            written = f"{value:g}%" if percent[row] else f"{value:,.10g}"
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
