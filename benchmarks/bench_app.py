"""Dashboard speed beside a bare Dash app with one graph: start-up to the first 200, time to draw, bytes sent."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.common import Result, table
from dashboard.paths import SHIPPED_DATA
from tests.browser import CHROMIUM_ARGS, DESKTOP, chromium_path_or_none, free_port

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 5
TARGET_START = "<= 1.3"
TARGET_DRAW = "<= 2"
TARGET_BYTES_MB = "<= 2.5"  # the first view, compressed: many readers are on slow mobile connections
TARGET_SPANISH = "<= 1.1"  # no slower than English: medians of interleaved rounds, within a tenth for noise
DASHBOARD_CHARTS = 4
POLL_S = 0.02
TIMEOUT_S = 60

COMMANDS = {
    "dashboard": [sys.executable, "-m", "dashboard", "serve", "--data", str(SHIPPED_DATA), "--port"],
    "bare": [sys.executable, "-m", "benchmarks.bare_app"],
}
COMMANDS["dashboard_es"] = COMMANDS["dashboard"]  # the same server, its page asked for in Spanish
KINDS = (("bare", 1, ""), ("dashboard", DASHBOARD_CHARTS, ""), ("dashboard_es", DASHBOARD_CHARTS, "?lang=es"))


@contextmanager
def started(kind: str) -> Iterator[tuple[str, float]]:
    """Start one server process; yield its address and the seconds from spawn to the first 200 on /."""
    port = free_port()
    begin = time.perf_counter()
    process = subprocess.Popen(
        [*COMMANDS[kind], str(port)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.perf_counter() - begin > TIMEOUT_S:
                    raise RuntimeError(f"{kind} did not start") from None
                time.sleep(POLL_S)
        yield url, time.perf_counter() - begin
    finally:
        process.terminate()
        process.wait(timeout=10)


def draw_time(browser: object, url: str, charts: int) -> tuple[float, int]:
    """Milliseconds from navigation to every chart drawn, and the bytes the page transferred. The reader points at
    the page as soon as it is there (the dashboard loads Dash's scripts then) and scrolls to each chart in turn (the
    dashboard draws each as it comes near)."""
    context = browser.new_context(viewport=DESKTOP)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded")  # the page's own script has run: it hears the pointer
    page.mouse.move(3, 3)
    # locators, not wait_for_function: the page's Content-Security-Policy forbids evaluating strings
    boxes = page.locator(".graph-box")
    for index in range(charts if charts > 1 else 0):
        boxes.nth(index).scroll_into_view_if_needed()
        boxes.nth(index).locator(".main-svg").first.wait_for(timeout=TIMEOUT_S * 1000)
    page.locator(".js-plotly-plot .main-svg").nth(charts - 1).wait_for(timeout=TIMEOUT_S * 1000)
    elapsed = page.evaluate("performance.now()")
    transferred = page.evaluate(
        "performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
        ".reduce((sum, entry) => sum + (entry.transferSize || entry.encodedBodySize || 0), 0)"
    )
    context.close()
    return float(elapsed), int(transferred)


def run() -> list[Result]:
    starts: dict[str, list[float]] = {kind: [] for kind, _charts, _query in KINDS}
    draws: dict[str, list[float]] = {kind: [] for kind, _charts, _query in KINDS}
    sizes: dict[str, int] = {}
    executable = chromium_path_or_none()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = (
            playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
            if executable
            else None
        )
        for _round in range(ROUNDS):
            for kind, charts, query in KINDS:  # each on a fresh server: every page is the first it draws
                with started(kind) as (url, seconds):
                    starts[kind].append(seconds)
                    if browser is not None:
                        elapsed, sizes[kind] = draw_time(browser, url + query, charts)
                        draws[kind].append(elapsed)
        if browser is not None:
            browser.close()
    start = {kind: statistics.median(values) for kind, values in starts.items()}
    print(
        f"app start to first 200 (median of {ROUNDS}): dashboard {start['dashboard']:.2f} s, bare {start['bare']:.2f} s"
    )
    results = [Result("app start to first 200 ÷ bare Dash app", start["dashboard"] / start["bare"], TARGET_START)]
    if browser is not None:
        draw = {kind: statistics.median(values) for kind, values in draws.items()}
        print(
            f"browser time to every chart drawn: dashboard {draw['dashboard']:.0f} ms ({DASHBOARD_CHARTS} charts), "
            f"bare {draw['bare']:.0f} ms (1 chart); bytes transferred: dashboard {sizes['dashboard']:,}, "
            f"bare {sizes['bare']:,}"
        )
        results.append(
            Result("browser time to all charts drawn ÷ bare Dash app", draw["dashboard"] / draw["bare"], TARGET_DRAW)
        )
        print(
            f"the page in Spanish: {draw['dashboard_es']:.0f} ms to every chart drawn (English {draw['dashboard']:.0f})"
        )
        results.append(
            Result("page in Spanish ÷ in English, time to all charts drawn", draw["dashboard_es"] / draw["dashboard"],
                   TARGET_SPANISH)
        )  # fmt: skip
        results.append(Result("first view's bytes transferred, dashboard", sizes["dashboard"] / 1e6, TARGET_BYTES_MB,
                              " MB"))  # fmt: skip
        results.append(Result("first view's bytes transferred, bare Dash app", sizes["bare"] / 1e6, "", " MB"))
    else:
        print("no Chromium found: browser timings skipped (install Debian's chromium)")
    return results


if __name__ == "__main__":
    print(table(run()))
