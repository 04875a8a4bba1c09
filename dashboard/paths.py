"""Where the project's own files are, importable without loading anything heavy."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SHIPPED_DATA = PACKAGE_DIR.parent / "data"
ASSETS = PACKAGE_DIR / "assets"
