"""The lists too long for the dashboard page, as Dash components, from their content (``dashboard.content.lists``)."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard import urls
from dashboard.content import lists
from dashboard.content.lists import ListPage
from dashboard.i18n import _
from dashboard.pages.common import head
from dashboard.pages.frame import aria, link
from dashboard.pages.main import card, source_item
from dashboard.store import Snapshot

page_number = lists.page_number


def render(content: ListPage) -> list[Any]:
    """A page of a list: its title, how many, its items, and a pager."""
    page = head(content.updated, content.problems)
    if not content.found:
        if content.missing:
            page.append(html.Div([html.H2(_("Not found")), html.P(content.missing)], id="not-found"))
        return page
    items = (
        html.Div([card(one) for one in content.cards], className="cards")
        if content.cards
        else html.Ul([source_item(item) for item in content.sources])
    )
    pager = html.Nav(
        [html.Span(content.at, className="pager-at"), *(link(item) for item in content.pager)],
        className="pager",
        **aria(label=_("Pages of the list")),
    )
    counted = html.P([content.counted, " · ", link(content.back)] if content.back else [content.counted])
    page.append(html.Section([html.H2(content.title), counted, items, pager], className="section list-page"))
    return page


def claims_page(snapshot: Snapshot, label: str, at: int) -> list[Any]:
    """Every claim a headline card could show, the most recent first, a page of them."""
    return render(lists.claims_page(snapshot, label, at))


def sources_page(snapshot: Snapshot, label: str, at: int) -> list[Any]:
    """Every source, in the package's order, a page of them."""
    return render(lists.sources_page(snapshot, label, at))


def add_article_link() -> html.P:
    """The link to the page that adds an article (a full load: that page is not one of Dash's)."""
    return html.P(html.A(_("Add an article"), href=urls.page(urls.ADD), id="add-article"), className="add-article")
