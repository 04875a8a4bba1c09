"""Hostile input: each input doubled, and the time ratio printed (linear work gives 2; the bound is 2.5): `extract`
on a run of letters and digits and on a sentence of thousands of numbers, validation of many quotes over a text of
repeated words and of a text of megabytes, and the page of that text; and validation's memory against the text."""

from __future__ import annotations

import shutil
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import Result, table
from dashboard.app import render_page
from dashboard.extract import candidates
from dashboard.loader import read_package
from dashboard.paths import SHIPPED_DATA
from dashboard.store import PackageStore
from dashboard.validation import validate
from tests.conftest import read_rows, write_rows

TARGET_DOUBLE = "<= 2.5"
TARGET_MEMORY = "<= 6"  # peak memory of reading and validating, as a multiple of the long text's size
REPEATS = 3
WORD_RUN_CHARS = 30_000
NUMBERS = 4_000
QUOTES = 500
REPEATED_WORDS = 20_000
TEXT_BYTES = 5_000_000
FILLER = "A fictional line of filler about the border crossing, repeated. "


def _best(function: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def _word_run(scale: int) -> str:
    run = "".join("Ab1" for _ in range(WORD_RUN_CHARS * scale // 3))
    return f"Officials said 600 soldiers left {run} on Monday."


def _many_numbers(scale: int) -> str:
    return "Officials said " + ", ".join(f"{n} soldiers crossed" for n in range(1, NUMBERS * scale)) + "."


def _package(folder: Path, text: str, quotes: list[str]) -> Path:
    """The shipped package with ``text`` as its source's text and one figure per quote (each stating 600)."""
    shutil.copytree(SHIPPED_DATA, folder)
    (folder / "sources" / "bi-2019-03.txt").write_text(text, encoding="utf-8")
    rows = read_rows(folder / "figures.csv")
    rows = [dict(rows[0], figure_id=f"q-{n}", quote=quote) for n, quote in enumerate(quotes)]
    write_rows(folder / "figures.csv", rows)
    remarks = read_rows(folder / "remarks.csv")
    write_rows(folder / "remarks.csv", [dict(remarks[0], quote=quotes[0])])
    return folder


def _repeated_words(folder: Path, quotes: int, words: int) -> Path:
    sentence = "600 military personnel had defected"
    text = "defected " * words + sentence + " " + "defected " * words
    # Each quote stands in the text, and each is a run of the repeated word that matches almost everywhere.
    near_misses = ["defected " * (1 + n % 200) + sentence + " defected" * (n // 200) for n in range(quotes)]
    return _package(folder, text, near_misses)


def _long_text(folder: Path, size: int) -> Path:
    sentence = "600 military personnel had defected in the week."
    half = FILLER * (size // len(FILLER) // 2)
    return _package(folder, f"{half}{sentence} {half}", [sentence])


def _doubled(name: str, make: Callable[[int], Callable[[], object]]) -> tuple[Result, str]:
    once, twice = _best(make(1)), _best(make(2))
    line = f"{name} {once:.3f} s → {twice:.3f} s"
    return Result(f"hostile: {name}, 2× input ÷ 1×", twice / once, TARGET_DOUBLE), line


def run() -> list[Result]:
    results, lines = [], []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        made: dict[str, Path] = {}

        def folder(key: str, build: Callable[[Path], Path]) -> Path:
            if key not in made:
                made[key] = build(root / key)
            return made[key]

        cases: dict[str, Callable[[int], Callable[[], object]]] = {
            "extract, a run of letters and digits": lambda k: lambda: candidates(_word_run(k)),
            "extract, one sentence of thousands of numbers": lambda k: lambda: candidates(_many_numbers(k)),
            "validate, quotes over repeated words": lambda k: lambda: validate(
                read_package(folder(f"q{k}", lambda f: _repeated_words(f, QUOTES * k, REPEATED_WORDS)))
            ),
            "validate, a text of repeated words": lambda k: lambda: validate(
                read_package(folder(f"w{k}", lambda f: _repeated_words(f, QUOTES, REPEATED_WORDS * k)))
            ),
            "validate, a text of megabytes": lambda k: lambda: validate(
                read_package(folder(f"t{k}", lambda f: _long_text(f, TEXT_BYTES * k)))
            ),
            "the page of a text of megabytes": lambda k: lambda: render_page(
                _store(folder(f"t{k}", lambda f: _long_text(f, TEXT_BYTES * k))), "/sources/bi-2019-03"
            ),
        }
        for name, make in cases.items():
            result, line = _doubled(name, make)
            results.append(result)
            lines.append(line)
        largest = folder("t2", lambda f: _long_text(f, TEXT_BYTES * 2))
        size = (largest / "sources" / "bi-2019-03.txt").stat().st_size
        tracemalloc.start()
        assert validate(read_package(largest)) == []
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    results.append(Result("hostile: peak memory of load+validate ÷ text size (10 MB)", peak / size, TARGET_MEMORY))
    print("hostile: " + "; ".join(lines) + f"; validating a {size / 1e6:.0f} MB text peaked at {peak / 1e6:.0f} MB")
    return results


_stores: dict[Path, PackageStore] = {}


def _store(folder: Path) -> PackageStore:
    """One store per package, loaded once: the page's own work is what is timed."""
    if folder not in _stores:
        _stores[folder] = PackageStore(folder)
        _stores[folder].current()
    return _stores[folder]


if __name__ == "__main__":
    print(table(run()))
