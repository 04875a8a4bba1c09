"""What a data package holds once read from disk: its descriptor, its tables and its source texts."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.problems import Problem

DESCRIPTOR = "datapackage.json"
TEXTS_FOLDER = "sources"
TEXT_SUFFIX = ".txt"
# figures.csv's columns, in the order the shipped descriptor and every file the project writes give them; all but
# the last (series, which a package may leave out) must be declared.
FIGURE_COLUMNS = ("figure_id", "dataset", "measure", "value", "unit", "qualifier", "period_start", "period_end",
                  "claimant", "source_id", "quote", "note", "series")  # fmt: skip
SOURCES, SOURCE_ID = "sources", "source_id"  # the table of sources, and the column that names a source


@dataclass
class Table:
    """A CSV resource: every cell as text, extra columns kept, and the physical line where each record starts."""

    name: str
    label: str  # the file as messages name it: the package's label, then the file
    frame: pd.DataFrame
    lines: list[int]
    schema: dict[str, Any]  # the resource's Table Schema, as the descriptor gives it
    file: Path | None = None  # where it was read from: the descriptor's path for it, inside the package folder

    def line(self, row: int) -> int:
        return self.lines[row]

    @property
    def fields(self) -> list[dict[str, Any]]:
        fields = self.schema.get("fields", [])
        return [spec for spec in fields if isinstance(spec, dict)] if isinstance(fields, list) else []


@dataclass
class Package:
    """A data package as read from disk, before any rule is applied.

    ``label`` is how the package's folder is named in messages and on the page: as the user gave it.
    ``problems`` are what stopped a file from being read at all; ``text_faults`` why a source's text could not be
    read, by source id (the rules decide what to say about them). ``files`` holds the bytes of every file read
    (the descriptor, the tables, the texts) by their path in the folder: what a bundle of the package holds.
    """

    folder: Path
    label: str
    descriptor: dict[str, Any]
    tables: dict[str, Table]
    texts: dict[str, str] = field(default_factory=dict)
    text_faults: dict[str, Problem] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)

    def label_of(self, *parts: str) -> str:
        """A file of the package as messages name it."""
        return os.path.join(self.label, *parts)

    def text_path(self, source_id: str) -> str:
        """Where a source's text lives, relative to the package folder."""
        return text_file(source_id)


def text_file(source_id: str) -> str:
    """Where a source's text lives, relative to the package folder: ``sources/<source_id>.txt``."""
    return os.path.join(TEXTS_FOLDER, f"{source_id}{TEXT_SUFFIX}")
