"""Export speed and steadiness: the whole `python -m dashboard export` process for every chart in png, svg and pdf,
five times, against a loop of `fig.write_image(path)` per file over the same figures, run between them."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.common import Result, table
from dashboard import charts
from dashboard.images import FORMATS, export_figure
from dashboard.loader import load_package
from dashboard.paths import SHIPPED_DATA
from dashboard.tables import tidy

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5  # export commands, for min, median and max
BASELINE_RUNS = 2  # write_image loops (each starts a browser per file: slow), run between the first exports
STEADY = "<= 1.3"  # max ÷ min: no run stalls
FASTER = ">= 4"  # median write_image loop ÷ median export command


def cli_batch(out: Path) -> float:
    begin = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "dashboard", "export", "--out", str(out), "--format", ",".join(FORMATS)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - begin


def per_file_loop(out: Path) -> float:
    """plotly's own way, one ``write_image`` per file, with MathJax off so that the network plays no part."""
    import plotly.io as pio

    pio.defaults.mathjax = None
    begin = time.perf_counter()
    tables = tidy(load_package(SHIPPED_DATA))
    for chart in charts.available(tables):
        figure = export_figure(chart, tables, charts.WIDTH, charts.HEIGHT, date.today())
        for fmt in FORMATS:
            figure.write_image(out / f"{chart.name}.{fmt}")
    return time.perf_counter() - begin


def run() -> list[Result]:
    batch, loop = [], []
    with tempfile.TemporaryDirectory() as folder:
        for number in range(RUNS):
            batch.append(cli_batch(Path(folder) / f"cli-{number}"))
            if number < BASELINE_RUNS:
                (Path(folder) / f"loop-{number}").mkdir()
                loop.append(per_file_loop(Path(folder) / f"loop-{number}"))
    files = len(FORMATS) * len(charts.available(tidy(load_package(SHIPPED_DATA))))
    print(
        f"export of {files} files, `python -m dashboard export` (whole process), {RUNS} runs: "
        f"min {min(batch):.2f} s, median {statistics.median(batch):.2f} s, max {max(batch):.2f} s; "
        f"fig.write_image per file: median {statistics.median(loop):.2f} s of {BASELINE_RUNS}"
    )
    return [
        Result("export command, 5 runs: max ÷ min", max(batch) / min(batch), STEADY),
        Result(
            "export all charts × png,svg,pdf: write_image loop ÷ export command (medians)",
            statistics.median(loop) / statistics.median(batch),
            FASTER,
        ),
    ]


if __name__ == "__main__":
    print(table(run()))
