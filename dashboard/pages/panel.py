"""The quote panel as Dash components, from its content (``dashboard.content.panel``)."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.content import panel
from dashboard.pages.frame import link
from dashboard.tables import Tidy


def render(content: panel.Panel) -> list[Any]:
    """The panel's content as components."""
    if content.hint is not None:
        return [html.P(content.hint, className="hint")]
    children: list[Any] = [
        html.H2(content.heading),
        html.P(content.span, className="panel-span"),
        html.P(content.claimant, className="panel-claimant"),
    ]
    if content.reported:
        children.append(html.P(content.reported, className="panel-reported"))
    items = []
    for report in content.reports:
        parts: list[Any] = [html.Blockquote(report.quote, id=f"panel-quote{report.suffix}")]
        if report.source:
            parts.append(html.P(report.source, className="src"))
        parts.append(html.P([link(item) for item in report.links], className="panel-links"))
        if report.note:
            parts.append(html.P(report.note, className="panel-note"))
        items.append(html.Li(parts))
    children.append(html.Ol(items, className="panel-reports"))
    children.append(html.P(content.figure, className="panel-id"))
    if content.remarks_title:
        remarks = [
            html.Li(
                [
                    html.Blockquote(remark.quote),
                    html.P(remark.speaker, className="remark-speaker"),
                    link(remark.link),
                    html.P(remark.note, className="panel-note") if remark.note else None,
                ],
                id=f"panel-remark-{remark.id}",
            )
            for remark in content.remarks
        ]
        children += [html.H3(content.remarks_title), html.Ul(remarks, className="panel-remarks")]
    return children


def quote_panel(tables: Tidy | None, figure_id: str | None) -> list[Any]:
    """The words behind a mark, as components."""
    return render(panel.quote_panel(tables, figure_id))
