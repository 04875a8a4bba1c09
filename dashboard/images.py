"""Chart images with their sources on them: PNG, SVG and PDF, every image of a batch drawn in one Chromium."""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import plotly.graph_objects as go

from dashboard import charts
from dashboard.charts import Chart
from dashboard.formatting import date_phrase, shorten
from dashboard.tables import Tidy
from dashboard.writes import atomic_path

FORMATS = ("png", "svg", "pdf")
REFERENCE_CHARS = 110  # quotes in an image's references are shortened past this
MEDIA_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
DOWNLOAD_SCALE = 2  # a PNG downloaded from the page is drawn at twice its size, for sharp screens
CHROME_HELP = (
    "no Chrome or Chromium was found to draw the images; install Debian's chromium "
    "(sudo apt-get install chromium) or run plotly_get_chrome, then try again"
)


class ExportError(Exception):
    """An export that cannot be made, with a message that says what to do."""


@dataclass(frozen=True)
class ImageRequest:
    """One image to draw: which chart, in which format, at which size."""

    chart: Chart
    format: str
    width: int = charts.WIDTH
    height: int = charts.HEIGHT
    scale: float = 1


def references(tables: Tidy, figure_ids: list[str]) -> list[str]:
    """A numbered reference for every report behind the marks (each claim with all the sources that report it):
    '[1] r-567: “quote…” — claimant; publisher (date)'."""
    lines: list[str] = []
    for figure_id in figure_ids:
        claim = tables.claim_of.get(figure_id)
        for report in claim["figure_ids"] if claim else ():
            row = tables.figure_rows[report]
            source = tables.source_rows.get(row["source_id"])
            where = f"; {source['publisher']} ({date_phrase(source['published'])})" if source else ""
            quote = shorten(row["quote"], REFERENCE_CHARS)
            lines.append(f"[{len(lines) + 1}] {report}: “{quote}” — {row['claimant']}{where}")
    return lines


def export_figure(chart: Chart, tables: Tidy, width: int, height: int, on: date) -> go.Figure:
    """The chart as it travels: its footer adds a numbered reference for every report behind its marks, with its
    source, and the date."""
    fig = chart.build(tables)
    needed = charts.fit(fig, width, [*references(tables, charts.figure_ids(fig)), f"Exported {on:%d %B %Y}."])
    fig.update_layout(width=width, height=max(height, needed))
    return fig


def find_chrome() -> str:
    """The Chrome or Chromium kaleido will drive ($BROWSER_PATH, the PATH, the usual places, plotly_get_chrome's)."""
    from choreographer.browsers.chromium import Chromium

    found = Chromium.find_browser(skip_local=False)
    if not found or not os.access(found, os.X_OK):
        raise ExportError(CHROME_HELP)
    return found


def render(figures: list[go.Figure], paths: list[Path], formats: list[str], scale: float) -> None:
    """Draw every figure with one Chromium session (kaleido's batch), raising ExportError if there is no browser.

    Nothing is fetched from the network: plotly.js is the copy plotly ships (kaleido's default) and MathJax, which
    kaleido would load from a CDN and no chart needs, is off.
    """
    import kaleido
    from choreographer.errors import BrowserFailedError, ChromeNotFoundError

    find_chrome()
    specs = [
        {"fig": figure.to_dict(), "path": path,
         "opts": {"format": fmt, "width": int(figure.layout.width), "height": int(figure.layout.height),
                  "scale": scale}}
        for figure, path, fmt in zip(figures, paths, formats, strict=True)
    ]  # fmt: skip
    try:
        kaleido.write_fig_from_object_sync(specs, kopts={"mathjax": False})
    except (ChromeNotFoundError, BrowserFailedError) as error:
        raise ExportError(CHROME_HELP) from error
    except RuntimeError as error:
        if "chrome" in str(error).lower():
            raise ExportError(CHROME_HELP) from error
        raise


def export_images(tables: Tidy, out: Path, requests: list[ImageRequest], on: date) -> list[Path]:
    """Write one file per request into ``out`` (created if missing), each replacing any old one atomically."""
    out.mkdir(parents=True, exist_ok=True)
    figures, temporaries, targets = [], [], []
    with contextlib.ExitStack() as stack:
        for request in requests:
            target = out / f"{request.chart.name}.{request.format}"
            temporaries.append(stack.enter_context(atomic_path(target)))
            targets.append(target)
            figures.append(export_figure(request.chart, tables, request.width, request.height, on))
        if requests:
            render(figures, temporaries, [r.format for r in requests], requests[0].scale)
    return targets


def image_bytes(chart: Chart, tables: Tidy, fmt: str, on: date) -> bytes:
    """One image in memory, drawn by the same code as the command line (for the dashboard's downloads)."""
    request = ImageRequest(chart, fmt, scale=DOWNLOAD_SCALE if fmt == "png" else 1)
    with tempfile.TemporaryDirectory() as folder:
        [path] = export_images(tables, Path(folder), [request], on)
        return path.read_bytes()
