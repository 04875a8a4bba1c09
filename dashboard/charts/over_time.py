"""Counts over time for any dataset: emigration, and every dataset the dashboard has no chart of its own for."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.framing import (
    PALETTE,
    Drawn,
    drawn,
    drawn_line,
    error_bars,
    hover_data,
    hover_template,
    most_recent,
    notes,
    plot_text,
    remarks_of,
    source_line,
    wrapped,
)
from dashboard.claims import series_order
from dashboard.formatting import number, span_phrase, value_phrase
from dashboard.i18n import N_, _, ngettext
from dashboard.precision import LOWER_BOUNDS, UPPER_BOUNDS
from dashboard.tables import Tidy

LOWER_BOUND_NOTE = N_("▲ marks a lower bound: the true number is higher.")
LONE_DATE_MARGIN_DAYS = 200  # one date: the axis shows this much time on either side of it
Y_ROOM = 1.3  # the value axis reaches this far above the highest reading, so that labels stay inside
END_LABEL_CHARS = 28  # a direct label is broken into lines of at most this many characters
LABEL_FONT = {"size": 12, "color": "#222"}
LABEL_GROUND = "rgba(255,255,255,0.85)"


def _of(tables: Tidy, dataset: str) -> pd.DataFrame:
    return tables.figures[tables.figures["dataset"] == dataset]


def _claims(tables: Tidy, dataset: str) -> pd.DataFrame:
    claims = tables.claims[tables.claims["dataset"] == dataset]
    return claims.rename(columns={"claim_id": "figure_id"}).reset_index(drop=True)


def _symbol(qualifier: str) -> str:
    return "triangle-up" if qualifier in LOWER_BOUNDS else "triangle-down" if qualifier in UPPER_BOUNDS else "circle"


def _extra(claim: Any) -> str:
    count = int(claim.sources)
    reported = ngettext("reported by {count} source", "reported by {count} sources", count).format(count=count)
    revised = "; " + _("below the reading before it (a revision?)") if claim.below_previous else ""
    between = _("between {low} and {high}").format(low=number(claim.value_low), high=number(claim.value_high))
    return f"{span_phrase(claim.period_start, claim.period_end)}; {between}; {reported}{revised}"


def _trace(claims: pd.DataFrame, colour: str, meta: str, name: str, line: bool) -> go.Scatter:
    return go.Scatter(
        x=claims["last_day"], y=claims["value"], mode="lines+markers" if line else "markers", meta=meta,
        marker={"size": 13, "symbol": [_symbol(q) for q in claims["qualifier"]], "color": colour,
                "line": {"width": 1, "color": "#fff"}},
        line={"width": 3, "color": colour},
        error_y=error_bars(claims["value"], claims["value_low"], claims["value_high"], "#777"),
        customdata=hover_data(claims, "value", [_extra(claim) for claim in claims.itertuples(index=False)]),
        hovertemplate=hover_template(), name=plot_text(name),
    )  # fmt: skip


def build(tables: Tidy, dataset: str, title: str, subtitle: str) -> Drawn:
    """A dataset's counts against their as-of dates: each series a line of its readings in date order, labelled at
    its end; each other claim a point (a triangle up for a lower bound), labelled."""
    every = _claims(tables, dataset)
    claims = most_recent(every, "last_day")
    fig = go.Figure()
    labels = []
    for position, series in enumerate(dict.fromkeys(claims["series"][claims["series"] != ""])):
        readings = series_order(claims, series)
        last = list(readings.itertuples(index=False))[-1]
        colour = PALETTE[position % len(PALETTE)]
        fig.add_trace(_trace(readings, colour, f"series:{series}", last.claimant, line=True))
        labels.append(_label(last.last_day, last.value, f"{last.claimant}: {_phrase(last)}", above=True))
    lone = claims[claims["series"] == ""]
    for position, claim in enumerate(lone.itertuples(index=False), start=len(fig.data)):
        colour = PALETTE[position % len(PALETTE)]
        fig.add_trace(_trace(lone[lone["figure_id"] == claim.figure_id], colour, f"claim:{claim.figure_id}",
                             claim.claimant, line=False))  # fmt: skip
        labels.append(_label(claim.last_day, claim.value, f"{claim.claimant}: {_phrase(claim)}", above=False))
    fig.update_layout(annotations=labels)  # at once: see framing.label_rows
    fig.update_yaxes(rangemode="tozero", title=None, tickformat="~s")
    fig.update_xaxes(type="date", title=None)
    days = claims["last_day"]
    if len(claims) and days.min() == days.max():  # one date: show the year around it rather than a zero-width axis
        margin = pd.Timedelta(days=LONE_DATE_MARGIN_DAYS)
        fig.update_xaxes(range=[days.min() - margin, days.max() + margin])
    if len(claims):
        fig.update_yaxes(range=[0, float(claims["value_high"].max()) * Y_ROOM])
    bounds = [_(LOWER_BOUND_NOTE)] if claims["qualifier"].isin(LOWER_BOUNDS).any() else []
    footer = [
        source_line(tables, claims["figure_id"]),
        *drawn_line(len(claims), len(every)),
        *bounds,
        *notes(claims),
        *_revisions(claims),
    ]
    return drawn(fig, title, subtitle, footer, remarks_of(tables, dataset))


def _phrase(claim: Any) -> str:
    return value_phrase(claim.value, claim.qualifier, claim.unit)


def _label(x: Any, y: float, text: str, above: bool) -> dict[str, Any]:
    """A direct label beside a point, kept inside the plot: to its left, above it (a series' end) or below it (a
    lone claim), so that the two kinds do not meet."""
    return {"x": x, "y": y, "text": wrapped(text, END_LABEL_CHARS), "xanchor": "right",
            "yanchor": "bottom" if above else "top", "showarrow": False, "align": "right", "xshift": -6,
            "yshift": 8 if above else -8, "font": LABEL_FONT, "bgcolor": LABEL_GROUND}  # fmt: skip


def _revisions(claims: pd.DataFrame) -> list[str]:
    """A footer line for each reading below the one before it in its series."""
    text = _("{figure} is below the reading before it in its series ({previous}): a revision, or a different count.")
    return [
        text.format(figure=claim.figure_id, previous=claim.previous_id)
        for claim in claims.itertuples(index=False)
        if claim.below_previous
    ]


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


def phrases(figures: pd.DataFrame) -> list[str]:
    """Each figure of ``figures`` (of ``rows``) in words, for the chart's text alternative."""
    text = _("{value} {what}, {span}, according to {claimant}")
    return [
        text.format(value=value_phrase(row.value, row.qualifier, row.unit), what=row.what,
                    span=span_phrase(row.period_start, row.period_end), claimant=row.claimant)
        for row in figures.itertuples(index=False)
    ]  # fmt: skip
