"""Lighthouse 12.2.3 from npm, as readers' phones see a page: its mobile default (simulated slow 4G, 4× CPU
slowdown), in Debian's Chromium, the median of several runs interleaved across the pages measured."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from benchmarks.common import ROOT

VERSION = "12.2.3"
FOLDER = ROOT / "benchmarks" / "out" / "lighthouse"  # npm installs it here (benchmarks/out is not kept in git)
CHROME = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {  # audit: the name printed
    "largest-contentful-paint": "largest paint ms",
    "total-blocking-time": "blocking ms",
    "cumulative-layout-shift": "layout shift",
    "interactive": "interactive ms",
    "total-byte-weight": "bytes",
}
RUN_TIMEOUT_S = 180
ATTEMPTS = 3


def command() -> Path:
    """Lighthouse's command, installed at its pinned version with npm the first time."""
    binary = FOLDER / "node_modules" / ".bin" / "lighthouse"
    installed = FOLDER / "node_modules" / "lighthouse" / "package.json"
    if not installed.exists() or json.loads(installed.read_text())["version"] != VERSION:
        if shutil.which("npm") is None:
            raise RuntimeError("Lighthouse needs Node.js and npm (Debian: apt-get install nodejs npm)")
        FOLDER.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", str(FOLDER), "-E", f"lighthouse@{VERSION}"],
                       check=True, timeout=600)  # fmt: skip
    return binary


def once(url: str) -> dict[str, float]:
    """One Lighthouse run: each category's score (0–100) and the metrics named in ``METRICS``."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        for attempt in range(ATTEMPTS):  # Chromium now and then fails to start on a loaded machine
            ran = subprocess.run(
                [str(command()), url, "--quiet", "--output=json", f"--output-path={report}",
                 f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
                timeout=RUN_TIMEOUT_S, env={**os.environ, "CHROME_PATH": CHROME}, capture_output=True, text=True,
            )  # fmt: skip
            if ran.returncode == 0:
                break
            print(f"  Lighthouse failed on {url} (attempt {attempt + 1}): {ran.stderr.strip()[-400:]}")
        else:
            raise RuntimeError(f"Lighthouse failed {ATTEMPTS} times on {url}")
        result = json.loads(report.read_text())
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    metrics = {label: float(result["audits"][audit]["numericValue"]) for audit, label in METRICS.items()}
    failing = [audit_id for category in CATEGORIES for audit_id in _failing(result, category)]
    if failing:
        print(f"  {url}: failing audits {', '.join(sorted(set(failing)))}")
    return {**scores, **metrics}


def _failing(result: dict, category: str) -> list[str]:
    """The audits of ``category`` that lost it points."""
    audits = result["audits"]
    return [ref["id"] for ref in result["categories"][category]["auditRefs"]
            if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
            and category != "performance"]  # fmt: skip


def medians(urls: dict[str, str], runs: int) -> dict[str, dict[str, float]]:
    """For each named page, the median of ``runs`` Lighthouse runs of every figure; the runs are interleaved, so
    that the machine's noise falls on every page alike."""
    measured: dict[str, list[dict[str, float]]] = {name: [] for name in urls}
    for _ in range(runs):
        for name, url in urls.items():
            measured[name].append(once(url))
    return {
        name: {key: statistics.median(run[key] for run in runs_of) for key in runs_of[0]}
        for name, runs_of in measured.items()
    }


def lines(scores: dict[str, dict[str, float]]) -> list[str]:
    """Each page's medians as a line: its name, then every figure (scores and milliseconds whole, the shift to
    three decimals)."""
    return [f"{name}: " + ", ".join(f"{key} {value:,.0f}" if value > 1 else f"{key} {value:.3f}"
                                    for key, value in figures.items())
            for name, figures in scores.items()]  # fmt: skip
