"""The defections charts: each claim as a span in time, and the rate per day each claim implies."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.framing import (
    BAR_WIDTH,
    HOVER,
    PALETTE,
    ROW_LEFT,
    error_bars,
    frame,
    hover_data,
    label_rows,
    notes,
    plot_text,
    remarks_of,
    source_line,
)
from dashboard.formatting import number, span_phrase, value_phrase
from dashboard.tables import Tidy

DATASET = "defections"
OVER_TIME_TITLE = "Defections over time"
RATES_TITLE = "Rate of defections per day"
RATE_DIGITS = 2


def _label(row: Any) -> str:
    return f"{value_phrase(row.count, row.qualifier, row.unit)} {row.measure}"


def _with_rates(tables: Tidy) -> pd.DataFrame:
    return tables.defections[tables.defections["rate"].notna()].reset_index(drop=True)


def over_time(tables: Tidy) -> go.Figure:
    """Each defection claim as a span on a time axis, from its first to its last possible day."""
    rows = tables.defections
    fig = go.Figure()
    for position, row in enumerate(rows.itertuples(index=False)):
        start = row.first_day if pd.notna(row.first_day) else row.last_day
        span = span_phrase(row.period_start, row.period_end)
        fig.add_trace(
            go.Scatter(
                x=[start, row.last_day],
                y=[position, position],
                mode="lines+markers+text",
                text=["", plot_text(f"{number(row.count)} · {span}")],
                textposition="top left",
                line={"width": 14, "color": PALETTE[position % len(PALETTE)]},
                marker={"size": 14, "symbol": "line-ns", "line": {"width": 3}},
                customdata=hover_data(rows.iloc[[position]], "count", [span]) * 2,
                hovertemplate=HOVER,
                name=row.figure_id,
            )
        )
    label_rows(fig, [plot_text(_label(row)) for row in rows.itertuples(index=False)])
    fig.update_xaxes(type="date", title=None, showgrid=True)
    subtitle = "Each claim from the first to the last day its dates allow; a short span is a short line."
    footer = [source_line(tables, rows), *notes(rows)]
    return frame(fig, OVER_TIME_TITLE, subtitle, footer, remarks_of(tables, DATASET), left=ROW_LEFT)


def rates(tables: Tidy) -> go.Figure:
    """The rate per day of each defection claim, with its range from the precision of its dates."""
    rows = _with_rates(tables)
    labels = [plot_text(f"{_label(row)}, {span_phrase(row.period_start, row.period_end)}") for row in rows.itertuples()]
    extra = [
        f"a day ({number(low, RATE_DIGITS)} to {number(high, RATE_DIGITS)})" if abs(high - low) > 1e-9 else "a day"
        for low, high in zip(rows["rate_low"], rows["rate_high"], strict=True)
    ]
    data = hover_data(rows, "count", extra)
    for entry, rate in zip(data, rows["rate"], strict=True):
        entry[1] = f"about {number(rate, RATE_DIGITS)}"
    fig = go.Figure(
        go.Bar(
            x=rows["rate"],
            y=list(range(len(rows))),
            width=BAR_WIDTH,
            orientation="h",
            marker={"color": [PALETTE[i % len(PALETTE)] for i in range(len(rows))]},
            error_x=error_bars(rows["rate"], rows["rate_low"], rows["rate_high"], thickness=1.5, width=6),
            text=[f"≈{number(rate, RATE_DIGITS)} a day" for rate in rows["rate"]],
            textposition="outside",
            cliponaxis=False,
            customdata=data,
            hovertemplate=HOVER,
        )
    )
    label_rows(fig, labels)
    fig.update_xaxes(title="people a day", range=[0, float(rows["rate_high"].max() or 1) * 1.3])
    footer = [source_line(tables, rows)]
    if len(rows) > 1:
        claims = " against ".join(f"{row.measure}, according to {row.claimant}" for row in rows.itertuples())
        footer.append(f"Not strictly comparable: {claims}.")
    footer.append("Ranges: each count over the longest and the shortest span its dates allow.")
    subtitle = "People a day, from each claim's count and span; the line shows the range the dates allow."
    return frame(fig, RATES_TITLE, subtitle, footer, remarks_of(tables, DATASET), left=ROW_LEFT)


def rate_rows(tables: Tidy) -> pd.DataFrame:
    """The rates the rate chart draws, with their ranges."""
    rows = _with_rates(tables)
    return pd.DataFrame(
        {
            "figure_id": rows["figure_id"],
            "what": rows["measure"],
            "count": rows["count"],
            "period": [span_phrase(a, b) for a, b in zip(rows["period_start"], rows["period_end"], strict=True)],
            "rate_per_day": rows["rate"].round(RATE_DIGITS),
            "rate_low": rows["rate_low"].round(RATE_DIGITS),
            "rate_high": rows["rate_high"].round(RATE_DIGITS),
            "claimant": rows["claimant"],
        }
    ).reset_index(drop=True)


def describe_rates(tables: Tidy) -> list[str]:
    """Each rate in words, for the rate chart's text alternative."""
    parts = []
    for row in rate_rows(tables).itertuples(index=False):
        low, high = number(row.rate_low, RATE_DIGITS), number(row.rate_high, RATE_DIGITS)
        spread = f" (from {low} to {high})" if low != high else ""
        parts.append(
            f"{number(row.count)} {row.what}, {row.period}: about {number(row.rate_per_day, RATE_DIGITS)} a day"
            f"{spread}, according to {row.claimant}"
        )
    return parts
