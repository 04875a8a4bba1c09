"""The Dash app: ``create_app`` wires the package store, the page builders and the charts together with thin
callbacks. Importing this module builds nothing and reads no file; ``dashboard.wsgi`` builds the app for gunicorn.

Each page comes drawn by the server (``views.Views.first_view``), readable before any script runs; Dash's scripts
load when the reader first acts on it (``assets/live.js``), and Dash then draws the same page over it. The data side
(pandas, pandera, plotly) is imported when the first page is asked for."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from html import escape as html_escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from dash import ALL, MATCH, Dash, Input, Output, State
from flask import Response, request

from dashboard import urls
from dashboard.addpage import UPLOAD_LIMIT, Editing
from dashboard.addpage import register as register_add_page
from dashboard.i18n import LANGUAGES, N_, _, choose, current, using
from dashboard.pages.frame import page_frame
from dashboard.paths import ASSETS, LOCAL_BASE, SHIPPED_DATA
from dashboard.security import MAX_BODY, secure
from dashboard.statics import encoding_for, flushed, plotly_path, serve_statics
from dashboard.views import Views

if TYPE_CHECKING:
    from dashboard.browser import Session
    from dashboard.imagedesk import ImageDesk
    from dashboard.store import PackageStore
    from dashboard.tables import Tidy

DASH_CATCH_ALL = "<path:path>"  # the rule by which Dash answers every address with its page, after its prefix
TITLE = N_("Venezuela defections in figures")
DESCRIPTION = N_(
    "Soldiers who defected from Venezuela's armed forces, the share of the national guard that deserted, and "
    "Venezuelans who emigrated: every figure checked against the words of its source, one click from its quote."
)
DESCRIPTION_MARK = "__dashboard_description__"  # where each language's page puts its description
FIRST_VIEW_MARK = "__dashboard_first_view__"  # where each page puts its first view, drawn by the server
LIVE_SCRIPT = "live.js"  # in assets/, loaded by the page itself, not by Dash: it loads Dash's scripts when asked
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Imaging:
    """What draws the dashboard's image downloads: one browser session, and the desk that caches and queues."""

    session: Session
    desk: ImageDesk


def imaging(slots: int | None = None, queue: int | None = None, timeout: float | None = None) -> Imaging:
    """A browser session with a tab per slot (one per core unless given) and its desk; the browser starts with the
    first image asked for."""
    from dashboard.browser import RENDER_TIMEOUT_S, Session
    from dashboard.imagedesk import QUEUE_PER_SLOT, ImageDesk, default_slots

    slots = slots or default_slots()
    queue = QUEUE_PER_SLOT * slots if queue is None else queue
    return Imaging(Session(slots, timeout or RENDER_TIMEOUT_S), ImageDesk(slots, queue))


def download(
    store: PackageStore, filename: str, on: date, drawer: Imaging, base: str = LOCAL_BASE
) -> tuple[bytes, str] | None:
    """The bytes and media type of a download: a chart as png, svg, pdf or csv, or the data bundle; None if unknown.
    An image, in the language being written, is drawn once per data version and date, and served from memory after
    that."""
    from dashboard import charts, downloads, images
    from dashboard.imagedesk import ImageKey

    snapshot = store.current()
    tables = snapshot.tables
    if tables is None:
        return None
    if filename == downloads.BUNDLE_NAME:
        return downloads.bundle_bytes(snapshot.files, tables, on, base), "application/zip"
    name, _dot, extension = filename.rpartition(".")
    chart_name, _dot, size = name.rpartition(".")
    if extension == "svg" and size in images.STILLS:
        data = still(tables, snapshot.version, chart_name, size, drawer)
        return None if data is None else (data, images.MEDIA_TYPES[extension])
    chart = next((c for c in charts.available(tables) if c.name == name), None)
    if chart is None:
        return None
    if extension == "csv":
        return downloads.csv_bytes(chart.rows(tables)), downloads.CSV_MEDIA_TYPE
    if extension not in images.MEDIA_TYPES:
        return None
    wanted = images.download_request(chart, extension)
    key = ImageKey(
        snapshot.version,
        chart.name,
        wanted.format,
        wanted.width,
        wanted.height,
        wanted.scale,
        current(),
        on.isoformat(),
    )
    data = drawer.desk.image(key, lambda: images.image_bytes(drawer.session, wanted, tables, on))
    return data, images.MEDIA_TYPES[extension]


def still(tables: Tidy, version: str, name: str, size: str, drawer: Imaging) -> bytes | None:
    """A chart's still image (``images.STILLS``), as the page draws the chart, in the language being written;
    drawn once per data version, and served from memory after that. None for a chart there is not."""
    from dashboard import charts, images
    from dashboard.content.main import chart_view
    from dashboard.imagedesk import ImageKey

    chart = next((c for c in charts.available(tables) if c.name == name), None)
    if chart is None:
        return None
    width = images.STILLS[size]

    def draw() -> bytes:
        view = chart_view(chart, tables, chart.build(tables))
        [data] = images.render(drawer.session, [images.still_figure(view.plot, width, view.height)], ["svg"], 1)
        return data

    return drawer.desk.image(ImageKey(version, name, f"still-{size}", width, 0, 1, current(), ""), draw)


def _is_page(path: str) -> bool:
    """Whether a GET for ``path`` is one of the dashboard's pages (answered with Dash's page)."""
    asked = urls.route(path)
    return asked is not None and (asked == "" or asked.startswith((urls.SOURCES, *urls.LISTS)))


def request_language(search: str | None = None) -> tuple[str, bool]:
    """The language of this request, and whether its address named it: ``?lang=`` (of the request, or of the page's
    query string ``search`` for a callback), else the browser's Accept-Language, else English."""
    asked = urls.language_in(search) if search is not None else request.args.get("lang")
    named = asked in LANGUAGES
    return choose(asked if named else None, request.headers.get("Accept-Language")), named


def _serve_pages(app: Dash, views: Views) -> None:
    """Answer the pages with their first view, drawn by the server (the rest of Dash's page is the same for every
    address: made once per language, with its ``lang``, title and description), and any other address Dash would
    answer with its page as not found."""
    index_pages: dict[str, str] = {}

    @app.server.before_request
    def serve_pages_from_memory() -> Response | None:
        if request.method != "GET":
            return None
        with urls.served_at(app.config.routes_pathname_prefix):
            page_asked = _is_page(request.path)
        if page_asked:
            language, named = request_language()
            search = f"?{request.query_string.decode('latin-1')}" if request.query_string else ""
            with using(language, named):
                if language not in index_pages:
                    page = app.index().replace('<html lang="en">', f'<html lang="{language}">', 1)
                    page = page.replace(f"<title>{TITLE}</title>", f"<title>{_(TITLE)}</title>", 1)
                    index_pages[language] = page.replace(DESCRIPTION_MARK, html_escape(_(DESCRIPTION)), 1)
            head, tail = index_pages[language].split(FIRST_VIEW_MARK, 1)
            path = request.path

            def parts() -> Iterator[bytes]:  # made after the request's context is gone: it needs none
                yield head.encode()  # sent at once: the browser fetches the style and script while the page is drawn
                with using(language, named):
                    try:
                        first = views.first_view(path, search, (language, named))
                    except Exception:  # then the page is drawn by Dash alone, once the reader acts
                        log.exception("drawing the first view of %s failed", path)
                        first = ""
                yield (first + tail).encode()

            encoding = encoding_for(request.headers.get("Accept-Encoding", ""))
            headers = {
                "Vary": "Accept-Language, Accept-Encoding",
                **({"Content-Encoding": encoding} if encoding else {}),
            }
            return Response(flushed(parts(), encoding), mimetype="text/html", headers=headers)
        if request.url_rule is not None and request.url_rule.rule == app.config.routes_pathname_prefix + DASH_CATCH_ALL:
            return Response(f"Not found: there is no page {request.path!r}.\n", status=404, mimetype="text/plain")
        return None


def _serve_downloads(app: Dash, store: Callable[[], PackageStore], drawer: Callable[[], Imaging]) -> None:
    """``/download/<name>``: a chart's image or numbers, or the data bundle, by name only. A download that finds
    every drawing slot and the queue taken, or whose image takes too long, gets 503 with Retry-After."""

    @app.server.route(f"{app.config.routes_pathname_prefix}{urls.DOWNLOADS}<filename>")
    def download_route(filename: str) -> Response:
        from dashboard.browser import ImageError, ImageTimeout
        from dashboard.imagedesk import RETRY_AFTER_S, Busy

        language, named = request_language()
        try:
            with using(language, named):
                found = download(store(), filename, date.today(), drawer(), _served_base(app))
        except Busy as error:
            return _unavailable(str(error), error.retry_after)
        except ImageTimeout as error:
            log.warning("drawing %s took too long: %s", filename, error)
            with using(language, named):
                return _unavailable(_("the image took too long to draw; try again in a moment"), RETRY_AFTER_S)
        except ImageError as error:
            return Response(f"{error}\n", status=503, mimetype="text/plain")
        if found is None:
            with using(language, named):
                missing = _("Not found: there is no download named {name!r}.").format(name=filename)
            return Response(f"{missing}\n", status=404, mimetype="text/plain")
        data, media_type = found
        return Response(
            data,
            mimetype=media_type,
            headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
        )


def _serve_annotations(app: Dash, store: Callable[[], PackageStore]) -> None:
    """``/annotations.jsonld``: every figure and remark as a Web Annotation on its source (JSON-LD)."""

    @app.server.route(f"{app.config.routes_pathname_prefix}{urls.ANNOTATIONS}")
    def annotations_route() -> Response:
        from dashboard.annotations import MEDIA_TYPE, annotations_bytes

        tables = store().current().tables
        if tables is None:
            return Response("There is no valid data to annotate.\n", status=404, mimetype="text/plain")
        with using(*request_language()):
            data = annotations_bytes(tables, _served_base(app))
        return Response(data, content_type=MEDIA_TYPE, headers={"Cache-Control": "no-store"})


def _served_base(app: Dash) -> str:
    """Where this request finds the dashboard: its host and the prefix the app is served at."""
    return urljoin(request.host_url, app.config.requests_pathname_prefix)


def _unavailable(message: str, retry_after: int) -> Response:
    """503 with a short message and when to ask again."""
    headers = {"Retry-After": str(retry_after), "Cache-Control": "no-store"}
    return Response(f"{message}\n", status=503, mimetype="text/plain", headers=headers)


def _callbacks(app: Dash, views: Views) -> None:
    """The page's callbacks: the page for the address, with every quote panel it can open; and in the browser, the
    panel for the figure in the address, a click's figure into the address, and the scroll to what it names."""

    @app.callback(
        Output("page", "children"),
        Output("masthead", "children"),
        Output("colophon", "children"),
        Output("quote-panel", "aria-label"),
        Output("panels", "data"),
        Input("url", "pathname"),
        State("url", "search"),
    )
    def page(pathname: str | None, search: str | None) -> tuple[object, ...]:
        language, named = request_language(search)
        with using(language, named):
            return views.outputs(pathname, search, (language, named))

    # A click, and the panel it opens, need no request: the page brought every panel it can open (panels.data).
    app.clientside_callback(
        "function(search, panels) { return window.dashboardPanel(search, panels); }",
        Output("quote-panel", "children"),
        Input("url", "search"),
        Input("panels", "data"),
    )
    app.clientside_callback(
        "function(clicks, panels) { return window.dashboardSelect(panels); }",
        Output("url", "search"),
        Input({"type": "chart", "name": ALL}, "clickData"),
        State("panels", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(  # a chart's graph into its box once the reader comes near it
        "function(seen, plot) { return seen ? [plot] : window.dash_clientside.no_update; }",
        Output({"type": "box", "name": MATCH}, "children"),
        Input({"type": "seen", "name": MATCH}, "data"),
        State({"type": "plot", "name": MATCH}, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        "function(search, page) { return window.dashboardScroll(search, page); }",
        Output("scroll-dummy", "children"),
        Input("url", "search"),
        Input("page", "children"),
    )


def create_app(
    data_dir: Path | str = SHIPPED_DATA,
    label: str | None = None,
    frame_ancestors: str = "'none'",
    max_body: int | None = None,
    drawer: Imaging | None = None,
    prefix: str = urls.ROOT,
    edits: bool = False,
) -> Dash:
    """A dashboard over the package in ``data_dir`` (named ``label`` on the page); it reads the files when first
    asked and again when they change. ``frame_ancestors`` is the CSP list of sites that may embed the pages;
    ``max_body`` the largest request body, in bytes, that the server reads (``security.MAX_BODY`` unless given);
    ``drawer`` what draws image downloads (``imaging()`` unless given, made at the first image asked for);
    ``prefix`` the path it is served at (``/figures/`` behind a proxy that passes the whole path on); ``edits``
    whether its "Add an article" page may write to ``data_dir`` (only ever for requests to a loopback address)."""
    label = str(data_dir) if label is None else label

    @functools.cache
    def store() -> PackageStore:
        """The package store, made on the first request that needs the data."""
        from dashboard.store import PackageStore

        return PackageStore(data_dir, label)

    app = Dash(
        __name__,
        title=TITLE,
        assets_folder=str(ASSETS),
        assets_ignore=LIVE_SCRIPT.replace(".", r"\."),  # the page loads it itself, before Dash's scripts
        suppress_callback_exceptions=True,
        update_title="",
        compress=True,  # gzip or brotli for every answer the browser accepts them for: plotly.js shrinks fivefold
        url_base_pathname=urls.normal_prefix(prefix),
    )
    # The page's language and description, the plotly.js for charts, and Dash's scripts in a plain <div> rather
    # than a second <footer> landmark.
    plotly = plotly_path()
    head = f'<meta name="description" content="{DESCRIPTION_MARK}">'
    if plotly is not None:
        head += f'<meta name="dashboard-plotly" content="{app.config.requests_pathname_prefix}{plotly}">'
    live = ASSETS / LIVE_SCRIPT
    head += f'<script defer src="{app.get_asset_url(LIVE_SCRIPT)}?m={live.stat().st_mtime}"></script>'
    index = app.index_string.replace("<html>", '<html lang="en">', 1).replace("{%metas%}", "{%metas%}" + head, 1)
    index = index.replace("{%app_entry%}", f'<div id="first-view">{FIRST_VIEW_MARK}</div>{{%app_entry%}}', 1)
    index = index.replace("{%scripts%}", '<template id="dashboard-scripts">{%scripts%}', 1)
    index = index.replace("{%renderer%}", "{%renderer%}</template>", 1)
    app.index_string = index.replace("<footer>", "<div>").replace("</footer>", "</div>")
    app.layout = page_frame()
    adding = app.config.routes_pathname_prefix + urls.ADD
    secure(app, frame_ancestors, max_body or MAX_BODY, {adding: UPLOAD_LIMIT})
    serve_statics(app, plotly)
    views = Views(store, app.config.requests_pathname_prefix, edits)
    _serve_pages(app, views)
    register_add_page(app, Editing(Path(data_dir), label, edits), request_language)
    images = drawer or imaging()  # its browser starts with the first image asked for
    _serve_downloads(app, store, lambda: images)

    _serve_annotations(app, store)
    _callbacks(app, views)
    return app
