"""Chart images with their sources on them: PNG, SVG and PDF, drawn on a browser session's tabs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import plotly.graph_objects as go

from dashboard import charts
from dashboard.browser import Session
from dashboard.charts import Chart
from dashboard.formatting import date_phrase, day_phrase, shorten
from dashboard.i18n import DEFAULT, _, current
from dashboard.tables import Tidy
from dashboard.writes import write_bytes

FORMATS = ("png", "svg", "pdf")
REFERENCE_CHARS = 110  # quotes in an image's references are shortened past this
MEDIA_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
DOWNLOAD_SCALE = 2  # a PNG downloaded from the page is drawn at twice its size, for sharp screens
# kaleido hands plotly no config, so an image cannot have a locale of its own: outside English its date axes are
# written in numbers, as every language reads them (23/2 · 2/2019 · 2019), at the step plotly chose.
NUMERIC_DATES = [  # plotly takes the first stop whose range holds the tick step
    {"dtickrange": ["M12", None], "value": "%Y"},
    {"dtickrange": ["M1", "M12"], "value": "%-m/%Y"},
    {"dtickrange": [None, "M1"], "value": "%-d/%-m"},
]

# A chart's still images, shown until plotly.js draws it (in the static site, and in the live page's first view):
# about as wide as the chart is on a desktop and on a phone.
STILLS = {"wide": 840, "narrow": 360}
NARROW_MEDIA = "(max-width: 700px)"


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
    built = chart.build(tables)
    exported = _("Exported {date}.").format(date=day_phrase(on))
    fig, needed = charts.framed(built, width, [*references(tables, charts.figure_ids(built.plot)), exported])
    _dates_in_numbers(fig)
    fig.update_layout(width=width, height=max(height, needed))
    return fig


def _dates_in_numbers(fig: go.Figure) -> None:
    """In any language but English, date axes in numbers: the image is drawn without the page's plotly locale."""
    if current() != DEFAULT:
        fig.update_xaxes(tickformatstops=NUMERIC_DATES, selector={"type": "date"})


def still_figure(plot: go.Figure, width: int, height: int) -> go.Figure:
    """A chart's plot as a page draws it, at ``width`` × ``height``: the image a static page shows until plotly.js
    draws the chart."""
    fig = go.Figure(plot)
    _dates_in_numbers(fig)
    fig.update_layout(width=width, height=height)
    return fig


def render(session: Session, figures: list[go.Figure], formats: list[str], scale: float) -> list[bytes]:
    """Every figure's image bytes, drawn on ``session``'s tabs at once, at the figure's own size."""
    return session.draw(
        [
            (figure.to_dict(), {"format": fmt, "width": int(figure.layout.width),
                                "height": int(figure.layout.height), "scale": scale})
            for figure, fmt in zip(figures, formats, strict=True)
        ]
    )  # fmt: skip


def export_images(session: Session, tables: Tidy, out: Path, requests: list[ImageRequest], on: date) -> list[Path]:
    """Write one file per request into ``out`` (created if missing), each replacing any old one atomically. Every
    image is drawn before the first file is written: an image that fails leaves every file as it was."""
    built: dict[tuple[str, int, int], go.Figure] = {}  # a chart at one size is built once for all its formats
    for r in requests:
        if (r.chart.name, r.width, r.height) not in built:
            built[r.chart.name, r.width, r.height] = export_figure(r.chart, tables, r.width, r.height, on)
    figures = [built[r.chart.name, r.width, r.height] for r in requests]
    drawn = render(session, figures, [r.format for r in requests], requests[0].scale) if requests else []
    out.mkdir(parents=True, exist_ok=True)
    targets = [out / f"{request.chart.name}.{request.format}" for request in requests]
    for target, data in zip(targets, drawn, strict=True):
        write_bytes(target, data)
    return targets


def image_requests(available: list[Chart], names: list[str], formats: list[str], width: int | None,
                   height: int | None, scale: float) -> list[ImageRequest]:  # fmt: skip
    """An image of each chart named (every one when none is), in each format, at the size given (the usual size
    unless given). Raises ``UnknownChoice`` for a format or a chart that is not there."""
    known = {chart.name: chart for chart in available}
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown or not formats:
        raise UnknownChoice("--format", _("{unknown}: choose from {known}").format(
            unknown=", ".join(unknown) or "''", known=", ".join(FORMATS)))  # fmt: skip
    missing = [name for name in names if name not in known]
    if missing:
        raise UnknownChoice("--chart", _("no chart named {missing}; the charts are {known}").format(
            missing=", ".join(missing), known=", ".join(known)))  # fmt: skip
    return [ImageRequest(known[name], fmt, width or charts.WIDTH, height or charts.HEIGHT, scale)
            for name in (names or known) for fmt in formats]  # fmt: skip


class UnknownChoice(ValueError):
    """An option names a format or a chart that is not there: which option, and what can be chosen."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option


def export_charts(tables: Tidy, out: Path, requests: list[ImageRequest], on: date, tabs: int, timeout: float,
                  annotations_base: str | None = None) -> list[Path]:  # fmt: skip
    """Draw every request on a browser session of ``tabs`` tabs (each image within ``timeout`` seconds) and write
    them into ``out``; with ``annotations_base``, also every figure and remark as a Web Annotation, linking to the
    dashboard served there. Returns the files written."""
    from dashboard.annotations import NAME, annotations_bytes

    session = Session(min(tabs, len(requests)), timeout)
    try:
        written = export_images(session, tables, out, requests, on)
    finally:
        session.close()
    if annotations_base is not None:
        written.append(out / NAME)
        write_bytes(written[-1], annotations_bytes(tables, annotations_base))
    return written


def download_request(chart: Chart, fmt: str) -> ImageRequest:
    """The image the dashboard's Download menu gives: the chart at its usual size, a PNG at twice that scale."""
    return ImageRequest(chart, fmt, scale=DOWNLOAD_SCALE if fmt == "png" else 1)


def image_bytes(session: Session, request: ImageRequest, tables: Tidy, on: date) -> bytes:
    """One image in memory, drawn by the same code as the command line (for the dashboard's downloads)."""
    figure = export_figure(request.chart, tables, request.width, request.height, on)
    [data] = render(session, [figure], [request.format], request.scale)
    return data
