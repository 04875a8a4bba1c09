"""Shared fixtures: a private copy of the shipped package, and helpers to edit and validate it."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from dashboard.cli import main
from dashboard.package import FIGURE_COLUMNS
from dashboard.paths import SHIPPED_DATA

FIGURES_HEADER = list(FIGURE_COLUMNS)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the shipped data package that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, target)
    return target


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> None:
    header = header or list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def edit(data_dir: Path) -> Callable[..., None]:
    """edit("figures", row_index, column=value, ...): change cells of one record and save the file."""

    def change(table: str, row: int, **cells: str) -> None:
        path = data_dir / f"{table}.csv"
        rows = read_rows(path)
        rows[row].update(cells)
        write_rows(path, rows)

    return change


def run_cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def validate_dir(data_dir: Path) -> Callable[[], Result]:
    def run() -> Result:
        return run_cli("validate", "--data", str(data_dir))

    return run


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright: one per test module."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM_ARGS, chromium_path

    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard served on a copy of the shipped data, at its address: one per test module."""
    from tests.browser import serve

    folder = tmp_path_factory.mktemp("shipped") / "data"
    shutil.copytree(SHIPPED_DATA, folder)
    with serve(folder) as url:
        yield url
