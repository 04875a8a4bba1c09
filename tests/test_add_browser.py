"""The "Add an article" page in a real Chromium, at 1280 and 390 px: a saved page (fictional, in a news site's
boilerplate) uploaded, two candidates kept and one field corrected, added; the figures on the dashboard and their
quotes in the stored text; a wrong row refused beside its field with no file changed; a POST from another site
refused; no axe violation; screenshots of each step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import DESKTOP, PHONE, screenshot, serve
from tests.conftest import read_rows
from tests.test_browser import AXE_RULES
from tests.test_update import snapshot

ARTICLE = (
    "More than 1,200 soldiers of the imaginary Coastal Guard left their posts between January and March 2024, the "
    "Harbor Watch Institute said in a report that no real body has published.",
    "About 15% of the Coastal Guard had deserted by March 2024, the Harbor Watch Institute said, a share it called "
    "the highest in a decade of its invented records.",
    "Officials in the fictional capital of Portmarra disputed the count and said only 640 guards had been dismissed "
    "for missing duty in March 2024, the ministry said.",
)
BOILERPLATE = ("We use cookies", "Accept all", "Sport", "Related stories", "Storm closes 40 harbors", "trackEverything",
               "All rights reserved")  # fmt: skip
SAVED_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Coastal Guard desertions climb, says monitor | The Harbor Ledger</title>
<meta property="og:site_name" content="The Harbor Ledger">
<meta property="og:title" content="Coastal Guard desertions climb, says monitor">
<link rel="canonical" href="https://ledger.example/2024/04/coastal-guard-desertions">
<meta property="article:published_time" content="2024-04-12T08:00:00Z">
<script>window.trackEverything = function () { return "pixel 9999"; };</script>
</head><body>
<div class="cookie-banner"><p>We use cookies to improve your visit.</p><button>Accept all</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
</ul></nav></header>
<main><article><h1>Coastal Guard desertions climb, says monitor</h1>{paragraphs}</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Storm closes 40 harbors</a></li></ul></aside></main>
<footer><p>© 2024 The Harbor Ledger. All rights reserved.</p></footer>
<script src="/ads.js"></script></body></html>"""
READY_MS = 30_000


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    import shutil

    from dashboard.paths import SHIPPED_DATA

    folder = tmp_path_factory.mktemp("adding") / "data"
    shutil.copytree(SHIPPED_DATA, folder)
    with serve(folder) as url:
        yield url, folder


@pytest.fixture
def saved_page(tmp_path: Path) -> Path:
    path = tmp_path / "coastal-guard.html"
    path.write_text(SAVED_PAGE.replace("{paragraphs}", "".join(f"<p>{text}</p>" for text in ARTICLE)), encoding="utf-8")
    return path


def no_violations(page: Any, where: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_RULES)
    assert results.violations_count == 0, f"{where}:\n" + results.generate_report()


def uploaded(page: Any, url: str, saved_page: Path, width: int) -> None:
    page.goto(url + "/add")
    no_violations(page, f"the upload form at {width} px")
    screenshot(page, f"add-upload-{width}")
    page.set_input_files("#file", str(saved_page))
    page.click("#read")
    page.wait_for_selector("#review", timeout=READY_MS)


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280", "390"])
def test_add_an_article_from_a_saved_page(browser: Any, served: tuple[str, Path], saved_page: Path,
                                          size: dict[str, int]) -> None:  # fmt: skip
    url, folder = served
    width = size["width"]
    context = browser.new_context(viewport=size, bypass_csp=True)  # bypass only to inject axe-core
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        uploaded(page, url, saved_page, width)
        source_id = f"harbor-ledger-{width}"
        page.fill("#source-source_id", source_id)
        assert page.input_value("#source-title") == "Coastal Guard desertions climb, says monitor"
        assert page.input_value("#source-publisher") == "The Harbor Ledger"
        assert page.input_value("#source-published") == "2024-04-12"
        assert page.input_value("#source-language") == "en"
        article = page.inner_text("#article")
        assert all(text in article for text in ARTICLE) and not [w for w in BOILERPLATE if w in article]
        assert page.locator("#article mark").all_inner_texts() == ["1,200", "15%", "640"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        no_violations(page, f"the review form at {width} px")

        # A wrong row: nothing is written, and its problem stands beside its field.
        before = snapshot(folder)
        page.check("#row-2-keep")
        page.fill("#row-2-value", "650")
        page.click("#add")
        page.wait_for_selector("#problems", timeout=READY_MS)
        assert "does not state 650" in page.inner_text("#row-2-value-problems")
        assert page.locator(".field-problems").count() == 1
        assert snapshot(folder) == before
        no_violations(page, f"the refused form at {width} px")
        screenshot(page, f"add-refused-{width}")

        # Two candidates kept, one field corrected: added, and each figure one click from the dashboard.
        page.uncheck("#row-2-keep")
        page.check("#row-0-keep")
        page.check("#row-1-keep")
        page.fill("#row-0-measure", "soldiers who left their posts")
        screenshot(page, f"add-review-{width}")
        page.click("#add")
        page.wait_for_selector("#added", timeout=READY_MS)
        no_violations(page, f"the added page at {width} px")
        screenshot(page, f"add-added-{width}")
        added = [row for row in read_rows(folder / "figures.csv") if row["source_id"] == source_id]
        assert [(row["value"], row["measure"]) for row in added] == [("1200", "soldiers who left their posts"),
                                                                      ("15", "of the Coastal Guard")]  # fmt: skip
        text = (folder / "sources" / f"{source_id}.txt").read_text(encoding="utf-8")
        assert all(row["quote"] in text for row in added)
        page.click(f"#added-{added[0]['figure_id']}")
        page.wait_for_selector(f"#quote-panel :text('{ARTICLE[0][:40]}')", timeout=READY_MS)
        screenshot(page, f"add-on-dashboard-{width}", full_page=False)
        assert errors == []
    finally:
        context.close()


def test_a_post_from_another_site_is_refused(browser: Any, served: tuple[str, Path]) -> None:
    """A page elsewhere that sends the form to the dashboard (as a hostile site would) gets 403, and nothing is
    written."""
    url, folder = served
    before = snapshot(folder)
    context = browser.new_context()
    page = context.new_page()
    hostile = (f'<form method="post" action="{url}/add"><input name="step" value="read">'
               '<input name="pasted" value="More than 900 soldiers left, a fictional count said."><button id="send">'
               "Send</button></form>")  # fmt: skip
    page.route("http://elsewhere.test/", lambda route: route.fulfill(body=hostile, content_type="text/html"))
    try:
        page.goto("http://elsewhere.test/")
        with page.expect_response(f"{url}/add") as answer:
            page.click("#send")
        assert answer.value.status == 403
        assert "own page" in page.inner_text("body")
        assert snapshot(folder) == before
    finally:
        context.close()


def test_the_page_in_spanish_passes_axe(browser: Any, served: tuple[str, Path]) -> None:
    url, _folder = served
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(url + "/add?lang=es")
        assert page.evaluate("document.documentElement.lang") == "es"
        assert page.inner_text("h1") == "Añadir un artículo"
        no_violations(page, "the upload form in Spanish")
    finally:
        context.close()
