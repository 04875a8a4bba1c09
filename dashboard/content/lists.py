"""The lists too long for the dashboard page, page by page, as plain data: every claim a headline card could show,
and every source."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from dashboard import urls
from dashboard.claims import READINGS_ORDER, latest_claims
from dashboard.content.frame import Link
from dashboard.content.main import Card, SourceItem, card, source_item
from dashboard.content.parts import Problems, problems, updated
from dashboard.formatting import number
from dashboard.i18n import _
from dashboard.store import Snapshot

PAGE_ITEMS = 50  # claims or sources on one page of a list


@dataclass(frozen=True)
class ListPage:
    """A page of a list: its title, how many, its cards or sources, and a pager ('Page 2 of 9' and links)."""

    updated: str
    problems: Problems | None
    found: bool = True
    missing: str = ""
    title: str = ""
    counted: str = ""
    back: Link | None = None
    cards: list[Card] = field(default_factory=list)
    sources: list[SourceItem] = field(default_factory=list)
    at: str = ""
    pager: list[Link] = field(default_factory=list)


def page_number(rest: str) -> int | None:
    """The page number an address names after its list (``""`` is the first; ``"3"`` the third); None for anything
    else."""
    if not rest:
        return 1
    return int(rest) if rest.isascii() and rest.isdigit() and int(rest) >= 1 else None


def pages(items: int) -> int:
    """How many pages a list of ``items`` takes."""
    return max((items + PAGE_ITEMS - 1) // PAGE_ITEMS, 1)


def pager(base: str, at: int, count: int) -> list[Link]:
    """Links to the first, the previous and the next page."""
    links = []
    if at > 1:
        links += [Link(_("First page"), urls.listing(base)), Link(_("Previous page"), urls.listing(base, at - 1))]
    if at < count:
        links.append(Link(_("Next page"), urls.listing(base, at + 1)))
    return links


def listing(snapshot: Snapshot, label: str, base: str, title: str, total: int, at: int) -> ListPage:
    """Page ``at`` of a list of ``total`` items, without its items."""
    count = pages(total)
    if at > count:
        missing = _("There is no page {path!r}.").format(path=f"{urls.prefix()}{base}/{at}")
        return ListPage(updated(snapshot), problems(snapshot, label), False, missing)
    first = (at - 1) * PAGE_ITEMS + 1
    counted = _("{first} to {last} of {total}").format(
        first=number(first), last=number(min(first + PAGE_ITEMS, total + 1) - 1), total=number(total)
    )
    return ListPage(
        updated(snapshot), problems(snapshot, label), True, "", title, counted,
        Link(_("Back to the dashboard"), urls.page()), at=_("Page {at} of {pages}").format(at=at, pages=count),
        pager=pager(base, at, count),
    )  # fmt: skip


def claims_page(snapshot: Snapshot, label: str, at: int) -> ListPage:
    """Every claim a headline card could show (each series' latest reading, each claim outside a series), the most
    recent first, ``PAGE_ITEMS`` a page."""
    tables = snapshot.tables
    if tables is None:
        return ListPage(updated(snapshot), problems(snapshot, label), found=False)
    claims = latest_claims(tables.claims).sort_values(READINGS_ORDER, ascending=False, kind="stable")
    page = listing(snapshot, label, urls.CLAIMS_LIST, _("All claims"), len(claims), at)
    shown = claims.iloc[(at - 1) * PAGE_ITEMS : at * PAGE_ITEMS].to_dict("records") if page.found else []
    return replace(page, cards=[card(claim, tables) for claim in shown])


def sources_page(snapshot: Snapshot, label: str, at: int) -> ListPage:
    """Every source, in the package's order, ``PAGE_ITEMS`` a page."""
    tables = snapshot.tables
    if tables is None:
        return ListPage(updated(snapshot), problems(snapshot, label), found=False)
    page = listing(snapshot, label, urls.SOURCES_LIST, _("All sources"), len(tables.sources), at)
    shown = tables.sources.iloc[(at - 1) * PAGE_ITEMS : at * PAGE_ITEMS] if page.found else tables.sources.head(0)
    return replace(page, sources=[source_item(row) for row in shown.itertuples(index=False)])
