"""Timing helpers shared by the benchmarks: interleaved repeats, best of N, and one table of results."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 30


@dataclass(frozen=True)
class Result:
    """One measured figure and its target."""

    name: str
    value: float
    target: str  # e.g. "<= 3"
    unit: str = "×"

    @property
    def met(self) -> bool:
        if not self.target:
            return True
        op, limit = self.target.split()
        return self.value <= float(limit) if op == "<=" else self.value >= float(limit)

    def row(self) -> str:
        verdict = "information" if not self.target else "met" if self.met else "NOT met"
        return f"| {self.name} | {self.value:,.2f}{self.unit} | {self.target or '—'} | {verdict} |"


def best_of(functions: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """Run each function ``repeats`` times, interleaved so that noise hits all alike; the best time of each."""
    best = {name: float("inf") for name in functions}
    for _ in range(repeats):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def table(results: list[Result]) -> str:
    lines = ["| figure | measured | target | |", "|---|---|---|---|"]
    lines += [result.row() for result in results]
    return "\n".join(lines)


@contextmanager
def running(
    args: list[str], port: int, env: dict[str, str] | None = None, folder: Path = ROOT
) -> Iterator[subprocess.Popen[bytes]]:
    """``python ARGS`` from the project's folder (or another checkout of it), once it answers on
    http://127.0.0.1:PORT/; stopped afterwards."""
    process = subprocess.Popen(
        [sys.executable, *args],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(folder), **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{' '.join(args)} did not start") from None
                time.sleep(0.1)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=STOP_TIMEOUT_S)
