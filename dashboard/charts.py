"""Figure builders: pure functions from tidy tables to plotly figures that carry their title, sources and notes."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.tables import KNOWN_DATASETS, Tidy
from dashboard.wording import date_phrase, number, plot_text, shorten, span_phrase, value_phrase

# Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
REST = "#BBBBBB"
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
TITLE_SOURCE_CHARS = 60  # a source title longer than this is shortened in chart footers
HOVER_QUOTE_CHARS = 90
FOOTER_WRAP = 150  # characters, at most, in a footer line
FOOTER_FONT = 11
FOOTER_CHAR_PX = 6.4  # average width of a footer character, for wrapping
SUBTITLE_CHAR_PX = 7.4
SUBTITLE_LINE_PX = 18
TITLE_PX = 62
FOOTER_GAP = 58  # from the plot's bottom edge to the footer, room for the x axis
MIN_PLOT_PX = 240
MIN_TEXT_PX = 200
WIDTH, HEIGHT = 1000, 620  # the size of a downloaded image
FOOTER_LINE_PX = 14
PAD = 12
NOTE_CHARS = 170  # notes are shortened in chart footers; the page and the quote panel show them whole
ROW_LEFT = 24  # left margin of charts whose rows are labelled above each bar, not on the axis
BAR_WIDTH = 0.5  # of a row's height

# A sentence the rate chart quotes beside the two rates; shown only when its source is in the package and says it.
RATE_REMARK = {
    "source_id": "bi-2019-03",
    "quote": "What is new about this latest wave is the rate of defections.",
    "speaker": "Geoff Ramsey, Washington Office on Latin America",
}


@dataclass(frozen=True)
class Chart:
    """One chart the dashboard draws and exports."""

    name: str  # used for file names and --chart: 'defections-over-time'
    section: str  # the page section it belongs to
    title: str
    build: Callable[[Tidy, dict[str, str]], go.Figure]


def source_line(tables: Tidy, rows: pd.DataFrame) -> str:
    """'Source: <publisher>, <title> (<date>), quoting <claimants>' for every source behind ``rows``."""
    parts = []
    sources = tables.sources.set_index("source_id")
    for source_id, group in rows.groupby("source_id", sort=False):
        claimants = "; ".join(dict.fromkeys(group["claimant"]))
        if source_id in sources.index:
            source = sources.loc[source_id]
            title = shorten(source["title"], TITLE_SOURCE_CHARS)
            parts.append(f"{source['publisher']}, {title} ({date_phrase(source['published'])}), quoting {claimants}")
        else:
            parts.append(f"{source_id}, quoting {claimants}")
    return "Source: " + " · ".join(parts)


def _wrap(lines: list[str], width: int) -> list[str]:
    wrapped: list[str] = []
    for line in lines:
        wrapped.extend(textwrap.wrap(line, width) or [""])
    return wrapped


def frame(fig: go.Figure, title: str, subtitle: str, footer: list[str], left: int = 80) -> go.Figure:
    """Put the title, a subtitle and the footer (sources, notes) inside the figure itself.

    The left margin is fixed (``left`` pixels, axis labels included) so that the footer can start where the
    title does, at the figure's left edge. The texts are kept in ``layout.meta`` so that ``fit`` can wrap them
    again for another width.
    """
    fig.update_layout(
        template="simple_white",
        colorway=PALETTE,
        font={"family": FONT, "size": 13, "color": "#222"},
        title={
            "text": f"<b>{plot_text(title)}</b>",
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "pad": {"l": PAD},
            "subtitle": {"font": {"size": 13, "color": "#555"}},
        },
        margin={"l": left, "r": 40, "autoexpand": False},
        showlegend=False,
        hoverlabel={"align": "left"},
        clickmode="event",
        meta={"subtitle": subtitle, "footer": footer},
    )
    fig.add_annotation(
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        xshift=PAD - left,
        yshift=-FOOTER_GAP,
        align="left",
        showarrow=False,
        font={"size": FOOTER_FONT, "color": "#555"},
        name="footer",
    )
    fig.update_yaxes(automargin=False)
    fig.update_xaxes(automargin=False)
    fit(fig, WIDTH)
    return fig


def fit(fig: go.Figure, width: int, extra_footer: list[str] | None = None) -> int:
    """Wrap the subtitle and footer for a figure ``width`` pixels wide (adding ``extra_footer`` lines) and set the
    margins to hold them; return the height the figure needs so that nothing is cut off."""
    meta = fig.layout.meta or {}
    footer = [*meta.get("footer", []), *(extra_footer or [])]
    usable = max(width - 2 * PAD, MIN_TEXT_PX)
    footer_lines = _wrap(footer, min(FOOTER_WRAP, int(usable / FOOTER_CHAR_PX)))
    subtitle_lines = _wrap([meta.get("subtitle", "")], int(usable / SUBTITLE_CHAR_PX))
    top = TITLE_PX + SUBTITLE_LINE_PX * len(subtitle_lines)
    bottom = FOOTER_GAP + FOOTER_LINE_PX * len(footer_lines) + PAD
    fig.update_layout(
        title_subtitle_text="<br>".join(plot_text(line) for line in subtitle_lines),
        margin={"t": top, "b": bottom},
    )
    fig.update_annotations(selector={"name": "footer"}, text="<br>".join(plot_text(line) for line in footer_lines))
    return top + bottom + MIN_PLOT_PX


def label_rows(fig: go.Figure, labels: list[str]) -> go.Figure:
    """Rows at y = 0, 1, 2… top to bottom, each labelled above its bar rather than on the axis (narrow screens)."""
    for position, label in enumerate(labels):
        fig.add_annotation(
            x=0,
            xref="paper",
            y=position - BAR_WIDTH / 2 - 0.04,
            yref="y",
            text=label,
            xanchor="left",
            yanchor="bottom",
            align="left",
            showarrow=False,
            font={"size": 13, "color": "#222"},
        )
    fig.update_yaxes(
        range=[len(labels) - 0.5, -0.9], showticklabels=False, ticks="", showline=False, title=None, zeroline=False
    )
    return fig


def _hover(rows: pd.DataFrame, value_column: str = "value", extra: list[str] | None = None) -> list[list[str]]:
    """customdata per mark: figure id, value with its qualifier, claimant, start of the quote, anything extra."""
    data = []
    for position, row in enumerate(rows.itertuples(index=False)):
        data.append(
            [
                row.figure_id,
                plot_text(value_phrase(getattr(row, value_column), row.qualifier, row.unit)),
                plot_text(row.claimant),
                plot_text(shorten(row.quote, HOVER_QUOTE_CHARS)),
                plot_text(extra[position]) if extra else "",
            ]
        )
    return data


HOVER = (
    "<b>%{customdata[1]}</b> %{customdata[4]}<br>%{customdata[2]}<br>“%{customdata[3]}”"
    "<br><i>Click for the full quote</i><extra></extra>"
)


def _notes(rows: pd.DataFrame) -> list[str]:
    return [
        shorten(f"Note ({row.figure_id}): {row.note}", NOTE_CHARS) for row in rows.itertuples(index=False) if row.note
    ]


def _label(row: object) -> str:
    measure = getattr(row, "measure", "")
    return f"{value_phrase(row.count, row.qualifier, row.unit)} {measure}"  # type: ignore[attr-defined]


def defections_over_time(tables: Tidy, texts: dict[str, str]) -> go.Figure:
    """Each defection claim as a span on a time axis, from its first to its last possible day."""
    rows = tables.defections
    fig = go.Figure()
    for position, row in enumerate(rows.itertuples(index=False)):
        _label(row)
        start = row.first_day if pd.notna(row.first_day) else row.last_day
        fig.add_trace(
            go.Scatter(
                x=[start, row.last_day],
                y=[position, position],
                mode="lines+markers+text",
                text=["", plot_text(f"{number(row.count)} · {span_phrase(row.period_start, row.period_end)}")],
                textposition="top left",
                line={"width": 14, "color": PALETTE[position % len(PALETTE)]},
                marker={"size": 14, "symbol": "line-ns", "line": {"width": 3}},
                customdata=_hover(rows.iloc[[position]], "count", [span_phrase(row.period_start, row.period_end)]) * 2,
                hovertemplate=HOVER,
                name=row.figure_id,
            )
        )
    label_rows(fig, [plot_text(_label(row)) for row in rows.itertuples(index=False)])
    fig.update_xaxes(type="date", title=None, showgrid=True)
    subtitle = "Each claim from the first to the last day its dates allow; a short span is a short line."
    footer = [source_line(tables, rows), *_notes(rows)]
    return frame(fig, "Defections over time", subtitle, footer, left=ROW_LEFT)


def defection_rates(tables: Tidy, texts: dict[str, str]) -> go.Figure:
    """The rate per day of each defection claim, with its range from the precision of its dates."""
    rows = tables.defections[tables.defections["rate"].notna()].reset_index(drop=True)
    labels = [plot_text(f"{_label(row)}, {span_phrase(row.period_start, row.period_end)}") for row in rows.itertuples()]
    extra = [
        f"a day ({number(low, 2)} to {number(high, 2)})" if abs(high - low) > 1e-9 else "a day"
        for low, high in zip(rows["rate_low"], rows["rate_high"], strict=True)
    ]
    data = _hover(rows, "count", extra)
    for entry, rate in zip(data, rows["rate"], strict=True):
        entry[1] = f"about {number(rate, 2)}"
    fig = go.Figure(
        go.Bar(
            x=rows["rate"],
            y=list(range(len(rows))),
            width=BAR_WIDTH,
            orientation="h",
            marker={"color": [PALETTE[i % len(PALETTE)] for i in range(len(rows))]},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": rows["rate_high"] - rows["rate"],
                "arrayminus": rows["rate"] - rows["rate_low"],
                "color": "#333",
                "thickness": 1.5,
                "width": 6,
            },
            text=[f"≈{number(rate, 2)} a day" for rate in rows["rate"]],
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
        footer.append(
            "Not strictly comparable: "
            + " against ".join(f"{row.measure}, according to {row.claimant}" for row in rows.itertuples())
            + "."
        )
    footer.append("Ranges: each count over the longest and the shortest span its dates allow.")
    remark = RATE_REMARK
    if remark["quote"] in texts.get(remark["source_id"], "") and len(rows):
        fig.add_annotation(
            text=f"“{plot_text(remark['quote'])}”<br>— {plot_text(remark['speaker'])}",
            xref="paper",
            yref="paper",
            x=1,
            y=0.02,
            xanchor="right",
            yanchor="bottom",
            showarrow=False,
            align="right",
            font={"size": 12, "color": "#333"},
            bgcolor="rgba(255,255,255,0.85)",
            name="remark",
        )
    subtitle = "People a day, from each claim's count and span; the line shows the range the dates allow."
    return frame(fig, "Rate of defections per day", subtitle, footer, left=ROW_LEFT)


def guard_share(tables: Tidy, texts: dict[str, str]) -> go.Figure:
    """The share of the national guard that deserted against the rest, with the force size it implies."""
    rows = tables.guard_share
    fig = go.Figure()
    labels = [plot_text(f"{row.measure} ({row.figure_id})") for row in rows.itertuples()]
    fig.add_trace(
        go.Bar(
            x=rows["share"],
            y=list(range(len(rows))),
            width=BAR_WIDTH,
            orientation="h",
            marker={"color": PALETTE[3]},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": rows["share_high"] - rows["share"],
                "arrayminus": rows["share"] - rows["share_low"],
                "color": "#333",
            },
            customdata=_hover(rows, "share"),
            hovertemplate=HOVER,
            name="deserted",
        )
    )
    fig.add_trace(
        go.Bar(
            x=100 - rows["share"],
            y=list(range(len(rows))),
            width=BAR_WIDTH,
            orientation="h",
            marker={"color": REST},
            hoverinfo="skip",
            name="the rest",
            text=["the rest of the force"] * len(rows),
            textposition="inside",
            insidetextanchor="end",
        )
    )
    for position, row in enumerate(rows.itertuples()):
        fig.add_annotation(
            x=row.share_high,
            y=position,
            xanchor="left",
            text=plot_text(
                f"{value_phrase(row.share, row.qualifier, 'percent')} deserted "
                f"({number(row.share_low)}% to {number(row.share_high)}%)"
            ),
            showarrow=False,
            xshift=6,
            font={"size": 14, "color": "#111"},
            bgcolor="rgba(255,255,255,0.9)",
        )
    fig.update_layout(barmode="stack")
    label_rows(fig, labels)
    fig.update_xaxes(range=[0, 100], ticksuffix="%", title=None)
    footer = [source_line(tables, rows)]
    subtitle = "Share that deserted, against the rest of the force"
    for row in rows.itertuples():
        if row.count_figure_id:
            subtitle = (
                f"{value_phrase(row.share, row.qualifier, 'percent')} deserted; implied force ≈{number(row.force, 3)} "
                f"({number(row.force_low, 3)} to {number(row.force_high, 3)})"
            )
            footer.append(f"Derivation ({', '.join(row.force_inputs)}): {row.force_formula}.")
    footer.extend(_notes(rows))
    return frame(fig, "Share of the national guard that deserted", subtitle, footer, left=ROW_LEFT)


def _over_time(rows: pd.DataFrame, title: str, subtitle: str, tables: Tidy) -> go.Figure:
    """Counts against their as-of dates: a line when there are several, a marked bound for a lone 'over'."""
    fig = go.Figure()
    for position, (measure, group) in enumerate(rows.groupby("measure", sort=False)):
        group = group.sort_values("period_end_last")
        lone = len(group) == 1
        symbols = [
            "triangle-up" if q in ("over", "at_least") else "triangle-down" if q in ("under", "at_most") else "circle"
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
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": group["value_high"] - group["value"],
                    "arrayminus": group["value"] - group["value_low"],
                    "color": "#777",
                },
                text=[plot_text(value_phrase(v, q, u)) for v, q, u in group[["value", "qualifier", "unit"]].to_numpy()]
                if lone
                else None,
                textposition="middle right",
                customdata=_hover(group, "value", extra),
                hovertemplate=HOVER,
                name=plot_text(measure),
            )
        )
        if lone and group["qualifier"].iat[0] in ("over", "at_least"):
            fig.add_annotation(
                x=group["period_end_last"].iat[0],
                y=group["value"].iat[0],
                text="lower bound: the true number is higher",
                showarrow=True,
                arrowhead=2,
                ax=110,
                ay=-50,
                xanchor="left",
                font={"size": 11},
            )
    fig.update_yaxes(rangemode="tozero", title=None, tickformat="~s")
    fig.update_xaxes(type="date", title=None)
    days = rows["period_end_last"]
    if len(rows) and days.min() == days.max():  # one date: show the year around it rather than a zero-width axis
        fig.update_xaxes(range=[days.min() - pd.Timedelta(days=200), days.max() + pd.Timedelta(days=200)])
    return frame(fig, title, subtitle, [source_line(tables, rows), *_notes(rows)])


def emigration(tables: Tidy, texts: dict[str, str]) -> go.Figure:
    rows = tables.figures[tables.figures["dataset"] == "emigration"]
    subtitle = "Venezuelans who have left the country, by the date each count was given"
    return _over_time(rows, "Emigration", subtitle, tables)


def generic(dataset: str) -> Callable[[Tidy, dict[str, str]], go.Figure]:
    """A chart of value over time for a dataset this dashboard has no special chart for."""

    def build(tables: Tidy, texts: dict[str, str]) -> go.Figure:
        rows = tables.figures[tables.figures["dataset"] == dataset]
        title = dataset.replace("_", " ").capitalize()
        return _over_time(rows, title, "Each figure at the last day it counts to", tables)

    return build


def available(tables: Tidy) -> list[Chart]:
    """The charts the data supports, in page order."""
    present = set(tables.figures["dataset"])
    charts = []
    if "defections" in present:
        charts.append(Chart("defections-over-time", "defections", "Defections over time", defections_over_time))
        if tables.defections["rate"].notna().any():
            charts.append(Chart("defection-rates", "defections", "Rate of defections per day", defection_rates))
    if "guard_share" in present:
        charts.append(Chart("guard-share", "guard-share", "Share of the national guard that deserted", guard_share))
    if "emigration" in present:
        charts.append(Chart("emigration", "emigration", "Emigration", emigration))
    for dataset in sorted(present - set(KNOWN_DATASETS)):
        slug = dataset.replace("_", "-")
        charts.append(Chart(f"{slug}-over-time", slug, dataset.replace("_", " ").capitalize(), generic(dataset)))
    return charts


def figure_ids(fig: go.Figure) -> list[str]:
    """The figure ids behind a figure's clickable marks, in order."""
    ids: list[str] = []
    for trace in fig.data:
        for entry in trace.customdata if trace.customdata is not None else []:
            if entry[0] not in ids:
                ids.append(str(entry[0]))
    return ids


def chart_rows(chart: Chart, tables: Tidy) -> pd.DataFrame:
    """The numbers a chart draws, as a table: the same rows its marks come from, with their ranges."""
    if chart.name == "defection-rates":
        rows = tables.defections[tables.defections["rate"].notna()]
        return pd.DataFrame(
            {
                "figure_id": rows["figure_id"],
                "what": rows["measure"],
                "count": rows["count"],
                "period": [span_phrase(a, b) for a, b in zip(rows["period_start"], rows["period_end"], strict=True)],
                "rate_per_day": rows["rate"].round(2),
                "rate_low": rows["rate_low"].round(2),
                "rate_high": rows["rate_high"].round(2),
                "claimant": rows["claimant"],
            }
        ).reset_index(drop=True)
    if chart.name == "guard-share":
        rows = tables.guard_share
        return pd.DataFrame(
            {
                "figure_id": rows["figure_id"],
                "what": rows["measure"],
                "share_percent": rows["share"],
                "share_low": rows["share_low"],
                "share_high": rows["share_high"],
                "implied_force": rows["force"].round(0),
                "force_low": rows["force_low"].round(0),
                "force_high": rows["force_high"].round(0),
                "derived_from": [", ".join(ids) for ids in rows["force_inputs"]],
                "claimant": rows["claimant"],
            }
        ).reset_index(drop=True)
    dataset = {"defections-over-time": "defections", "emigration": "emigration"}.get(chart.name)
    rows = tables.figures
    if dataset is None:
        rows = rows[rows["dataset"].str.replace("_", "-") + "-over-time" == chart.name]
    else:
        rows = rows[rows["dataset"] == dataset]
    return pd.DataFrame(
        {
            "figure_id": rows["figure_id"],
            "what": rows["measure"],
            "value": rows["value"],
            "qualifier": rows["qualifier"],
            "low": rows["value_low"],
            "high": rows["value_high"],
            "unit": rows["unit"],
            "period_start": rows["period_start"],
            "period_end": rows["period_end"],
            "claimant": rows["claimant"],
        }
    ).reset_index(drop=True)


def describe(chart: Chart, tables: Tidy) -> str:
    """A text alternative for the chart, made from its data, for screen readers."""
    rows = chart_rows(chart, tables)
    parts = []
    for row in rows.to_dict("records"):
        if "rate_per_day" in row:
            low, high = number(row["rate_low"], 2), number(row["rate_high"], 2)
            spread = f" (from {low} to {high})" if low != high else ""
            parts.append(
                f"{number(row['count'])} {row['what']}, {row['period']}: about {number(row['rate_per_day'], 2)} a day"
                f"{spread}, according to {row['claimant']}"
            )
        elif "share_percent" in row:
            parts.append(
                f"{row['what']}: {number(row['share_percent'])}% ({number(row['share_low'])}% to "
                f"{number(row['share_high'])}%), according to {row['claimant']}; implied force about "
                f"{number(row['implied_force'], 3)} ({number(row['force_low'], 3)} to {number(row['force_high'], 3)})"
            )
        else:
            parts.append(
                f"{value_phrase(row['value'], row['qualifier'], row['unit'])} {row['what']}, "
                f"{span_phrase(row['period_start'], row['period_end'])}, according to {row['claimant']}"
            )
    count = f"{len(parts)} figure{'s' if len(parts) != 1 else ''}"
    return f"{chart.title}. {count}: " + "; ".join(parts) + "."
