"""The live dashboard as readers' phones get it (`serve --workers 2`, shipped data), beside a bare Dash app with
one graph and beside the live page as it was before it was made lighter (commit BASELINE, checked out from this
repository's history into a temporary folder), in the same run: Lighthouse 12.2.3 at its mobile default, median of
5; the bytes of a first view; and first views per second on 2 cores: every request a page makes by itself (the
server's first view and the charts' still images; at BASELINE, the page, its layout, Dash's scripts, its callbacks
and plotly.js), and whole views, with what comes once the reader acts and scrolls to every chart."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks import lighthouse
from benchmarks.bench_site import KB, RUNS, WORKERS, recorded, views_per_second
from benchmarks.common import ROOT, Result, running, table
from tests.browser import free_port

BASELINE = "3a210e6"  # the live page before: full plotly.js compressed per request, tall headline cards
BARE_APP = ROOT / "benchmarks" / "bare_app.py"
TARGETS = {  # Lighthouse figure: target
    "performance": ">= 90", "accessibility": ">= 100", "best-practices": ">= 100", "seo": ">= 100",
    "largest paint ms": "<= 2500", "blocking ms": "<= 300", "layout shift": "<= 0.02",
}  # fmt: skip
FIRST_VIEW_KB = 800
SPEEDUP = 10  # first views per second, against the baseline


@contextmanager
def checkout(commit: str) -> Iterator[Path]:
    """The project at ``commit``, in a temporary git worktree (removed afterwards)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "baseline"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder), commit], check=True,
                       capture_output=True)  # fmt: skip
        try:
            yield folder
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)], check=False)


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """The dashboard of the checkout in ``folder`` on the shipped data, as `serve --workers 2` runs it."""
    port = free_port()
    with running(["-m", "dashboard", "serve", "--workers", str(WORKERS), "--port", str(port)], port, folder=folder):
        yield f"http://127.0.0.1:{port}"


@contextmanager
def bare() -> Iterator[str]:
    port = free_port()
    with running([str(BARE_APP), str(port)], port):
        yield f"http://127.0.0.1:{port}"


def run() -> list[Result]:
    with checkout(BASELINE) as before, served(ROOT) as now, served(before) as then, bare() as plain:
        pages = {"live page": f"{now}/", f"live page at {BASELINE}": f"{then}/", "bare Dash app": f"{plain}/"}
        scores = lighthouse.medians(pages, RUNS)
        views = {name: recorded(url, name != "bare Dash app") for name, url in list(pages.items())[:2]}
        # first views: what a page loads by itself; whole views: and what comes once the reader acts and scrolls
        rates = {name: views_per_second(url.rstrip("/"), views[name][3]) for name, url in list(pages.items())[:2]}
        whole = {name: views_per_second(url.rstrip("/"), views[name][0]) for name, url in list(pages.items())[:2]}
    print(f"Lighthouse {lighthouse.VERSION}, mobile default, median of {RUNS}")
    for line in lighthouse.lines(scores):
        print(f"  {line}")
    for name, (fetches, first, drawn, alone) in views.items():
        print(f"  {name}: {len(alone)} requests and {first / KB:,.0f} KB before the reader acts, {len(fetches)} "
              f"requests and {drawn / KB:,.0f} KB with every chart drawn; {rates[name][0]:,.1f} first views/s "
              f"({rates[name][1]} errors), {whole[name][0]:,.1f} whole views/s ({whole[name][1]} errors)")  # fmt: skip
    live, old = scores["live page"], f"live page at {BASELINE}"
    results = [Result(f"live page: Lighthouse {name}", live[name], target, "") for name, target in TARGETS.items()]
    return [
        *results,
        Result("live page: bare Dash app's Lighthouse performance", scores["bare Dash app"]["performance"], "", ""),
        Result("live page: first view (Lighthouse), KB", live["bytes"] / KB, f"<= {FIRST_VIEW_KB}", ""),
        Result(f"live page: first views/s ÷ at {BASELINE}", rates["live page"][0] / rates[old][0], f">= {SPEEDUP}"),
        Result(f"live page: whole views/s ÷ at {BASELINE}", whole["live page"][0] / whole[old][0], ""),
        Result("live page: errors under load", rates["live page"][1] + whole["live page"][1], "<= 0", ""),
    ]


if __name__ == "__main__":
    print(table(run()))
