"""Where the project's own files are, importable without loading anything heavy."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SHIPPED_DATA = PACKAGE_DIR.parent / "data"
ASSETS = PACKAGE_DIR / "assets"
LOCAL_BASE = "http://127.0.0.1:8050/"  # where `make run` serves the dashboard: the links of files made offline
