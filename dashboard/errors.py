"""Problems found in a data package, as data: a code, a file, a line, a column and a message."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in one place. ``line`` and ``column`` are None when it concerns a whole file or column."""

    path: str
    line: int | None
    column: str | None
    code: str
    message: str

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
        if self.column is not None:
            where += f":{self.column}"
        return f"{where}: {self.message}"


class DataError(Exception):
    """Raised when a package is invalid; carries every problem found, not only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def sort_key(problem: Problem) -> tuple[str, int, str]:
    """Order problems by file, then line (file-wide ones first), then column."""
    return (problem.path, problem.line or 0, problem.column or "")
