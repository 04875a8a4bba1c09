"""Parts every page shows: the problems banner, when the data was saved, and tables of numbers."""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import html

from dashboard.formatting import date_phrase, number
from dashboard.store import Snapshot

MAX_TABLE_ROWS = 200


def banner(snapshot: Snapshot, label: str) -> html.Div | None:
    """The list of problems in the data on disk, when there are any; the page keeps the last valid data."""
    if not snapshot.problems:
        return None
    kept = "The page shows the last valid data." if snapshot.tables is not None else "There is no valid data to show."
    return html.Div(
        [
            html.Strong(f"The data in {label} has {len(snapshot.problems)} problem(s). {kept} Fix these:"),
            html.Ul([html.Li(html.Code(str(problem))) for problem in snapshot.problems[:MAX_TABLE_ROWS]]),
        ],
        className="banner",
        role="alert",
        id="problems",
    )


def last_updated(snapshot: Snapshot) -> html.P:
    """When the data was last saved, and the newest source's date."""
    parts = []
    if snapshot.saved_at is not None:
        parts.append(f"Data last saved {snapshot.saved_at:%d %B %Y, %H:%M} UTC")
    if snapshot.tables is not None and not snapshot.tables.sources.empty:
        newest = max(snapshot.tables.sources["published"], key=lambda text: text)
        parts.append(f"newest source published {date_phrase(newest)}")
    return html.P("; ".join(parts) + ".", className="updated", id="last-updated")


def data_table(rows: pd.DataFrame) -> html.Table:
    """A table of numbers, as text."""

    def cell(value: Any) -> str:
        if isinstance(value, float):
            return "" if pd.isna(value) else number(value)
        return str(value)

    return html.Table(
        [
            html.Thead(html.Tr([html.Th(column, scope="col") for column in rows.columns])),
            html.Tbody(
                [html.Tr([html.Td(cell(value)) for value in record]) for record in rows.head(MAX_TABLE_ROWS).to_numpy()]
            ),
        ],
        className="data-table",
    )
