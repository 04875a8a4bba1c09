"""The dashboard at real package sizes: a page whose size does not grow with the package, and lists page by page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.utils
import pytest

from benchmarks.synthetic import make_package
from dashboard import charts
from dashboard.app import create_app
from dashboard.charts.framing import MOST_MARKS, most_recent
from dashboard.claims import latest_claims
from dashboard.content import lists, main
from dashboard.content.main import HEADLINE_CARDS
from dashboard.content.parts import MAX_TABLE_ROWS, table
from dashboard.pages.common import data_table
from dashboard.paths import SHIPPED_DATA
from dashboard.store import PackageStore
from dashboard.urls import CLAIMS_LIST, SOURCES_LIST, listing
from dashboard.views import render_page
from tests.conftest import read_rows, write_rows
from tests.test_app import ids_in, texts_in

FIGURES = 600


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> PackageStore:
    return PackageStore(make_package(tmp_path_factory.mktemp("large") / "data", FIGURES))


def components(tree: Any, kind: str) -> list[Any]:
    """Every component of type ``kind`` (``"Graph"``, ``"Article"``…) in a tree, in order."""
    found, stack = [], [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple):
            stack.extend(reversed(item))
        elif hasattr(item, "to_plotly_json"):
            if type(item).__name__ == kind:
                found.append(item)
            stack.append(getattr(item, "children", None))
    return found


def test_most_recent_keeps_the_latest_rows_in_their_order() -> None:
    rows = pd.DataFrame({"id": list("abcdef"), "day": [5, 1, 9, 5, 2, 9]}, index=[10, 11, 12, 13, 14, 15])
    assert list(most_recent(rows, "day", 3)["id"]) == ["c", "d", "f"]  # of the two 5s, the later row
    assert most_recent(rows, "day", 6) is rows


def test_a_large_package_draws_the_most_recent_and_counts_the_rest(large: PackageStore) -> None:
    tables = large.current().tables
    assert tables is not None and len(tables.figures) == FIGURES
    page = render_page(large, "/")
    text = texts_in(page)
    for chart in charts.available(tables):
        figure = chart.build(tables)
        drawn = charts.figure_ids(figure.plot)
        claims = tables.claims[tables.claims["dataset"] == chart.dataset]
        kinds = {"defection-rates": tables.rates, "guard-share": tables.guard_share}  # a mark a rate, a share
        total = len(kinds.get(chart.name, claims))
        assert len(drawn) == MOST_MARKS < total, chart.name
        footer = " ".join(figure.texts.footer)
        assert f"Drawn: the {MOST_MARKS} most recent of {total} claims" in footer  # on the page and on every image
        assert f"Drawn: the {MOST_MARKS} most recent of {total} claims" in text
        if chart.over_time:  # the latest claims, and none older than one drawn
            kept = claims[claims["claim_id"].isin(drawn)]
            assert kept["last_day"].min() >= claims[~claims["claim_id"].isin(drawn)]["last_day"].max()
        table = chart.drawn_rows(tables, figure)
        assert 0 < len(table) < len(chart.rows(tables))  # the page's table: what is drawn; the CSV: every row
        assert chart.describe(tables, figure).startswith(f"{chart.title}. {len(table)} figures: ")


def test_a_large_page_carries_neither_every_card_nor_every_quote(large: PackageStore) -> None:
    tables = large.current().tables
    assert tables is not None
    page = render_page(large, "/")
    cards = components(page, "Article")
    headline = latest_claims(tables.claims)
    assert len(cards) == HEADLINE_CARDS < len(headline)
    shown = {card.children[-1].id.removeprefix("card-link-") for card in cards}
    days = headline.set_index("claim_id")["last_day"]
    assert days[list(shown)].min() >= days.drop(list(shown)).max()  # the most recent claims
    links = [link for link in components(page, "Link") if link.href == listing(CLAIMS_LIST)]
    assert [link.children for link in links] == [f"Show all {len(headline)} claims"]
    serialized = json.dumps(page, cls=plotly.utils.PlotlyJSONEncoder)
    named = {figure_id for figure_id in tables.figures["figure_id"] if f'"{figure_id}"' in serialized}
    assert len(named) <= len(charts.available(tables)) * MOST_MARKS + HEADLINE_CARDS < FIGURES
    quotes = {quote for quote in tables.figures["quote"] if json.dumps(quote)[1:-1] in serialized}
    assert len(quotes) < len(set(tables.figures["quote"])) / 2


def test_the_shipped_page_shows_everything() -> None:
    store = PackageStore(SHIPPED_DATA)
    page = render_page(store, "/")
    assert len(components(page, "Article")) == 4
    assert "Drawn:" not in texts_in(page) and "Show all" not in texts_in(page)


def test_every_claim_page_by_page(large: PackageStore) -> None:
    tables = large.current().tables
    assert tables is not None
    every = latest_claims(tables.claims)
    pages = -(-len(every) // lists.PAGE_ITEMS)
    seen: list[str] = []
    for at in range(1, pages + 1):
        path = listing(CLAIMS_LIST, at)
        page = render_page(large, path)
        cards = components(page, "Article")
        assert len(cards) == (lists.PAGE_ITEMS if at < pages else len(every) - lists.PAGE_ITEMS * (pages - 1))
        seen.extend(card.children[-1].id.removeprefix("card-link-") for card in cards)
        text = texts_in(page)
        assert f"Page {at} of {pages}" in text
        hrefs = [link.href for link in components(page, "Link")]
        assert (listing(CLAIMS_LIST, at + 1) in hrefs) == (at < pages)
        assert ("Previous page" in text) == (at > 1)
    assert sorted(seen) == sorted(every["claim_id"])  # each claim once, on one page
    days = every.set_index("claim_id")["last_day"]
    assert list(days[seen]) == sorted(days, reverse=True)  # the most recent first
    for wrong in (listing(CLAIMS_LIST, pages + 1), f"/{CLAIMS_LIST}/0", f"/{CLAIMS_LIST}/two", f"/{CLAIMS_LIST}/٣"):
        assert "not-found" in ids_in(render_page(large, wrong)), wrong


def test_every_source_page_by_page(large: PackageStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(main, "SOURCES_SHOWN", 5)
    monkeypatch.setattr(lists, "PAGE_ITEMS", 5)
    tables = large.current().tables
    assert tables is not None and len(tables.sources) == 12
    section = next(s for s in render_page(large, "/") if getattr(s, "id", None) == "section-sources")
    assert len(components(section, "Li")) == 5
    assert [link.children for link in components(section, "Link") if link.href == listing(SOURCES_LIST)] == [
        "Show all 12 sources"
    ]
    last = render_page(large, listing(SOURCES_LIST, 3))
    assert len(components(last, "Li")) == 2 and "11 to 12 of 12" in texts_in(last)


def test_list_addresses_are_pages(tmp_path: Path) -> None:
    client = create_app(SHIPPED_DATA).server.test_client()
    for path in (listing(CLAIMS_LIST), listing(CLAIMS_LIST, 2), listing(SOURCES_LIST)):
        response = client.get(path)
        assert response.status_code == 200 and b"<html" in response.data, path
    assert "Page 1 of 1" in texts_in(render_page(PackageStore(SHIPPED_DATA), listing(CLAIMS_LIST)))


def test_a_long_table_says_where_the_rest_is() -> None:
    rows = pd.DataFrame({"figure_id": [f"f-{n}" for n in range(MAX_TABLE_ROWS + 50)], "value": 1.0})
    shown = data_table(table(rows))
    assert len(components(shown, "Tr")) == MAX_TABLE_ROWS + 1  # the heading, then the rows shown
    assert f"The first {MAX_TABLE_ROWS} of {MAX_TABLE_ROWS + 50}. This chart's data (CSV) holds them all." in texts_in(
        shown
    )
    assert "The first" not in texts_in(data_table(table(rows.head(3))))


def test_a_long_list_of_problems_says_where_the_rest_is(data_dir: Path) -> None:
    rows = read_rows(data_dir / "figures.csv")
    bad = [{**rows[0], "figure_id": f"bad-{n}", "value": "many"} for n in range(MAX_TABLE_ROWS + 10)]
    write_rows(data_dir / "figures.csv", rows + bad)
    banner = next(part for part in render_page(PackageStore(data_dir), "/") if getattr(part, "id", None) == "problems")
    assert len(components(banner, "Li")) == MAX_TABLE_ROWS
    assert "`python -m dashboard validate` lists them all." in texts_in(banner)
