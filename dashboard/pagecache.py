"""The pages made for the data a server holds now, by language and address: each made once per version of the data."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

PAGES_KEPT = 64  # pages kept per version of the data; past it, a page is made for each request (an address typed
# by hand, a source page in yet another language) and not kept, so that memory stays bounded


class PageCache:
    """Pages for one snapshot of the data, each under what it was made for (the language, whether the address named
    it, the address); a new snapshot starts the cache afresh."""

    def __init__(self, limit: int = PAGES_KEPT) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._snapshot: object | None = None
        self._pages: dict[tuple[object, ...], list[Any]] = {}

    def page(self, snapshot: object, key: tuple[object, ...], build: Callable[[], list[Any]]) -> list[Any]:
        """The page made for ``key`` from ``snapshot``: kept from before, or built now (a build that raises keeps
        nothing)."""
        with self._lock:
            if snapshot is not self._snapshot:
                self._snapshot, self._pages = snapshot, {}
            kept = self._pages.get(key)
        if kept is not None:
            return kept
        content = build()
        with self._lock:
            if snapshot is self._snapshot and len(self._pages) < self.limit:
                self._pages[key] = content
        return content
