"""A saved web page read as a source: the article's text and what the page says of itself (title, site, canonical
address) by trafilatura, its publication date by htmldate; a source's fields completed from it; and a text's
language guessed by py3langid."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PAGE_SUFFIXES = (".html", ".htm")
MIN_CONFIDENCE = 0.9  # a language guessed with less than this probability is not taken: the user is asked for it
DATE_FORMAT = "%Y-%m-%d"
# The sources table's fields a page may give, and trafilatura's name for each (the date is htmldate's).
FROM_PAGE = {"title": "title", "publisher": "sitename", "url": "url"}
NEEDED = ("title", "publisher", "url", "published")  # the fields a source needs, from the options or the page


@dataclass(frozen=True)
class Article:
    """What a saved page holds: its main text, and the sources table's fields the page gives (non-empty ones)."""

    text: str
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Guess:
    """The likeliest language of a text among those asked, and the detector's probability for it (0 when another
    language is likelier still); and the likeliest of every language the detector knows."""

    language: str
    probability: float
    likeliest: str

    @property
    def confident(self) -> bool:
        return self.probability >= MIN_CONFIDENCE


def is_page(path: Path) -> bool:
    """Whether a file is a saved web page (by its name's ending) rather than a text."""
    return path.suffix.lower() in PAGE_SUFFIXES


def read_page(raw: bytes) -> Article:
    """The article in a saved page, given as bytes so that the page's declared encoding is honoured: its main text,
    without scripts, menus, banners, comments or related links, and what its markup says of it. The date is the
    publication date the markup states (htmldate: its meta tags, time elements, structured data or the date in its
    own address; never one guessed from the text); the publisher is the name the site gives itself, not its
    address; the text is empty when the page holds no article."""
    import htmldate
    import trafilatura

    document: Any = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_tables=False)
    if document is None:
        return Article("")
    found = {name: str(getattr(document, attribute) or "").strip() for name, attribute in FROM_PAGE.items()}
    hosts = {str(document.hostname or ""), urlsplit(found["url"]).hostname or ""}
    if found["publisher"].lower().removeprefix("www.") in {host.removeprefix("www.") for host in hosts if host}:
        found["publisher"] = ""  # trafilatura's stand-in for a site that does not name itself: not a publisher
    found["published"] = htmldate.find_date(raw, original_date=True, extensive_search=False,
                                            outputformat=DATE_FORMAT) or ""  # fmt: skip
    return Article(str(document.text or "").strip(), {name: value for name, value in found.items() if value})


def completed(given: dict[str, str], article: Article) -> tuple[dict[str, str], list[str]]:
    """A source's row: what the options give wins over what the page says; and the needed fields neither gives."""
    row = dict(given)
    for name, value in article.fields.items():
        if not row.get(name):
            row[name] = value
    return row, [name for name in NEEDED if not row.get(name)]


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def guess_language(text: str, languages: tuple[str, ...]) -> Guess:
    """The likeliest of ``languages`` for ``text``. Its probability counts only when it is also the likeliest of
    every language the detector knows, so that a text in another language is not taken for the nearest of ours."""
    ranked = _identifier().rank(text)
    language, probability = next(((code, value) for code, value in ranked if code in languages), (languages[0], 0.0))
    return Guess(language, float(probability) if language == ranked[0][0] else 0.0, ranked[0][0])


class SourceError(ValueError):
    """A file that cannot become a source as given: what is missing, and what to give."""


def _options(names: list[str]) -> str:
    return ", ".join(f"--{name}" for name in names)


@dataclass(frozen=True)
class NewSource:
    """A source made from a file: its row, the bytes of its text to store, the fields taken from the page, and the
    language guessed (None when given)."""

    row: dict[str, str]
    text: bytes
    taken: dict[str, str]
    guess: Guess | None


def article_of(name: str, raw: bytes) -> tuple[Article, bytes, str]:
    """The article in a file named ``name``: from a saved page, its extracted text with a note that says where it
    came from; from a text, the text as it is. Also the bytes to store as the source's text. ``SourceError`` when a
    page holds no article; a text that is not UTF-8 raises the loader's located ``DataError``."""
    from dashboard.i18n import _
    from dashboard.update import read_source_text

    if not is_page(Path(name)):
        return Article(read_source_text(raw, name)), raw, ""
    article = read_page(raw)
    if not article.text:
        raise SourceError(_("no article text found in the page; save the article's text as a .txt file instead"))
    origin = f"Text extracted from the saved page {Path(name).name} by trafilatura {_version('trafilatura')}."
    return article, (article.text + "\n").encode("utf-8"), origin


def source_from_file(path: Path, given: dict[str, str]) -> NewSource:
    """A source from a text file (stored verbatim) or a saved page (its article's text stored, UTF-8; its fields
    filling those not given, and the row's note saying where the text came from). ``SourceError`` says what is
    missing; a text that is not UTF-8 raises the loader's located ``DataError``."""
    from dashboard.extract import WORDINGS
    from dashboard.i18n import _

    article, raw, origin = article_of(str(path), path.read_bytes())
    if origin:
        given = {**given, "note": " ".join(part for part in (given.get("note", ""), origin) if part)}
    if not article.text.strip():
        raise SourceError(_("the text is empty"))
    row, missing = completed(given, article)
    taken = {name: row[name] for name in article.fields if row.get(name) == article.fields[name] != given.get(name)}
    if missing:
        raise SourceError(_("not given, and not in the file: {fields}; give {options}").format(
            fields=", ".join(missing), options=_options(missing)))  # fmt: skip
    if row.get("language"):
        return NewSource(row, raw, taken, None)
    guess = guess_language(article.text, tuple(WORDINGS))
    if not guess.confident:
        raise SourceError(_("the text's language is not clear (likeliest: {language}); give --language, such as "
                            "--language {language}").format(language=guess.likeliest))  # fmt: skip
    return NewSource({**row, "language": guess.language}, raw, taken, guess)


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)
