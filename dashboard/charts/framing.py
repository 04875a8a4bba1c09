"""What every chart carries besides its marks: its title, subtitle, the remarks on its dataset, and a footer with
its sources and notes, kept apart from the plot (``Drawn``) and laid into an image at the width it is drawn at
(``framed``); the dashboard's style; and the hover text of its marks."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.formatting import date_phrase, number, shorten, value_phrase
from dashboard.i18n import _
from dashboard.tables import Tidy

# Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
REST = "#BBBBBB"
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
FOOTER_SOURCES = 3  # sources named in a chart's footer; the rest are counted
HOVER_QUOTE_CHARS = 90
FOOTER_WRAP = 150  # characters, at most, in a footer line
FOOTER_FONT = 11
FOOTER_CHAR_PX = 6.4  # average width of a footer character, for wrapping
SUBTITLE_CHAR_PX = 7.4
SUBTITLE_LINE_PX = 18
REMARK_CHAR_PX = 7.0
REMARK_LINE_PX = 17
REMARK_GAP = 8  # between the remarks and the plot
TITLE_PX = 62  # the title's room at the top, above the subtitle's lines
TITLE_TOP = 16  # from the figure's top edge to the title
FOOTER_GAP = 58  # from the plot's bottom edge to the footer, room for the x axis
MIN_PLOT_PX = 240
PAGE_PLOT_PX = 380  # the least height of a plot on the page
ROW_PX = 84  # the height a labelled bar needs: its label (up to two lines) above it, the bar, and a gap
LABEL_CHARS = 40  # a row's or a line's label is broken into lines of at most this many (fits a 320 px embed)
MIN_TEXT_PX = 200
WIDTH, HEIGHT = 1000, 620  # the size of a downloaded image
FOOTER_LINE_PX = 14
PAD = 12
NOTE_CHARS = 170  # notes are shortened in chart footers; the page and the quote panel show them whole
ROW_LEFT = 24  # left margin of charts whose rows are labelled above each bar, not on the axis
LEFT = 80  # left margin of charts with a value axis on the left
BAR_WIDTH = 0.4  # of a row's height
MOST_MARKS = 25  # a chart draws at most this many claims, the most recent; it counts the rest in its footer, and
# its data (CSV) and the list of all claims hold every one: past this, marks and labels only cover one another


def hover_template() -> str:
    """What a mark shows under the pointer: its value, claimant, the start of its quote, and what a click does."""
    click = plot_text(_("Click for the full quote"))
    return (
        "<b>%{customdata[1]}</b> %{customdata[4]}<br>%{customdata[2]}<br>“%{customdata[3]}”"
        f"<br><i>{click}</i><extra></extra>"
    )


def plot_text(text: str) -> str:
    """Text from the data made safe for plotly's chart text: shown as written, never run. plotly reads a few
    HTML-like tags and fills ``%{…}`` placeholders (``%{meta.footer}`` would pull in another text); both are
    written as entities, which plotly shows as the characters themselves."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("%{", "%&#123;")


def source_line(tables: Tidy, figure_ids: Iterable[str]) -> str:
    """'Sources: <publisher> (<date>), …' for every source that reports the figures (and the claims they belong
    to); past FOOTER_SOURCES of them, 'and N more' (every one is named in the quote panel, on the sources page and
    in an exported image's references)."""
    claims = tables.claim_of
    sources = list(
        dict.fromkeys(source for figure_id in figure_ids for source in claims.get(figure_id, {}).get("source_ids", ()))
    )
    named = []
    for source_id in sources[:FOOTER_SOURCES]:
        source = tables.source_rows.get(source_id)
        named.append(f"{source['publisher']} ({date_phrase(source['published'])})" if source else source_id)
    more = len(sources) - len(named)
    listed = ", ".join(named)
    if more:
        listed = _("{listed} and {more} more").format(listed=listed, more=more)
    return (_("Sources: {listed}") if len(sources) > 1 else _("Source: {listed}")).format(listed=listed)


def most_recent(rows: pd.DataFrame, day: str, limit: int = MOST_MARKS) -> pd.DataFrame:
    """The ``limit`` rows latest by the ``day`` column (the later row first where days are equal), in their
    order."""
    if len(rows) <= limit:
        return rows
    latest = rows[day].reset_index(drop=True).sort_values(kind="stable").index[-limit:]
    return rows.iloc[sorted(latest)]


def drawn_line(drawn: int, total: int) -> list[str]:
    """The footer line of a chart that draws ``drawn`` of ``total`` claims, or none when it draws them all."""
    if drawn >= total:
        return []
    text = _("Drawn: the {drawn} most recent of {total} claims. This chart's data (CSV) and the list of all claims "
             "hold every one.")  # fmt: skip
    return [text.format(drawn=drawn, total=number(total))]


def notes(rows: pd.DataFrame) -> list[str]:
    """Each figure's note, shortened, for a footer."""
    return [
        shorten(_("Note ({figure}): {note}").format(figure=row.figure_id, note=row.note), NOTE_CHARS)
        for row in rows.itertuples(index=False)
        if row.note
    ]


def remarks_of(tables: Tidy, dataset: str) -> list[str]:
    """The remarks on ``dataset``, each as '“quote” — speaker'."""
    return [f"“{row['quote']}” — {row['speaker']}" for row in tables.remarks_by_dataset.get(dataset, [])]


def hover_data(rows: pd.DataFrame, value_column: str = "value", extra: list[str] | None = None) -> list[list[str]]:
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


def error_bars(value: pd.Series, low: pd.Series, high: pd.Series, color: str = "#333", **style: float) -> dict:
    """Plotly's error bars from each value down to its low and up to its high."""
    return {"type": "data", "symmetric": False, "array": high - value, "arrayminus": value - low, "color": color,
            **style}  # fmt: skip


def _wrap(lines: list[str], width: int) -> list[str]:
    wrapped: list[str] = []
    for line in lines:
        wrapped.extend(textwrap.wrap(line, width) or [""])
    return wrapped


def separators() -> str:
    """plotly's decimal mark and thousands separator, as the language being written has them (Babel, CLDR)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    from dashboard.formatting import locale

    return get_decimal_symbol(locale()) + get_group_symbol(locale())


def page_config() -> dict[str, Any]:
    """plotly's config on a page: no logo, redrawn at any width, and none of the modebar's selection tools or its
    image of the plot alone (the Download menu's images carry the chart's sources)."""
    return {"displaylogo": False, "responsive": True,
            "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"], **plot_config()}  # fmt: skip


def plot_config() -> dict[str, Any]:
    """plotly's config for the language being written: for any but English, a locale made from Babel's (CLDR's)
    month and day names and number symbols, so that date axes read 'feb 2019' rather than 'Feb 2019'."""
    from babel.dates import get_day_names, get_month_names

    from dashboard.formatting import locale
    from dashboard.i18n import DEFAULT, current

    if current() == DEFAULT:
        return {}
    where = locale()
    sunday_first = [6, 0, 1, 2, 3, 4, 5]  # Babel counts from Monday, plotly (d3) from Sunday
    days, short_days = get_day_names("wide", locale=where), get_day_names("abbreviated", locale=where)
    months, short_months = get_month_names("wide", locale=where), get_month_names("abbreviated", locale=where)
    return {
        "locale": current(),
        "locales": {
            current(): {
                "format": {
                    "days": [days[day] for day in sunday_first],
                    "shortDays": [short_days[day] for day in sunday_first],
                    "months": [months[month] for month in range(1, 13)],
                    "shortMonths": [short_months[month] for month in range(1, 13)],
                    "date": "%d/%m/%Y",
                    "decimal": separators()[0],
                    "thousands": separators()[1],
                }
            }
        },
    }


def _text_annotation(name: str, left: int, size: int, color: str, y: float, yanchor: str, yshift: int) -> dict:
    return {
        "xref": "paper", "yref": "paper", "x": 0, "y": y, "xanchor": "left", "yanchor": yanchor,
        "xshift": PAD - left, "yshift": yshift, "align": "left", "showarrow": False,
        "font": {"size": size, "color": color}, "name": name,
    }  # fmt: skip


@dataclass(frozen=True)
class ChartTexts:
    """What a chart says around its plot, in the reader's language: the page shows it as page text, an exported
    image lays it into the image at the width asked for."""

    title: str
    subtitle: str
    footer: tuple[str, ...]  # its sources, what it leaves out, its notes
    remarks: tuple[str, ...] = ()  # sentences on its dataset, '“quote” — speaker'


@dataclass(frozen=True)
class Drawn:
    """A chart built: its plot (marks, axes and their labels, with no text around them), its texts apart, and the
    room the plot needs."""

    plot: go.Figure
    texts: ChartTexts
    plot_px: int = 0  # the height its marks need, when more than the least a plot is given
    left: int = LEFT  # its left margin, axis labels included: where an image's title and footer start


def drawn(fig: go.Figure, title: str, subtitle: str, footer: list[str], remarks: list[str] | None = None,
          left: int = LEFT, rows: int = 0, plot_px: int = 0) -> Drawn:  # fmt: skip
    """A plot in the dashboard's style, with its texts apart. The left margin is fixed (``left`` pixels) so that
    an image's footer starts where its title does, at the figure's left edge; ``rows`` of labelled bars (see
    ``label_rows``), or ``plot_px``, say how tall the plot must be."""
    fig.update_layout(
        template="simple_white",
        colorway=PALETTE,
        font={"family": FONT, "size": 13, "color": "#222"},
        margin={"l": left, "r": 40, "autoexpand": False},
        showlegend=False,
        hoverlabel={"align": "left"},
        separators=separators(),
        clickmode="event",
    )
    fig.update_yaxes(automargin=False)
    fig.update_xaxes(automargin=False)
    texts = ChartTexts(title, subtitle, tuple(footer), tuple(remarks or ()))
    return Drawn(fig, texts, max(ROW_PX * rows, plot_px), left)


PAGE_MARGIN = {"t": 12, "b": 48, "r": 16}  # on the page, the title and footer are the page's own text


def on_page(chart: Drawn) -> go.Figure:
    """The plot as the page draws it, as tall as its marks need (its texts are the page's own, which wrap at any
    width)."""
    plot = go.Figure(chart.plot)
    plot.update_layout(margin=PAGE_MARGIN, height=plot_height(chart))
    return plot


def plot_height(chart: Drawn) -> int:
    """The height of the plot and its axes alone, on the page."""
    return max(PAGE_PLOT_PX, chart.plot_px) + PAGE_MARGIN["t"] + PAGE_MARGIN["b"]


def framed(chart: Drawn, width: int, extra_footer: list[str] | None = None) -> tuple[go.Figure, int]:
    """The chart as one image ``width`` pixels wide: its title, subtitle, remarks and footer (with
    ``extra_footer``'s lines) laid into a copy of the plot, wrapped for that width; and the height it needs so
    that nothing is cut off."""
    texts = chart.texts
    usable = max(width - 2 * PAD, MIN_TEXT_PX)
    footer_lines = _wrap([*texts.footer, *(extra_footer or [])], min(FOOTER_WRAP, int(usable / FOOTER_CHAR_PX)))
    subtitle_lines = _wrap([texts.subtitle], int(usable / SUBTITLE_CHAR_PX))
    remark_lines = _wrap(list(texts.remarks), int(usable / REMARK_CHAR_PX))
    remarks_px = REMARK_LINE_PX * len(remark_lines) + REMARK_GAP if remark_lines else 0
    top = TITLE_PX + SUBTITLE_LINE_PX * len(subtitle_lines) + remarks_px
    bottom = FOOTER_GAP + FOOTER_LINE_PX * len(footer_lines) + PAD
    fig = go.Figure(chart.plot)
    fig.update_layout(
        title={
            "text": f"<b>{plot_text(texts.title)}</b>", "x": 0, "xref": "container", "xanchor": "left", "y": 1,
            "yref": "container", "yanchor": "top", "pad": {"l": PAD, "t": TITLE_TOP},
            "subtitle": {"font": {"size": 13, "color": "#555"},
                         "text": "<br>".join(plot_text(line) for line in subtitle_lines)},
        },
        margin={"t": top, "b": bottom},
    )  # fmt: skip
    footer = _text_annotation("footer", chart.left, FOOTER_FONT, "#555", 0, "top", -FOOTER_GAP)
    added = [{**footer, "text": "<br>".join(plot_text(line) for line in footer_lines)}]
    if remark_lines:
        remark = _text_annotation("remark", chart.left, 12, "#333", 1, "bottom", REMARK_GAP)
        added.append({**remark, "text": "<br>".join(f"<i>{plot_text(line)}</i>" for line in remark_lines)})
    fig.update_layout(annotations=[*fig.layout.annotations, *added])  # at once: see label_rows
    return fig, top + bottom + max(MIN_PLOT_PX, chart.plot_px)


def wrapped(text: str, width: int = LABEL_CHARS) -> str:
    """Chart text from the data, made safe (``plot_text``) and broken into lines of at most ``width`` characters,
    so that a label stays inside a chart drawn on a phone."""
    return "<br>".join(plot_text(line) for line in textwrap.wrap(text, width) or [""])


def label_rows(fig: go.Figure, labels: list[str]) -> go.Figure:
    """Rows at y = 0, 1, 2… top to bottom, each labelled above its bar rather than on the axis (narrow screens);
    ``labels`` are chart text already (see ``wrapped``). Give ``drawn`` their number, for the plot's height."""
    rows = [
        go.layout.Annotation(x=0, xref="paper", y=position - BAR_WIDTH / 2 - 0.04, yref="y", text=label,
                             xanchor="left", yanchor="bottom", align="left", showarrow=False,
                             font={"size": 12, "color": "#222"})
        for position, label in enumerate(labels)
    ]  # fmt: skip
    # all at once: plotly checks the whole list again at each add_annotation, which grows as the square of the rows
    fig.update_layout(annotations=[*fig.layout.annotations, *rows])
    fig.update_yaxes(
        range=[len(labels) - 0.5, -0.9], showticklabels=False, ticks="", showline=False, title=None, zeroline=False
    )
    return fig
