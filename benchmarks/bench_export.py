"""Export speed: the whole `python -m dashboard export` process for every chart in png, svg and pdf, against a loop of
`fig.write_image(path)` per file over the same figures."""

from __future__ import annotations

import os
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
ROUNDS = 2
TARGET = ">= 4"


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
    tables = tidy(load_package(SHIPPED_DATA))
    figures = {
        chart.name: export_figure(chart, tables, charts.WIDTH, charts.HEIGHT, date.today())
        for chart in charts.available(tables)
    }
    begin = time.perf_counter()
    for name, figure in figures.items():
        for fmt in FORMATS:
            figure.write_image(out / f"{name}.{fmt}")
    return time.perf_counter() - begin


def run() -> list[Result]:
    batch, loop = [], []
    with tempfile.TemporaryDirectory() as folder:
        for round_number in range(ROUNDS):
            batch.append(cli_batch(Path(folder) / f"cli-{round_number}"))
            (Path(folder) / f"loop-{round_number}").mkdir()
            loop.append(per_file_loop(Path(folder) / f"loop-{round_number}"))
    files = len(FORMATS) * len(charts.available(tidy(load_package(SHIPPED_DATA))))
    print(
        f"export of {files} files: `python -m dashboard export` (whole process) {min(batch):.2f} s; "
        f"fig.write_image per file {min(loop):.2f} s (best of {ROUNDS})"
    )
    return [
        Result("export all charts × png,svg,pdf: write_image loop ÷ export command", min(loop) / min(batch), TARGET)
    ]


if __name__ == "__main__":
    print(table(run()))
