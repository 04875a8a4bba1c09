"""Update speed: one `add` into a 100,000-row package against `validate` of the same package, and `extract`
throughput on a 1 MB text."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from benchmarks.common import Result, best_of
from benchmarks.synthetic import make_package
from dashboard.extract import candidates
from dashboard.loader import read_package
from dashboard.update import add_figure
from dashboard.validation import validate

ROWS = 100_000
REPEATS = 3
TEXT_BYTES = 1_000_000
TARGET_ADD = "<= 1.5"
TARGET_EXTRACT = ">= 1"


def _news_text(size: int) -> str:
    """About ``size`` bytes of news-like prose with figures, dates, times and ages among the numbers."""
    from benchmarks.synthetic import _number, _sentence

    rng = random.Random(7)
    parts: list[str] = []
    length = 0
    while length < size:
        unit = "percent" if rng.random() < 0.2 else "people"
        sentence = _sentence(rng, unit, _number(rng, unit)[0])
        extra = rng.choice(
            ["", " On February 23, 2019, at 10:30 a.m., a 34-year-old sergeant spoke.", " Since 2014 the guard shrank."]
        )
        parts.append(sentence + extra)
        length += len(sentence) + len(extra) + 1
    return " ".join(parts)


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_package(Path(tmp) / "large", ROWS)
        row = {"dataset": "defections", "measure": "people counted", "unit": "people", "qualifier": "exact",
               "period_start": "2019-01", "period_end": "2019-03-01", "claimant": "the migration agency"}  # fmt: skip
        figures = read_package(folder).tables["figures"].frame
        sample = figures.iloc[0]
        row.update(source_id=sample["source_id"], quote=sample["quote"], value=sample["value"], unit=sample["unit"])
        counter = iter(range(1_000_000))

        def add() -> None:
            add_figure(folder, str(folder), dict(row, figure_id=f"bench-{next(counter)}"))

        def check() -> None:
            assert validate(read_package(folder)) == []

        times = best_of({"validate": check, "add": add}, REPEATS)
    text = _news_text(TEXT_BYTES)
    size = len(text.encode("utf-8"))
    begin = time.perf_counter()
    found = candidates(text)
    extract_s = time.perf_counter() - begin
    throughput = size / 1e6 / extract_s
    print(
        f"update: validate {ROWS:,} rows {times['validate'] * 1000:.0f} ms, add one figure "
        f"{times['add'] * 1000:.0f} ms; extract {size / 1e6:.2f} MB in {extract_s:.2f} s ({len(found):,} candidates)"
    )
    return [
        Result("add one figure ÷ validate (100k rows)", times["add"] / times["validate"], TARGET_ADD),
        Result("extract throughput on 1 MB of news text", throughput, TARGET_EXTRACT, " MB/s"),
    ]


if __name__ == "__main__":
    from benchmarks.common import table

    print(table(run()))
