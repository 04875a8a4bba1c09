"""Loader speed: load+validate against pandas.read_csv of the same file, and 100k rows against 10k rows."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

from benchmarks.common import Result, best_of, table
from benchmarks.synthetic import make_package
from dashboard.loader import read_package
from dashboard.validation import validate

SMALL, LARGE = 10_000, 100_000
REPEATS = 5
TARGET_VS_READ_CSV = "<= 3"
TARGET_LINEAR = "<= 12"


def load_and_validate(folder: Path) -> None:
    problems = validate(read_package(folder))
    assert not problems, problems[:3]


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        small = make_package(Path(tmp) / "small", SMALL)
        large = make_package(Path(tmp) / "large", LARGE)
        times = best_of(
            {
                "read_csv_large": lambda: pd.read_csv(large / "figures.csv"),
                "load_large": lambda: load_and_validate(large),
                "load_small": lambda: load_and_validate(small),
            },
            REPEATS,
        )
    print(
        f"loader: read_csv {LARGE:,} rows {times['read_csv_large'] * 1000:.0f} ms; load+validate "
        f"{LARGE:,} rows {times['load_large'] * 1000:.0f} ms, {SMALL:,} rows {times['load_small'] * 1000:.0f} ms"
    )
    return [
        Result(
            "load+validate ÷ read_csv (100k rows)", times["load_large"] / times["read_csv_large"], TARGET_VS_READ_CSV
        ),
        Result("load+validate 100k ÷ 10k", times["load_large"] / times["load_small"], TARGET_LINEAR),
    ]


if __name__ == "__main__":
    print(table(run()))
