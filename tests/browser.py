"""Helpers for real-browser tests: Debian's Chromium driven by Playwright, and the app served on a free port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
# No background traffic: the machine's network is closed, and tests must not leave it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
START_TIMEOUT_S = 30

DASH_TIMEOUT_MS = 30_000  # Dash's scripts loaded and the page drawn, on a busy machine


def chromium_path_or_none() -> str | None:
    """Debian's Chromium (or $CHROMIUM_PATH), if this machine has it."""
    for candidate in (os.environ.get("CHROMIUM_PATH", ""), *CHROMIUM_CANDIDATES):
        if candidate and Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def chromium_path() -> str:
    """The browser to drive, or a skip (a failure in CI, where a missing browser is a broken set-up)."""
    found = chromium_path_or_none()
    if found:
        return found
    reason = "no Chromium found: install Debian's chromium (apt-get install chromium chromium-driver)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(data_dir: Path, *extra: str, home: str = "/") -> Iterator[str]:
    """Run ``python -m dashboard serve`` on a free loopback port; yield its address once ``home`` answers."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "serve", "--data", str(data_dir), "--port", str(port), *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                with urllib.request.urlopen(url + home, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()  # one that still runs would keep its output open, and reading it would hang
                    output = process.stdout.read().decode() if process.stdout else ""
                    raise RuntimeError(f"the app did not start:\n{output}") from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def screenshot(page: object, name: str, full_page: bool = True) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)  # type: ignore[attr-defined]
    return path


def act(page: object) -> None:
    """The reader acts on a live page (the pointer moves): Dash's scripts load, and Dash draws the page over the
    server's first view (``assets/live.js``); waits until it has."""
    page.mouse.move(3, 3)  # type: ignore[attr-defined]
    page.wait_for_selector("#first-view", state="detached", timeout=DASH_TIMEOUT_MS)  # type: ignore[attr-defined]


def live(page: object, url: str) -> object:
    """Open a page of the live dashboard as a reader would, and act on it: the response to the page's address."""
    response = page.goto(url)  # type: ignore[attr-defined]
    act(page)
    return response
