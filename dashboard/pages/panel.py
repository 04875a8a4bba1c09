"""The quote panel: the whole quote behind a mark, who said it, where, links to the passage, and the remarks on
its dataset."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard import urls
from dashboard.formatting import date_phrase, span_phrase, value_phrase
from dashboard.i18n import _
from dashboard.links import safe_href, text_fragment_link
from dashboard.tables import Tidy


def _report(tables: Tidy, row: dict[str, Any], number: int) -> list[Any]:
    """One source's report of a claim: its words, the source, and links to the passage here and in the original.
    The first report's parts carry the ids a permalink looks for (panel-quote…); the others are numbered."""
    figure_id = row["figure_id"]
    suffix = "" if number == 1 else f"-{number}"
    source = tables.source_rows.get(row["source_id"])
    parts: list[Any] = [html.Blockquote(f"“{row['quote']}”", id=f"panel-quote{suffix}")]
    if source is not None:
        parts.append(
            html.P(f"{source['publisher']}: {source['title']} ({date_phrase(source['published'])})", className="src")
        )
    here = urls.source(row["source_id"], urls.passage_id("figure", figure_id))
    links: list[Any] = [dcc.Link(_("See it highlighted in the source"), href=here, id=f"panel-source{suffix}")]
    if source is not None and (href := safe_href(source["url"])):
        original = text_fragment_link(href, row["quote"], tables.passage("figure", figure_id))
        links.append(
            html.A(_("Open the original article at this passage"), href=original, target="_blank",
                   rel="noopener noreferrer", id=f"panel-original{suffix}")
        )  # fmt: skip
    if source is not None and (archived := safe_href(source.get("archive_url") or "")):
        links.append(
            html.A(_("archived copy"), href=archived, target="_blank", rel="noopener noreferrer",
                   id=f"panel-archive{suffix}")
        )  # fmt: skip
    parts.append(html.P(links, className="panel-links"))
    if row["note"]:
        parts.append(html.P(_("Note: {note}").format(note=row["note"]), className="panel-note"))
    return parts


def quote_panel(tables: Tidy | None, figure_id: str | None) -> list[Any]:
    """The words behind a mark: the claim it draws, every source that reports it with its quote and links (the
    clicked one first), who claims it, and the remarks on its dataset."""
    if not figure_id or tables is None:
        return [html.P(_("Click a bar, point or card to see the words that state it."), className="hint")]
    row = tables.figure_rows.get(figure_id)
    if row is None:
        return [
            html.P(_("There is no figure named {figure!r} in the data.").format(figure=figure_id), className="hint")
        ]
    claim = tables.claim_of[figure_id]
    reports = [figure_id, *(other for other in claim["figure_ids"] if other != figure_id)]
    children: list[Any] = [
        html.H2(f"{value_phrase(row['value'], row['qualifier'], row['unit'])} {row['measure']}"),
        html.P(span_phrase(row["period_start"], row["period_end"]), className="panel-span"),
        html.P(_("Claimed by {claimant}").format(claimant=row["claimant"]), className="panel-claimant"),
    ]
    if len(reports) > 1:
        reported = _("Reported by {count} sources:").format(count=claim["sources"])
        children.append(html.P(reported, className="panel-reported"))
    items = [html.Li(_report(tables, tables.figure_rows[other], number)) for number, other in enumerate(reports, 1)]
    children.append(html.Ol(items, className="panel-reports"))
    children.append(html.P(_("Figure id: {figure}").format(figure=figure_id), className="panel-id"))
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
                    _("See it in the source"),
                    href=urls.source(row["source_id"], urls.passage_id("remark", row["remark_id"])),
                ),
                html.P(_("Note: {note}").format(note=row["note"]), className="panel-note") if row["note"] else None,
            ],
            id=f"panel-remark-{row['remark_id']}",
        )
        for row in rows
    ]
    return [html.H3(_("Remarks on these figures")), html.Ul(items, className="panel-remarks")]
