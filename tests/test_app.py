"""The app's callbacks and layout builders as plain functions, the serve command, and the live data store."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest

from dashboard import charts
from dashboard.app import create_app
from dashboard.charts import figure_ids
from dashboard.content.main import chart_view, words
from dashboard.links import safe_href, text_fragment_link
from dashboard.pagecache import PageCache
from dashboard.pages.main import chart_block
from dashboard.pages.markup import props, walk
from dashboard.pages.panel import opened as opened_panel
from dashboard.pages.panel import panels, quote_panel
from dashboard.paths import SHIPPED_DATA
from dashboard.store import PackageStore
from dashboard.urls import parse_state, state_search
from dashboard.views import render_page
from tests.conftest import read_rows, run_cli, write_rows

ROOT = Path(__file__).resolve().parents[1]


def ids_in(component: Any) -> list[str]:
    """Every string id in a component tree."""
    found = []
    stack = [component]
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple):
            stack.extend(item)
            continue
        if not hasattr(item, "to_plotly_json"):
            continue
        if isinstance(getattr(item, "id", None), str):
            found.append(item.id)
        stack.append(getattr(item, "children", None))
    return found


def texts_in(component: Any) -> str:
    parts: list[str] = []
    stack = [component]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, list | tuple):
            stack.extend(reversed(item))
        elif hasattr(item, "to_plotly_json"):
            stack.append(getattr(item, "children", None))
    return " ".join(parts)


class StillSession:
    """Draws nothing: says what it was asked to draw."""

    def __init__(self) -> None:
        self.asked: list[tuple[int, int]] = []

    def draw(self, specs: list[tuple[dict[str, Any], dict[str, Any]]]) -> list[bytes]:
        self.asked += [(options["width"], options["height"]) for _figure, options in specs]
        return [b"<svg/>" for _ in specs]


def test_a_chart_has_still_images_drawn_once_per_version() -> None:
    from dashboard.app import Imaging, download
    from dashboard.imagedesk import ImageDesk

    session = StillSession()
    drawer = Imaging(session, ImageDesk(1, 2))  # type: ignore[arg-type]
    store = PackageStore(SHIPPED_DATA)
    on = date(2026, 12, 4)
    assert download(store, "emigration.wide.svg", on, drawer) == (b"<svg/>", "image/svg+xml")
    assert download(store, "emigration.wide.svg", on, drawer) is not None
    assert download(store, "emigration.narrow.svg", on, drawer) is not None
    tables = store.current().tables
    assert tables is not None
    chart = next(chart for chart in charts.available(tables) if chart.name == "emigration")
    height = chart_view(chart, tables, chart.build(tables)).height
    assert session.asked == [(840, height), (360, height)]  # the page's height at each width; the second from memory
    for missing in ("nope.wide.svg", "emigration.huge.svg", "emigration.wide.png"):
        assert download(store, missing, on, drawer) is None


def test_dashboard_page_has_every_section() -> None:
    page = render_page(PackageStore(SHIPPED_DATA), "/")
    ids = ids_in(page)
    for section in ("overview", "defections", "guard-share", "emigration", "sources"):
        assert f"section-{section}" in ids
    for chart in ("defections-over-time", "defection-rates", "guard-share", "emigration"):
        assert f"chart-{chart}" in ids
    assert "Data last saved" in texts_in(page)


def test_images_come_from_the_download_menu_with_their_sources() -> None:
    """The page draws its titles and sources as text, so the modebar's own image (the plot alone) is removed; the
    Download menu's PNG, named after the chart, is drawn on the server with everything on it."""
    store = PackageStore(SHIPPED_DATA)
    snapshot = store.current()
    assert snapshot.tables is not None
    chart = charts.available(snapshot.tables)[1]
    view = chart_view(chart, snapshot.tables, chart.build(snapshot.tables))
    block = chart_block(view, words())
    # the graph waits in a store until the reader comes near its (empty) box, which keeps its height meanwhile
    box = next(part for part in block.children if getattr(part, "className", "") == "graph-box")
    assert box.style["minHeight"] == f"{view.height}px"
    assert "/download/defection-rates.wide.svg" in repr(box.children)  # its still image meanwhile
    graph = next(
        part.data for part in block.children if getattr(part, "id", None) == {"type": "plot", "name": chart.name}
    )
    assert graph["type"] == "Graph" and "toImage" in graph["props"]["config"]["modeBarButtonsToRemove"]
    links = [link for item in block.children if getattr(item, "className", "") == "download-menu"
             for entry in item.children[1].children for link in [entry.children]]  # fmt: skip
    assert any(
        link.href == "/download/defection-rates.png" and link.download == "defection-rates.png" for link in links
    )


def test_source_page_marks_overlapping_quotes_with_one_anchor_each() -> None:
    page = render_page(PackageStore(SHIPPED_DATA), "/sources/bi-2019-03")
    ids = ids_in(page)
    for figure_id in ("bi-2019-600", "bi-2019-4300", "bi-2019-6pct", "bi-2019-3m"):
        assert ids.count(f"figure-{figure_id}") == 1
    text = texts_in(page)
    assert "Business Insider" in text and "not recorded" in text


def test_unknown_paths_say_not_found() -> None:
    store = PackageStore(SHIPPED_DATA)
    assert "not-found" in ids_in(render_page(store, "/sources/nope"))
    assert "not-found" in ids_in(render_page(store, "/elsewhere"))


def test_the_page_brings_every_panel_it_can_open() -> None:
    tables = PackageStore(SHIPPED_DATA).current().tables
    page = render_page(PackageStore(SHIPPED_DATA), "/")
    shown = panels(tables, page)
    # every mark of every chart and every card's figure, each with the address a click puts it in and its panel
    stores = [props(part) for part in walk(page) if part._type == "Store"]
    graphs = [store["data"]["props"]["figure"] for store in stores if store["id"]["type"] == "plot"]
    drawn = {figure for graph in graphs for figure in figure_ids(go.Figure(graph))}
    assert drawn and drawn <= set(shown["figures"])
    assert tables is not None and set(tables.claim_of) >= set(shown["figures"])
    opened = shown["figures"]["bi-2019-3m"]
    assert opened["search"] == "?section=emigration&figure=bi-2019-3m"
    assert "the over 3 million Venezuelans who have fled the country" in repr(opened["panel"])
    assert "Click a bar" in repr(shown["hint"])
    # the figure an address names is added, known or not; a figure not in the data opens no address
    named = panels(tables, [], "no-such", shown)
    assert named["figures"]["no-such"]["search"] is None and "no-such" not in shown["figures"]
    assert "There is no figure named" in repr(opened_panel(named, "?figure=no-such"))
    assert opened_panel(named, "?figure=bi-2019-600") == list(shown["figures"]["bi-2019-600"]["panel"])
    assert opened_panel(named, "") == list(shown["hint"])


def test_state_round_trips_through_the_address() -> None:
    search = state_search("guard-share", "bi-2019-6pct")
    assert parse_state(search) == ("guard-share", "bi-2019-6pct")
    assert parse_state("?figure=x&evil=<script>") == (None, "x")
    assert parse_state(None) == (None, None)


def test_quote_panel() -> None:
    tables = PackageStore(SHIPPED_DATA).current().tables
    panel = quote_panel(tables, "bi-2019-4300")
    text = texts_in(panel)
    assert "about 4,300 national guard members who deserted" in text
    assert "Since 2014, some 4,300 members of the country's national guard" in text
    assert "a document signed by the national guard's commander" in text
    ids = ids_in(panel)
    assert {"panel-quote", "panel-source", "panel-original"} <= set(ids)
    assert "There is no figure named 'x'" in texts_in(quote_panel(tables, "x"))


def test_text_fragment_link() -> None:
    link = text_fragment_link("https://example.org/a#old", "some 4,300 members of the country's national guard")
    assert link == "https://example.org/a#:~:text=some%204%2C300%20members%20of%20the%20country%27s%20national%20guard"
    long = text_fragment_link("https://e.org/", "one two three four five six seven eight nine")
    assert long == "https://e.org/#:~:text=one%20two%20three%20four,six%20seven%20eight%20nine"
    assert text_fragment_link("https://e.org", "the well-known X") == "https://e.org#:~:text=the%20well%2Dknown%20X"


def test_safe_href_refuses_other_schemes() -> None:
    assert safe_href("javascript:alert(1)") is None
    assert safe_href("https://example.org") == "https://example.org"


def test_store_reloads_on_change_and_keeps_the_last_valid_data(data_dir: Path) -> None:
    store = PackageStore(data_dir, check_interval=0)
    first = store.current()
    assert first.tables is not None and first.problems == []
    assert store.current() is first  # nothing changed: nothing re-read
    rows = read_rows(data_dir / "figures.csv")
    rows[0]["unit"] = "soldiers"
    write_rows(data_dir / "figures.csv", rows)
    broken = store.current()
    assert broken.tables is first.tables
    assert [p.code for p in broken.problems] == ["enum"]
    rows[0]["unit"] = "people"
    rows[0]["measure"] = "troops"
    write_rows(data_dir / "figures.csv", rows)
    fixed = store.current()
    assert fixed.problems == [] and fixed.tables is not None
    assert fixed.tables.figures["measure"].iat[0] == "troops"


def test_page_for_data_that_was_never_valid(tmp_path: Path) -> None:
    page = render_page(PackageStore(tmp_path), "/")
    assert "problems" in ids_in(page)
    assert "There is no valid data to show." in texts_in(page)


def test_debug_on_a_public_host_is_refused() -> None:
    result = run_cli("serve", "--debug", "--host", "0.0.0.0")
    assert result.exit_code == 2
    assert "--debug exposes a debugger" in result.output


def test_create_app_and_the_wsgi_server(tmp_path: Path) -> None:
    app = create_app(SHIPPED_DATA)
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/sources/bi-2019-03").status_code == 200
    script = (
        "import threading, dashboard.app; print(threading.active_count()); "
        "from dashboard.wsgi import server; print(type(server).__name__)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(ROOT), "DASHBOARD_DATA": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["1", "Flask"]  # importing the app module starts no thread


def test_building_the_app_reads_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard import store

    def refuse(*_: object) -> None:
        raise AssertionError("the package was read before anything asked for it")

    monkeypatch.setattr(store, "load_package", refuse)
    create_app(SHIPPED_DATA)
    monkeypatch.undo()


def test_no_callback_uploads_a_component_tree() -> None:
    """A callback the server answers takes only small values (an address, a click) as inputs or states, never a
    component tree, so that a click costs the same whatever the package's size."""
    app = create_app()
    taken = [
        (entry["id"], entry["property"])
        for callback in app.callback_map.values()
        if "callback" in callback  # answered by the server; a clientside one uploads nothing
        for entry in (*callback["inputs"], *callback["state"])
    ]
    assert taken and not [found for found in taken if found[1] == "children"], taken


def test_pages_are_made_once_per_version_of_the_data() -> None:
    built: list[str] = []
    cache = PageCache(limit=2)

    def build(name: str) -> Callable[[], list[Any]]:
        def make() -> list[Any]:
            built.append(name)
            return [name]

        return make

    first, second = object(), object()
    assert cache.page(first, ("en", False, "/"), build("a")) == ["a"]
    assert cache.page(first, ("en", False, "/"), build("b")) == ["a"]  # kept
    assert cache.page(first, ("es", False, "/"), build("c")) == ["c"]  # another language is another page
    assert cache.page(second, ("en", False, "/"), build("d")) == ["d"]  # new data: made again
    cache.page(second, ("en", False, "/x"), build("e"))
    cache.page(second, ("en", False, "/y"), build("f"))  # past the limit: made, not kept
    cache.page(second, ("en", False, "/y"), build("g"))
    assert built == ["a", "c", "d", "e", "f", "g"]

    def broken() -> list[Any]:
        raise RuntimeError("drawing failed")

    with pytest.raises(RuntimeError):
        cache.page(second, ("en", True, "/"), broken)
    assert cache.page(second, ("en", True, "/"), build("h")) == ["h"]  # a failure is not kept
