"""Every address the dashboard writes, under the path it is served at (Dash's ``requests_pathname_prefix``): its
pages, a source's passages, the lists, the downloads and the annotations; the page's state in the query string; and
the element ids those addresses point at."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, quote, urlencode, urljoin

from dashboard.i18n import LANGUAGES, link_language

if TYPE_CHECKING:
    from dashboard.tables import Tidy

# Addresses under the prefix, written without it.
SOURCES = "sources/"  # sources/<source_id>: a source's text with its quotes marked
CLAIMS_LIST = "all/claims"  # every claim a headline card could show, page by page: all/claims/2…
SOURCES_LIST = "all/sources"  # every source, page by page
LISTS = (CLAIMS_LIST, SOURCES_LIST)
DOWNLOADS = "download/"  # download/<name>: a chart's image or data, or the bundle
ANNOTATIONS = "annotations.jsonld"
ADD = "add"  # the page that adds an article, where the server allows edits
CHARTS = "charts/"  # charts/<name>/: a chart alone, to embed (the static site's)
ROOT = "/"

_prefix: ContextVar[str] = ContextVar("prefix", default=ROOT)
_folders: ContextVar[bool] = ContextVar("folders", default=False)


def normal_prefix(prefix: str) -> str:
    """A path prefix as Dash wants it, with a slash at each end: 'figures' and '/figures' give '/figures/'."""
    inner = prefix.strip("/")
    return f"/{inner}/" if inner else ROOT


@contextmanager
def served_at(prefix: str, folders: bool = False) -> Iterator[None]:
    """Write the addresses made inside this block under ``prefix`` (each request says where the app is served);
    with ``folders``, as a static site has them: each page a folder (``sources/ID/``), its language in the prefix
    rather than the query."""
    tokens = _prefix.set(normal_prefix(prefix)), _folders.set(folders)
    try:
        yield
    finally:
        _prefix.reset(tokens[0])
        _folders.reset(tokens[1])


def _language() -> str | None:
    """The language links must name in their query, if any: none in a static site, whose prefix holds it."""
    return None if _folders.get() else link_language()


def _folder(path: str) -> str:
    """A page's path as its folder in a static site (``sources/ID/``); as it is otherwise."""
    return f"{path.rstrip('/')}/" if _folders.get() and path else path


def prefix() -> str:
    """The path the app is served at, as addresses made now are written under it."""
    return _prefix.get()


def page(path: str = "", fragment: str = "") -> str:
    """An address of the dashboard's own (``path`` under the prefix: ``sources/ID``, ``""`` for the dashboard),
    keeping the language where links must."""
    language = _language()
    query = f"?{urlencode({'lang': language})}" if language else ""
    return prefix() + path.lstrip("/") + query + (f"#{fragment}" if fragment else "")


def source(source_id: str, fragment: str = "") -> str:
    """A source's page, at ``fragment`` when given (``figure-ID``, ``remark-ID``)."""
    return page(_folder(SOURCES + quote(source_id, safe="")), fragment)


def listing(base: str, at: int = 1) -> str:
    """Page ``at`` of one of the ``LISTS``."""
    return page(_folder(base if at == 1 else f"{base}/{at}"))


def chart(name: str) -> str:
    """A chart's page of its own, to embed (in a static site)."""
    return page(_folder(CHARTS + quote(name, safe="")))


def download(name: str) -> str:
    """A download by its file name (a chart's ``NAME.png``…, or the bundle)."""
    return page(DOWNLOADS + name)


def still(name: str, size: str) -> str:
    """A chart's still image of ``size`` (``images.STILLS``): ``NAME.wide.svg``, among the downloads."""
    return download(f"{name}.{size}.svg")


def route(path: str) -> str | None:
    """What an address asks for, under the prefix: ``""`` for the dashboard, ``sources/ID``…; None when it is not
    under the prefix."""
    base = prefix()
    if path == base.rstrip("/") or path.startswith(base):
        return path[len(base) :]
    return None


def absolute(base: str, address: str) -> str:
    """An address made here (under the prefix) as an absolute link into the dashboard served at ``base``, which
    holds the prefix itself: ``https://example.org/figures/``."""
    under = address[len(prefix()) :] if address.startswith(prefix()) else address.lstrip("/")
    return urljoin(base if base.endswith("/") else base + "/", under)


def state_search(section: str | None = None, figure: str | None = None) -> str:
    """The query string that holds the page's state, and the language where links must keep it."""
    pairs = (("lang", _language()), ("section", section), ("figure", figure))
    params = {key: value for key, value in pairs if value}
    return f"?{urlencode(params)}" if params else ""


def query(search: str | None) -> dict[str, str]:
    """A query string's parameters, the first value of each (``?lang=es&figure=x``; anything not a string is
    none)."""
    params = parse_qs(search.lstrip("?") if isinstance(search, str) else "")
    return {key: values[0] for key, values in params.items()}


def parse_state(search: str | None) -> tuple[str | None, str | None]:
    """(section, figure id) from a query string; anything else in it is ignored."""
    params = query(search)
    return params.get("section"), params.get("figure")


def language_in(search: str | None) -> str | None:
    """The interface language a query string names (``lang``), if it is one."""
    asked = query(search).get("lang")
    return asked if asked in LANGUAGES else None


def figure_state(tables: Tidy, figure_id: str) -> str:
    """The query string that shows a figure: its section, and it in the quote panel."""
    return state_search(section_of(tables, figure_id), figure_id)


def section_of(tables: Tidy, figure_id: str) -> str:
    """The page section that shows a figure: its dataset's."""
    row = tables.figure_rows.get(figure_id)
    return "overview" if row is None else dataset_section(str(row["dataset"]))


def dataset_section(dataset: str) -> str:
    """The page section of a dataset: ``guard_share`` is shown at ``?section=guard-share``."""
    return dataset.replace("_", "-")


# Element ids made from data carry a prefix that no fixed id of the page starts with, so that a dataset named
# "quote_panel" or a figure named "page" can never take the id of a part of the page.
SECTION_PREFIX = "section-"


def section_id(section: str) -> str:
    """The element id of a page section (``?section=emigration`` scrolls to ``section-emigration``)."""
    return f"{SECTION_PREFIX}{section}"


def passage_id(kind: str, identifier: str) -> str:
    """The element id of a quoted passage on a source page: ``figure-<figure_id>`` or ``remark-<remark_id>``."""
    return f"{kind}-{identifier}"
