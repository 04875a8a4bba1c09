"""Building the static site from a valid package: load it, write every language's pages, downloads and data, the
assets under content-hashed names and the hosting headers, compress, and swap the new site in."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from dashboard import charts, downloads, images, urls, vendor
from dashboard.annotations import annotations_bytes
from dashboard.citations import citation_cff, references_json
from dashboard.content import main
from dashboard.content.frame import Link
from dashboard.i18n import N_, _, using
from dashboard.images import STILLS
from dashboard.paths import ASSETS
from dashboard.problems import DataError
from dashboard.site import hosting
from dashboard.site.files import check_out, compress_all, hashed_name, staged, write
from dashboard.site.pages import SITE_FORMATS, Language, Where
from dashboard.store import PackageStore, Snapshot

STATIC = Path(__file__).resolve().parents[1] / "static"
ASSET_FILES = {"style": ASSETS / "style.css", "site": STATIC / "site.js", "embed": STATIC / "embed.js",
               "plotly": vendor.BUNDLE}  # fmt: skip
ASSETS_FOLDER = "assets/"
IMAGE_FORMATS = tuple(fmt for fmt in SITE_FORMATS if fmt in images.FORMATS)
DATA_FILES = (
    ("CITATION.cff", N_("CITATION.cff, for citation tools")),
    ("references.json", N_("references.json: the sources as CSL-JSON")),
)


class MissingBundle(Exception):
    """The plotly.js bundle has not been fetched."""


@dataclass(frozen=True)
class Built:
    """What a build wrote: pages, files (besides their compressed copies), bytes, and how long it took."""

    out: Path
    pages: int
    files: int
    bytes: int
    seconds: float


def site_prefix(base_url: str | None) -> str:
    """The path the site is served at: that of ``base_url`` (``https://example.org/story/`` → ``/story/``)."""
    return urls.normal_prefix(urlsplit(base_url).path if base_url else "/")


def write_assets(root: Path, prefix: str) -> dict[str, str]:
    """Copy the assets under names that change with their content, with plotly.js's licence; their addresses."""
    if not vendor.BUNDLE.exists():
        raise MissingBundle(f"{vendor.BUNDLE} is missing: run `make vendor` (or python -m dashboard.vendor)")
    addresses = {}
    for key, path in ASSET_FILES.items():
        data = path.read_bytes()
        name = hashed_name(path.name, data)
        write(root, ASSETS_FOLDER + name, data)
        addresses[key] = prefix + ASSETS_FOLDER + name
    write(root, ASSETS_FOLDER + vendor.LICENCE.name, vendor.LICENCE.read_bytes())
    return addresses


def data_files(snapshot: Snapshot, base: str, on: date) -> dict[str, bytes]:
    """The downloads of the data, by path in a language's folder: the bundle, each tidy table, the citations and
    the annotations (linking to the site at ``base``)."""
    tables, files = snapshot.tables, snapshot.files
    assert tables is not None
    found = {urls.DOWNLOADS + downloads.BUNDLE_NAME: downloads.bundle_bytes(files, tables, on, base)}
    for name, frame in downloads.tidy_frames(tables).items():
        found[f"{urls.DOWNLOADS}tidy/{name}.csv"] = downloads.csv_bytes(frame)
    descriptor = snapshot.files.get("datapackage.json", b"{}")
    found[urls.DOWNLOADS + "CITATION.cff"] = citation_cff(_json(descriptor), tables, on).encode("utf-8")
    found[urls.DOWNLOADS + "references.json"] = references_json(tables).encode("utf-8")
    found[urls.ANNOTATIONS] = annotations_bytes(tables, base)
    for chart in charts.available(tables):
        found[f"{urls.DOWNLOADS}{chart.name}.csv"] = downloads.csv_bytes(chart.rows(tables))
    return found


def _json(data: bytes) -> dict:
    import json

    value = json.loads(data)
    return value if isinstance(value, dict) else {}


def data_links(found: dict[str, bytes]) -> list[Link]:
    """The main page's links to the data files, in the language being written."""
    links = [Link(_(main.BUNDLE_LABEL), urls.download(downloads.BUNDLE_NAME), download=downloads.BUNDLE_NAME)]
    for path in sorted(found):
        if path.startswith(f"{urls.DOWNLOADS}tidy/"):
            name = path.rsplit("/", 1)[-1]
            links.append(Link(_("{name}: a tidy table (CSV)").format(name=name), urls.page(path), download=name))
    links += [Link(_(label), urls.download(name), download=name) for name, label in DATA_FILES]
    links.append(Link(_("annotations.jsonld: every figure as a Web Annotation"), urls.page(urls.ANNOTATIONS)))
    return links


def write_images(root: Path, snapshot: Snapshot, on: date, tabs: int, writers: dict[str, Language]) -> None:
    """Each chart's PNG and SVG, as the live Download menu draws them, and its still images, in each language."""
    from dashboard.browser import Session

    tables = snapshot.tables
    assert tables is not None
    session = Session(tabs)
    try:
        for language, writer in writers.items():
            with using(language):
                available = charts.available(tables)
                for fmt in IMAGE_FORMATS:
                    requests = [images.download_request(chart, fmt) for chart in available]
                    images.export_images(session, tables, root / writer.folder / urls.DOWNLOADS, requests, on)
                stills = [(view, size, width) for view in writer.views for size, width in STILLS.items()]
                figures = [images.still_figure(view.plot, width, view.height) for view, size, width in stills]
                drawn = images.render(session, figures, ["svg"] * len(figures), 1)
                for (view, size, _width), data in zip(stills, drawn, strict=True):
                    write(root, writer.still(view.name, size), data)
    finally:
        session.close()


def build(folder: Path, out: Path, languages: list[str], base_url: str | None, on: date, label: str,
          tabs: int = 1, draw_images: bool = True) -> Built:  # fmt: skip
    """Write the site for the package in ``folder`` into ``out`` (replaced whole, only once all is written);
    ``DataError`` with every problem when the package is not valid, and nothing written."""
    started = time.perf_counter()
    check_out(out, [folder, Path.cwd()])
    snapshot = PackageStore(folder, label).current()
    if snapshot.problems or snapshot.tables is None:
        raise DataError(snapshot.problems)
    prefix = site_prefix(base_url)
    roots = {language: "" if index == 0 else f"{language}/" for index, language in enumerate(languages)}
    pages = 0
    writers: dict[str, Language] = {}
    with staged(out) as root:
        where = Where(prefix, base_url.rstrip("/") + "/" if base_url else None, roots, write_assets(root, prefix))
        for language, language_root in roots.items():
            with using(language), urls.served_at(prefix + language_root, folders=True):
                found = data_files(snapshot, where.absolute(language_root), on)
                for path, data in found.items():
                    write(root, language_root + path, data)
                formats = SITE_FORMATS if draw_images else ("csv",)
                shown = Path(label).name or label  # the package's folder by name: a published page names no local path
                writer = writers[language] = Language(root, where, snapshot, shown, formats, draw_images)
                writer.main_page(data_links(found))
                writer.source_pages()
                writer.list_pages()
                writer.panels()
                pages += writer.pages
        if draw_images:
            write_images(root, snapshot, on, tabs, writers)
        hosting.write_files(root, where)
        written = [path for path in root.rglob("*") if path.is_file()]
        size = sum(path.stat().st_size for path in written)
        compress_all(root)
    return Built(out, pages, len(written), size, time.perf_counter() - started)
