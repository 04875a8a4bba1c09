"""A source's page: its whole text with every quoted passage marked, an anchor per figure, and its metadata."""

from __future__ import annotations

import itertools
from typing import Any

import pandas as pd
from dash import dcc, html

from dashboard.formatting import date_phrase, value_phrase
from dashboard.links import safe_href, text_fragment_link
from dashboard.pages.common import banner, last_updated
from dashboard.quotes import TextLocator
from dashboard.store import Snapshot


def _marked_text(text: str, spans: list[tuple[int, int, str]]) -> list[Any]:
    """The text with every quoted span in <mark>; overlapping quotes share marks; an anchor per figure id."""
    cuts = sorted({0, len(text), *(start for start, _, _ in spans), *(end for _, end, _ in spans)})
    starts: dict[int, list[str]] = {}
    for start, _, figure_id in spans:
        starts.setdefault(start, []).append(figure_id)
    pieces: list[Any] = []
    for left, right in itertools.pairwise(cuts):
        for figure_id in starts.get(left, []):
            pieces.append(html.Span(id=figure_id, className="anchor"))
        covering = [figure_id for start, end, figure_id in spans if start <= left and right <= end]
        chunk = text[left:right]
        if covering:
            pieces.append(html.Mark(chunk, title="Quoted by " + ", ".join(covering), className="quoted"))
        else:
            pieces.append(chunk)
    return pieces


def _spans(text: str, quoted: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Where each (anchor, quote) stands in the text, for those that stand there."""
    locator = TextLocator(text)
    spans = []
    for anchor, quote in quoted:
        found = locator.locate(quote)
        if found is not None:
            spans.append((found[0], found[1], anchor))
    return spans


def _metadata(source: Any) -> html.Dl:
    meta = [
        ("Publisher", source["publisher"]),
        ("Author", source["author"] or "not named"),
        ("Published", date_phrase(source["published"])),
        ("Accessed", date_phrase(source["accessed"]) or "not recorded"),
    ]
    return html.Dl([part for name, value in meta for part in (html.Dt(name), html.Dd(value))], className="meta")


def _figure_list(figures: pd.DataFrame, url: str) -> html.Ul:
    """Each figure quoted from the source, linked to its passage here and in the original."""
    href = safe_href(url)
    items = []
    for row in figures.itertuples(index=False):
        original = None
        if href:
            original = html.A(
                "(in the original)",
                href=text_fragment_link(href, row.quote),
                target="_blank",
                rel="noopener noreferrer",
            )
        what = f"{value_phrase(row.value, row.qualifier, row.unit)} {row.measure}"
        items.append(html.Li([html.A(what, href=f"#{row.figure_id}"), html.Span(f" — {row.claimant} "), original]))
    return html.Ul(items)


def source_page(snapshot: Snapshot, source_id: str, label: str) -> list[Any]:
    """A source's full text with every quoted passage highlighted, and its metadata."""
    page: list[Any] = [last_updated(snapshot)]
    if (notice := banner(snapshot, label)) is not None:
        page.append(notice)
    tables = snapshot.tables
    source = tables.source_rows.get(source_id) if tables is not None else None
    if tables is None or source is None:
        missing = [html.H2("Not found"), html.P(f"There is no source {source_id!r}."), dcc.Link("Back", href="/")]
        return [*page, html.Div(missing, id="not-found")]
    text = snapshot.texts.get(source_id, "")
    figures = tables.figures[tables.figures["source_id"] == source_id]
    remarks = tables.remarks[tables.remarks["source_id"] == source_id]
    quoted = [
        *zip(figures["figure_id"], figures["quote"], strict=True),
        *zip(remarks["remark_id"], remarks["quote"], strict=True),
    ]
    original: Any = source["url"]
    if href := safe_href(source["url"]):
        original = html.A(source["url"], href=href, target="_blank", rel="noopener noreferrer", id="source-url")
    return [
        *page,
        html.P(dcc.Link("← Back to the dashboard", href="/")),
        html.H2(source["title"], id="source-title"),
        _metadata(source),
        html.P(["Original: ", original]),
        html.P(source["note"], className="panel-note") if source["note"] else None,
        html.H3("Figures quoted from this source"),
        _figure_list(figures, source["url"]),
        html.H3("Full text"),
        html.Div(_marked_text(text, _spans(text, quoted)), className="source-text", id="source-text"),
    ]
