"""The lists too long for the dashboard page, page by page: every claim a headline card could show, and every source."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard import urls
from dashboard.claims import READINGS_ORDER, latest_claims
from dashboard.formatting import number
from dashboard.i18n import _
from dashboard.pages.common import banner, last_updated
from dashboard.pages.frame import aria
from dashboard.pages.main import card, source_item
from dashboard.store import Snapshot

PAGE_ITEMS = 50  # claims or sources on one page of a list


def page_number(rest: str) -> int | None:
    """The page number an address names after its list (``""`` is the first; ``"3"`` the third); None for anything
    else."""
    if not rest:
        return 1
    return int(rest) if rest.isascii() and rest.isdigit() and int(rest) >= 1 else None


def _pager(base: str, at: int, pages: int) -> html.Nav:
    """'Page 2 of 9', with links to the first, the previous and the next page."""
    links: list[Any] = [html.Span(_("Page {at} of {pages}").format(at=at, pages=pages), className="pager-at")]
    if at > 1:
        links.append(dcc.Link(_("First page"), href=urls.listing(base)))
        links.append(dcc.Link(_("Previous page"), href=urls.listing(base, at - 1)))
    if at < pages:
        links.append(dcc.Link(_("Next page"), href=urls.listing(base, at + 1)))
    return html.Nav(links, className="pager", **aria(label=_("Pages of the list")))


def _listing(snapshot: Snapshot, label: str, base: str, title: str, items: list[Any], at: int,
             make: Any) -> list[Any]:  # fmt: skip
    """The page ``at`` of a list of ``items``: its title, how many, the items drawn by ``make``, and a pager."""
    page: list[Any] = [last_updated(snapshot)]
    if (notice := banner(snapshot, label)) is not None:
        page.append(notice)
    pages = max((len(items) + PAGE_ITEMS - 1) // PAGE_ITEMS, 1)
    if at > pages:
        return [*page, not_found(base, at)]
    shown = items[(at - 1) * PAGE_ITEMS : at * PAGE_ITEMS]
    first = (at - 1) * PAGE_ITEMS + 1
    counted = _("{first} to {last} of {total}").format(
        first=number(first), last=number(first + len(shown) - 1), total=number(len(items))
    )
    back = dcc.Link(_("Back to the dashboard"), href=urls.page())
    page.append(
        html.Section(
            [html.H2(title), html.P([counted, " · ", back]), make(shown), _pager(base, at, pages)],
            className="section list-page",
        )
    )
    return page


def not_found(base: str, at: int) -> html.Div:
    return html.Div(
        [html.H2(_("Not found")), html.P(_("There is no page {path!r}.").format(path=f"{urls.prefix()}{base}/{at}"))],
        id="not-found",
    )


def claims_page(snapshot: Snapshot, label: str, at: int) -> list[Any]:
    """Every claim a headline card could show (each series' latest reading, each claim outside a series), the most
    recent first, ``PAGE_ITEMS`` a page."""
    tables = snapshot.tables
    if tables is None:
        return [banner(snapshot, label) or last_updated(snapshot)]
    claims = latest_claims(tables.claims).sort_values(READINGS_ORDER, ascending=False, kind="stable")
    records = claims.to_dict("records")
    return _listing(snapshot, label, urls.CLAIMS_LIST, _("All claims"), records, at,
                    lambda shown: html.Div([card(claim, tables) for claim in shown], className="cards"))  # fmt: skip


def sources_page(snapshot: Snapshot, label: str, at: int) -> list[Any]:
    """Every source, in the package's order, ``PAGE_ITEMS`` a page."""
    tables = snapshot.tables
    if tables is None:
        return [banner(snapshot, label) or last_updated(snapshot)]
    rows = list(tables.sources.itertuples(index=False))
    return _listing(snapshot, label, urls.SOURCES_LIST, _("All sources"), rows, at,
                    lambda shown: html.Ul([source_item(row) for row in shown]))  # fmt: skip
