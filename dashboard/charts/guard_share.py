"""The national guard chart: the share that deserted against the rest, with the force size it implies."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import framing
from dashboard.charts.framing import BAR_WIDTH, HOVER, PALETTE, REST, ROW_LEFT, error_bars, hover_data, plot_text
from dashboard.formatting import number, value_phrase
from dashboard.tables import Tidy

DATASET = "guard_share"
TITLE = "Share of the national guard that deserted"
PERCENT = 100
FORCE_DIGITS = 3  # the implied force is rounded to three significant digits: its inputs are stated to one or two


def build(tables: Tidy) -> go.Figure:
    """The share of the national guard that deserted against the rest, with the force size it implies."""
    shares = tables.guard_share
    fig = go.Figure()
    labels = [framing.wrapped(f"{row.measure} ({row.figure_id})") for row in shares.itertuples()]
    fig.add_trace(
        go.Bar(
            x=shares["share"],
            y=list(range(len(shares))),
            width=BAR_WIDTH,
            orientation="h",
            marker={"color": PALETTE[3]},
            error_x=error_bars(shares["share"], shares["share_low"], shares["share_high"]),
            customdata=hover_data(shares, "share"),
            hovertemplate=HOVER,
            name="deserted",
        )
    )
    fig.add_trace(
        go.Bar(
            x=PERCENT - shares["share"],
            y=list(range(len(shares))),
            width=BAR_WIDTH,
            orientation="h",
            marker={"color": REST},
            hoverinfo="skip",
            name="the rest",
            text=["the rest of the force"] * len(shares),
            textposition="inside",
            insidetextanchor="end",
        )
    )
    for position, row in enumerate(shares.itertuples()):
        share = f"{value_phrase(row.share, row.qualifier, 'percent')} deserted"
        fig.add_annotation(
            x=row.share_high, y=position, xanchor="left", showarrow=False, xshift=6,
            text=plot_text(f"{share} ({number(row.share_low)}% to {number(row.share_high)}%)"),
            font={"size": 14, "color": "#111"}, bgcolor="rgba(255,255,255,0.9)",
        )  # fmt: skip
    fig.update_layout(barmode="stack")
    framing.label_rows(fig, labels)
    fig.update_xaxes(range=[0, PERCENT], ticksuffix="%", title=None)
    footer = [framing.source_line(tables, shares["figure_id"])]
    subtitle = "Share that deserted, against the rest of the force"
    for row in shares.itertuples():
        if row.count_figure_id:
            force = number(row.force, FORCE_DIGITS)
            low, high = number(row.force_low, FORCE_DIGITS), number(row.force_high, FORCE_DIGITS)
            share = value_phrase(row.share, row.qualifier, "percent")
            subtitle = f"{share} deserted; implied force ≈{force} ({low} to {high})"
            footer.append(f"Derivation ({', '.join(row.force_inputs)}): {row.force_formula}.")
    footer.extend(framing.notes(shares))
    return framing.frame(fig, TITLE, subtitle, footer, framing.remarks_of(tables, DATASET), left=ROW_LEFT)


def rows(tables: Tidy) -> pd.DataFrame:
    """The shares the chart draws, with the force each implies and the figures it is derived from."""
    shares = tables.guard_share
    return pd.DataFrame(
        {
            "figure_id": shares["figure_id"],
            "what": shares["measure"],
            "share_percent": shares["share"],
            "share_low": shares["share_low"],
            "share_high": shares["share_high"],
            "implied_force": shares["force"].round(0),
            "force_low": shares["force_low"].round(0),
            "force_high": shares["force_high"].round(0),
            "derived_from": [", ".join(ids) for ids in shares["force_inputs"]],
            "claimant": shares["claimant"],
        }
    ).reset_index(drop=True)


def phrases(tables: Tidy) -> list[str]:
    """Each share in words, for the chart's text alternative."""
    return [
        f"{row.what}: {number(row.share_percent)}% ({number(row.share_low)}% to {number(row.share_high)}%), "
        f"according to {row.claimant}; implied force about {number(row.implied_force, FORCE_DIGITS)} "
        f"({number(row.force_low, FORCE_DIGITS)} to {number(row.force_high, FORCE_DIGITS)})"
        for row in rows(tables).itertuples(index=False)
    ]
