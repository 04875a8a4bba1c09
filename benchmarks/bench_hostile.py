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
from dashboard.extract import candidates
from dashboard.loader import read_package
from dashboard.paths import SHIPPED_DATA
from dashboard.store import PackageStore
from dashboard.validation import validate
from dashboard.views import render_page
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


def _doubled(name: str, work: Callable[[int], object]) -> tuple[Result, str]:
    once, twice = _best(lambda: work(1)), _best(lambda: work(2))
    line = f"{name} {once:.3f} s → {twice:.3f} s"
    return Result(f"hostile: {name}, 2× input ÷ 1×", twice / once, TARGET_DOUBLE), line


def _loaded(folder: Path) -> PackageStore:
    """A store with its package loaded: the page's own work is what is timed."""
    store = PackageStore(folder)
    store.current()
    return store


def run() -> list[Result]:
    results, lines = [], []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        quotes = {k: _repeated_words(root / f"q{k}", QUOTES * k, REPEATED_WORDS) for k in (1, 2)}
        words = {k: _repeated_words(root / f"w{k}", QUOTES, REPEATED_WORDS * k) for k in (1, 2)}
        long = {k: _long_text(root / f"t{k}", TEXT_BYTES * k) for k in (1, 2)}
        stores = {k: _loaded(long[k]) for k in (1, 2)}
        cases: dict[str, Callable[[int], object]] = {
            "extract, a run of letters and digits": lambda k: candidates(_word_run(k)),
            "extract, one sentence of thousands of numbers": lambda k: candidates(_many_numbers(k)),
            "validate, quotes over repeated words": lambda k: validate(read_package(quotes[k])),
            "validate, a text of repeated words": lambda k: validate(read_package(words[k])),
            "validate, a text of megabytes": lambda k: validate(read_package(long[k])),
            "the page of a text of megabytes": lambda k: render_page(stores[k], "/sources/bi-2019-03"),
        }
        for name, work in cases.items():
            result, line = _doubled(name, work)
            results.append(result)
            lines.append(line)
        size = (long[2] / "sources" / "bi-2019-03.txt").stat().st_size
        tracemalloc.start()
        assert validate(read_package(long[2])) == []
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    results.append(Result("hostile: peak memory of load+validate ÷ text size (10 MB)", peak / size, TARGET_MEMORY))
    print("hostile: " + "; ".join(lines) + f"; validating a {size / 1e6:.0f} MB text peaked at {peak / 1e6:.0f} MB")
    return results


if __name__ == "__main__":
    print(table(run()))
