"""A source's page: its whole text with every quoted passage marked, an anchor per figure, and its metadata."""

from __future__ import annotations

import itertools
from typing import Any

import pandas as pd
from dash import dcc, html

from dashboard import urls
from dashboard.formatting import date_phrase, number, value_phrase
from dashboard.i18n import _
from dashboard.links import safe_href, text_fragment_link
from dashboard.numerals import ENGLISH
from dashboard.pages.common import banner, last_updated
from dashboard.quotes import TextLocator
from dashboard.store import Snapshot
from dashboard.tables import Tidy

PAGE_TEXT_CHARS = 200_000  # a longer text is shown by the parts around its quotes
CONTEXT_CHARS = 2_000
Span = tuple[int, int, str, str]  # where a quote stands in the text, and what quotes it: ("figure", its id)


def _marked_text(text: str, spans: list[Span]) -> list[Any]:
    """The text with every quoted span in <mark>; overlapping quotes share marks; an anchor per figure and remark."""
    cuts = sorted({0, len(text), *(span[0] for span in spans), *(span[1] for span in spans)})
    starts: dict[int, list[str]] = {}
    for start, _end, kind, identifier in spans:
        starts.setdefault(start, []).append(urls.passage_id(kind, identifier))
    pieces: list[Any] = []
    for left, right in itertools.pairwise(cuts):
        for anchor in starts.get(left, []):
            pieces.append(html.Span(id=anchor, className="anchor"))
        covering = [identifier for start, end, _kind, identifier in spans if start <= left and right <= end]
        chunk = text[left:right]
        if covering:
            pieces.append(
                html.Mark(chunk, title=_("Quoted by {ids}").format(ids=", ".join(covering)), className="quoted")
            )
        else:
            pieces.append(chunk)
    return pieces


def _windows(length: int, spans: list[Span]) -> list[tuple[int, int]]:
    """The parts of a long text that its page shows: each quoted passage with CONTEXT_CHARS around it, parts that
    touch merged."""
    windows: list[tuple[int, int]] = []
    for start, end, _kind, _identifier in sorted(spans):
        left, right = max(start - CONTEXT_CHARS, 0), min(end + CONTEXT_CHARS, length)
        if windows and left <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], right))
        else:
            windows.append((left, right))
    return windows


def _full_text(text: str, spans: list[Span], source_id: str) -> list[Any]:
    """The text with its quoted passages marked: all of it, or, past PAGE_TEXT_CHARS, the parts around them."""
    if len(text) <= PAGE_TEXT_CHARS:
        return [html.Div(_marked_text(text, spans), className="source-text", id="source-text")]
    parts: list[Any] = []
    for left, right in _windows(len(text), spans):
        inside = [(start - left, end - left, kind, ident) for start, end, kind, ident in spans if left <= start < right]
        parts.extend([html.P("[…]", className="gap"), *_marked_text(text[left:right], inside)])
    note = _(
        "This text has {length} characters: the page shows the passages quoted from it, with up to {context} "
        "characters around each. The whole text is sources/{source}.txt, in the data bundle."
    ).format(length=number(len(text)), context=number(CONTEXT_CHARS), source=source_id)
    return [html.P(note, className="panel-note"), html.Div([*parts, html.P("[…]")], className="source-text",
                                                            id="source-text")]  # fmt: skip


def _spans(locator: TextLocator, quoted: list[tuple[str, str, str]]) -> list[Span]:
    """Where each (kind, id, quote) stands in the locator's text, for those that stand there."""
    spans = []
    for kind, identifier, quote in quoted:
        found = locator.locate(quote)
        if found is not None:
            spans.append((found[0], found[1], kind, identifier))
    return spans


def _metadata(source: Any) -> html.Dl:
    meta = [
        (_("Publisher"), source["publisher"]),
        (_("Author"), source["author"] or _("not named")),
        (_("Published"), date_phrase(source["published"])),
        (_("Accessed"), date_phrase(source["accessed"]) or _("not recorded")),
    ]
    return html.Dl([part for name, value in meta for part in (html.Dt(name), html.Dd(value))], className="meta")


def _figure_list(figures: pd.DataFrame, url: str, tables: Tidy) -> html.Ul:
    """Each figure quoted from the source, linked to its passage here and in the original."""
    href = safe_href(url)
    items = []
    for row in figures.itertuples(index=False):
        original = None
        if href:
            original = html.A(
                _("(in the original)"),
                href=text_fragment_link(href, row.quote, tables.passage("figure", row.figure_id)),
                target="_blank",
                rel="noopener noreferrer",
            )
        what = f"{value_phrase(row.value, row.qualifier, row.unit)} {row.measure}"
        items.append(
            html.Li(
                [
                    html.A(what, href=f"#{urls.passage_id('figure', row.figure_id)}"),
                    html.Span(f" — {row.claimant} "),
                    original,
                ]
            )
        )
    return html.Ul(items)


def source_page(snapshot: Snapshot, source_id: str, label: str) -> list[Any]:
    """A source's full text with every quoted passage highlighted, and its metadata."""
    page: list[Any] = [last_updated(snapshot)]
    if (notice := banner(snapshot, label)) is not None:
        page.append(notice)
    tables = snapshot.tables
    source = tables.source_rows.get(source_id) if tables is not None else None
    if tables is None or source is None:
        missing = [
            html.H2(_("Not found")),
            html.P(_("There is no source {source!r}.").format(source=source_id)),
            dcc.Link(_("Back"), href=urls.page()),
        ]
        return [*page, html.Div(missing, id="not-found")]
    text = snapshot.texts.get(source_id, "")
    figures = tables.figures[tables.figures["source_id"] == source_id]
    remarks = tables.remarks[tables.remarks["source_id"] == source_id]
    quoted = [
        *(
            ("figure", identifier, quote)
            for identifier, quote in zip(figures["figure_id"], figures["quote"], strict=True)
        ),
        *(
            ("remark", identifier, quote)
            for identifier, quote in zip(remarks["remark_id"], remarks["quote"], strict=True)
        ),
    ]
    original: list[Any] = [source["url"]]
    if href := safe_href(source["url"]):
        original = [html.A(source["url"], href=href, target="_blank", rel="noopener noreferrer", id="source-url")]
    if archived := safe_href(source.get("archive_url") or ""):
        original += [" (", html.A(_("archived copy"), href=archived, target="_blank", rel="noopener noreferrer",
                                  id="source-archive"), ")"]  # fmt: skip
    elif source.get("archive_url"):
        original += [" (", _("archived copy"), ": ", source["archive_url"], ")"]
    return [
        *page,
        html.P(dcc.Link(_("← Back to the dashboard"), href=urls.page())),
        html.H2(source["title"], id="source-title"),
        _metadata(source),
        html.P([_("Original:"), " ", *original]),
        html.P(source["note"], className="panel-note") if source["note"] else None,
        html.H3(_("Figures quoted from this source")),
        _figure_list(figures, source["url"], tables),
        html.H3(_("Full text")),
        *_full_text(text, _spans(tables.locator(source_id) or TextLocator(text, ENGLISH), quoted), source_id),
    ]
