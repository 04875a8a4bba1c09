"""The national guard chart: the share that deserted against the rest, with the force size it implies."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import framing
from dashboard.charts.framing import (
    BAR_WIDTH,
    PALETTE,
    REST,
    ROW_LEFT,
    error_bars,
    hover_data,
    hover_template,
)
from dashboard.derivations import force_formula
from dashboard.formatting import number, percent, value_phrase
from dashboard.i18n import N_, _
from dashboard.tables import GUARD_SHARE, Tidy

DATASET = GUARD_SHARE
TITLE = N_("Share of the national guard that deserted")
PERCENT = 100
VALUE_CHARS = 24  # the value beside a bar is broken into lines of at most this many characters (phones)
FORCE_DIGITS = 3  # the implied force is rounded to three significant digits: its inputs are stated to one or two


def build(tables: Tidy) -> framing.Drawn:
    """The share of the national guard that deserted against the rest, with the force size it implies (the most
    recent ``MOST_MARKS``)."""
    shares = framing.most_recent(tables.guard_share, "period_end_last")
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
            hovertemplate=hover_template(),
            name=_("deserted"),
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
            name=_("the rest"),
            text=[_("the rest of the force")] * len(shares),
            textposition="inside",
            insidetextanchor="end",
        )
    )
    values = []
    for position, row in enumerate(shares.itertuples()):
        share = _("{share} deserted ({low} to {high})").format(
            share=value_phrase(row.share, row.qualifier, "percent"),
            low=percent(row.share_low),
            high=percent(row.share_high),
        )
        values.append({"x": row.share_high, "y": position, "xanchor": "left", "align": "left", "showarrow": False,
                       "xshift": 6, "text": framing.wrapped(share, VALUE_CHARS), "font": {"size": 14, "color": "#111"},
                       "bgcolor": "rgba(255,255,255,0.9)"})  # fmt: skip
    fig.update_layout(barmode="stack", annotations=values)  # at once: see framing.label_rows
    framing.label_rows(fig, labels)
    fig.update_xaxes(range=[0, PERCENT], ticksuffix=percent(0).removeprefix("0"), title=None)  # "%", or " %"
    footer = [framing.source_line(tables, shares["figure_id"]),
              *framing.drawn_line(len(shares), len(tables.guard_share))]  # fmt: skip
    subtitle = _("Share that deserted, against the rest of the force")
    for row in shares.itertuples():
        if row.count_figure_id:
            subtitle = _("{share} deserted; implied force ≈{force} ({low} to {high})").format(
                share=value_phrase(row.share, row.qualifier, "percent"), force=number(row.force, FORCE_DIGITS),
                low=number(row.force_low, FORCE_DIGITS), high=number(row.force_high, FORCE_DIGITS),
            )  # fmt: skip
            derivation = _("Derivation ({inputs}): {formula}.")
            footer.append(derivation.format(inputs=", ".join(row.force_inputs), formula=force_formula(row)))
    footer.extend(framing.notes(shares))
    return framing.drawn(fig, _(TITLE), subtitle, footer, framing.remarks_of(tables, DATASET), left=ROW_LEFT,
                         rows=len(labels))  # fmt: skip


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


def phrases(shares: pd.DataFrame) -> list[str]:
    """Each share of ``shares`` (of ``rows``) in words, for the chart's text alternative."""
    text = _(
        "{what}: {share} ({low} to {high}), according to {claimant}; implied force about {force} "
        "({force_low} to {force_high})"
    )
    return [
        text.format(
            what=row.what, share=percent(row.share_percent), low=percent(row.share_low),
            high=percent(row.share_high), claimant=row.claimant, force=number(row.implied_force, FORCE_DIGITS),
            force_low=number(row.force_low, FORCE_DIGITS), force_high=number(row.force_high, FORCE_DIGITS),
        )
        for row in shares.itertuples(index=False)
    ]  # fmt: skip
