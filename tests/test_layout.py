"""What docs/layout.md promises of the code's shape: no module over 400 lines, no function over 60."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULE_LINES = 400
FUNCTION_LINES = 60


def test_modules_and_functions_stay_small() -> None:
    assert f"No module is over {MODULE_LINES} lines and no function over {FUNCTION_LINES}." in (
        ROOT / "docs" / "layout.md"
    ).read_text(encoding="utf-8")
    long_modules, long_functions = [], []
    for path in sorted((ROOT / "dashboard").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(ROOT)
        if len(text.splitlines()) > MODULE_LINES:
            long_modules.append(f"{where}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1  # from def to its last line
                if length > FUNCTION_LINES:
                    long_functions.append(f"{where}:{node.lineno}: {node.name}, {length} lines")
    assert long_modules == [] and long_functions == []


def test_the_layout_names_every_module() -> None:
    layout = (ROOT / "docs" / "layout.md").read_text(encoding="utf-8")
    unnamed = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "dashboard").glob("*.py"))
        if path.name not in ("__init__.py", "__main__.py") and f"`dashboard/{path.name}`" not in layout
    ]
    assert unnamed == []
