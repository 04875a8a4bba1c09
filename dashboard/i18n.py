"""The interface's languages: gettext catalogues compiled from ``locale/*/LC_MESSAGES/messages.po``, the language of
what is being written now, and the choice of a language for a request."""

from __future__ import annotations

import contextlib
import functools
import gettext
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DEFAULT = "en"  # the language the interface is written in
# The interface's languages: the default, then one per catalogue (locale/<language>/LC_MESSAGES/messages.po).
LANGUAGES = (DEFAULT, *sorted(path.parents[1].name for path in LOCALE_DIR.glob("*/LC_MESSAGES/messages.po")))
NAMES = {"en": "English", "es": "Español"}  # each language in its own words, for the switch
DOMAIN = "messages"
COMPILE_HELP = "run make (or: pybabel compile -d dashboard/locale) to compile the message catalogues"

_language: ContextVar[str] = ContextVar("language", default=DEFAULT)
_in_links: ContextVar[bool] = ContextVar("in_links", default=False)


class CatalogueMissing(RuntimeError):
    """A language's compiled catalogue is not there."""


@functools.cache
def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled messages of ``language`` (the source texts themselves for the default language)."""
    if language == DEFAULT:
        return gettext.NullTranslations()
    try:
        return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
    except FileNotFoundError as error:
        raise CatalogueMissing(f"no compiled {language} catalogue in {LOCALE_DIR}: {COMPILE_HELP}") from error


def current() -> str:
    """The language being written now."""
    return _language.get()


def link_language() -> str | None:
    """The language that links must name (``?lang=``) to keep it: the one being written, when the address named
    it or it is not the default; None when the default may be left to the browser."""
    return current() if _in_links.get() or current() != DEFAULT else None


@contextlib.contextmanager
def using(language: str, named: bool = False) -> Iterator[None]:
    """Write in ``language`` inside the block (one of LANGUAGES); ``named`` when the address asked for it, so that
    links keep it."""
    if language not in LANGUAGES:
        raise ValueError(f"{language!r} is not one of the interface's languages: {', '.join(LANGUAGES)}")
    tokens = _language.set(language), _in_links.set(named)
    try:
        yield
    finally:
        _language.reset(tokens[0])
        _in_links.reset(tokens[1])


def _(message: str) -> str:
    """``message`` in the current language; any text that is no message id comes back as it is."""
    return catalogue(current()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural message for ``count``, in the current language."""
    return catalogue(current()).ngettext(singular, plural, count)


class Message(str):
    """A text that is itself a message (not data): translated where it is shown, like a template's parameter."""


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue where it is defined; it is translated where it is used, with ``_``."""
    return message


def choose(asked: str | None, accepted: str | None) -> str:
    """The language for a request: ``?lang=`` when it names one, else the best of the browser's Accept-Language,
    else the default."""
    if asked in LANGUAGES:
        return str(asked)
    if not accepted:
        return DEFAULT
    from werkzeug.datastructures import LanguageAccept
    from werkzeug.http import parse_accept_header

    best = parse_accept_header(accepted or "", LanguageAccept).best_match(LANGUAGES)
    return best or DEFAULT
