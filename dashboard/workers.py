"""Serving with gunicorn: the command and the environment that run the dashboard under threaded workers."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dashboard.imagedesk import QUEUE_PER_SLOT, default_slots

PAGE_THREADS = 8  # threads per gunicorn worker kept for pages, beyond those that images may hold
APP = "dashboard.wsgi:server"


@dataclass(frozen=True)
class Gunicorn:
    """gunicorn serving the package in ``folder`` at http://HOST:PORT/PREFIX with ``workers`` workers."""

    folder: Path
    host: str
    port: int
    workers: int
    frame_ancestors: str
    max_body: int | None
    prefix: str
    edits: bool = False  # whether the "Add an article" page writes (--allow-edits, on a loopback address)

    @property
    def bind(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    @property
    def address(self) -> str:
        return f"http://{self.bind}{self.prefix}"

    @property
    def threads(self) -> int:
        """Threads per worker, so that a page never waits behind an image: the most images that can be drawn or
        wait at once, and as many threads again for pages."""
        return default_slots() * (1 + QUEUE_PER_SLOT) + PAGE_THREADS

    def argv(self) -> list[str]:
        return [
            sys.executable, "-m", "gunicorn", "--workers", str(self.workers), "--worker-class", "gthread",
            "--threads", str(self.threads), "--bind", self.bind, APP,
        ]  # fmt: skip

    def environment(self, inherited: Mapping[str, str]) -> dict[str, str]:
        """``inherited`` with what ``dashboard.wsgi`` reads: the data, the embedding sites, the body limit, the
        prefix, and whether edits are allowed."""
        env = {**inherited, "DASHBOARD_DATA": str(self.folder), "DASHBOARD_FRAME_ANCESTORS": self.frame_ancestors,
               "DASHBOARD_PREFIX": self.prefix}  # fmt: skip
        if self.edits:
            env["DASHBOARD_ALLOW_EDITS"] = "1"
        if self.max_body is not None:
            env["DASHBOARD_MAX_BODY"] = str(self.max_body)
        return env
