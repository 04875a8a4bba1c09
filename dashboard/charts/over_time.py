"""Counts over time for any dataset: emigration, and every dataset the dashboard has no chart of its own for."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.framing import (
    HOVER,
    PALETTE,
    error_bars,
    frame,
    hover_data,
    notes,
    plot_text,
    remarks_of,
    source_line,
)  # fmt: skip
from dashboard.formatting import number, span_phrase, value_phrase
from dashboard.tables import Tidy

LOWER_BOUNDS = ("over", "at_least")
UPPER_BOUNDS = ("under", "at_most")
LOWER_BOUND_NOTE = "lower bound: the true number is higher"
LONE_DATE_MARGIN_DAYS = 200  # one date: the axis shows this much time on either side of it


def _of(tables: Tidy, dataset: str) -> pd.DataFrame:
    return tables.figures[tables.figures["dataset"] == dataset]


def _labels(group: pd.DataFrame) -> list[str]:
    return [plot_text(value_phrase(v, q, u)) for v, q, u in group[["value", "qualifier", "unit"]].to_numpy()]


def build(tables: Tidy, dataset: str, title: str, subtitle: str) -> go.Figure:
    """A dataset's counts against their as-of dates: a line when there are several, a marked bound for a lone
    'over'."""
    rows = _of(tables, dataset)
    fig = go.Figure()
    for position, (measure, group) in enumerate(rows.groupby("measure", sort=False)):
        group = group.sort_values("period_end_last")
        lone = len(group) == 1
        symbols = [
            "triangle-up" if q in LOWER_BOUNDS else "triangle-down" if q in UPPER_BOUNDS else "circle"
            for q in group["qualifier"]
        ]
        extra = [
            f"{span_phrase(s, e)}; between {number(lo)} and {number(hi)}"
            for s, e, lo, hi in zip(
                group["period_start"], group["period_end"], group["value_low"], group["value_high"], strict=True
            )
        ]
        fig.add_trace(
            go.Scatter(
                x=group["period_end_last"],
                y=group["value"],
                mode="markers+text" if lone else "lines+markers",
                marker={"size": 16, "symbol": symbols, "color": PALETTE[position % len(PALETTE)]},
                error_y=error_bars(group["value"], group["value_low"], group["value_high"], "#777"),
                text=_labels(group) if lone else None,
                textposition="middle right",
                customdata=hover_data(group, "value", extra),
                hovertemplate=HOVER,
                name=plot_text(measure),
            )
        )
        if lone and group["qualifier"].iat[0] in LOWER_BOUNDS:
            fig.add_annotation(
                x=group["period_end_last"].iat[0], y=group["value"].iat[0], text=LOWER_BOUND_NOTE,
                showarrow=True, arrowhead=2, ax=110, ay=-50, xanchor="left", font={"size": 11},
            )  # fmt: skip
    fig.update_yaxes(rangemode="tozero", title=None, tickformat="~s")
    fig.update_xaxes(type="date", title=None)
    days = rows["period_end_last"]
    if len(rows) and days.min() == days.max():  # one date: show the year around it rather than a zero-width axis
        margin = pd.Timedelta(days=LONE_DATE_MARGIN_DAYS)
        fig.update_xaxes(range=[days.min() - margin, days.max() + margin])
    return frame(fig, title, subtitle, [source_line(tables, rows), *notes(rows)], remarks_of(tables, dataset))


def rows(tables: Tidy, dataset: str) -> pd.DataFrame:
    """The figures the chart draws, with their ranges."""
    figures = _of(tables, dataset)
    return pd.DataFrame(
        {
            "figure_id": figures["figure_id"],
            "what": figures["measure"],
            "value": figures["value"],
            "qualifier": figures["qualifier"],
            "low": figures["value_low"],
            "high": figures["value_high"],
            "unit": figures["unit"],
            "period_start": figures["period_start"],
            "period_end": figures["period_end"],
            "claimant": figures["claimant"],
        }
    ).reset_index(drop=True)


def phrases(tables: Tidy, dataset: str) -> list[str]:
    """Each figure in words, for the chart's text alternative."""
    return [
        f"{value_phrase(row.value, row.qualifier, row.unit)} {row.what}, "
        f"{span_phrase(row.period_start, row.period_end)}, according to {row.claimant}"
        for row in rows(tables, dataset).itertuples(index=False)
    ]
