"""A source's page as plain data: its whole text with every quoted passage marked, an anchor per figure, and its
metadata."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import pandas as pd

from dashboard import urls
from dashboard.content.frame import Link
from dashboard.content.parts import Problems, problems, updated
from dashboard.formatting import date_phrase, number, value_phrase
from dashboard.i18n import _
from dashboard.links import safe_href, text_fragment_link
from dashboard.numerals import ENGLISH
from dashboard.quotes import TextLocator
from dashboard.store import Snapshot
from dashboard.tables import Tidy

PAGE_TEXT_CHARS = 200_000  # a longer text is shown by the parts around its quotes
CONTEXT_CHARS = 2_000
Span = tuple[int, int, str, str]  # where a quote stands in the text, and what quotes it: ("figure", its id)


@dataclass(frozen=True)
class Piece:
    """A piece of a source's text: plain ``text``, a ``mark``ed quote (``title`` says who quotes it), an ``anchor``
    (``title`` is its id), or a ``gap`` between the parts a long text shows."""

    kind: str
    text: str = ""
    title: str = ""


@dataclass(frozen=True)
class QuotedFigure:
    link: Link  # to its passage on the page
    claimant: str
    original: Link | None


@dataclass(frozen=True)
class SourcePage:
    updated: str
    problems: Problems | None
    found: bool
    missing: str = ""  # when not found: what was asked for
    back: Link | None = None
    title: str = ""
    meta: list[tuple[str, str]] = field(default_factory=list)
    original: list[Link | str] = field(default_factory=list)
    note: str | None = None
    figures: list[QuotedFigure] = field(default_factory=list)
    long_note: str | None = None  # when the text is too long to show whole
    pieces: list[Piece] = field(default_factory=list)


def marked(text: str, spans: list[Span]) -> list[Piece]:
    """The text with every quoted span marked; overlapping quotes share marks; an anchor per figure and remark."""
    cuts = sorted({0, len(text), *(span[0] for span in spans), *(span[1] for span in spans)})
    starts: dict[int, list[str]] = {}
    for start, _end, kind, identifier in spans:
        starts.setdefault(start, []).append(urls.passage_id(kind, identifier))
    pieces: list[Piece] = []
    for left, right in itertools.pairwise(cuts):
        pieces.extend(Piece("anchor", title=anchor) for anchor in starts.get(left, []))
        covering = [identifier for start, end, _kind, identifier in spans if start <= left and right <= end]
        if covering:
            pieces.append(Piece("mark", text[left:right], _("Quoted by {ids}").format(ids=", ".join(covering))))
        else:
            pieces.append(Piece("text", text[left:right]))
    return pieces


def windows(length: int, spans: list[Span]) -> list[tuple[int, int]]:
    """The parts of a long text that its page shows: each quoted passage with CONTEXT_CHARS around it, parts that
    touch merged."""
    found: list[tuple[int, int]] = []
    for start, end, _kind, _identifier in sorted(spans):
        left, right = max(start - CONTEXT_CHARS, 0), min(end + CONTEXT_CHARS, length)
        if found and left <= found[-1][1]:
            found[-1] = (found[-1][0], max(found[-1][1], right))
        else:
            found.append((left, right))
    return found


def full_text(text: str, spans: list[Span], source_id: str) -> tuple[list[Piece], str | None]:
    """The text with its quoted passages marked: all of it, or, past PAGE_TEXT_CHARS, the parts around them (and a
    note that says so)."""
    if len(text) <= PAGE_TEXT_CHARS:
        return marked(text, spans), None
    pieces: list[Piece] = []
    for left, right in windows(len(text), spans):
        inside = [(start - left, end - left, kind, ident) for start, end, kind, ident in spans if left <= start < right]
        pieces.extend([Piece("gap", "[…]"), *marked(text[left:right], inside)])
    note = _(
        "This text has {length} characters: the page shows the passages quoted from it, with up to {context} "
        "characters around each. The whole text is sources/{source}.txt, in the data bundle."
    ).format(length=number(len(text)), context=number(CONTEXT_CHARS), source=source_id)
    return [*pieces, Piece("gap", "[…]")], note


def spans(locator: TextLocator, quoted: list[tuple[str, str, str]]) -> list[Span]:
    """Where each (kind, id, quote) stands in the locator's text, for those that stand there."""
    found = []
    for kind, identifier, quote in quoted:
        place = locator.locate(quote)
        if place is not None:
            found.append((place[0], place[1], kind, identifier))
    return found


def metadata(source: dict[str, str]) -> list[tuple[str, str]]:
    return [
        (_("Publisher"), source["publisher"]),
        (_("Author"), source["author"] or _("not named")),
        (_("Published"), date_phrase(source["published"])),
        (_("Accessed"), date_phrase(source["accessed"]) or _("not recorded")),
    ]


def quoted_figures(figures: pd.DataFrame, url: str, tables: Tidy) -> list[QuotedFigure]:
    """Each figure quoted from the source, linked to its passage here and in the original."""
    href = safe_href(url)
    items = []
    for row in figures.itertuples(index=False):
        original = None
        if href:
            passage = text_fragment_link(href, row.quote, tables.passage("figure", row.figure_id))
            original = Link(_("(in the original)"), passage, external=True)
        what = f"{value_phrase(row.value, row.qualifier, row.unit)} {row.measure}"
        items.append(QuotedFigure(Link(what, f"#{urls.passage_id('figure', row.figure_id)}"), row.claimant, original))
    return items


def original_links(source: dict[str, str]) -> list[Link | str]:
    """The source's address, linked when it is http(s), and its archived copy."""
    found: list[Link | str] = [source["url"]]
    if href := safe_href(source["url"]):
        found = [Link(source["url"], href, id="source-url", external=True)]
    if archived := safe_href(source.get("archive_url") or ""):
        found += [" (", Link(_("archived copy"), archived, id="source-archive", external=True), ")"]
    elif source.get("archive_url"):
        found += [" (", _("archived copy"), ": ", source["archive_url"], ")"]
    return found


def source_page(snapshot: Snapshot, source_id: str, label: str) -> SourcePage:
    """A source's full text with every quoted passage highlighted, and its metadata."""
    tables = snapshot.tables
    source = tables.source_rows.get(source_id) if tables is not None else None
    if tables is None or source is None:
        missing = _("There is no source {source!r}.").format(source=source_id)
        return SourcePage(updated(snapshot), problems(snapshot, label), False, missing, Link(_("Back"), urls.page()))
    text = snapshot.texts.get(source_id, "")
    figures = tables.figures[tables.figures["source_id"] == source_id]
    remarks = tables.remarks[tables.remarks["source_id"] == source_id]
    quoted = [
        *(("figure", ident, quote) for ident, quote in zip(figures["figure_id"], figures["quote"], strict=True)),
        *(("remark", ident, quote) for ident, quote in zip(remarks["remark_id"], remarks["quote"], strict=True)),
    ]
    located = spans(tables.locator(source_id) or TextLocator(text, ENGLISH), quoted)
    pieces, long_note = full_text(text, located, source_id)
    return SourcePage(
        updated(snapshot), problems(snapshot, label), True, "", Link(_("← Back to the dashboard"), urls.page()),
        source["title"], metadata(source), original_links(source), source["note"] or None,
        quoted_figures(figures, source["url"], tables), long_note, pieces,
    )  # fmt: skip
