"""The quote panel as plain data: the whole quote behind a mark, who said it, where, links to the passage, and the
remarks on its dataset."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dashboard import urls
from dashboard.content.frame import Link
from dashboard.formatting import date_phrase, span_phrase, value_phrase
from dashboard.i18n import _
from dashboard.links import safe_href, text_fragment_link
from dashboard.tables import Tidy


@dataclass(frozen=True)
class Report:
    """One source's report of a claim: its words, the source, links to the passage here and in the original. The
    first report's parts carry the ids a permalink looks for (panel-quote…); the others are numbered (``suffix``)."""

    quote: str
    source: str | None
    links: list[Link]
    note: str | None
    suffix: str


@dataclass(frozen=True)
class Remark:
    id: str
    quote: str
    speaker: str
    link: Link
    note: str | None


@dataclass(frozen=True)
class Panel:
    """The panel: a hint when no figure is asked for (or an unknown one), else the claim and its reports."""

    hint: str | None = None
    heading: str = ""
    span: str = ""
    claimant: str = ""
    reported: str | None = None
    reports: list[Report] = field(default_factory=list)
    figure: str = ""
    remarks_title: str | None = None
    remarks: list[Remark] = field(default_factory=list)


def report(tables: Tidy, row: dict[str, Any], number: int) -> Report:
    """One source's report of a claim (the ``number``th of its reports)."""
    figure_id = row["figure_id"]
    suffix = "" if number == 1 else f"-{number}"
    source = tables.source_rows.get(row["source_id"])
    here = urls.source(row["source_id"], urls.passage_id("figure", figure_id))
    links = [Link(_("See it highlighted in the source"), here, id=f"panel-source{suffix}")]
    if source is not None and (href := safe_href(source["url"])):
        original = text_fragment_link(href, row["quote"], tables.passage("figure", figure_id))
        links.append(
            Link(_("Open the original article at this passage"), original, id=f"panel-original{suffix}", external=True)
        )
    if source is not None and (archived := safe_href(source.get("archive_url") or "")):
        links.append(Link(_("archived copy"), archived, id=f"panel-archive{suffix}", external=True))
    line = f"{source['publisher']}: {source['title']} ({date_phrase(source['published'])})" if source else None
    note = _("Note: {note}").format(note=row["note"]) if row["note"] else None
    return Report(f"“{row['quote']}”", line, links, note, suffix)


def quote_panel(tables: Tidy | None, figure_id: str | None) -> Panel:
    """The words behind a mark: the claim it draws, every source that reports it with its quote and links (the
    clicked one first), who claims it, and the remarks on its dataset."""
    if not figure_id or tables is None:
        return Panel(_("Click a bar, point or card to see the words that state it."))
    row = tables.figure_rows.get(figure_id)
    if row is None:
        return Panel(_("There is no figure named {figure!r} in the data.").format(figure=figure_id))
    claim = tables.claim_of[figure_id]
    others = [figure_id, *(other for other in claim["figure_ids"] if other != figure_id)]
    reported = _("Reported by {count} sources:").format(count=claim["sources"]) if len(others) > 1 else None
    found = remarks(tables, row["dataset"])
    return Panel(
        None,
        f"{value_phrase(row['value'], row['qualifier'], row['unit'])} {row['measure']}",
        span_phrase(row["period_start"], row["period_end"]),
        _("Claimed by {claimant}").format(claimant=row["claimant"]),
        reported,
        [report(tables, tables.figure_rows[other], number) for number, other in enumerate(others, 1)],
        _("Figure id: {figure}").format(figure=figure_id),
        _("Remarks on these figures") if found else None,
        found,
    )


def remarks(tables: Tidy, dataset: str) -> list[Remark]:
    """The remarks on a dataset, each with its speaker and a link to it in its source."""
    return [
        Remark(
            row["remark_id"],
            f"“{row['quote']}”",
            f"— {row['speaker']}",
            Link(_("See it in the source"), urls.source(row["source_id"], urls.passage_id("remark", row["remark_id"]))),
            _("Note: {note}").format(note=row["note"]) if row["note"] else None,
        )
        for row in tables.remarks_by_dataset.get(dataset, [])
    ]
