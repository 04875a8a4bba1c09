"""The static site's pages in one language: each page's content (``dashboard.content``) rendered by the Jinja2
templates in ``templates/site/``, which escape every value; the charts' figures and the quote panels as JSON."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from dashboard import urls
from dashboard.charts import framing
from dashboard.content import lists, main, panel
from dashboard.content import source as source_content
from dashboard.content.frame import Link, frame
from dashboard.content.main import ChartView
from dashboard.i18n import NAMES, _, current
from dashboard.images import NARROW_MEDIA, STILLS
from dashboard.site.files import write
from dashboard.store import Snapshot
from dashboard.templating import TEMPLATES

FIGURES = "data/figures/"  # data/figures/<id>.json: a figure's quote panel
PLOTS = "data/charts/"  # data/charts/<name>.json: a chart's figure and plotly config
SITE_FORMATS = ("png", "svg", "csv")  # a chart's downloads in the site: its images and its data
# script only from the site itself and never inline; plotly.js sets styles as it draws (plotly.js#7543)
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'")  # fmt: skip
EMBED_HEIGHT = 640  # px: an embedded chart's iframe before its page reports its height


@dataclass(frozen=True)
class Where:
    """Where the site is served: ``prefix``, its path (``/`` or ``/story/``); ``base_url``, its absolute address
    when known (for canonical links, embed codes, citations); ``languages`` with their folders (``""``, ``es/``)."""

    prefix: str
    base_url: str | None
    roots: dict[str, str]
    assets: dict[str, str]

    def under(self, address: str) -> str:
        """An address's path within the site, without the prefix, query or fragment."""
        path = address.split("#", 1)[0].split("?", 1)[0]
        return path[len(self.prefix) :] if path.startswith(self.prefix) else path.lstrip("/")

    def file(self, address: str) -> str:
        """The file that answers an address: a folder's ``index.html``."""
        path = self.under(address)
        return f"{path}index.html" if path == "" or path.endswith("/") else path

    def absolute(self, path: str) -> str:
        """A path within the site as the address readers use: absolute with a base URL, else from the host."""
        return (self.base_url or self.prefix) + path


class Language:
    """Writes one language's pages into the site being built (``root``), while ``urls.served_at`` its folder."""

    def __init__(self, root: Path, where: Where, snapshot: Snapshot, label: str,
                 formats: tuple[str, ...] = SITE_FORMATS, stills: bool = True) -> None:  # fmt: skip
        self.root, self.where, self.snapshot, self.label, self.formats = root, where, snapshot, label, formats
        assert snapshot.tables is not None, "a site is built from valid data"
        self.tables = snapshot.tables
        self.stills = stills  # whether the charts' still images are drawn (by the build, with a browser)
        self.views: list[ChartView] = []
        self.folder = where.roots[current()]
        self.pages = 0

    def common(self, address: str, title: str) -> dict[str, Any]:
        """What every template is given: the frame, the words, the assets, links to this page in the other
        languages, and its canonical address."""
        rest = self.where.under(address)[len(self.folder) :]
        others = [(language, folder) for language, folder in self.where.roots.items() if language != current()]
        languages = [Link(NAMES.get(language, language), self.where.prefix + folder + rest, language=language)
                     for language, folder in others]  # fmt: skip
        canonical = self.where.absolute(self.folder + rest) if self.where.base_url else None
        alternates = [Link(language, self.where.absolute(folder + rest), language=language)
                      for language, folder in self.where.roots.items()]  # fmt: skip
        missing = _("There is no figure named {figure!r} in the data.").replace("{figure!r}", "'{figure}'")
        return {
            "lang": current(), "csp": CSP, "title": title, "description": _(frame([], "").tagline),
            "canonical": canonical, "alternates": alternates, "assets": self.where.assets,
            "frame": frame(languages, self.label), "words": main.words(),
            "hint": panel.quote_panel(None, None).hint, "missing": missing,
            "figures": self.where.prefix + self.folder + FIGURES,
        }  # fmt: skip

    def render(self, template: str, address: str, title: str, **values: Any) -> None:
        html = TEMPLATES.get_template(f"site/{template}").render(**self.common(address, title), **values)
        write(self.root, self.where.file(address), html.encode("utf-8"))
        self.pages += 1

    def titled(self, name: str) -> str:
        """A page's title: its own name, then the site's."""
        return f"{name} — {_(frame([], '').title)}"

    def plot(self, view: ChartView) -> dict[str, Any]:
        """Write a chart's figure and config as JSON; its address, and those of its still images."""
        data = {"figure": json.loads(view.plot.to_json()), "config": framing.page_config()}
        path = f"{self.folder}{PLOTS}{view.name}.json"
        write(self.root, path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        self.views.append(view)
        stills = {size: self.where.prefix + self.still(view.name, size) for size in STILLS} if self.stills else None
        return {"data": self.where.prefix + path, "stills": stills, "widths": STILLS, "narrow": NARROW_MEDIA}

    def still(self, name: str, size: str) -> str:
        """Where a chart's still image of ``size`` (one of ``STILLS``) is, in the site."""
        return f"{self.folder}{PLOTS}{name}.{size}.svg"

    def main_page(self, data_files: list[Link]) -> list[ChartView]:
        """The dashboard's page; the charts it draws."""
        content = main.main_page(self.snapshot, self.label, self.formats)
        views = [view for section in content.sections for view in section.charts]
        plots = {view.name: self.plot(view) for view in views}
        pages = {view.name: urls.chart(view.name) for view in views}
        self.render("main.html", urls.page(), _(frame([], "").title), page=content, plots=plots,
                    chart_pages=pages, data_files=data_files)  # fmt: skip
        for view in views:
            self.chart_page(view, plots[view.name])
        return views

    def chart_page(self, view: ChartView, plot: dict[str, Any]) -> None:
        """A chart alone, to embed, with its embed code."""
        address = urls.chart(view.name)
        page = self.where.absolute(self.where.under(address))
        script = self.where.absolute(self.where.under(self.where.assets["embed"]))
        embed = (
            f'<iframe src="{escape(page)}" title="{escape(view.title)}" data-venezuela-figures '
            f'style="width:100%;height:{EMBED_HEIGHT}px;border:0" loading="lazy"></iframe>\n'
            f'<script src="{escape(script)}" async></script>'
        )
        back = urls.page(fragment=view.element_id)
        self.render("chart.html", address, self.titled(view.title), view=view, plot=plot, back=back, embed=embed,
                    embed_page=page)  # fmt: skip

    def source_pages(self) -> None:
        for source_id in self.tables.source_rows:
            content = source_content.source_page(self.snapshot, source_id, self.label)
            self.render("source.html", urls.source(source_id), self.titled(content.title), page=content)

    def list_pages(self) -> None:
        tables = self.tables
        claims = len(main.latest_claims(tables.claims))
        for base, make, total in ((urls.CLAIMS_LIST, lists.claims_page, claims),
                                  (urls.SOURCES_LIST, lists.sources_page, len(tables.sources))):  # fmt: skip
            for at in range(1, lists.pages(total) + 1):
                content = make(self.snapshot, self.label, at)
                self.render("list.html", urls.listing(base, at), self.titled(content.title), page=content)

    def panels(self) -> None:
        """Each figure's quote panel as JSON, with the section that shows it."""
        tables = self.tables
        for figure_id in tables.figure_rows:
            content = {"panel": dataclasses.asdict(panel.quote_panel(tables, figure_id)),
                       "section": urls.section_of(tables, figure_id)}  # fmt: skip
            path = f"{self.folder}{FIGURES}{figure_id}.json"
            write(self.root, path, json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
