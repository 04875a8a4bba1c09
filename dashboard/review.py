"""The review file: the candidates ``extract`` finds in a text, written as rows of figures.csv (guesses filled in)
with a ``keep`` column, for a person to check in a spreadsheet; and those rows read back for ``add --from``."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.extract import Candidate
from dashboard.loader import decode, parse_csv
from dashboard.package import FIGURE_COLUMNS, Package
from dashboard.problems import Code, Problem, problem

KEEP = "keep"
KEEP_WORDS = frozenset({"yes", "y", "x", "true", "1"})  # what a person writes in ``keep`` to add a row


def guess_dataset(candidate: Candidate) -> str:
    """A first guess of the dataset, by the registry (``datasets.guess``): a share of the guard for a percentage,
    emigration when the measure says people left the country, else defections. A person checks it."""
    from dashboard.datasets import guess

    return guess(candidate.unit, f"{candidate.measure} {candidate.quote}")


def suggest_series(candidate: Candidate, package: Package | None) -> str:
    """An existing series whose claimant the candidate's sentence names (or its guessed claimant is), or whose
    measure is the candidate's guessed measure, in any case; nothing when none matches. A person checks it."""
    figures = package.tables.get("figures") if package is not None else None
    if figures is None or not {"series", "claimant", "measure"} <= set(figures.frame.columns):
        return ""
    quote, claimant, measure = (text.strip().lower() for text in (candidate.quote, candidate.claimant,
                                                                   candidate.measure))  # fmt: skip
    for row in reversed(figures.frame.to_dict("records")):
        series, their_claimant, their_measure = (row[key].strip() for key in ("series", "claimant", "measure"))
        known = their_claimant.lower()
        if series and (
            (known and (known in quote or known == claimant)) or (measure and their_measure.lower() == measure)
        ):
            return series
    return ""


def review_rows(found: Iterable[Candidate], source_id: str, package: Package | None) -> list[dict[str, str]]:
    """One row of figures.csv per candidate, guesses filled in and ``keep`` empty."""
    rows = []
    for candidate in found:
        row = candidate.row()
        rows.append({
            "figure_id": "", "dataset": guess_dataset(candidate), "measure": row["measure"], "value": row["value"],
            "unit": row["unit"], "qualifier": row["qualifier"], "period_start": "", "period_end": row["period_end"],
            "claimant": row["claimant"], "source_id": source_id, "quote": row["quote"], "note": "",
            "series": suggest_series(candidate, package), KEEP: "",
        })  # fmt: skip
    return rows


def review_bytes(rows: list[dict[str, str]]) -> bytes:
    """The review file, UTF-8 CSV that spreadsheets open as it is."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*FIGURE_COLUMNS, KEEP], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def kept_rows(file: Path, label: str) -> tuple[list[dict[str, str]], list[tuple[str, int]], list[Problem]]:
    """The rows of a review file marked to keep, each with its figures.csv columns and the line it stands on; or the
    problems that stop the file being read."""
    try:
        raw = file.read_bytes()
    except OSError as error:
        return [], [], [problem(Code.UNREADABLE, label, what="the review file", reason=error.strerror)]
    text, fault = decode(raw, label)
    if text is None:
        return [], [], [fault] if fault else []
    header, records, lines, problems = parse_csv(text, label)
    missing = [column for column in (*FIGURE_COLUMNS, KEEP) if column not in header and column != "series"]
    problems += [problem(Code.MISSING_COLUMN, label, None, column, column) for column in missing]
    if problems:
        return [], [], problems
    frame = pd.DataFrame(records, columns=header, dtype=object)
    rows: list[dict[str, str]] = []
    origins: list[tuple[str, int]] = []
    for record, line in zip(frame.to_dict("records"), lines, strict=True):
        if str(record[KEEP]).strip().lower() in KEEP_WORDS:
            rows.append({column: _cell(record, column) for column in FIGURE_COLUMNS})
            origins.append((label, line))
    return rows, origins, []


def _cell(record: dict[str, Any], column: str) -> str:
    return str(record.get(column, "") or "")


def write_review(found: Iterable[Candidate], source_id: str, folder: Path, label: str, out: Path) -> None:
    """Write the candidates as a review file at ``out`` (its folder made if missing), with the columns of the
    package in ``folder`` when there is one."""
    from dashboard.loader import read_package
    from dashboard.writes import write_bytes

    package = read_package(folder, label) if (folder / "datapackage.json").is_file() else None
    out.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(out, review_bytes(review_rows(found, source_id, package)))
