"""The dashboard's image downloads: each drawn once per data version, at most N at a time, a short queue, then busy."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from dashboard.browser import ImageError
from dashboard.i18n import _

QUEUE_PER_SLOT = 2  # downloads that may wait for a free tab, per tab, before others are told to come back later
QUEUE_WAIT_S = 10.0  # the longest a download waits for a free tab
RETRY_AFTER_S = 2  # what a busy answer asks the reader's browser to wait
CACHE_BYTES = 64 * 1024 * 1024  # drawn images kept in memory, least recently asked for dropped first


@dataclass(frozen=True)
class ImageKey:
    """Everything an image depends on: the data's version, the chart, how it is drawn, the language and the date
    printed in its footer."""

    version: str
    chart: str
    format: str
    width: int
    height: int
    scale: float
    lang: str
    on: str


class Busy(ImageError):
    """Every slot and every place in the queue is taken: ask again after ``retry_after`` seconds."""

    def __init__(self, retry_after: int = RETRY_AFTER_S) -> None:
        super().__init__(
            _("images are being drawn for other readers; try again in {seconds} s").format(seconds=retry_after)
        )
        self.retry_after = retry_after


def default_slots() -> int:
    """How many images the dashboard draws at once: one per core."""
    return os.cpu_count() or 1


def batch_tabs() -> int:
    """How many tabs the export command draws on: one per core it can spare beside its own process and the
    browser's (a tab is worth its start-up only when a core is free to draw on it)."""
    return max(1, (os.cpu_count() or 1) - 1)


class ImageDesk:
    """Hands out drawn images: from memory when the same image was drawn before, else drawn by ``draw`` with at
    most ``slots`` at once; a download that finds ``slots + queue`` others waiting is refused with Busy. Readers
    who ask for an image being drawn wait for that drawing rather than starting another."""

    def __init__(self, slots: int, queue: int, cache_bytes: int = CACHE_BYTES, wait: float = QUEUE_WAIT_S) -> None:
        self.slots = slots
        self.wait = wait
        self.cache_bytes = cache_bytes
        self._admitted = threading.BoundedSemaphore(slots + queue)
        self._drawing = threading.BoundedSemaphore(slots)
        self._lock = threading.Lock()
        self._cache: OrderedDict[ImageKey, bytes] = OrderedDict()
        self._cached_bytes = 0
        self._pending: dict[ImageKey, Future[bytes]] = {}

    def image(self, key: ImageKey, draw: Callable[[], bytes]) -> bytes:
        """The image for ``key``: cached, or drawn now (Busy when there is no room; draw's errors pass through). A
        reader of an image already being drawn waits for that drawing, and takes no room: many readers of one page
        ask for its charts' still images at once."""
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            pending = self._pending.get(key)
        if pending is not None:
            return pending.result()
        if not self._admitted.acquire(blocking=False):
            raise Busy()
        try:
            return self._draw_once(key, draw)
        finally:
            self._admitted.release()

    def _draw_once(self, key: ImageKey, draw: Callable[[], bytes]) -> bytes:
        with self._lock:
            if key in self._cache:
                return self._cache[key]
            pending = self._pending.get(key)
            if pending is None:
                mine: Future[bytes] = Future()
                self._pending[key] = mine
        if pending is not None:
            return pending.result()
        try:
            if not self._drawing.acquire(timeout=self.wait):
                raise Busy()
            try:
                data = draw()
            finally:
                self._drawing.release()
        except BaseException as error:
            with self._lock:
                del self._pending[key]
            mine.set_exception(error)
            raise
        with self._lock:
            self._keep(key, data)
            del self._pending[key]
        mine.set_result(data)
        return data

    def _keep(self, key: ImageKey, data: bytes) -> None:
        """Cache ``data``, dropping the least recently asked-for images past the budget; the lock is held."""
        self._cache[key] = data
        self._cached_bytes += len(data)
        while self._cached_bytes > self.cache_bytes and len(self._cache) > 1:
            _, dropped = self._cache.popitem(last=False)
            self._cached_bytes -= len(dropped)
