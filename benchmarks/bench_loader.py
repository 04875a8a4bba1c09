"""Loader speed: load+validate against frictionless's own validation of the same package, 100k rows against 10k
rows, and `python -m dashboard validate` at 10k rows from the shell, start-up included."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from frictionless import Package

from benchmarks.common import Result, best_of, table
from benchmarks.synthetic import make_package
from dashboard.loader import read_package
from dashboard.validation import validate

ROOT = Path(__file__).resolve().parents[1]
SMALL, LARGE = 10_000, 100_000
REPEATS = 3
COMMAND_REPEATS = 5  # a whole process is short and noisy: its best of more runs
TARGET_VS_FRICTIONLESS = "<= 1"
TARGET_LINEAR = "<= 12"
TARGET_COMMAND_S = "<= 1"


def load_and_validate(folder: Path) -> None:
    problems = validate(read_package(folder))
    assert not problems, problems[:3]


def frictionless_validate(folder: Path) -> None:
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "message"])[:3]


def command(folder: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "dashboard", "validate", "--data", str(folder)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
        stdout=subprocess.DEVNULL,
    )


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        small = make_package(Path(tmp) / "small", SMALL)
        command_time = best_of({"command_small": lambda: command(small)}, COMMAND_REPEATS)  # before the big loads
        large = make_package(Path(tmp) / "large", LARGE)
        times = best_of(
            {
                "frictionless_large": lambda: frictionless_validate(large),
                "load_large": lambda: load_and_validate(large),
                "load_small": lambda: load_and_validate(small),
            },
            REPEATS,
        )
        times.update(command_time)
    print(
        f"loader: frictionless Package.validate() of {LARGE:,} rows {times['frictionless_large']:.2f} s; "
        f"load+validate {LARGE:,} rows {times['load_large']:.2f} s, {SMALL:,} rows {times['load_small']:.2f} s; "
        f"`python -m dashboard validate` of {SMALL:,} rows {times['command_small']:.2f} s (best of {REPEATS}, the "
        f"command best of {COMMAND_REPEATS})"
    )
    return [
        Result(
            "load+validate ÷ frictionless validate (100k rows)",
            times["load_large"] / times["frictionless_large"],
            TARGET_VS_FRICTIONLESS,
        ),
        Result("load+validate 100k ÷ 10k", times["load_large"] / times["load_small"], TARGET_LINEAR),
        Result("`python -m dashboard validate`, 10k rows", times["command_small"], TARGET_COMMAND_S, " s"),
    ]


if __name__ == "__main__":
    print(table(run()))
