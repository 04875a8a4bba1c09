"""Parts of every page as plain data: tables of numbers, the problems banner, when the data was saved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.formatting import QUALIFIER_WORDS, date_phrase, day_phrase, number
from dashboard.i18n import N_, _, ngettext
from dashboard.store import Snapshot

MAX_TABLE_ROWS = 200


@dataclass(frozen=True)
class Table:
    """A table of numbers as text: its headings, its rows (the first ``MAX_TABLE_ROWS``), and a line saying where
    the rest are when it was cut."""

    columns: list[str]
    rows: list[list[str]]
    more: str | None = None


@dataclass(frozen=True)
class Problems:
    """The problems banner: a summary, each problem's line, and where the rest are when there are many."""

    summary: str
    lines: list[str]
    more: str | None = None


def problems(snapshot: Snapshot, label: str) -> Problems | None:
    """The problems in the data on disk, when there are any; the page keeps the last valid data."""
    if not snapshot.problems:
        return None
    kept = (
        _("The page shows the last valid data.")
        if snapshot.tables is not None
        else _("There is no valid data to show.")
    )
    count = len(snapshot.problems)
    found = ngettext("The data in {label} has {count} problem.", "The data in {label} has {count} problems.", count)
    return Problems(
        " ".join([found.format(label=label, count=count), kept, _("Fix these:")]),
        [str(problem) for problem in snapshot.problems[:MAX_TABLE_ROWS]],
        more_rows(count, _("`python -m dashboard validate` lists them all.")),
    )


def more_rows(total: int, where: str) -> str | None:
    """The line under a list or table cut at ``MAX_TABLE_ROWS`` rows of ``total``, saying ``where`` the rest are;
    None when nothing was cut."""
    if total <= MAX_TABLE_ROWS:
        return None
    text = _("The first {shown} of {total}.").format(shown=number(MAX_TABLE_ROWS), total=number(total))
    return f"{text} {where}"


def updated(snapshot: Snapshot) -> str:
    """When the data was last saved, and the newest source's date."""
    parts = []
    if snapshot.saved_at is not None:
        saved = snapshot.saved_at
        parts.append(_("Data last saved {day}, {time} UTC").format(day=day_phrase(saved.date()), time=f"{saved:%H:%M}"))
    if snapshot.tables is not None and not snapshot.tables.sources.empty:
        newest = max(snapshot.tables.sources["published"], key=lambda text: text)
        parts.append(_("newest source published {date}").format(date=date_phrase(newest)))
    return "; ".join(parts) + "."


# The columns of the tables under the charts (and of their CSV downloads, where the names stay as they are).
COLUMN_LABELS = {
    "figure_id": N_("figure"), "what": N_("what"), "count": N_("count"), "period": N_("period"),
    "rate_per_day": N_("per day"), "rate_low": N_("per day, lowest"), "rate_high": N_("per day, highest"),
    "claimant": N_("claimant"), "derived_from": N_("derived from"), "qualifier": N_("qualifier"),
    "unit": N_("unit"), "as_of": N_("as of"), "low": N_("lowest"), "high": N_("highest"),
    "share_percent": N_("share (%)"), "share_low": N_("share, lowest (%)"), "share_high": N_("share, highest (%)"),
    "implied_force": N_("implied force"), "force_low": N_("force, lowest"), "force_high": N_("force, highest"),
    "value": N_("value"), "series": N_("series"), "reported_by": N_("reported by"), "sources": N_("sources"),
    "period_start": N_("period start"), "period_end": N_("period end"), "source_id": N_("source"),
}  # fmt: skip


# The codes in those columns that are the package's vocabulary rather than its words.
CODED_COLUMNS = ("qualifier", "unit")
CODE_LABELS = {**QUALIFIER_WORDS, "exact": N_("exact"), "people": N_("people"), "percent": N_("percent")}


def column_label(column: str) -> str:
    """A column's heading on the page, in the reader's language."""
    return _(COLUMN_LABELS[column]) if column in COLUMN_LABELS else column


def table(rows: pd.DataFrame) -> Table:
    """A table of numbers, as text: its first ``MAX_TABLE_ROWS`` rows, and a line that says so when there are
    more."""

    def cell(column: str, value: Any) -> str:
        if isinstance(value, float):
            return "" if pd.isna(value) else number(value)
        return _(CODE_LABELS[value]) if column in CODED_COLUMNS and value in CODE_LABELS else str(value)

    return Table(
        [column_label(column) for column in rows.columns],
        [
            [cell(column, value) for column, value in zip(rows.columns, record, strict=True)]
            for record in rows.head(MAX_TABLE_ROWS).to_numpy()
        ],
        more_rows(len(rows), _("This chart's data (CSV) holds them all.")),
    )
