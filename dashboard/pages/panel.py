"""The quote panel as Dash components, from its content (``dashboard.content.panel``)."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard import urls
from dashboard.content import panel
from dashboard.pages.frame import link
from dashboard.pages.markup import props, walk
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


def figures_in(components: Any) -> list[str]:
    """The figures a page can open in the panel: those behind its charts' marks and those its links name."""
    found: list[str] = []
    for part in walk(components):
        given = props(part)
        graph = given.get("data") if part._type == "Store" else None  # a chart's graph, held until it is drawn
        if isinstance(graph, dict) and graph.get("type") == "Graph":  # its figure as plain data: a mark's first
            for trace in graph["props"]["figure"].get("data", []):  # custom datum is its figure's id
                found += [str(entry[0]) for entry in trace.get("customdata") or [] if isinstance(entry, list)]
        elif isinstance(href := given.get("href"), str) and "?" in href:
            found += [figure] if (figure := urls.parse_state(href.split("?", 1)[1])[1]) else []
    return list(dict.fromkeys(found))


def panels(tables: Tidy | None, components: Any, figure: str | None = None,
           known: dict[str, Any] | None = None) -> dict[str, Any]:  # fmt: skip
    """The page's panels, for its clientside callbacks, so that a click opens a quote with no request to the
    server: the hint, and for each figure the page shows (and ``figure``, which the address names), the address
    that opens it and its panel. ``known``: panels made before, kept as they are."""
    made = dict(known["figures"]) if known else {}
    for figure_id in [*figures_in(components), *([figure] if figure else [])]:
        if figure_id not in made:
            found = tables is not None and figure_id in tables.figure_rows
            search = urls.figure_state(tables, figure_id) if found and tables is not None else None
            made[figure_id] = {"search": search, "panel": quote_panel(tables, figure_id)}
    hint = known["hint"] if known else quote_panel(tables, None)
    return {"hint": hint, "figures": made}


def opened(shown: dict[str, Any], search: str | None) -> list[Any]:
    """The panel open at an address: its figure's, else the hint."""
    figure = urls.parse_state(search)[1]
    return list(shown["figures"][figure]["panel"]) if figure in shown["figures"] else list(shown["hint"])
