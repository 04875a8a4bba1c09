"""A source's page as Dash components, from its content (``dashboard.content.source``)."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.content import source
from dashboard.content.source import Piece
from dashboard.i18n import _
from dashboard.pages.common import head
from dashboard.pages.frame import link
from dashboard.store import Snapshot


def piece(part: Piece) -> Any:
    """A piece of the text: plain text, a marked quote, an anchor, or the gap between shown parts."""
    if part.kind == "anchor":
        return html.Span(id=part.title, className="anchor")
    if part.kind == "mark":
        return html.Mark(part.text, title=part.title, className="quoted")
    if part.kind == "gap":
        return html.P(part.text, className="gap")
    return part.text


def source_page(snapshot: Snapshot, source_id: str, label: str) -> list[Any]:
    """A source's full text with every quoted passage highlighted, and its metadata."""
    content = source.source_page(snapshot, source_id, label)
    page = head(content.updated, content.problems)
    if not content.found or content.back is None:
        missing = [html.H2(_("Not found")), html.P(content.missing), link(content.back)] if content.back else []
        return [*page, html.Div(missing, id="not-found")]
    meta = html.Dl([part for name, value in content.meta for part in (html.Dt(name), html.Dd(value))], className="meta")
    original = [link(part) if not isinstance(part, str) else part for part in content.original]
    figures = html.Ul(
        [
            html.Li(
                [link(item.link), html.Span(f" — {item.claimant} "), link(item.original) if item.original else None]
            )
            for item in content.figures
        ]
    )
    text = html.Div([piece(part) for part in content.pieces], className="source-text", id="source-text")
    return [
        *page,
        html.P(link(content.back)),
        html.H2(content.title, id="source-title"),
        meta,
        html.P([_("Original:"), " ", *original]),
        html.P(content.note, className="panel-note") if content.note else None,
        html.H3(_("Figures quoted from this source")),
        figures,
        html.H3(_("Full text")),
        *([html.P(content.long_note, className="panel-note")] if content.long_note else []),
        text,
    ]
