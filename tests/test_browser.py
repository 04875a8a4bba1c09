"""The dashboard in a real browser: Debian's Chromium, headless, driven by Playwright."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.paths import SHIPPED_DATA
from tests.browser import DESKTOP, PHONE, SCREENSHOTS, act, live, screenshot, serve
from tests.conftest import read_rows, run_cli, write_rows

pytestmark = pytest.mark.browser
CHARTS = ["defections-over-time", "defection-rates", "guard-share", "emigration"]
DRAWN_TIMEOUT_MS = 20_000


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.errors = []  # console errors and uncaught exceptions seen on this page
    tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()


def poll(page: Any, expression: str, timeout_s: float = DRAWN_TIMEOUT_MS / 1000) -> None:
    """Wait until ``expression`` is true in the page, asking from outside it: the page's Content-Security-Policy
    forbids the string evaluation that page.wait_for_function relies on."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {timeout_s} s: {expression}"
        page.wait_for_timeout(100)


def wait_for_charts(page: Any, names: list[str]) -> None:
    """Bring each chart near the screen, as a reader scrolling by would, so that it draws, and wait until it has;
    then back to where the page was."""
    where = page.evaluate("window.scrollY")
    for name in names:
        page.locator(f"#chart-{name}").scroll_into_view_if_needed()
        page.wait_for_selector(f"#chart-{name} .main-svg", timeout=DRAWN_TIMEOUT_MS)
    page.evaluate(f"window.scrollTo(0, {where})")


def test_page_draws_every_chart_without_errors(page: Any, shipped: str) -> None:
    response = live(page, shipped + "/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'sha256-" in policy and "unsafe-eval" not in policy  # and the page draws under it:
    wait_for_charts(page, CHARTS)
    assert page.locator(".js-plotly-plot").count() == len(CHARTS)
    for name in CHARTS:
        assert page.locator(f"#chart-{name} .main-svg").count() >= 1
        assert (
            page.locator(f"#description-{name}")
            .inner_text()
            .startswith(page.locator(f"#chart-{name} .chart-title").inner_text())
        )
    assert "Source: Business Insider" in page.locator("#chart-defection-rates").inner_text()
    assert page.locator(".card").count() == 4
    assert "Data last saved" in page.locator("#last-updated").inner_text()
    screenshot(page, "dashboard-desktop")
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(500)
    screenshot(page, "dashboard-phone")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.errors == []


def click_bar(page: Any, chart: str, index: int = 0) -> None:
    bar = page.locator(f"#chart-{chart} .bars .point path").nth(index)
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def callback_requests(page: Any) -> list[str]:
    """The callback requests the page posts from now on: what each asks for."""
    posted: list[str] = []

    def post(request: Any) -> None:
        if request.method == "POST" and "/_dash-update-component" in request.url:
            posted.append(str(request.post_data)[:200])

    page.on("request", post)
    return posted


def test_clicking_a_mark_shows_its_quote(page: Any, shipped: str) -> None:
    live(page, shipped + "/")
    wait_for_charts(page, CHARTS)
    posted = callback_requests(page)
    click_bar(page, "defection-rates", 0)
    page.wait_for_selector("#panel-quote", timeout=DRAWN_TIMEOUT_MS)
    assert posted == []  # the click and its panel come from what the page brought: no request to the server
    assert "600 military personnel had defected" in page.locator("#panel-quote").inner_text()
    assert "Juan Guaido" in page.locator(".panel-claimant").inner_text()
    assert page.locator("#panel-source").get_attribute("href") == "/sources/bi-2019-03#figure-bi-2019-600"
    original = page.locator("#panel-original").get_attribute("href")
    assert original.startswith("https://www.businessinsider.com/") and "#:~:text=600%20military" in original
    assert "figure=bi-2019-600" in page.url
    screenshot(page, "quote-panel")
    assert page.errors == []


THOUSAND = 1_000


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The dashboard on a generated package of a thousand figures from a dozen fictional reports."""
    from benchmarks.synthetic import make_package

    folder = make_package(tmp_path_factory.mktemp("thousand") / "data", THOUSAND)
    with serve(folder) as url:
        yield url, folder


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280", "390"])
def test_a_thousand_figures_click_to_their_quote(page: Any, thousand: tuple[str, Path], size: dict[str, int]) -> None:
    url, folder = thousand
    page.set_viewport_size(size)
    live(page, url + "/")
    wait_for_charts(page, CHARTS)
    assert page.locator(".card").count() == 12 and "Show all" in page.locator("#section-overview").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, f"thousand-{size['width']}")
    posted = callback_requests(page)
    click_bar(page, "defection-rates", 0)
    page.wait_for_selector("#panel-quote", timeout=DRAWN_TIMEOUT_MS)
    figure = parse_qs(urlsplit(page.url).query)["figure"][0]
    quote = {row["figure_id"]: row["quote"] for row in read_rows(folder / "figures.csv")}[figure]
    assert quote in page.locator("#panel-quote").inner_text()
    assert posted == []
    screenshot(page, f"thousand-panel-{size['width']}", full_page=False)
    live(page, url + "/all/claims/2")
    page.wait_for_selector(".list-page .card", timeout=DRAWN_TIMEOUT_MS)
    assert page.locator(".card").count() == 50 and "Page 2 of" in page.locator(".pager").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, f"thousand-list-{size['width']}")
    assert page.errors == []


def test_served_under_a_prefix(page: Any, tmp_path: Path) -> None:
    """Behind a proxy that passes /figures/… on: every page, link, download and annotation stays under it."""
    import json
    import urllib.request

    folder = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, folder)
    with serve(folder, "--prefix", "/figures/", home="/figures/") as url:
        live(page, url + "/figures/")
        wait_for_charts(page, CHARTS)
        hrefs = page.evaluate(
            "Array.from(document.querySelectorAll('#page a[href^=\"/\"]')).map(a => a.getAttribute('href'))"
        )
        assert hrefs and all(href.startswith("/figures/") for href in hrefs), hrefs
        click_bar(page, "defection-rates", 0)
        page.wait_for_selector("#panel-quote", timeout=DRAWN_TIMEOUT_MS)
        assert "600 military personnel had defected" in page.locator("#panel-quote").inner_text()
        page.locator("#panel-source").click()
        page.wait_for_selector("#source-text mark", timeout=DRAWN_TIMEOUT_MS)
        assert urlsplit(page.url).path == "/figures/sources/bi-2019-03"
        page.locator("h1 a").click()
        wait_for_charts(page, CHARTS)
        assert urlsplit(page.url).path == "/figures/"
        live(page, url + "/figures/all/claims")
        page.wait_for_selector(".list-page .card", timeout=DRAWN_TIMEOUT_MS)
        with urllib.request.urlopen(url + "/figures/download/defection-rates.csv") as response:
            assert response.status == 200 and b"figure_id" in response.read()
        with urllib.request.urlopen(url + "/figures/annotations.jsonld") as response:
            links = [body["id"] for item in json.load(response)["first"]["items"] for body in item["body"]
                     if body.get("purpose") == "linking"]  # fmt: skip
        assert links and all(link.startswith(url + "/figures/") for link in links), links
    assert page.errors == []


def test_permalink_restores_the_selection(page: Any, shipped: str) -> None:
    live(page, shipped + "/?section=emigration&figure=bi-2019-3m")
    page.wait_for_selector("#panel-quote", timeout=DRAWN_TIMEOUT_MS)
    assert "the over 3 million Venezuelans" in page.locator("#panel-quote").inner_text()
    page.reload()
    page.wait_for_selector("#panel-quote", timeout=DRAWN_TIMEOUT_MS)
    assert "the over 3 million Venezuelans" in page.locator("#panel-quote").inner_text()
    page.wait_for_selector("#section-emigration", timeout=DRAWN_TIMEOUT_MS)  # the panel may come before the page
    poll(page, "document.getElementById('section-emigration').getBoundingClientRect().top < 200")
    assert page.errors == []


def test_source_page_marks_every_quote(page: Any, shipped: str) -> None:
    live(page, shipped + "/sources/bi-2019-03#figure-bi-2019-4300")
    page.wait_for_selector("#source-text mark", timeout=DRAWN_TIMEOUT_MS)
    for figure_id in ("bi-2019-600", "bi-2019-4300", "bi-2019-6pct", "bi-2019-3m"):
        assert page.locator(f"[id='figure-{figure_id}']").count() == 1
    marked = "".join(page.locator("#source-text mark").all_text_contents())
    for row in read_rows(SHIPPED_DATA / "figures.csv"):
        first_mark = page.locator(f"[id='figure-{row['figure_id']}'] + mark").text_content()
        assert row["quote"].startswith(first_mark)
        assert row["quote"] in marked  # the whole quote is marked, not only its start
    assert page.locator("#source-title").inner_text().startswith("The 'king-maker'")
    screenshot(page, "source-page")
    live(page, shipped + "/sources/no-such-source")
    page.wait_for_selector("#not-found", timeout=DRAWN_TIMEOUT_MS)
    assert page.errors == []


SAVED_TO_SHOWN_S = 1.0  # an edit must show on the next page load within a second of being saved


def reload_after_save(page: Any) -> None:
    page.wait_for_timeout(SAVED_TO_SHOWN_S * 1000 / 2)
    page.reload()
    act(page)


def test_live_edit_and_bad_edit(page: Any, data_dir: Path) -> None:
    with serve(data_dir) as url:
        live(page, url + "/")
        wait_for_charts(page, CHARTS)
        rows = read_rows(data_dir / "figures.csv")
        rows[0]["measure"] = "troops who switched sides"
        write_rows(data_dir / "figures.csv", rows)
        reload_after_save(page)
        wait_for_charts(page, CHARTS)
        assert "troops who switched sides" in page.locator("#section-overview").inner_text()
        rows[0]["unit"] = "soldiers"
        write_rows(data_dir / "figures.csv", rows)
        reload_after_save(page)
        page.wait_for_selector("#problems", timeout=DRAWN_TIMEOUT_MS)
        wait_for_charts(page, CHARTS)
        assert (
            f"{data_dir}/figures.csv:2:unit: 'soldiers' is not one of people, percent"
            in page.locator("#problems").inner_text()
        )
        assert "troops who switched sides" in page.locator("#section-overview").inner_text()
        screenshot(page, "bad-edit-banner")
        rows[0]["unit"] = "people"
        write_rows(data_dir / "figures.csv", rows)
        reload_after_save(page)
        wait_for_charts(page, CHARTS)
        assert page.locator("#problems").count() == 0
    assert page.errors == []


HOSTILE = (
    '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
    '<a href="javascript:window.__xss=3">link</a>[md](javascript:window.__xss=4)'
)
LONG = "very long " * 500


def test_hostile_text_stays_text(page: Any, data_dir: Path, tmp_path: Path) -> None:
    sentence = f"Officials said {HOSTILE} 700 soldiers left in May."
    with (data_dir / "sources" / "bi-2019-03.txt").open("a", encoding="utf-8") as text:
        text.write("\n" + sentence + "\n")
    rows = read_rows(data_dir / "figures.csv")
    rows.append(dict(rows[0], figure_id="hostile-700", value="700", quote=sentence, claimant=HOSTILE, note=HOSTILE))
    write_rows(data_dir / "figures.csv", rows)
    sources = read_rows(data_dir / "sources.csv")
    sources[0]["title"] = HOSTILE
    write_rows(data_dir / "sources.csv", sources)
    with serve(data_dir) as url:
        live(page, url + "/?section=defections&figure=hostile-700")
        wait_for_charts(page, CHARTS)
        page.wait_for_selector("#panel-quote", timeout=DRAWN_TIMEOUT_MS)
        assert HOSTILE in page.locator("#panel-quote").inner_text()
        assert HOSTILE in page.locator(".panel-claimant").inner_text()
        assert "window.__xss" in page.locator("#chart-defections-over-time").inner_text()
        live(page, url + "/sources/bi-2019-03")
        page.wait_for_selector("#source-text mark", timeout=DRAWN_TIMEOUT_MS)
        assert HOSTILE in page.locator("#source-title").inner_text()
        page.wait_for_timeout(300)
        assert page.evaluate("window.__xss") is None
        assert (
            page.locator("#source-text img, #page script, #quote-panel img, #page a[href^='javascript']").count() == 0
        )
        screenshot(page, "hostile-source")
    assert page.errors == []
    # The export and the report draw the same data, as text.
    exported = run_cli("export", "--data", str(data_dir), "--out", str(tmp_path / "out"), "--format", "svg,png")
    assert exported.exit_code == 0, exported.output
    svg = (tmp_path / "out" / "defections-over-time.svg").read_text(encoding="utf-8")
    assert "<script" not in svg and "<img" not in svg
    assert "&#60;script&#62;window.__xss=1" in svg or "&lt;script&gt;window.__xss=1" in svg
    report = tmp_path / "report.html"
    assert run_cli("report", "--data", str(data_dir), "--out", str(report)).exit_code == 0
    page.goto(report.as_uri())
    page.wait_for_function(
        "document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4", timeout=DRAWN_TIMEOUT_MS
    )
    page.wait_for_timeout(300)
    assert HOSTILE in page.locator("body").inner_text()
    assert page.evaluate("window.__xss") is None
    assert page.errors == []


PLACEHOLDERS = '%{meta.footer} %{customdata[0]} <a href="https://evil.example/login">sign in</a>'


def test_placeholders_in_chart_text_stay_literal(page: Any, data_dir: Path, tmp_path: Path) -> None:
    """plotly fills %{…} in chart text; text from data must show the characters themselves, and no link."""
    rows = read_rows(data_dir / "figures.csv")
    for row in rows:
        row.update(claimant=PLACEHOLDERS, note=PLACEHOLDERS, measure=f"troops {PLACEHOLDERS}")
    write_rows(data_dir / "figures.csv", rows)
    sources = read_rows(data_dir / "sources.csv")
    sources[0].update(title=PLACEHOLDERS, publisher=PLACEHOLDERS)
    write_rows(data_dir / "sources.csv", sources)
    literals = ("%{meta.footer}", "%{customdata[0]}", "<a")
    with serve(data_dir) as url:
        live(page, url + "/")
        wait_for_charts(page, CHARTS)
        for name in CHARTS:
            drawn = page.locator(f"#chart-{name} .graph-box").text_content() or ""
            assert all(literal in drawn for literal in literals), (name, drawn[:300])
        assert page.locator("#page svg a").count() == 0
        bar = page.locator("#chart-defection-rates .bars .point path").first
        bar.scroll_into_view_if_needed()
        box = bar.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_selector(".hoverlayer .hovertext", timeout=DRAWN_TIMEOUT_MS)
        hover = page.locator("#chart-defection-rates .hoverlayer").text_content() or ""
        assert all(literal in hover for literal in literals), hover
        screenshot(page, "placeholders")
    assert page.errors == []
    exported = run_cli("export", "--data", str(data_dir), "--out", str(tmp_path / "out"), "--format", "svg")
    assert exported.exit_code == 0, exported.output
    for name in CHARTS:
        svg = (tmp_path / "out" / f"{name}.svg").read_text(encoding="utf-8")
        assert "evil.example/login" in svg and "<a " not in svg and "%{meta.footer}" in svg, name
    report = tmp_path / "report.html"
    assert run_cli("report", "--data", str(data_dir), "--out", str(report)).exit_code == 0
    page.goto(report.as_uri())
    page.wait_for_function(
        "document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4", timeout=DRAWN_TIMEOUT_MS
    )
    for text in page.locator(".js-plotly-plot").all_text_contents():
        assert all(literal in text for literal in literals), text[:300]
    assert page.locator(".js-plotly-plot svg a").count() == 0
    assert page.errors == []


SERIES_OF = """name => Array.from(document.querySelectorAll(`#chart-${name} .js-plotly-plot`))[0].data
    .filter(trace => (trace.meta || '').startsWith('series:'))
    .map(trace => [trace.meta, trace.customdata.map(entry => entry[0])])"""
MARKS_OF = """name => Array.from(document.querySelectorAll(`#chart-${name} .js-plotly-plot`))[0].data
    .flatMap(trace => (trace.customdata || []).map(entry => entry[0]))"""
TEXT_OUTSIDE = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(plot => {
    const box = plot.getBoundingClientRect();
    return Array.from(plot.querySelectorAll('text')).filter(text => {
        const r = text.getBoundingClientRect();
        return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
                               || r.bottom > box.bottom + 1);
    }).map(text => text.textContent);
})"""


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280", "390"])
def test_many_sources_tell_one_story(page: Any, tmp_path: Path, size: dict[str, int]) -> None:
    from tests.story import make_story

    folder = make_story(tmp_path / "story")
    page.set_viewport_size(size)
    names = ["defections-over-time", "defection-rates", "emigration"]
    with serve(folder) as url:
        live(page, url + "/")
        wait_for_charts(page, names)
        page.wait_for_timeout(500)
        series = dict(page.evaluate(SERIES_OF, "defections-over-time"))
        registry = ["r-60", "r-100", "r-326", "r-411", "r-567", "r-1000", "r-1400"]
        assert series["series:registry"] in (registry, registry[: len(series["series:registry"])])
        marks = page.evaluate(MARKS_OF, "defections-over-time")
        assert "r-567-es" not in marks and "r-326-es" not in marks  # a repeated report is drawn once
        stocks = dict(page.evaluate(SERIES_OF, "emigration"))
        assert stocks == {"series:agency-stock": ["a-695k", "a-690k", "a-3m", "a-3-4m", "a-3-93m"]}
        assert page.evaluate(TEXT_OUTSIDE) == []
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert "Claims that overlap in time" in page.locator("#chart-defections-over-time").inner_text()
        assert page.locator(".card").count() == 5
        screenshot(page, f"story-{size['width']}")
        page.goto(url + "/?section=defections&figure=r-1400")  # reported in English and in Spanish, one archived
        poll(page, "document.querySelectorAll('#quote-panel .panel-reports li').length === 2")
        panel = page.locator("#quote-panel")
        assert panel.locator("#panel-archive").get_attribute("href") == "https://archive.example.net/ledger-0510"
        assert panel.locator("#panel-archive-2").count() == 0  # Diario del Valle's page has no archived copy
        screenshot(page, f"story-panel-{size['width']}", full_page=False)
    assert page.errors == []


AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280", "390"])
def test_pages_pass_axe(browser: Any, shipped: str, size: dict[str, int]) -> None:
    """WCAG 2.1 A and AA and axe's best practices, on the page and a source's page: no violation. (axe-core is
    injected as a script; the context lets it in past the page's Content-Security-Policy.)"""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=size, bypass_csp=True)
    page = context.new_page()
    try:
        pages = (("/?figure=bi-2019-600", "#panel-quote"), ("/sources/bi-2019-03", "#source-text mark"),
                 ("/all/claims", ".list-page .card"))  # fmt: skip
        for path, ready in pages:
            live(page, shipped + path)
            page.wait_for_selector(ready, timeout=DRAWN_TIMEOUT_MS)
            if path.startswith("/?"):
                wait_for_charts(page, CHARTS)
            results = Axe().run(page, options=AXE_RULES)
            assert results.violations_count == 0, f"{path} at {size['width']} px:\n" + results.generate_report()
        assert page.evaluate("document.documentElement.lang") == "en"
    finally:
        context.close()


def test_the_readme_screenshot(page: Any, shipped: str) -> None:
    """The first screen of the dashboard, as the README shows it: `make docs` keeps it in docs/dashboard.png."""
    live(page, shipped + "/")
    wait_for_charts(page, CHARTS)
    page.wait_for_timeout(500)
    path = screenshot(page, "readme", full_page=False)
    target = os.environ.get("DOCS_SCREENSHOT")
    if target:
        shutil.copyfile(path, target)
    assert path.stat().st_size > 10_000


SVG_TEXT_OUTSIDE = """() => {
    const svg = document.querySelector('svg');
    const width = svg.width.baseVal.value, height = svg.height.baseVal.value;
    return Array.from(svg.querySelectorAll('text')).filter(text => {
        const r = text.getBBox ? text.getBoundingClientRect() : null;
        return r && r.width > 0 && (r.left < -1 || r.right > width + 1 || r.top < -1 || r.bottom > height + 1);
    }).map(text => text.textContent);
}"""


@pytest.mark.parametrize("width", [1000, 600])
def test_story_exports_keep_every_text_inside(page: Any, tmp_path: Path, width: int) -> None:
    """The images of a package of many sources, at 1000 and 600 px: every text (titles, labels, the footer and its
    references) inside the image."""
    from tests.story import make_story

    folder = make_story(tmp_path / "story")
    out = SCREENSHOTS.parent / f"story-export-{width}"
    result = run_cli("export", "--data", str(folder), "--out", str(out), "--format", "svg,png", "--width", str(width))
    assert result.exit_code == 0, result.output
    for svg in sorted(out.glob("*.svg")):
        page.goto(svg.as_uri())
        assert page.evaluate(SVG_TEXT_OUTSIDE) == [], svg.name
        text = page.locator("svg").text_content() or ""
        assert "Exported" in text and "[1]" in text, svg.name  # the footer's references and date, to the end


def data_words() -> list[str]:
    """The shipped data's own words (quotes, measures, claimants, notes, titles, names), which no language changes."""
    words = []
    for table, columns in (
        ("figures.csv", ("quote", "measure", "claimant", "note")),
        ("sources.csv", ("title", "publisher", "note")),
        ("remarks.csv", ("quote", "speaker", "note")),
    ):
        for row in read_rows(SHIPPED_DATA / table):
            words.extend(row[column] for column in columns if row.get(column))
    return sorted(words, key=len, reverse=True)


def english_labels() -> list[str]:
    """The English words of the interface that Spanish changes: each message's runs of two or more words between
    its placeholders."""
    from tests.test_i18n import PLACEHOLDER, messages_in_the_code

    fragments = set()
    for message in messages_in_the_code():
        for fragment in PLACEHOLDER.split(message):
            fragment = fragment.strip(" .,:;()“”—-")
            if len(fragment.split()) >= 2 and len(fragment) >= 8:
                fragments.add(fragment)
    return sorted(fragments)


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_page_in_spanish(page: Any, shipped: str, size: dict[str, int]) -> None:
    page.set_viewport_size(size)
    live(page, shipped + "/?lang=es")
    wait_for_charts(page, CHARTS)
    poll(page, "document.querySelector('.card') !== null")
    assert page.evaluate("document.documentElement.lang") == "es"
    shown = page.evaluate(
        "document.body.innerText + '\\n' + Array.from(document.querySelectorAll('svg text'))"
        ".map(t => t.textContent).join('\\n')"
    )
    assert "Cifras principales" in shown and "Fuente: Business Insider" in shown
    assert ("71.667" in shown or "71.700" in shown) and "71,667" not in shown and "71,700" not in shown
    for words in data_words():
        shown = shown.replace(words, " ")
    left = [label for label in english_labels() if label in shown]
    assert left == [], left
    screenshot(page, f"dashboard-es-{'desktop' if size == DESKTOP else 'phone'}")
    page.locator("#languages a").click()  # the switch leads to the same page in English, loaded anew
    page.wait_for_load_state()
    act(page)
    wait_for_charts(page, CHARTS)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "Headline figures" in page.locator("body").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.errors == []


def test_a_click_in_spanish_keeps_the_language(page: Any, shipped: str) -> None:
    live(page, shipped + "/?lang=es")
    wait_for_charts(page, CHARTS)
    click_bar(page, "defection-rates")
    poll(page, "document.querySelector('#panel-quote') !== null")
    assert "lang=es" in page.url
    assert page.locator("#panel-source").inner_text() == "Verla resaltada en la fuente"
    page.locator("#panel-source").click()
    poll(page, "document.querySelector('#source-text') !== null")
    assert page.evaluate("document.documentElement.lang") == "es" and "lang=es" in page.url
    assert "Texto completo" in page.locator("body").inner_text()
