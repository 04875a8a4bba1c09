"""The Table Schema rules of ``datapackage.json`` (required, types, patterns, enums, minimum, maximum, unique, primary
and foreign keys), built as a pandera schema per table and run lazily, so that every failure becomes a problem.

Every cell is text. An empty or blank cell is missing, as Table Schema reads CSV: only ``required`` looks at it. A
``number`` is written plainly (``4300``, ``3.4``). A string whose pattern is ``DATE_PATTERN`` is a date kept at its
precision (``2014``, ``2018-12``, ``2019-03-01``) and must also be a real day, month or year. A foreign key names one
field of another resource. The mapping is written here rather than taken from ``pandera.io.from_frictionless_schema``,
which needs frictionless at run time (32 more packages) and reads numbers as floats (``1e5``, ``inf``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from dashboard.package import Package, Table
from dashboard.precision import DATE_PATTERN, parse_date
from dashboard.problems import Code, Problem, problem

PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
NUMBER_TYPES = ("number", "integer")
INTEGER = re.compile(r"-?[0-9]+")


@dataclass(frozen=True)
class ColumnRule:
    """What a failing check means: its code and what its message needs beyond the value."""

    code: Code
    params: dict[str, Any] = field(default_factory=dict)
    reason: Callable[[str], str] | None = None  # a message made from the value, for dates


def _by_value(test: Callable[[str], bool], name: str) -> pa.Check:
    """A pandera check that asks ``test`` of each distinct value once (a column repeats a few units, datasets and
    dates many times) and answers for every cell, or for the whole column when every value passes."""

    def check(cells: pd.Series) -> pd.Series | bool:
        failing = [value for value in cells.unique() if isinstance(value, str) and not test(value)]  # missing pass
        return ~cells.isin(failing) if failing else True  # a column that passes whole answers at once

    return pa.Check(check, name=name)


def _matches(pattern: str | re.Pattern[str]) -> Callable[[str], bool]:
    compiled = re.compile(pattern)
    return lambda value: compiled.fullmatch(value) is not None


def _date_reason(value: str) -> str:
    try:
        parse_date(value)
    except ValueError as error:
        return str(error)
    return ""


def _within(limit: float, below: bool) -> Callable[[str], bool]:
    """A value that is not a plain number passes: its type check says what is wrong with it."""

    def test(value: str) -> bool:
        if not PLAIN_NUMBER.fullmatch(value):
            return True
        return float(value) >= limit if below else float(value) <= limit

    return test


@dataclass(frozen=True)
class Reference:
    """A single-field foreign key: the values the field may take, and the file they come from."""

    values: frozenset[str]
    file: str


def _checks(spec: dict[str, Any], references: dict[str, Reference]) -> list[tuple[pa.Check, ColumnRule]]:
    """A field's type and constraints as pandera checks, each with what its failure means."""
    constraints = spec.get("constraints") or {}
    name = spec["name"]
    checks: list[tuple[pa.Check, ColumnRule]] = []
    pattern = constraints.get("pattern")
    if pattern == DATE_PATTERN:
        checks.append(
            (_by_value(lambda value: not _date_reason(value), "date"), ColumnRule(Code.DATE, reason=_date_reason))
        )
    elif pattern is not None:
        hint = spec.get("description") or f"it must match {pattern}"
        checks.append((_by_value(_matches(pattern), "pattern"), ColumnRule(Code.PATTERN, {"hint": hint})))
    if "enum" in constraints:
        allowed = [str(value) for value in constraints["enum"]]
        rule = ColumnRule(Code.ENUM, {"allowed": ", ".join(allowed)})
        checks.append((_by_value(allowed.__contains__, "enum"), rule))
    if spec.get("type") in NUMBER_TYPES:
        number = INTEGER if spec["type"] == "integer" else PLAIN_NUMBER
        checks.append((_by_value(_matches(number), "type"), ColumnRule(Code.TYPE)))
        for key, code, below in (("minimum", Code.MINIMUM, True), ("maximum", Code.MAXIMUM, False)):
            if key in constraints:
                check = _by_value(_within(float(constraints[key]), below), key)
                checks.append((check, ColumnRule(code, {"limit": constraints[key]})))
    if name in references:
        reference = references[name]
        check = _by_value(reference.values.__contains__, "foreign-key")
        checks.append(
            (check, ColumnRule(Code.FOREIGN_KEY, {"thing": name.removesuffix("_id"), "file": reference.file}))
        )
    return checks


def _references(table: Table, package: Package) -> dict[str, Reference]:
    """Each single-field foreign key of ``table``, by the field that holds it."""
    found: dict[str, Reference] = {}
    for key in table.schema.get("foreignKeys", []):
        fields, reference = key.get("fields"), key.get("reference", {})
        fields = [fields] if isinstance(fields, str) else fields
        target = package.tables.get(reference.get("resource", ""))
        to = reference.get("fields")
        to = [to] if isinstance(to, str) else to
        if target is None or len(fields) != 1 or len(to) != 1 or to[0] not in target.frame.columns:
            continue  # a referenced table that could not be read is reported where it is
        found[fields[0]] = Reference(frozenset(target.frame[to[0]]), os.path.basename(target.label))
    return found


def _primary_key(table: Table) -> list[str]:
    key = table.schema.get("primaryKey", [])
    return [key] if isinstance(key, str) else list(key)


def build_schema(table: Table, package: Package) -> tuple[pa.DataFrameSchema, dict[tuple[str, int], ColumnRule]]:
    """The table's pandera schema, and what each column's n-th check means."""
    references = _references(table, package)
    primary = _primary_key(table)
    columns, rules = {}, {}
    for spec in table.fields:
        name = spec["name"]
        constraints = spec.get("constraints") or {}
        checks = _checks(spec, references)
        for number, (_, rule) in enumerate(checks):
            rules[name, number] = rule
        columns[name] = pa.Column(
            checks=[check for check, _ in checks],
            nullable=not (constraints.get("required") or name in primary),
            unique=bool(constraints.get("unique")) or primary == [name],
            report_duplicates="exclude_first",
        )
    return pa.DataFrameSchema(columns, strict=False), rules


def _missing_as_null(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells that are empty or only whitespace become missing, as Table Schema reads CSV (a column with no such cell
    is kept as it is)."""
    columns = {}
    for name in frame.columns:
        cells = frame[name]
        blank = [not value.strip() for value in cells.tolist()]
        columns[name] = cells.mask(blank) if any(blank) else cells
    return pd.DataFrame(columns, index=frame.index)


def check_table(table: Table, package: Package) -> list[Problem]:
    """Every cell of ``table`` against its Table Schema; every failure is a problem at its line and column."""
    schema, rules = build_schema(table, package)
    frame = _missing_as_null(table.frame)
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        return [_problem(table, case, rules) for case in errors.failure_cases.to_dict("records")]
    return []


def _problem(table: Table, case: dict[str, Any], rules: dict[tuple[str, int], ColumnRule]) -> Problem:
    column, value = case["column"], case["failure_case"]
    if case["check"] == "column_in_dataframe":
        return problem(Code.MISSING_COLUMN, table.label, None, value, value)
    row = int(case["index"])
    line = table.line(row)
    if case["check"] == "not_nullable":
        return problem(Code.REQUIRED, table.label, line, column, table.frame[column].iat[row])
    if case["check"] == "field_uniqueness":
        first = table.frame.index[table.frame[column] == value][0]
        return problem(Code.UNIQUE, table.label, line, column, value, first_line=table.line(first))
    rule = rules[column, int(case["check_number"])]
    params = dict(rule.params)
    if rule.reason is not None:
        params["reason"] = rule.reason(value)
    return problem(rule.code, table.label, line, column, value, **params)
