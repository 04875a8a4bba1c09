"""Validation of a package as read: what could not be read, its Table Schema (``schema``), and the project's own
rules (``rules``), every problem collected before any is reported."""

from __future__ import annotations

from dashboard.package import Package
from dashboard.problems import Problem, sort_key
from dashboard.rules import RULES
from dashboard.schema import check_table


def validate(package: Package) -> list[Problem]:
    """Every problem in the package, in file and line order; an empty list means it is valid."""
    problems = list(package.problems)
    for table in package.tables.values():
        problems.extend(check_table(table, package))
    for rule in RULES:
        problems.extend(rule(package))
    return sorted(problems, key=sort_key)
