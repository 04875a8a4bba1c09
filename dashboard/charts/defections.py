"""The defections charts: every claim against time (a series of readings as a line, a claim over a span as a bar
at its count), with the days of most readings given the most room; and the rate per day, between a series'
successive readings and over each other claim's span."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.charts import framing
from dashboard.charts.framing import BAR_WIDTH, PALETTE, ROW_LEFT, error_bars, hover_data, hover_template, plot_text
from dashboard.claims import series_order
from dashboard.formatting import number, span_phrase, value_phrase
from dashboard.i18n import N_, _, ngettext
from dashboard.tables import DEFECTIONS, Tidy

DATASET = DEFECTIONS
OVER_TIME_TITLE = N_("Defections over time")
RATES_TITLE = N_("Rate of defections per day")
RATE_DIGITS = 2
LONG_SPAN_DAYS = 92  # a claim over more days than this is read in the whole-period panel, not the focus
FOCUS_SHARE = 0.75  # the focus is the shortest stretch of days that holds this share of the readings
FOCUS_PAD_DAYS = 1
PANELS = (1, 2)  # the focus, then the whole period
PANEL_PX = 240  # the height each panel needs
Y_ROOM = 1.3  # the value axis reaches this far above the largest count, so that labels stay inside
LABEL_GROUND = "rgba(255,255,255,0.85)"
END_LABEL_CHARS = 28  # a label at a line's end is broken into lines of at most this many characters


def _claims(tables: Tidy) -> pd.DataFrame:
    claims = tables.claims[tables.claims["dataset"] == DATASET]
    return claims.rename(columns={"claim_id": "figure_id"}).reset_index(drop=True)


def _is_long(claim: Any) -> bool:
    return not claim.series and (claim.last_day - claim.first_day).days > LONG_SPAN_DAYS


def focus_window(claims: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The shortest stretch of days that holds three quarters of the readings (a series' readings, and the ends of
    claims over short spans), padded by a day; None when there is nothing short to focus on."""
    days = sorted(
        day
        for claim in claims.itertuples(index=False)
        if not _is_long(claim)
        for day in ((claim.last_day,) if claim.series else (claim.first_day, claim.last_day))
    )
    if not days:
        return None
    count = max(int(len(days) * FOCUS_SHARE + 0.5), 1)
    start = min(range(len(days) - count + 1), key=lambda at: days[at + count - 1] - days[at])
    pad = pd.Timedelta(days=FOCUS_PAD_DAYS)
    return days[start] - pad, days[start + count - 1] + pad


def _extra(claim: Any) -> str:
    count = int(claim.sources)
    reported = ngettext("reported by {count} source", "reported by {count} sources", count).format(count=count)
    return f"{span_phrase(claim.period_start, claim.period_end)}; {reported}"


def _label(x: Any, y: float, text: str, panel: int, at_end: bool) -> dict[str, Any]:
    """A direct label on a white ground: above a series' last reading, ending there (clear of a line that rises to
    it); below a bar, starting at its first day. The two kinds take opposite sides of their marks."""
    axis = "" if panel == 1 else str(panel)  # the axes of the subplot in row ``panel``: x, y; x2, y2
    return {"x": x, "y": y, "xref": f"x{axis}", "yref": f"y{axis}", "text": framing.wrapped(text, END_LABEL_CHARS),
            "xanchor": "right" if at_end else "left", "yanchor": "bottom" if at_end else "top", "showarrow": False,
            "align": "right" if at_end else "left", "yshift": 8 if at_end else -8,
            "font": {"size": 12, "color": "#222"}, "bgcolor": LABEL_GROUND}  # fmt: skip


def _shown(claims: pd.DataFrame, window: tuple[Any, Any] | None) -> pd.DataFrame:
    """What a panel draws: in the focus ``window``, a series' readings that fall in it and the other short claims
    that meet it; in the whole period, everything."""
    if window is None:
        return claims
    lone = claims["series"] == ""
    meets = (claims["last_day"] >= window[0]) & (claims["first_day"] <= window[1])
    inside = claims[(lone & meets) | (~lone & claims["last_day"].between(*window))]
    return inside[~inside.apply(_is_long, axis=1)] if len(inside) else inside


def _draw(fig: go.Figure, claims: pd.DataFrame, panel: int, window: tuple[Any, Any] | None,
          focus: tuple[Any, Any] | None) -> list[dict[str, Any]]:  # fmt: skip
    """Each series as one line of its readings in date order, each other claim as a bar over its span; and the
    labels, which say who and how many (in the whole-period panel, only for what the focus panel does not already
    label)."""
    labels = []
    inside = _shown(claims, window)
    labelled = set() if window is not None or focus is None else set(_shown(claims, focus)["figure_id"])
    makers = [series or figure_id for series, figure_id in zip(claims["series"], claims["figure_id"], strict=True)]
    colours = {maker: PALETTE[n % len(PALETTE)] for n, maker in enumerate(dict.fromkeys(makers))}
    for series in dict.fromkeys(inside["series"][inside["series"] != ""]):
        readings = series_order(inside, series)
        last = readings.iloc[-1]
        fig.add_trace(go.Scatter(
            x=readings["last_day"], y=readings["value"], mode="lines+markers", meta=f"series:{series}",
            line={"width": 3, "color": colours[series]}, marker={"size": 9},
            customdata=hover_data(readings, "value", [_extra(row) for row in readings.itertuples(index=False)]),
            hovertemplate=hover_template(), name=plot_text(last["claimant"]),
        ), row=panel, col=1)  # fmt: skip
        if last["figure_id"] not in labelled:
            latest = value_phrase(last["value"], last["qualifier"], last["unit"])
            labels.append(_label(last["last_day"], last["value"], f"{last['claimant']}: {latest}", panel, True))
    for claim in inside[inside["series"] == ""].itertuples(index=False):
        row = inside[inside["figure_id"] == claim.figure_id]
        fig.add_trace(go.Scatter(
            x=[claim.first_day, claim.last_day], y=[claim.value, claim.value], mode="lines+markers",
            meta=f"claim:{claim.figure_id}", line={"width": 7, "color": colours[claim.figure_id]},
            marker={"size": 12, "symbol": "line-ns", "line": {"width": 2}},
            customdata=hover_data(row, "value", [_extra(claim)]) * 2, hovertemplate=hover_template(),
            name=plot_text(claim.claimant),
        ), row=panel, col=1)  # fmt: skip
        if claim.figure_id not in labelled:
            label = f"{claim.claimant}: {value_phrase(claim.value, claim.qualifier, claim.unit)}"
            start = claim.first_day if window is None else max(claim.first_day, window[0])
            labels.append(_label(start, claim.value, label, panel, at_end=False))
    return labels


def over_time(tables: Tidy) -> framing.Drawn:
    """Every claim against time (the most recent ``MOST_MARKS``): the days of most readings on top, the whole
    period below."""
    every = _claims(tables)
    claims = framing.most_recent(every, "last_day")
    window = focus_window(claims)
    panels = PANELS if window is not None else PANELS[1:]
    fig = make_subplots(rows=len(panels), cols=1, vertical_spacing=0.2, row_heights=[0.6, 0.4][-len(panels) :])
    labels = []
    for number_, panel in enumerate(panels, start=1):
        labels.extend(_draw(fig, claims, number_, window if panel == 1 else None, window))
        shown = claims if panel == 2 or window is None else claims[~claims.apply(_is_long, axis=1)]
        top = float(shown["value"].max()) if len(shown) else 1.0
        fig.update_yaxes(range=[0, top * Y_ROOM], rangemode="tozero", title=None, row=number_, col=1)
        fig.update_xaxes(type="date", title=None, showgrid=True, row=number_, col=1)
    if window is not None:
        fig.update_xaxes(range=list(window), row=1, col=1)
    fig.update_layout(annotations=[*fig.layout.annotations, *labels])  # at once: see framing.label_rows
    subtitle = _(
        "Each series of readings is a line; each other claim a bar from the first to the last day its dates allow."
    )
    if window is not None:
        subtitle += " " + _("Top: the days with the most readings; below: the whole period.")
    footer = [framing.source_line(tables, claims["figure_id"]), *framing.drawn_line(len(claims), len(every)),
              *framing.notes(claims)]  # fmt: skip
    return framing.drawn(fig, _(OVER_TIME_TITLE), subtitle, footer, framing.remarks_of(tables, DATASET),
                         plot_px=PANEL_PX * len(panels))  # fmt: skip


def rates(tables: Tidy) -> framing.Drawn:
    """The rate per day between a series' readings and over each other claim's span, with its range (the most
    recent ``MOST_MARKS``)."""
    rows = framing.most_recent(tables.rates, "period_to")
    labels = [framing.wrapped(_rate_label(row)) for row in rows.itertuples()]
    extra = [
        _("a day ({low} to {high})").format(low=number(low, RATE_DIGITS), high=number(high, RATE_DIGITS))
        if abs(high - low) > 1e-9
        else _("a day")
        for low, high in zip(rows["rate_low"], rows["rate_high"], strict=True)
    ]
    data = hover_data(rows, "count", extra)
    for entry, rate in zip(data, rows["rate"], strict=True):
        entry[1] = _("about {rate}").format(rate=number(rate, RATE_DIGITS))
    fig = go.Figure(
        go.Bar(
            x=rows["rate"], y=list(range(len(rows))), width=BAR_WIDTH, orientation="h",
            marker={"color": [PALETTE[i % len(PALETTE)] for i in range(len(rows))]},
            error_x=error_bars(rows["rate"], rows["rate_low"], rows["rate_high"], thickness=1.5, width=6),
            text=[plot_text(_("≈{rate} a day").format(rate=number(rate, RATE_DIGITS))) for rate in rows["rate"]],
            textposition="outside",
            cliponaxis=False, customdata=data, hovertemplate=hover_template(),
        )
    )  # fmt: skip
    framing.label_rows(fig, labels)
    fig.update_xaxes(title=_("people a day"), range=[0, float(rows["rate_high"].max() or 1) * 1.3])
    footer = [framing.source_line(tables, rows["figure_id"]), *framing.drawn_line(len(rows), len(tables.rates))]
    according = _("{measure}, according to {claimant}")
    makers = list(
        dict.fromkeys(according.format(measure=row.measure, claimant=row.claimant) for row in rows.itertuples())
    )
    if len(makers) > 1:
        footer.append(_("Not strictly comparable: {makers}.").format(makers=_(" against ").join(makers)))
    footer.append(_("Ranges: each count over the longest and the shortest span its dates allow."))
    subtitle = _("People a day: between a series' successive readings, and over each other claim's span; the line "
                 "shows the range the dates allow.")  # fmt: skip
    return framing.drawn(fig, _(RATES_TITLE), subtitle, footer, framing.remarks_of(tables, DATASET), left=ROW_LEFT,
                         rows=len(labels))  # fmt: skip


def _rate_label(row: Any) -> str:
    """Who, over which days, and how many: 'the Border Registry, 26 to 28 February 2019: 241 more'."""
    what = _("more") if row.from_id else row.measure
    count = value_phrase(row.count, row.qualifier, row.unit)
    return f"{row.claimant}, {span_phrase(row.period_from, row.period_to)}: {count} {what}"


def rate_rows(tables: Tidy) -> pd.DataFrame:
    """The rates the rate chart draws, with their ranges and the figures they come from."""
    rows = tables.rates
    return pd.DataFrame(
        {
            "figure_id": rows["figure_id"],
            "what": rows["measure"],
            "count": rows["count"],
            "period": [span_phrase(a, b) for a, b in zip(rows["period_from"], rows["period_to"], strict=True)],
            "rate_per_day": rows["rate"].round(RATE_DIGITS),
            "rate_low": rows["rate_low"].round(RATE_DIGITS),
            "rate_high": rows["rate_high"].round(RATE_DIGITS),
            "claimant": rows["claimant"],
            "derived_from": [", ".join(ids) for ids in rows["rate_inputs"]],
        }
    ).reset_index(drop=True)


def describe_rates(rows: pd.DataFrame) -> list[str]:
    """Each rate of ``rows`` (of ``rate_rows``) in words, for the rate chart's text alternative."""
    parts = []
    for row in rows.itertuples(index=False):
        low, high = number(row.rate_low, RATE_DIGITS), number(row.rate_high, RATE_DIGITS)
        spread = " " + _("(from {low} to {high})").format(low=low, high=high) if low != high else ""
        parts.append(
            _("{count} {what}, {period}: about {rate} a day{spread}, according to {claimant}").format(
                count=number(row.count), what=row.what, period=row.period,
                rate=number(row.rate_per_day, RATE_DIGITS), spread=spread, claimant=row.claimant,
            )
        )  # fmt: skip
    return parts
