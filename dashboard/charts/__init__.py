"""Figure builders: pure functions from tidy tables to plotly figures that carry their title, sources and notes.

Each ``Chart`` carries its own functions: the figure, the table of the numbers it draws, and those numbers in words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.framing import HEIGHT, WIDTH, Drawn, framed, on_page, plot_config
from dashboard.i18n import _, ngettext
from dashboard.tables import Tidy

__all__ = ["HEIGHT", "WIDTH", "Chart", "Drawn", "available", "figure_ids", "framed", "on_page", "plot_config"]


@dataclass(frozen=True)
class Chart:
    """One chart the dashboard draws and exports."""

    name: str  # used for file names and --chart: 'defections-over-time'
    section: str  # the page section it belongs to
    title: str  # in the language being written when the chart was listed
    dataset: str  # the dataset it draws
    over_time: bool  # whether it draws the dataset's claims against time (the one to compare claims under)
    build: Callable[[Tidy], Drawn]  # the plot, and its texts apart
    rows: Callable[[Tidy], pd.DataFrame]  # the numbers it can draw, as a table: its data (CSV) holds them all
    phrases: Callable[[pd.DataFrame], list[str]]  # each row of such a table in words

    def drawn_rows(self, tables: Tidy, built: Drawn) -> pd.DataFrame:
        """The rows of the chart's table that ``built`` (this chart) draws: the figures of its marks' claims."""
        drawn = set(figure_ids(built.plot))
        table = self.rows(tables)
        claim_of = tables.claim_of
        keep = [figure_id in drawn or claim_of.get(figure_id, {}).get("claim_id") in drawn
                for figure_id in table["figure_id"]]  # fmt: skip
        return table[keep]

    def describe(self, tables: Tidy, built: Drawn | None = None) -> str:
        """A text alternative for the chart, made from its data, for screen readers: what ``built`` (this chart,
        built now unless given) draws."""
        table = self.drawn_rows(tables, self.build(tables) if built is None else built)
        parts = self.phrases(table)
        count = ngettext("{count} figure", "{count} figures", len(parts)).format(count=len(parts))
        return f"{self.title}. {count}: " + "; ".join(parts) + "."


def available(tables: Tidy) -> list[Chart]:
    """The charts the data supports, in page order: each dataset's of the registry (``dashboard.datasets``), in its
    order, then a chart of values over time for each other dataset."""
    from dashboard.datasets import present

    return [
        Chart(chart.name, spec.section, _(chart.title), spec.id, chart.over_time, chart.build, chart.rows,
              chart.phrases)
        for spec in present(tables)
        for chart in spec.charts
        if chart.drawn_when(tables)
    ]  # fmt: skip


def figure_ids(fig: go.Figure) -> list[str]:
    """The figure ids behind a figure's clickable marks, in order."""
    ids: list[str] = []
    for trace in fig.data:
        for entry in trace.customdata if trace.customdata is not None else []:
            if entry[0] not in ids:
                ids.append(str(entry[0]))
    return ids
