"""The command line's exit codes and output."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]


def test_validate_shipped_data() -> None:
    result = run_cli("validate")
    assert result.exit_code == 0
    assert result.stdout == ("data: valid — 4 figures (defections 2, emigration 1, guard_share 1) from 1 source(s)\n")


def test_validate_names_the_folder_as_given(data_dir: Path, edit: Callable[..., None]) -> None:
    edit("figures", 0, unit="x")
    result = run_cli("validate", "--data", str(data_dir))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{data_dir}/figures.csv:2:unit: ")
    assert f"{data_dir}: 1 problem(s) in 1 file(s); nothing was changed" in result.stderr


def test_usage_error_exits_2(tmp_path: Path) -> None:
    assert run_cli("validate", "--data", str(tmp_path / "nowhere")).exit_code == 2
    assert run_cli("validate", "--bogus").exit_code == 2


def test_empty_folder_is_invalid_not_a_crash(tmp_path: Path) -> None:
    result = run_cli("validate", "--data", str(tmp_path))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit) and result.exception.code == 1  # an exit, not a crash
    assert "datapackage.json: the package descriptor not found" in result.stdout


def test_python_dash_m_runs_as_a_process(data_dir: Path, edit: Callable[..., None]) -> None:
    edit("figures", 0, value="4,300")
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "validate", "--data", "data"],
        cwd=data_dir.parent,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.startswith("data/figures.csv:2:value: '4,300' is not a plain number")
    assert "Traceback" not in done.stderr
