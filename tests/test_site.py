"""The static site of `python -m dashboard build`: what it writes, what it refuses, and the built site served by a
plain static server (`python -m http.server`) in a real browser, in both languages, at desktop and phone width,
alone and embedded in another page."""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import brotli
import pytest

from dashboard.paths import SHIPPED_DATA
from dashboard.store import PackageStore
from dashboard.views import render_page
from tests.browser import DESKTOP, PHONE, chromium_path, free_port, screenshot
from tests.conftest import read_rows, run_cli, write_rows
from tests.test_update import snapshot

ROOT = Path(__file__).resolve().parents[1]

CHARTS = ["defections-over-time", "defection-rates", "guard-share", "emigration"]
SOURCE = "bi-2019-03"
DRAWN_TIMEOUT_MS = 20_000
AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


class Parsed(HTMLParser):
    """Every tag of a page with its attributes, and every element id."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def built(out: Path, *args: str) -> Path:
    result = run_cli("build", "--out", str(out), *args)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def quick_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data built without images (no browser needed)."""
    return built(tmp_path_factory.mktemp("quick") / "site", "--no-images")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data built whole, images and still images drawn."""
    chromium_path()
    return built(tmp_path_factory.mktemp("whole") / "site")


def pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def test_build_writes_every_page_and_download(quick_site: Path) -> None:
    for folder in ("", "es/"):
        for path in ("index.html", f"sources/{SOURCE}/index.html", "all/claims/index.html",
                     "all/sources/index.html", "annotations.jsonld", "download/venezuela-defections-data.zip",
                     "download/CITATION.cff", "download/references.json", "download/tidy/figures.csv",
                     *(f"charts/{name}/index.html" for name in CHARTS),
                     *(f"download/{name}.csv" for name in CHARTS)):  # fmt: skip
            assert (quick_site / folder / path).is_file(), folder + path
    assert Parsed((quick_site / "es/index.html").read_text()).tags[0] == ("html", {"lang": "es"})
    assert "Cifras principales" in (quick_site / "es/index.html").read_text()
    assert not list(quick_site.parent.glob(".site.*"))  # the folder it was built in took the site's place


def test_assets_are_named_by_content_and_every_text_file_is_compressed(quick_site: Path) -> None:
    assets = [path for path in (quick_site / "assets").iterdir() if path.suffix in (".js", ".css")]
    assert {path.name.split(".")[0] for path in assets} == {"style", "site", "embed", "plotly-basic"}
    for path in assets:
        assert path.name.split(".")[1] == hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    assert (quick_site / "assets/plotly-LICENSE.txt").read_text().startswith("MIT License")
    for path in [*pages(quick_site), *assets, quick_site / "annotations.jsonld"]:
        data = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data
    assert not list(quick_site.rglob("*.png.gz")) and not list(quick_site.rglob("*.zip.br"))


def test_the_headers_files_set_the_policy_and_the_caching(quick_site: Path) -> None:
    rules: dict[str, list[str]] = {}
    for block in (quick_site / "_headers").read_text().strip().split("\n\n"):
        path, *lines = block.splitlines()
        rules[path] = [line.strip() for line in lines]
    assert "Cache-Control: public, max-age=31536000, immutable" in rules["/assets/*"]
    for path in ("/", "/sources/*", "/es/", "/es/all/*"):
        assert any(line.endswith("frame-ancestors 'self'") for line in rules[path]), path
    for path in ("/charts/*", "/es/charts/*"):
        assert any(line.endswith("frame-ancestors *") for line in rules[path]), path
    for lines in rules.values():  # one value per header per path: a host joins repeated ones
        names = [line.split(":")[0] for line in lines]
        assert len(names) == len(set(names)) and "script-src 'self';" in " ".join(lines)
    nginx = (quick_site / "_nginx.conf").read_text()
    assert "gzip_static on;" in nginx and "immutable" in nginx and "location ~ ^/_ { return 404; }" in nginx


def test_pages_run_no_inline_script(quick_site: Path) -> None:
    for path in pages(quick_site):
        parsed = Parsed(path.read_text())
        scripts = [attributes for tag, attributes in parsed.tags if tag == "script"]
        assert scripts and all(attributes.get("src", "").startswith("/assets/site.") for attributes in scripts)
        handlers = [name for _tag, attributes in parsed.tags for name in attributes if name.startswith("on")]
        assert handlers == [], path
        policy = next(a["content"] for tag, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy")
        assert "script-src 'self';" in policy and "unsafe-eval" not in policy
        assert any(a.get("name") == "description" and a["content"] for tag, a in parsed.tags if tag == "meta")


def test_static_and_live_pages_show_the_same_content(quick_site: Path) -> None:
    live = strings_in(render_page(PackageStore(SHIPPED_DATA), "/"))
    static = " ".join(" ".join(Parsed((quick_site / "index.html").read_text()).text).split())
    # The live page draws a PDF when asked, which the site leaves out; this build leaves out the images too.
    left_out = {"PDF", "PNG image", "SVG image"}
    shown = [text for text in live if text.strip() and text not in left_out]
    assert len(shown) > 100
    for text in shown:
        assert " ".join(text.split()) in static, text


def strings_in(component: Any) -> list[str]:
    """Every text of a Dash component tree, in order."""
    found: list[str] = []
    stack = [component]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, list | tuple):
            stack.extend(reversed(item))
        elif hasattr(item, "to_plotly_json"):
            stack.append(getattr(item, "children", None))
    return found


def test_an_invalid_package_is_refused_and_nothing_written(data_dir: Path, tmp_path: Path) -> None:
    rows = read_rows(data_dir / "figures.csv")
    write_rows(data_dir / "figures.csv", [{**rows[0], "value": "many"}, *rows[1:]])
    out = tmp_path / "site"
    result = run_cli("build", "--data", str(data_dir), "--out", str(out), "--no-images")
    assert result.exit_code == 1
    assert "figures.csv:2:value: 'many' is not a plain number" in result.output
    assert "nothing was written" in result.output and not out.exists()
    out.mkdir()
    (out / "kept.txt").write_text("an older site")
    assert run_cli("build", "--data", str(data_dir), "--out", str(out), "--no-images").exit_code == 1
    assert [path.name for path in out.iterdir()] == ["kept.txt"]


def test_options_are_checked(tmp_path: Path) -> None:
    out = str(tmp_path / "site")
    assert "give languages among en, es" in run_cli("build", "--out", out, "--lang", "en,fr").output
    assert "give the site's whole address" in run_cli("build", "--out", out, "--base-url", "example.org").output


def test_a_rebuild_replaces_the_whole_site(tmp_path: Path) -> None:
    out = built(tmp_path / "site", "--no-images", "--lang", "es")
    (out / "stale.html").write_text("left from an older build")
    built(out, "--no-images", "--lang", "es")
    assert not (out / "stale.html").exists() and not (out / "es").exists()
    assert Parsed((out / "index.html").read_text()).tags[0] == ("html", {"lang": "es"})


def test_a_folder_that_is_not_a_site_is_never_replaced(data_dir: Path, tmp_path: Path) -> None:
    before = snapshot(data_dir)
    for out in (data_dir, data_dir.parent):  # the data, or a folder that holds it
        result = run_cli("build", "--data", str(data_dir), "--out", str(out), "--no-images")
        assert result.exit_code == 1 and f"holds {data_dir}" in result.output, result.output
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "draft.txt").write_text("a reporter's notes")
    result = run_cli("build", "--data", str(data_dir), "--out", str(notes), "--no-images")
    assert result.exit_code == 1 and "not a site built before" in result.output and "Traceback" not in result.output
    assert [path.name for path in notes.iterdir()] == ["draft.txt"]
    assert snapshot(data_dir) == before
    out = built(tmp_path / "empty", "--data", str(data_dir), "--no-images")  # missing or empty: built
    assert (out / "_site").is_file()
    assert str(tmp_path) not in (out / "index.html").read_text()  # the package named by its folder, no local path


def test_the_site_s_script_writes_no_html() -> None:
    script = (ROOT / "dashboard/static/site.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script, sink


def test_a_base_url_names_where_the_site_is_published(tmp_path: Path) -> None:
    out = built(tmp_path / "site", "--no-images", "--base-url", "https://example.org/story/")
    main = (out / "index.html").read_text()
    assert '<link rel="canonical" href="https://example.org/story/">' in main
    assert '<link rel="alternate" hreflang="es" href="https://example.org/story/es/">' in main
    assert 'href="/story/sources/bi-2019-03/"' in main and 'src="/story/assets/site.' in main
    chart = (out / "es/charts/emigration/index.html").read_text()
    assert 'src="https://example.org/story/es/charts/emigration/"' in chart.replace("&#34;", '"')
    assert "https://example.org/story/assets/embed." in chart
    annotations = json.loads((out / "annotations.jsonld").read_text())
    assert annotations["id"] == "https://example.org/story/annotations.jsonld"


def test_text_from_the_data_stays_text(data_dir: Path, tmp_path: Path) -> None:
    hostile = '<script>alert("title")</script><img src=x onerror=alert(1)>'
    rows = read_rows(data_dir / "sources.csv")
    write_rows(data_dir / "sources.csv", [{**rows[0], "title": hostile}, *rows[1:]])
    out = built(tmp_path / "site", "--data", str(data_dir), "--no-images")
    for path in (out / "index.html", out / f"sources/{SOURCE}/index.html"):
        parsed = Parsed(path.read_text())
        assert hostile in " ".join(parsed.text)  # shown, as text
        assert not [a for tag, a in parsed.tags if tag == "img" and a.get("src") == "x"]
        assert len([tag for tag, _a in parsed.tags if tag == "script"]) == 1
    panel = json.loads((out / "data/figures/bi-2019-600.json").read_text())
    assert hostile in panel["panel"]["reports"][0]["source"]  # the script sets it as text (textContent)


def internal_links(root: Path) -> Iterator[tuple[Path, str]]:
    """Every address a page or a quote panel links to or loads, with the page it is on."""
    for path in pages(root):
        for _tag, attributes in Parsed(path.read_text()).tags:
            for name in ("href", "src", "srcset", "data-plot", "data-plotly"):
                if name in attributes:
                    yield path, attributes[name]
    for path in root.rglob("data/figures/*.json"):
        panel = json.loads(path.read_text())["panel"]
        links = [*(link for report in panel["reports"] for link in report["links"]),
                 *(remark["link"] for remark in panel["remarks"])]  # fmt: skip
        for link in links:
            yield root / "index.html", link["href"]


def test_every_internal_link_resolves(site: Path) -> None:
    ids = {path: Parsed(path.read_text()).ids for path in pages(site)}
    checked = 0
    for page, address in internal_links(site):
        if address.startswith(("http://", "https://", "data:", "mailto:")):
            continue
        folder = "/" + str(page.parent.relative_to(site)).strip(".") + "/"
        target = urlsplit(urljoin("http://site" + folder.replace("//", "/"), address))
        path = site / unquote(target.path).lstrip("/")
        file = path / "index.html" if target.path.endswith("/") else path
        assert file.is_file(), f"{page.relative_to(site)} links to {address}: no {file.relative_to(site)}"
        if target.fragment and file.suffix == ".html":
            assert unquote(target.fragment) in ids[file], f"{page.relative_to(site)}: no #{target.fragment}"
        checked += 1
    assert checked > 200
    for name in CHARTS:
        assert (site / f"download/{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"<svg" in (site / f"es/download/{name}.svg").read_bytes()[:500]


# In a real browser, served as any static host would serve it.


@contextmanager
def static_server(root: Path) -> Iterator[str]:
    """``python -m http.server`` over ``root``, on a free loopback port."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(root)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(url + "/", timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the static server did not start"
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with static_server(site) as url:
        yield url


@contextmanager
def tab(browser: Any, size: dict[str, int], base: str) -> Iterator[Any]:
    """A page at ``size`` that records console errors (a refused script or style is one) and every request."""
    context = browser.new_context(viewport=size, bypass_csp=False)
    page = context.new_page()
    page.errors, page.requests = [], []
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("response", lambda answer: answer.status >= 400 and page.errors.append(f"{answer.status} {answer.url}"))
    try:
        yield page
    finally:
        outside = [url for url in page.requests if not url.startswith(base + "/") and not url.startswith("data:")]
        context.close()
        assert outside == [], outside


def draw_every_chart(page: Any, names: list[str]) -> None:
    """Act as a reader does (the pointer moves), then bring each chart into view; each is drawn by plotly.js."""
    assert page.locator(".graph img.still").count() == len(names)  # until then, its still image stands in
    page.mouse.move(5, 5)
    page.mouse.move(20, 20)
    for name in names:
        page.locator(f"#graph-{name}").scroll_into_view_if_needed()
        page.wait_for_selector(f"#graph-{name}.drawn .main-svg", timeout=DRAWN_TIMEOUT_MS)
    assert page.locator(".graph img.still").count() == 0


def click_first_bar(page: Any, chart: str) -> None:
    bar = page.locator(f"#graph-{chart} .bars .point path").first
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def axe_violations(browser: Any, size: dict[str, int], url: str, ready: str) -> str:
    """axe-core's report on a page (injected past the page's policy, as a browser extension would be)."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=size, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(url)
        page.mouse.move(10, 10)
        page.wait_for_selector(ready, timeout=DRAWN_TIMEOUT_MS)
        results = Axe().run(page, options=AXE_RULES)
        return "" if results.violations_count == 0 else results.generate_report()
    finally:
        context.close()


LANGUAGES = {"en": ("", "Headline figures"), "es": ("es/", "Cifras principales")}


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_static_site_in_a_browser(browser: Any, served: str, size: dict[str, int], language: str) -> None:
    folder, headline = LANGUAGES[language]
    home = f"{served}/{folder}"
    with tab(browser, size, served) as page:
        page.goto(home)
        assert page.locator("#section-overview h2").inner_text() == headline
        assert page.evaluate("document.documentElement.lang") == language
        screenshot(page, f"site-{language}-{size['width']}-first", full_page=False)
        draw_every_chart(page, CHARTS)
        click_first_bar(page, "defection-rates")
        page.wait_for_selector("#panel-quote", timeout=DRAWN_TIMEOUT_MS)
        assert "600 military personnel had defected" in page.locator("#panel-quote").inner_text()
        assert "Juan Guaido" in page.locator(".panel-claimant").inner_text()
        source = f"/{folder}sources/{SOURCE}/#figure-bi-2019-600"
        assert page.locator("#panel-source").get_attribute("href") == source
        assert "#:~:text=600%20military" in page.locator("#panel-original").get_attribute("href")
        assert "figure=bi-2019-600" in page.url and "section=defections" in page.url
        assert no_sideways_scroll(page)
        screenshot(page, f"site-{language}-{size['width']}")
        page.go_back()  # to the address before the click: the panel is as the page came
        page.locator("#quote-panel .hint").wait_for(timeout=DRAWN_TIMEOUT_MS)
        assert "figure=" not in page.url and page.locator("#panel-quote").count() == 0
        page.locator("#card-link-bi-2019-3m").click()  # a card's link opens its quote, with no page load
        page.locator("#panel-quote", has_text="3 million").wait_for(timeout=DRAWN_TIMEOUT_MS)
        page.locator("#panel-source").click()
        page.wait_for_selector("#source-text mark", timeout=DRAWN_TIMEOUT_MS)
        assert page.url.endswith(f"/{folder}sources/{SOURCE}/#figure-bi-2019-3m") and no_sideways_scroll(page)
        chart = f"{home}charts/defection-rates/"
        page.goto(chart)
        draw_every_chart(page, ["defection-rates"])
        click_first_bar(page, "defection-rates")
        page.wait_for_selector("#panel-quote", timeout=DRAWN_TIMEOUT_MS)
        assert "600 military personnel had defected" in page.locator("#panel-quote").inner_text()
        assert no_sideways_scroll(page)
        screenshot(page, f"site-chart-{language}-{size['width']}")
        assert page.errors == []
    for url, ready in ((f"{home}?figure=bi-2019-600", "#panel-quote"), (f"{home}sources/{SOURCE}/", "mark"),
                       (f"{home}charts/emigration/", ".graph"), (f"{home}all/claims/", ".card")):  # fmt: skip
        report = axe_violations(browser, size, url, ready)
        assert report == "", f"{url} at {size['width']} px:\n{report}"


@pytest.mark.browser
def test_text_from_the_data_stays_text_in_the_quote_panel(browser: Any, data_dir: Path, tmp_path: Path) -> None:
    hostile = '<img src=x onerror="document.title=1"><b>bold</b>'
    sources = read_rows(data_dir / "sources.csv")
    write_rows(data_dir / "sources.csv", [{**sources[0], "title": hostile, "publisher": hostile}, *sources[1:]])
    figures = read_rows(data_dir / "figures.csv")
    write_rows(data_dir / "figures.csv", [{**row, "note": hostile} for row in figures])
    out = built(tmp_path / "site", "--data", str(data_dir), "--no-images")
    with static_server(out) as url, tab(browser, DESKTOP, url) as page:
        page.goto(f"{url}/?figure=bi-2019-600")
        page.wait_for_selector("#panel-quote", timeout=DRAWN_TIMEOUT_MS)
        panel = page.locator("#quote-panel")
        assert hostile in panel.inner_text()  # shown as the data says it
        assert panel.locator("img, b").count() == 0 and page.locator("img[src=x]").count() == 0
        assert page.title() != "1"
        assert page.errors == []


HOST = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A fictional article</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
</head><body style="margin:0">
<p>A fictional newspaper's article, with the chart in it.</p>
<div style="width:{width}px">{embed}</div><p>The article goes on.</p></body></html>"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1200])
def test_an_embedded_chart_draws_and_fits(browser: Any, site: Path, served: str, width: int) -> None:
    page_html = (site / "charts/defection-rates/index.html").read_text()
    code = re.search(r"<textarea[^>]*>(.*?)</textarea>", page_html, re.S)
    assert code is not None
    snippet = html.unescape(code.group(1)).replace('src="/', f'src="{served}/')  # as the page's script shows it
    (site / f"host-{width}.html").write_text(HOST.format(width=width, embed=snippet))
    with tab(browser, {"width": max(width + 40, 360), "height": 900}, served) as page:
        page.goto(f"{served}/host-{width}.html")
        frame_element = page.locator("iframe[data-venezuela-figures]")
        page.wait_for_function("document.querySelector('iframe').style.height !== '640px'")
        box = frame_element.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + 20, box["y"] + 200)
        frame = page.frame_locator("iframe[data-venezuela-figures]")
        frame.locator("#graph-defection-rates.drawn .main-svg").first.wait_for(timeout=DRAWN_TIMEOUT_MS)
        inner = frame_element.element_handle().content_frame()
        deadline = time.monotonic() + DRAWN_TIMEOUT_MS / 1000
        while True:  # the host page fits the iframe to the height its page reports, once drawn
            outer = frame_element.bounding_box()["height"]
            content = inner.evaluate("document.documentElement.getBoundingClientRect().height")
            if abs(outer - content) <= 2:
                break
            assert time.monotonic() < deadline, (outer, content)
            page.wait_for_timeout(100)
        assert inner.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        assert inner.evaluate("document.documentElement.classList.contains('embedded')")
        assert frame.locator("details.embed").is_hidden()  # the embed code is for the chart's own page
        screenshot(page, f"site-embed-{width}")
        assert page.errors == []
