"""Exports: chart images with their sources on them (one Chromium for the batch), CSVs safe for spreadsheets,
a citable data bundle, and a self-contained HTML report."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts
from dashboard.charts import Chart
from dashboard.tables import Tidy
from dashboard.wording import date_phrase, shorten
from dashboard.writes import atomic_path

FORMATS = ("png", "svg", "pdf")
REFERENCE_CHARS = 110  # quotes in an image's references are shortened past this
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MEDIA_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf", "csv": "text/csv"}
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


def export_figure(chart: Chart, tables: Tidy, texts: dict[str, str], width: int, height: int, on: date) -> go.Figure:
    """The chart as it travels: its footer adds numbered references for the quotes behind its marks and the date."""
    fig = chart.build(tables, texts)
    rows = tables.figures.set_index("figure_id")
    references = []
    for number, figure_id in enumerate(charts.figure_ids(fig), start=1):
        if figure_id in rows.index:
            row = rows.loc[figure_id]
            quote = shorten(row["quote"], REFERENCE_CHARS)
            references.append(f"[{number}] {figure_id}: “{quote}” — {row['claimant']}")
    needed = charts.fit(fig, width, [*references, f"Exported {on:%d %B %Y}."])
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
    """Draw every figure with one Chromium session (kaleido's batch), raising ExportError if there is no browser."""
    import plotly.io as pio
    from choreographer.errors import BrowserFailedError, ChromeNotFoundError

    find_chrome()
    try:
        pio.write_images(
            figures,
            list(paths),
            format=list(formats),
            scale=scale,
            width=[int(figure.layout.width) for figure in figures],
            height=[int(figure.layout.height) for figure in figures],
        )
    except (ChromeNotFoundError, BrowserFailedError) as error:
        raise ExportError(CHROME_HELP) from error
    except RuntimeError as error:
        if "chrome" in str(error).lower():
            raise ExportError(CHROME_HELP) from error
        raise


def export_images(tables: Tidy, texts: dict[str, str], out: Path, requests: list[ImageRequest], on: date) -> list[Path]:
    """Write one file per request into ``out`` (created if missing), each replacing any old one atomically."""
    out.mkdir(parents=True, exist_ok=True)
    figures, temporaries, targets = [], [], []
    with contextlib.ExitStack() as stack:
        for request in requests:
            target = out / f"{request.chart.name}.{request.format}"
            temporaries.append(stack.enter_context(atomic_path(target)))
            targets.append(target)
            figures.append(export_figure(request.chart, tables, texts, request.width, request.height, on))
        if requests:
            render(figures, temporaries, [r.format for r in requests], requests[0].scale)
    return targets


def image_bytes(chart: Chart, tables: Tidy, texts: dict[str, str], fmt: str, on: date) -> bytes:
    """One image in memory, drawn by the same code as the command line (for the dashboard's downloads)."""
    with tempfile.TemporaryDirectory() as folder:
        [path] = export_images(
            tables, texts, Path(folder), [ImageRequest(chart, fmt, scale=2 if fmt == "png" else 1)], on
        )
        return path.read_bytes()


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) get a leading '."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(
                lambda cell: f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell
            )
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV, safe to open in a spreadsheet; lines end in CRLF (RFC 4180), which also makes the CSV
    writer quote a cell that holds a carriage return of its own."""
    return neutralise(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def tidy_frames(tables: Tidy) -> dict[str, pd.DataFrame]:
    """The tidy tables, with derived inputs written as text."""
    frames = {
        "figures": tables.figures,
        "defections": tables.defections,
        "guard_share": tables.guard_share,
        "emigration": tables.emigration,
        "other": tables.other,
    }
    out = {}
    for name, frame in frames.items():
        frame = frame.copy()
        for column in frame.columns:
            if column.endswith("_inputs"):
                frame[column] = frame[column].map(lambda ids: " ".join(ids) if isinstance(ids, tuple) else "")
        out[name] = frame
    return out


def citation(tables: Tidy, on: date) -> str:
    """CITATION.md: a short and a full citation for every source, and the date of the download."""
    lines = [
        "# How to cite these figures",
        "",
        f"Downloaded on {on:%d %B %Y}. Cite the source of each figure (sources.csv, figures.csv's source_id);",
        "every figure's quote in figures.csv gives the words that state it.",
        "",
    ]
    for row in tables.sources.itertuples(index=False):
        author = f"{row.author}. " if row.author else ""
        accessed = f" Accessed {date_phrase(row.accessed)}." if row.accessed else " Access date not recorded."
        lines += [
            f"## {row.source_id}",
            "",
            f"- Short: {row.publisher}, {date_phrase(row.published)}",
            f"- Full: {author}“{row.title}”. {row.publisher}, {date_phrase(row.published)}. {row.url}.{accessed}",
            "",
        ]
    return "\n".join(lines)


def bundle_bytes(folder: Path, tables: Tidy, on: date) -> bytes:
    """A zip of the package as it is on disk (it validates as it is), the tidy tables, and CITATION.md."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if path.is_file() and not path.name.endswith(".lock") and not relative.parts[0].startswith("."):
                archive.write(path, f"data/{relative.as_posix()}")
        for name, frame in tidy_frames(tables).items():
            archive.writestr(f"tidy/{name}.csv", csv_bytes(frame))
        archive.writestr("CITATION.md", citation(tables, on))
    return buffer.getvalue()
