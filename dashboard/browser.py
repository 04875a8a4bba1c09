"""One Chromium for the images a process draws: started on first use, restarted when it dies, closed at exit."""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import logging
import math
import os
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kaleido import Kaleido

RENDER_TIMEOUT_S = 30.0  # one image that takes longer than this is given up
START_TIMEOUT_S = 60.0  # the browser and its tabs, with plotly.js loaded in each
CLOSE_TIMEOUT_S = 10.0
# Chromium reaches out for its own services (safe browsing lists, component updates, sync, metrics) unless told not
# to; choreographer already turns off updates and sync. Every host name is made unknown on top, so that nothing a
# figure names can make the drawing wait on a lookup: the page and plotly.js are files.
QUIET_FLAGS = (
    "--disable-background-networking",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--no-pings",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
CHROME_HELP = (
    "no Chrome or Chromium was found to draw the images; install Debian's chromium "
    "(sudo apt-get install chromium) or run plotly_get_chrome, then try again"
)
log = logging.getLogger(__name__)


class ImageError(Exception):
    """An image that cannot be drawn, with a message that says what to do."""


class ImageTimeout(ImageError):
    """An image that took longer than its time limit."""


def find_chrome() -> str:
    """The Chrome or Chromium kaleido will drive ($BROWSER_PATH, the PATH, the usual places, plotly_get_chrome's)."""
    from choreographer.browsers.chromium import Chromium

    found = os.environ.get("BROWSER_PATH") or Chromium.find_browser(skip_local=False)
    if not found or not os.access(found, os.X_OK):
        raise ImageError(CHROME_HELP)
    return found


def _quiet_chromium() -> type:
    """choreographer's Chromium with background networking off and no host name resolvable."""
    from choreographer.browsers.chromium import Chromium

    class QuietChromium(Chromium):
        def get_cli(self) -> list[str]:
            return [*super().get_cli(), *QUIET_FLAGS]

    return QuietChromium


class Session:
    """A Chromium with ``tabs`` tabs that draws plotly figures (kaleido, MathJax off, plotly.js from plotly's own
    copy), driven from an event loop on a thread of its own so that any thread may call ``draw``."""

    def __init__(self, tabs: int = 1, timeout: float = RENDER_TIMEOUT_S) -> None:
        self.tabs = max(1, tabs)
        self.timeout = timeout
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido: Kaleido | None = None
        atexit.register(self.close)

    @property
    def pid(self) -> int | None:
        """The browser's process id (the leader of its process group), None before it starts."""
        return self._kaleido.subprocess.pid if self._kaleido is not None else None

    def alive(self) -> bool:
        """Whether the browser is started and its process still runs."""
        return self._kaleido is not None and self._kaleido.subprocess.poll() is None

    def draw(self, specs: list[tuple[dict[str, Any], dict[str, Any]]]) -> list[bytes]:
        """The bytes of each (figure, options) in order, drawn on every tab at once. Raises ImageTimeout when an
        image takes longer than ``timeout``, and ImageError when there is no browser to draw with."""
        if not specs:
            return []
        try:
            return self._draw(specs)
        except ImageError:
            raise
        except Exception:
            if self.alive():
                raise
            log.info("the browser that draws images died; starting a new one")
            return self._draw(specs)

    def _draw(self, specs: list[tuple[dict[str, Any], dict[str, Any]]]) -> list[bytes]:
        loop, kaleido = self._ready()

        async def gather() -> list[bytes]:
            return list(await asyncio.gather(*(kaleido.calc_fig(fig, opts) for fig, opts in specs)))

        future = asyncio.run_coroutine_threadsafe(gather(), loop)
        try:
            return future.result(math.ceil(len(specs) / self.tabs) * self.timeout)
        except TimeoutError as error:
            future.cancel()
            with self._lock:  # a browser mid-drawing cannot be trusted: close it, and the next draw starts afresh
                if self._kaleido is kaleido:
                    self._stop_browser()
            raise ImageTimeout(
                f"an image took longer than {self.timeout:g} s to draw; nothing was written. "
                "Try again, or allow more time with --timeout"
            ) from error

    def _ready(self) -> tuple[asyncio.AbstractEventLoop, Kaleido]:
        """The event loop and a running browser, started (or started again) here if needed."""
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                threading.Thread(target=self._loop.run_forever, name="image-browser", daemon=True).start()
            if not self.alive():
                self._stop_browser()
                path = find_chrome()
                opening = asyncio.run_coroutine_threadsafe(self._open(path), self._loop)
                try:
                    self._kaleido = opening.result(START_TIMEOUT_S)
                except TimeoutError as error:
                    opening.cancel()
                    raise ImageError(f"the browser {path} did not start within {START_TIMEOUT_S:g} s") from error
                except Exception as error:
                    raise ImageError(f"the browser {path} failed to start ({error}); {CHROME_HELP}") from error
            assert self._kaleido is not None
            return self._loop, self._kaleido

    async def _open(self, path: str) -> Kaleido:
        from kaleido import Kaleido

        # no time limit of kaleido's own: draw() keeps it, and closes a browser that overran it
        kaleido = Kaleido(n=self.tabs, timeout=None, mathjax=False, path=path, browser_cls=_quiet_chromium())
        try:
            await kaleido.open()
        except BaseException:  # started but not ready: close it rather than leave it running
            with contextlib.suppress(Exception):
                await kaleido.close()
            raise
        return kaleido

    def _stop_browser(self) -> None:
        """Close the browser if there is one (killing it if it does not close); the lock is held."""
        kaleido, self._kaleido = self._kaleido, None
        if kaleido is None or self._loop is None:
            return
        closing = asyncio.run_coroutine_threadsafe(kaleido.close(), self._loop)
        try:
            closing.result(CLOSE_TIMEOUT_S)
        except Exception:
            log.warning("the image browser did not close cleanly; killing it", exc_info=True)
            with contextlib.suppress(OSError):
                os.killpg(kaleido.subprocess.pid, 9)

    def close(self) -> None:
        """Close the browser and stop the event loop (also done at exit)."""
        with self._lock:
            self._stop_browser()
            loop, self._loop = self._loop, None
        if loop is not None:
            loop.call_soon_threadsafe(loop.stop)
