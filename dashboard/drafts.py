"""An article being added in the browser, as plain data: its source's fields, its text, and a row per candidate figure
(``extract``'s guesses, a keep mark, where its number stands); made from an upload or from the form sent back, and
added through ``update.add_article``, with each problem placed beside the field it concerns."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.i18n import N_, _
from dashboard.package import FIGURE_COLUMNS, Package
from dashboard.problems import DataError, Problem

SOURCE_FIELDS = ("source_id", "title", "publisher", "url", "published", "language", "author", "accessed",
                 "archive_url", "note")  # fmt: skip
ROW_FIELDS = ("dataset", "measure", "value", "unit", "qualifier", "period_start", "period_end", "claimant", "series",
              "quote", "note")  # fmt: skip
SOURCE_AT, ROW_AT = "#source", "#row"  # where add_article says a problem of the source's row, and of a figure's
PASTED = "pasted.txt"  # the name a pasted text goes by
ID_CHARS = 40  # a suggested source id is at most this long, before its date
Get = Callable[[str], str]  # a form field's value by its name ("" when not sent)


@dataclass
class Placed:
    """Problems by where the form shows them: beside a source field, beside a row's field, or above the form."""

    general: list[str] = field(default_factory=list)
    source: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[int, dict[str, list[str]]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.general or self.source or self.rows)


@dataclass
class Draft:
    """An article being added: its source's fields, the bytes to store as its text, one row per candidate (its
    fields, ``keep``, and ``start``/``end``, where its number is in the text), what the page gave or the detector
    guessed, and the problems of the last try."""

    source: dict[str, str]
    stored: bytes
    rows: list[dict[str, str]]
    notices: list[str] = field(default_factory=list)
    problems: Placed = field(default_factory=Placed)

    @property
    def text(self) -> str:
        return self.stored.decode("utf-8")

    @property
    def carried(self) -> str:
        """The text to store, as the form carries it between its steps (base64: a browser would change its line
        ends)."""
        return base64.b64encode(self.stored).decode("ascii")

    def kept(self) -> list[int]:
        return [index for index, row in enumerate(self.rows) if row.get("keep")]


class UploadError(ValueError):
    """An upload that cannot become an article: what is wrong, and what to do."""


@dataclass(frozen=True)
class Segment:
    """A piece of the article's text: plain, or the number of candidate ``row``."""

    text: str
    row: int | None = None


def segments(text: str, rows: list[dict[str, str]]) -> list[Segment]:
    """The text cut into plain pieces and the candidates' numbers, in order (a number overlapping one before it is
    not marked twice)."""
    marks = sorted((int(row["start"]), int(row["end"]), index) for index, row in enumerate(rows)
                   if row.get("start", "").isdigit() and row.get("end", "").isdigit())  # fmt: skip
    pieces, at = [], 0
    for start, end, index in marks:
        if start < at or end > len(text) or start >= end:
            continue
        pieces += [Segment(text[at:start]), Segment(text[start:end], index)]
        at = end
    return [*pieces, Segment(text[at:])]


def suggest_id(source: Mapping[str, str], taken: Iterable[str]) -> str:
    """A source id from the publisher (or title) and date, lowercase, free in the package: ``daily-post-2026-03``."""
    name = re.sub(r"[^a-z0-9]+", "-", (source.get("publisher") or source.get("title") or "article").lower())
    stem = "-".join(part for part in (name[:ID_CHARS].strip("-") or "article", source.get("published", "")) if part)
    used, candidate, number = set(taken), stem, 1
    while candidate in used:
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def read(name: str, raw: bytes, pasted: str, package: Package | None) -> Draft:
    """The draft of an uploaded file (a saved page or a UTF-8 text) or, when none is given, of pasted text: the
    source's fields from the page, the language guessed when it is clear, and a row per candidate figure."""
    from dashboard.extract import WORDINGS, candidates
    from dashboard.numerals import ENGLISH
    from dashboard.review import review_rows
    from dashboard.webpage import SourceError, article_of, guess_language

    if not raw and not pasted.strip():
        raise UploadError(_("Choose a saved page or a text file, or paste the article's text."))
    if not raw:
        text = pasted.replace("\r\n", "\n").strip() + "\n"
        name, raw = PASTED, text.encode("utf-8")
    try:
        article, stored, origin = article_of(name, raw)
    except SourceError as error:
        raise UploadError(str(error)) from None
    except DataError as error:
        raise UploadError("; ".join(problem.message for problem in error.problems)) from None
    if not article.text.strip():
        raise UploadError(_("the text is empty"))
    source = {name: article.fields.get(name, "") for name in SOURCE_FIELDS}
    source["note"] = origin
    notices = [_("{field}: from the page").format(field=field_label(name)) for name in article.fields]
    guess = guess_language(article.text, tuple(WORDINGS))
    if guess.confident:
        source["language"] = guess.language
        notices.append(_("language: {language}, guessed (probability {probability:.2f})").format(
            language=guess.language, probability=guess.probability))  # fmt: skip
    else:
        notices.append(_("language: not clear (likeliest: {language}); choose it").format(language=guess.likeliest))
    sources = package.tables.get("sources") if package is not None else None
    source["source_id"] = suggest_id(source, sources.frame["source_id"] if sources is not None else [])
    found = candidates(stored.decode("utf-8"), source["language"] or ENGLISH)
    guessed = review_rows(found, source["source_id"], package)
    rows = [{**row, "keep": "", "start": str(candidate.start), "end": str(candidate.end)}
            for row, candidate in zip(guessed, found, strict=True)]  # fmt: skip
    return Draft(source, stored, rows, notices)


def field_label(name: str) -> str:
    """A field's name as the form labels it, in the language being written."""
    return _(FIELD_LABELS[name]) if name in FIELD_LABELS else name


def from_form(get: Get, count: int) -> Draft:
    """The draft as the form sent it back: its source's fields, its carried text, and ``count`` rows."""
    try:
        stored = base64.b64decode(get("text"), validate=True)
        stored.decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise UploadError(_("The form's text was damaged on the way; start again from the file.")) from None
    source = {name: get(f"source-{name}").strip() for name in SOURCE_FIELDS}
    rows = []
    for index in range(count):
        row = {name: get(f"row-{index}-{name}").replace("\r\n", "\n").strip() for name in ROW_FIELDS}
        row.update(keep="yes" if get(f"row-{index}-keep") else "", start=get(f"row-{index}-start"),
                   end=get(f"row-{index}-end"))  # fmt: skip
        rows.append(row)
    return Draft(source, stored, rows)


def add(folder: Path, label: str, draft: Draft) -> list[str]:
    """Add the draft's source and its kept rows, all or nothing (``update.add_article``); return the new figures'
    ids. Raises ``DataError`` with every problem, placed by ``place``, and writes nothing, if the package with them
    breaks any rule."""
    from dashboard.update import add_article

    kept = draft.kept()
    figures = [{column: draft.rows[index].get(column, "") for column in FIGURE_COLUMNS} for index in kept]
    for figure in figures:
        figure["source_id"] = draft.source["source_id"]
    _path, ids = add_article(folder, label, draft.source, draft.stored, _("the article's text"), figures,
                             [(ROW_AT, index) for index in kept], (SOURCE_AT, 0))  # fmt: skip
    return ids


def place(problems: Iterable[Problem], rows: int) -> Placed:
    """Each problem beside what it concerns: a field of the source or of a row (by ``add``'s origins), else above."""
    placed = Placed()
    for found in problems:
        column = found.column or ""
        if found.path == SOURCE_AT and column in SOURCE_FIELDS:
            placed.source.setdefault(column, []).append(found.message)
        elif found.path == ROW_AT and found.line is not None and found.line < rows:
            column = column if column in ROW_FIELDS else "quote" if column == "source_id" else "value"
            placed.rows.setdefault(found.line, {}).setdefault(column, []).append(found.message)
        else:
            placed.general.append(str(found))
    return placed


FIELD_LABELS = {
    "source_id": N_("Id"), "title": N_("Title"), "publisher": N_("Publisher"), "url": N_("Address (URL)"),
    "published": N_("Published"), "language": N_("Language"), "author": N_("Author"), "accessed": N_("Accessed"),
    "archive_url": N_("Archived copy (URL)"), "note": N_("Note"), "dataset": N_("Dataset"), "measure": N_("Measure"),
    "value": N_("Value"), "unit": N_("Unit"), "qualifier": N_("Qualifier"), "period_start": N_("Period start"),
    "period_end": N_("Period end"), "claimant": N_("Claimant"), "series": N_("Series"), "quote": N_("Quote"),
}  # fmt: skip
