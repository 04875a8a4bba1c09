"""The quote panel: the whole quote behind a mark, who said it, where, links to the passage, and the remarks on
its dataset."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard.formatting import date_phrase, span_phrase, value_phrase
from dashboard.links import safe_href, text_fragment_link
from dashboard.pages.address import passage_id
from dashboard.tables import Tidy


def quote_panel(tables: Tidy | None, figure_id: str | None) -> list[Any]:
    """The whole quote behind a mark, who said it, where, links to the passage, and remarks on its dataset."""
    if not figure_id or tables is None:
        return [html.P("Click a bar, point or card to see the words that state it.", className="hint")]
    row = tables.figure_rows.get(figure_id)
    if row is None:
        return [html.P(f"There is no figure named {figure_id!r} in the data.", className="hint")]
    source = tables.source_rows.get(row["source_id"])
    children: list[Any] = [
        html.H2(f"{value_phrase(row['value'], row['qualifier'], row['unit'])} {row['measure']}"),
        html.P(span_phrase(row["period_start"], row["period_end"]), className="panel-span"),
        html.Blockquote(f"“{row['quote']}”", id="panel-quote"),
        html.P(f"Claimed by {row['claimant']}", className="panel-claimant"),
    ]
    if source is not None:
        children.append(
            html.P(f"{source['publisher']}: {source['title']} ({date_phrase(source['published'])})", className="src")
        )
    links: list[Any] = [
        dcc.Link(
            "See it highlighted in the source",
            href=f"/sources/{row['source_id']}#{passage_id('figure', figure_id)}",
            id="panel-source",
        )
    ]
    if source is not None and (href := safe_href(source["url"])):
        links.append(
            html.A(
                "Open the original article at this passage",
                href=text_fragment_link(href, row["quote"]),
                target="_blank",
                rel="noopener noreferrer",
                id="panel-original",
            )
        )
    children.append(html.P(links, className="panel-links"))
    if row["note"]:
        children.append(html.P(f"Note: {row['note']}", className="panel-note"))
    children.append(html.P(f"Figure id: {figure_id}", className="panel-id"))
    children.extend(remarks(tables, row["dataset"]))
    return children


def remarks(tables: Tidy, dataset: str) -> list[Any]:
    """The remarks on a dataset, each with its speaker and a link to it in its source."""
    rows = tables.remarks_by_dataset.get(dataset, [])
    if not rows:
        return []
    items = [
        html.Li(
            [
                html.Blockquote(f"“{row['quote']}”"),
                html.P(f"— {row['speaker']}", className="remark-speaker"),
                dcc.Link(
                    "See it in the source", href=f"/sources/{row['source_id']}#{passage_id('remark', row['remark_id'])}"
                ),
                html.P(f"Note: {row['note']}", className="panel-note") if row["note"] else None,
            ],
            id=f"panel-remark-{row['remark_id']}",
        )
        for row in rows
    ]
    return [html.H3("Remarks on these figures"), html.Ul(items, className="panel-remarks")]
