"""The live page sends less, once: Dash's scripts and the assets compressed once and cached for a year where their
addresses change with their content, dynamic answers still compressed; plotly.js's basic bundle drawn with, through
the Dash internal it relies on; a description per language; and, in a real Chromium, the first view drawn by the
server (no Dash script until the reader acts, Dash's page then in the same place) and a chart with its title in the
first screen at 1280x800 and 390x844."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from dashboard import statics
from dashboard.app import create_app
from dashboard.vendor import BUNDLE
from tests.browser import DESKTOP, PHONE, act, live, screenshot
from tests.test_browser import AXE_RULES, CHARTS, DRAWN_TIMEOUT_MS, wait_for_charts

ACCEPT = {"Accept-Encoding": "gzip, deflate, br"}
FIRST_VIEW = {"/", "/assets/live.js", "/assets/style.css", "/_favicon.ico"}  # all a page loads before the reader acts
# the ids of the page's parts (not those plotly.js draws inside a chart's box)
IDS = """Array.from(document.querySelectorAll('#masthead [id], #page [id], #quote-panel [id]'))
    .filter(e => !e.closest('.graph-box')).map(e => e.id)"""
DASH = Path(__import__("dash").__file__).parent


@pytest.fixture
def client(data_dir: Path) -> Any:
    return create_app(data_dir, "data").server.test_client()


def scripts(client: Any) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', client.get("/").get_data(as_text=True))


def test_the_renderer_still_points_the_graph_loader_where_we_override_it() -> None:
    """The Dash internals the basic bundle relies on: the renderer's name for the loader's address, and the address
    it would load (a Dash upgrade that changes them fails here)."""
    renderer = next((DASH / "dash-renderer" / "build").glob("dash_renderer.min.js")).read_text(encoding="utf-8")
    assert "window._dashPlotlyJSURL" in renderer and statics.DASH_PLOTLY in renderer
    graph = (DASH / "dcc" / "dash_core_components.js").read_text(encoding="utf-8")
    assert "window.Plotly||" in graph and "r.src=window._dashPlotlyJSURL" in graph


def test_scripts_are_compressed_once_and_cached_for_a_year(data_dir: Path) -> None:
    app = create_app(data_dir, "data")
    client = app.server.test_client()
    addresses = scripts(client)
    assert addresses and any("dash_renderer" in address for address in addresses)
    for address in addresses:
        answer = client.get(address, headers=ACCEPT)
        assert answer.status_code == 200 and answer.headers["Content-Encoding"] == "br", address
        assert answer.headers["Cache-Control"] == f"public, max-age={statics.YEAR_S}, immutable", address
        assert "Accept-Encoding" in answer.headers["Vary"]
    once = next(hook.__closure__ for hook in app.server.after_request_funcs[None]
                if hook.__name__ == "compressed_once")  # fmt: skip
    store = next(cell.cell_contents for cell in once if isinstance(cell.cell_contents, statics.Once))
    made = store.compressions
    assert made == len(addresses)
    for address in addresses:
        assert client.get(address, headers=ACCEPT).status_code == 200
    assert store.compressions == made  # served from memory, not compressed again
    gzip = client.get(addresses[0], headers={"Accept-Encoding": "gzip"})
    assert gzip.headers["Content-Encoding"] == "gzip" and store.compressions == made + 1


def test_plain_and_dynamic_answers(client: Any) -> None:
    address = scripts(client)[0]
    plain = client.get(address)
    assert "Content-Encoding" not in plain.headers and plain.data.startswith((b"!", b"(", b"/", b'"', b"v"))
    layout = client.get("/_dash-layout", headers=ACCEPT)
    assert layout.headers.get("Content-Encoding") in {"br", "gzip"}  # flask-compress, as before
    assert "immutable" not in layout.headers.get("Cache-Control", "")
    page = client.get("/", headers=ACCEPT)
    assert "immutable" not in page.headers.get("Cache-Control", "")


def test_the_basic_bundle_is_served_at_its_hashed_address(client: Any) -> None:
    html = client.get("/").get_data(as_text=True)
    address = re.search(r'<meta name="dashboard-plotly" content="([^"]+)">', html)
    assert address is not None and re.fullmatch(r"/_plotly/plotly-basic\.[0-9a-f]{10}\.min\.js", address.group(1))
    answer = client.get(address.group(1))
    assert answer.status_code == 200 and answer.data == BUNDLE.read_bytes()
    assert answer.headers["Cache-Control"] == f"public, max-age={statics.YEAR_S}, immutable"
    assert client.get("/_plotly/plotly-basic.0000000000.min.js").status_code == 404


def test_each_language_has_its_description(client: Any) -> None:
    english = client.get("/").get_data(as_text=True)
    spanish = client.get("/?lang=es").get_data(as_text=True)
    found = [re.search(r'<meta name="description" content="([^"]+)">', page) for page in (english, spanish)]
    assert all(found) and found[0].group(1) != found[1].group(1)  # type: ignore[union-attr]
    assert "Venezuela" in found[0].group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280", "390"])
def test_a_chart_and_its_title_are_in_the_first_screen(browser: Any, shipped: str, size: dict[str, int]) -> None:
    context = browser.new_context(viewport=size)
    page = context.new_page()
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    try:
        live(page, shipped + "/")
        wait_for_charts(page, CHARTS)
        title = page.locator(".chart-title").first.bounding_box()
        plot = page.locator(".chart .js-plotly-plot").first.bounding_box()
        assert title is not None and plot is not None
        assert title["y"] + title["height"] <= size["height"], title
        assert plot["y"] + 60 <= size["height"], plot  # at least the top of the plot, not only its title
        assert (
            [url for url in loaded if "plotly" in url and url.endswith(".js")]
            == [url for url in loaded if re.search(r"/_plotly/plotly-basic\.[0-9a-f]{10}\.min\.js$", url)]
            != []
        )
        assert page.evaluate("Object.keys(Plotly.PlotSchema.get().traces).sort()") == ["bar", "pie", "scatter"]
        screenshot(page, f"first-screen-{size['width']}", full_page=False)
    finally:
        context.close()


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_first_view_is_the_page_drawn_by_the_server(browser: Any, shipped: str, size: dict[str, int]) -> None:
    """Before the reader acts, the page is the server's HTML, its style and one small script: it passes axe and has
    a chart's title and box in the first screen. Once the reader acts, Dash draws the same page in the same place."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=size, bypass_csp=True)  # to inject axe
    page = context.new_page()
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(urlsplit(request.url).path))
    try:
        page.goto(shipped + "/")
        page.wait_for_timeout(500)  # nothing more comes by itself
        stills = {path for path in loaded if re.fullmatch(r"/download/[a-z-]+\.(wide|narrow)\.svg", path)}
        assert set(loaded) - stills == FIRST_VIEW and len(stills) == len(CHARTS), loaded
        still = "document.querySelector('#first-view img.still').naturalWidth > 0"  # drawn by the server
        page.wait_for_function(still, timeout=DRAWN_TIMEOUT_MS)
        title = page.locator("#first-view .chart-title").first.bounding_box()
        box = page.locator("#first-view .graph-box").first.bounding_box()
        assert title is not None and box is not None
        assert title["y"] + title["height"] <= size["height"] and box["y"] + 60 <= size["height"], (title, box)
        drawn = page.evaluate(IDS)
        assert "card-link-bi-2019-600" in drawn and "last-updated" in drawn
        results = Axe().run(page, options=AXE_RULES)
        assert results.violations_count == 0, results.generate_report()
        screenshot(page, f"first-view-{size['width']}", full_page=False)
        act(page)
        assert any("/_dash-component-suites/" in path for path in loaded)
        again = page.locator(".chart-title").first.bounding_box()
        assert again is not None and abs(again["y"] - title["y"]) < 1, (title, again)
        assert page.evaluate(IDS) == drawn
    finally:
        context.close()


def test_a_card_opens_its_quote_before_any_script(browser: Any, shipped: str) -> None:
    """A reader who follows a card's link before Dash has loaded gets the page with the quote open, from the
    server, scrolled to the card's section."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(shipped + "/")
        with page.expect_navigation():
            page.locator("#card-link-bi-2019-3m").click()  # Dash's scripts start to load, and the page goes
        page.wait_for_timeout(500)
        assert "figure=bi-2019-3m" in page.url
        assert "the over 3 million Venezuelans" in page.locator("#first-view #panel-quote").inner_text()
        section = page.locator("#section-emigration").bounding_box()
        assert section is not None and -1 <= section["y"] < PHONE["height"] / 2, section
        assert page.locator("#first-view").count() == 1 and page.evaluate("window.renderer === undefined")
    finally:
        context.close()
