"""The live server's static answers, made once: Dash's scripts and the assets compressed (brotli or gzip) the first
time each is asked for and served from memory after, with a year's cache life where the address changes with the
content; and plotly.js as its basic bundle (scatter and bar, all the charts draw), at an address named by its hash,
which Dash's graph loader is pointed at."""

from __future__ import annotations

import gzip
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from dash import Dash
from flask import Response, request

from dashboard.site.files import hashed_name
from dashboard.vendor import BUNDLE

YEAR_S = 365 * 24 * 3600  # the cache life of an answer whose address changes with its content
SUITES = "_dash-component-suites/"  # where Dash serves its scripts: with a version in their names
ASSETS = "assets/"  # where Dash serves assets/: with ?m=<modified time> in their addresses
PLOTLY = "_plotly/"  # where the basic bundle is served, by its hashed name
# The address the Dash renderer sets for the graph's plotly.js loader (dash-renderer's window._dashPlotlyJSURL):
# a Dash internal, pinned with Dash in requirements.txt and checked by tests/test_statics.py.
DASH_PLOTLY = SUITES + "plotly/package_data/plotly.min.js"
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")
# Compressed while a reader waits (each file once, on its first request; each page as it is sent): brotli at 5 is
# within a tenth of the static site's 10 in bytes, in a twenty-fifth of the time (plotly.js: 66 ms, not 1.7 s).
BROTLI_QUALITY = 5
GZIP_LEVEL = 6
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Compressed:
    """An answer's body as sent for one encoding."""

    body: bytes
    encoding: str  # "br", "gzip", or "" for the body as it is


def encoding_for(accepted: str) -> str:
    """The encoding to send for an Accept-Encoding header: brotli, else gzip, else none."""
    names = {part.split(";")[0].strip().lower() for part in accepted.split(",")}
    return "br" if "br" in names else "gzip" if "gzip" in names else ""


def compress(body: bytes, encoding: str) -> bytes:
    import brotli

    if encoding == "br":
        return bytes(brotli.compress(body, quality=BROTLI_QUALITY))
    if encoding == "gzip":
        return gzip.compress(body, GZIP_LEVEL, mtime=0)
    return body


def flushed(parts: Iterator[bytes], encoding: str) -> Iterator[bytes]:
    """``parts`` compressed as one body, each part sent as soon as it is made (compressed and flushed)."""
    import zlib

    import brotli

    if encoding == "br":
        stream = brotli.Compressor(quality=BROTLI_QUALITY)
        for part in parts:
            yield bytes(stream.process(part)) + bytes(stream.flush())
        yield bytes(stream.finish())
    elif encoding == "gzip":
        deflate = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        for part in parts:
            yield deflate.compress(part) + deflate.flush(zlib.Z_SYNC_FLUSH)
        yield deflate.flush()
    else:
        yield from parts


class Once:
    """Bodies compressed once per address and encoding, kept in memory for the life of the process."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, str], bytes] = {}
        self._lock = threading.Lock()
        self.compressions = 0  # how many bodies were compressed: each address and encoding once

    def get(self, key: str, body: bytes, encoding: str) -> bytes:
        with self._lock:
            made = self._made.get((key, encoding))
        if made is None:
            made = compress(body, encoding)
            with self._lock:
                self._made.setdefault((key, encoding), made)
                self.compressions += 1
        return made


def plotly_path() -> str | None:
    """The basic bundle's address under the prefix, named by its hash; None when it was not fetched (``make
    vendor``), and Dash's full plotly.js is drawn with instead."""
    if not BUNDLE.is_file():
        log.warning("%s is missing (make vendor): charts load Dash's full plotly.js", BUNDLE)
        return None
    return f"{PLOTLY}{hashed_name(BUNDLE.name, BUNDLE.read_bytes())}"


def serve_statics(app: Dash, plotly_at: str | None) -> Once:
    """Serve the basic bundle at ``plotly_at`` under the prefix (when given), and give Dash's scripts and the
    assets their compressed bodies and cache lives once made; return the store of compressed bodies."""
    once = Once()
    prefix = app.config.routes_pathname_prefix
    plotly = prefix + plotly_at if plotly_at is not None else None
    bundle = BUNDLE.read_bytes() if plotly is not None else b""

    @app.server.before_request
    def serve_plotly() -> Response | None:
        if plotly is None or request.method != "GET" or request.path != plotly:
            return None
        response = Response(bundle, mimetype="application/javascript")
        response.headers["Cache-Control"] = f"public, max-age={YEAR_S}, immutable"
        return response

    @app.server.after_request
    def compressed_once(response: Response) -> Response:
        path = request.path
        if request.method != "GET" or response.status_code != 200 or not path.startswith(prefix):
            return response
        under = path[len(prefix) :]
        if not under.startswith((SUITES, ASSETS, PLOTLY)):
            return response
        if under.startswith(PLOTLY) or (under.startswith(ASSETS) and request.args.get("m")) or _versioned(under):
            response.headers["Cache-Control"] = f"public, max-age={YEAR_S}, immutable"
        if "Content-Encoding" in response.headers or not (response.mimetype or "").startswith(COMPRESSIBLE):
            return response
        encoding = encoding_for(request.headers.get("Accept-Encoding", ""))
        response.vary.add("Accept-Encoding")
        if encoding:
            response.direct_passthrough = False
            response.set_data(once.get(request.full_path, response.get_data(), encoding))
            response.headers["Content-Encoding"] = encoding
        return response

    return once


def _versioned(under: str) -> bool:
    """Whether a script's address holds its version (``dash_core_components.v4_4_1m1712.min.js``), so that it
    changes whenever the file does."""
    name = under.rsplit("/", 1)[-1]
    return ".v" in name and "m" in name.split(".v", 1)[1]
