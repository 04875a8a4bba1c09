"""Figure builders: pure functions from tidy tables to plotly figures that carry their title, sources and notes.

Each ``Chart`` carries its own functions: the figure, the table of the numbers it draws, and those numbers in words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import defections, guard_share, over_time
from dashboard.charts.framing import HEIGHT, WIDTH, fit, plot_config
from dashboard.i18n import N_, _, ngettext
from dashboard.tables import KNOWN_DATASETS, Tidy

__all__ = ["HEIGHT", "WIDTH", "Chart", "available", "figure_ids", "fit", "plot_config"]

EMIGRATION_SUBTITLE = N_("Venezuelans who have left the country, by the date each count was given")
GENERIC_SUBTITLE = N_("Each figure at the last day it counts to")


@dataclass(frozen=True)
class Chart:
    """One chart the dashboard draws and exports."""

    name: str  # used for file names and --chart: 'defections-over-time'
    section: str  # the page section it belongs to
    title: str  # in the language being written when the chart was listed
    dataset: str  # the dataset it draws
    over_time: bool  # whether it draws the dataset's claims against time (the one to compare claims under)
    build: Callable[[Tidy], go.Figure]
    rows: Callable[[Tidy], pd.DataFrame]  # the numbers it can draw, as a table: its data (CSV) holds them all
    phrases: Callable[[pd.DataFrame], list[str]]  # each row of such a table in words

    def drawn_rows(self, tables: Tidy, figure: go.Figure) -> pd.DataFrame:
        """The rows of the chart's table that ``figure`` (this chart, built) draws: the figures of its marks'
        claims."""
        drawn = set(figure_ids(figure))
        table = self.rows(tables)
        claim_of = tables.claim_of
        keep = [figure_id in drawn or claim_of.get(figure_id, {}).get("claim_id") in drawn
                for figure_id in table["figure_id"]]  # fmt: skip
        return table[keep]

    def describe(self, tables: Tidy, figure: go.Figure | None = None) -> str:
        """A text alternative for the chart, made from its data, for screen readers: what ``figure`` (this chart,
        built now unless given) draws."""
        table = self.drawn_rows(tables, self.build(tables) if figure is None else figure)
        parts = self.phrases(table)
        count = ngettext("{count} figure", "{count} figures", len(parts)).format(count=len(parts))
        return f"{self.title}. {count}: " + "; ".join(parts) + "."


def _counts_over_time(dataset: str, name: str, section: str, title: str, subtitle: str) -> Chart:
    return Chart(
        name, section, title, dataset, True,
        partial(over_time.build, dataset=dataset, title=title, subtitle=subtitle),
        partial(over_time.rows, dataset=dataset),
        over_time.phrases,
    )  # fmt: skip


def available(tables: Tidy) -> list[Chart]:
    """The charts the data supports, in page order."""
    present = set(tables.figures["dataset"])
    charts = []
    if defections.DATASET in present:
        over = partial(over_time.rows, dataset=defections.DATASET)
        charts.append(Chart("defections-over-time", "defections", _(defections.OVER_TIME_TITLE), defections.DATASET,
                            True, defections.over_time, over, over_time.phrases))  # fmt: skip
        if len(tables.rates):
            charts.append(Chart("defection-rates", "defections", _(defections.RATES_TITLE), defections.DATASET, False,
                                defections.rates, defections.rate_rows, defections.describe_rates))  # fmt: skip
    if guard_share.DATASET in present:
        charts.append(Chart("guard-share", "guard-share", _(guard_share.TITLE), guard_share.DATASET, False,
                            guard_share.build, guard_share.rows, guard_share.phrases))  # fmt: skip
    if "emigration" in present:
        charts.append(
            _counts_over_time("emigration", "emigration", "emigration", _("Emigration"), _(EMIGRATION_SUBTITLE))
        )
    for dataset in sorted(present - set(KNOWN_DATASETS)):
        slug = dataset.replace("_", "-")
        title = dataset.replace("_", " ").capitalize()
        charts.append(_counts_over_time(dataset, f"{slug}-over-time", slug, title, _(GENERIC_SUBTITLE)))
    return charts


def figure_ids(fig: go.Figure) -> list[str]:
    """The figure ids behind a figure's clickable marks, in order."""
    ids: list[str] = []
    for trace in fig.data:
        for entry in trace.customdata if trace.customdata is not None else []:
            if entry[0] not in ids:
                ids.append(str(entry[0]))
    return ids
