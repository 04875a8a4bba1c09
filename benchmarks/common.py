"""Timing helpers shared by the benchmarks: interleaved repeats, best of N, and one table of results."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


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
