"""The shape of ``datapackage.json`` that reading relies on: each resource's name, path and Table Schema, checked
before a table is read, every problem located by its place in the descriptor (``resources[1].schema.fields[2]``,
counted from 0 as in JSON)."""

from __future__ import annotations

import os
import re
from pathlib import PurePosixPath
from typing import Any

from dashboard.problems import Code, Problem, problem

FIELD_TYPES = ("string", "number", "integer", "boolean", "date", "datetime", "time", "year", "yearmonth", "any",
               "object", "array", "duration", "geopoint", "geojson")  # fmt: skip
FLAGS = ("required", "unique")
BOUNDS = ("minimum", "maximum")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _names(value: Any) -> list[str] | None:
    """A key's field names: one name or a list of names; None when it is neither."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(name, str) for name in value):
        return value
    return None


def relative_path(path: Any) -> str | None:
    """Why ``path`` cannot name a file inside the package folder, or None when it can."""
    if not isinstance(path, str) or not path:
        return "needs the file's path, relative to the package folder"
    if "\x00" in path or "\\" in path:
        return f"{path!r} holds a NUL or a backslash; write a plain relative path such as figures.csv"
    if os.path.isabs(path) or ".." in PurePosixPath(path).parts or re.match(r"^[a-z][a-z0-9+.-]*://", path):
        return f"{path!r} is not inside the package folder; write a relative path such as figures.csv"
    return None


def _constraint_problems(constraints: Any) -> list[tuple[str, str]]:
    if not isinstance(constraints, dict):
        return [("constraints", 'must be an object such as {"required": true}')]
    found = []
    for flag in FLAGS:
        if flag in constraints and not isinstance(constraints[flag], bool):
            found.append((f"constraints.{flag}", "must be true or false"))
    pattern = constraints.get("pattern")
    if "pattern" in constraints and not isinstance(pattern, str):
        found.append(("constraints.pattern", "must be a regular expression, as text"))
    elif isinstance(pattern, str):
        try:
            re.compile(pattern)
        except re.error as error:
            found.append(("constraints.pattern", f"is not a valid regular expression: {error}"))
    if "enum" in constraints and not (isinstance(constraints["enum"], list) and constraints["enum"]):
        found.append(("constraints.enum", "must be a list of the values allowed"))
    for bound in BOUNDS:
        if bound in constraints and not _is_number(constraints[bound]):
            found.append((f"constraints.{bound}", "must be a number"))
    return found


def _field_problems(field: Any) -> list[tuple[str, str]]:
    if not isinstance(field, dict):
        return [("", "must be an object with a name")]
    found = []
    if not isinstance(field.get("name"), str) or not field["name"].strip():
        found.append(("name", "every field needs a name"))
    if "type" in field and field["type"] not in FIELD_TYPES:
        found.append(("type", f"must be one of {', '.join(FIELD_TYPES)}"))
    if "constraints" in field:
        found.extend(_constraint_problems(field["constraints"]))
    return found


def _key_problems(schema: dict[str, Any], names: set[str]) -> list[tuple[str, str]]:
    found = []
    if "primaryKey" in schema:
        key = _names(schema["primaryKey"])
        if key is None or not set(key) <= names:
            found.append(("primaryKey", "must name one or more of the schema's fields"))
    keys = schema.get("foreignKeys", [])
    if not isinstance(keys, list):
        return [*found, ("foreignKeys", "must be a list")]
    for index, key in enumerate(keys):
        reference = key.get("reference") if isinstance(key, dict) else None
        fields = _names(key.get("fields")) if isinstance(key, dict) else None
        if fields is None or not isinstance(reference, dict) or not isinstance(reference.get("resource"), str):
            found.append((f"foreignKeys[{index}]", "needs fields, and a reference with a resource and fields"))
        elif _names(reference.get("fields")) is None or not set(fields) <= names:
            found.append((f"foreignKeys[{index}]", "must name fields of this schema and of the referenced resource"))
    return found


def _schema_problems(schema: Any) -> list[tuple[str, str]]:
    if not isinstance(schema, dict):
        return [("schema", "needs a Table Schema: an object with a list of fields")]
    fields = schema.get("fields")
    if not isinstance(fields, list):
        return [("schema.fields", "must be a list of fields")]
    found: list[tuple[str, str]] = []
    for index, field in enumerate(fields):
        found.extend((f"schema.fields[{index}].{where}".rstrip("."), what) for where, what in _field_problems(field))
    names = {field["name"] for field in fields if isinstance(field, dict) and isinstance(field.get("name"), str)}
    found.extend((f"schema.{where}", what) for where, what in _key_problems(schema, names))
    return found


def resource_problems(index: int, resource: Any, path: str) -> list[Problem]:
    """What keeps resource number ``index`` of the descriptor at ``path`` from being read, each at its place."""
    if not isinstance(resource, dict):
        return [problem(Code.DESCRIPTOR_SHAPE, path, where=f"resources[{index}]", what="must be an object")]
    found: list[tuple[str, str]] = []
    if not isinstance(resource.get("name"), str) or not resource["name"].strip():
        found.append(("name", "every resource needs a name"))
    if (why := relative_path(resource.get("path"))) is not None:
        found.append(("path", why))
    found.extend(_schema_problems(resource.get("schema")))
    return [
        problem(Code.DESCRIPTOR_SHAPE, path, where=f"resources[{index}].{where}", what=what) for where, what in found
    ]
