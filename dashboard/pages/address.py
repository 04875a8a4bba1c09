"""The page's state in its address: which section and which figure, as a query string."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

from dashboard.i18n import link_language
from dashboard.tables import Tidy


def state_search(section: str | None = None, figure: str | None = None) -> str:
    """The query string that holds the page's state, and the language where links must keep it."""
    pairs = (("lang", link_language()), ("section", section), ("figure", figure))
    params = {key: value for key, value in pairs if value}
    return f"?{urlencode(params)}" if params else ""


def page_link(path: str, fragment: str = "") -> str:
    """An address of the dashboard's own (``/sources/ID``), keeping the language where links must."""
    language = link_language()
    return path + (f"?{urlencode({'lang': language})}" if language else "") + (f"#{fragment}" if fragment else "")


def parse_state(search: str | None) -> tuple[str | None, str | None]:
    """(section, figure id) from a query string; anything else in it is ignored."""
    params = parse_qs(search.lstrip("?") if isinstance(search, str) else "")
    return (params.get("section", [None])[0], params.get("figure", [None])[0])


def section_of(tables: Tidy, figure_id: str) -> str:
    """The page section that shows a figure: its dataset's."""
    rows = tables.figures[tables.figures["figure_id"] == figure_id]
    if rows.empty:
        return "overview"
    dataset = rows["dataset"].iat[0]
    return str(dataset).replace("_", "-")


# Element ids made from data carry a prefix that no fixed id of the page starts with, so that a dataset named
# "quote_panel" or a figure named "page" can never take the id of a part of the page.
SECTION_PREFIX = "section-"


def section_id(section: str) -> str:
    """The element id of a page section (``?section=emigration`` scrolls to ``section-emigration``)."""
    return f"{SECTION_PREFIX}{section}"


def passage_id(kind: str, identifier: str) -> str:
    """The element id of a quoted passage on a source page: ``figure-<figure_id>`` or ``remark-<remark_id>``."""
    return f"{kind}-{identifier}"
