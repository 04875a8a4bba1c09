"""The Dash app: wires the package store, the layout builders and the charts together with thin callbacks."""

from __future__ import annotations

import functools
import logging
import os
import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dash import ALL, Dash, Input, Output, State, ctx, html, no_update
from flask import Response, request

from dashboard.paths import ASSETS, SHIPPED_DATA
from dashboard.shell import shell

if TYPE_CHECKING:
    from dashboard.store import PackageStore

SOURCE_PREFIX = "/sources/"
log = logging.getLogger(__name__)


def guarded(build: Callable[..., list[Any]]) -> Callable[..., list[Any]]:
    """A page-building callback that answers with a short notice, never an error 500, if drawing fails."""

    @functools.wraps(build)
    def wrapper(*args: Any) -> list[Any]:
        try:
            return build(*args)
        except Exception:
            log.exception("drawing %s failed", build.__name__)
            return [html.P("This part of the page could not be drawn; the server's log says why.", role="alert")]

    return wrapper


def render_page(store: PackageStore, pathname: str | None, data_name: str) -> list[Any]:
    """The page for a path: the dashboard at /, a source at /sources/<id>, else a clear 'not found'."""
    from dashboard import layout

    snapshot = store.current()
    path = pathname if isinstance(pathname, str) and pathname else "/"
    if path in ("/", ""):
        return layout.dashboard_page(snapshot, data_name)
    if path.startswith(SOURCE_PREFIX):
        return layout.source_page(snapshot, path[len(SOURCE_PREFIX) :].strip("/"), data_name)
    return [html.Div([html.H2("Not found"), html.P(f"There is no page {path!r}.")], id="not-found")]


def selected_search(click_data: dict[str, Any] | None, store: PackageStore) -> str | None:
    """The query string for a clicked mark: its section and figure id; None when the click names no figure."""
    from dashboard import layout

    try:
        figure_id = str(click_data["points"][0]["customdata"][0])  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return None
    tables = store.current().tables
    if tables is None or figure_id not in set(tables.figures["figure_id"]):
        return None
    return layout.state_search(layout.section_of(tables, figure_id), figure_id)


DOWNLOAD_PREFIX = "/download/"
BUNDLE_NAME = "venezuela-defections-data.zip"


def download(store: PackageStore, filename: str, on: date) -> tuple[bytes, str] | None:
    """The bytes and media type of a download: a chart as png, svg, pdf or csv, or the data bundle; None if unknown."""
    from dashboard import charts, export

    tables = store.current().tables
    if tables is None:
        return None
    if filename == BUNDLE_NAME:
        return export.bundle_bytes(store.folder, tables, on), "application/zip"
    name, _, extension = filename.rpartition(".")
    chart = next((c for c in charts.available(tables) if c.name == name), None)
    if chart is None or extension not in export.MEDIA_TYPES:
        return None
    if extension == "csv":
        return export.csv_bytes(charts.chart_rows(chart, tables)), export.MEDIA_TYPES["csv"]
    data = export.image_bytes(chart, tables, store.current().texts, extension, on)
    return data, export.MEDIA_TYPES[extension]


class _Warm:
    """The package store, loaded in a background thread as the server starts, so the first page is served at once
    and the data is ready by the time the browser asks for it."""

    def __init__(self, data_dir: Path | str, data_name: str) -> None:
        self._ready = threading.Event()
        self._store: PackageStore | None = None
        self._args = (data_dir, data_name)
        threading.Thread(target=self._load, name="load-data", daemon=True).start()

    def _load(self) -> None:
        try:
            from dashboard.store import PackageStore

            self._store = PackageStore(*self._args)
            self._store.current()
        finally:
            self._ready.set()

    def get(self) -> PackageStore:
        self._ready.wait()
        if self._store is None:  # the background load failed before the store existed: build it here
            from dashboard.store import PackageStore

            self._store = PackageStore(*self._args)
        return self._store


CALLBACK_PATH = "/_dash-update-component"


def _is_page(path: str) -> bool:
    """Whether a GET for ``path`` is one of the dashboard's pages (answered with Dash's page)."""
    return path == "/" or path.startswith(SOURCE_PREFIX)


def content_security_policy(script_hashes: Sequence[str], frame_ancestors: str = "'none'") -> str:
    """As strict as Dash allows: no eval, inline scripts only by hash; inline styles are plotly's and Dash's."""
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {' '.join(script_hashes)}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )


def callback_body_is_well_formed(body: Any, callbacks: dict[str, Any]) -> bool:
    """Whether a callback request's JSON names a registered callback with the inputs and state it declares
    (so that anything else gets a 400, not a 500)."""
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return False
    spec = callbacks.get(body["output"])
    inputs, state = body.get("inputs"), body.get("state", [])
    if spec is None or not isinstance(inputs, list) or not isinstance(state, list):
        return False
    if len(inputs) != len(spec.get("inputs", [])) or len(state) != len(spec.get("state", [])):
        return False
    return all(isinstance(item, dict | list) for item in [*inputs, *state])


def create_app(
    data_dir: Path | str = SHIPPED_DATA, data_name: str | None = None, frame_ancestors: str = "'none'"
) -> Dash:
    """A dashboard over the package in ``data_dir``; it re-reads the files when they change.

    ``frame_ancestors`` is the CSP list of sites that may embed the pages ('none' by default).
    """
    data_name = data_name or str(data_dir)
    warm = _Warm(data_dir, data_name)
    app = Dash(
        __name__,
        title="Venezuela defections in figures",
        assets_folder=str(ASSETS),
        suppress_callback_exceptions=True,
        update_title="",
    )
    app.layout = shell(data_name)
    policy: list[str] = []  # computed on the first response, once every callback is registered

    index_page: list[str] = []  # Dash's page is the same for every address: made once, served from memory

    @app.server.before_request
    def refuse_malformed_callbacks() -> Response | None:
        if request.method == "GET" and _is_page(request.path):
            if not index_page:
                index_page.append(app.index())
            return Response(index_page[0], mimetype="text/html")
        if request.path.endswith(CALLBACK_PATH) and request.method == "POST":
            body = request.get_json(silent=True)
            if not callback_body_is_well_formed(body, app.callback_map):
                return Response("Bad request: not a Dash callback.\n", status=400, mimetype="text/plain")
        return None

    @app.server.errorhandler(Exception)
    def short_error(error: Exception) -> Response:
        """Any failure answers in a line, with no trace, path or debugger; the log keeps the details."""
        from dash.exceptions import DependencyException, InvalidResourceError
        from werkzeug.exceptions import HTTPException

        if isinstance(error, HTTPException):
            return Response(f"{error.code} {error.name}\n", status=error.code or 500, mimetype="text/plain")
        if isinstance(error, DependencyException | InvalidResourceError):  # an unknown script or asset
            return Response("404 Not Found\n", status=404, mimetype="text/plain")
        log.error("request to %s failed", request.path, exc_info=error)
        if request.path.endswith(CALLBACK_PATH):
            return Response("Bad request: the callback could not be answered.\n", status=400, mimetype="text/plain")
        return Response("Internal error; the server's log says more.\n", status=500, mimetype="text/plain")

    @app.server.after_request
    def security_headers(response: Response) -> Response:
        if not policy:
            policy.append(content_security_policy(app.csp_hashes(), frame_ancestors))
        response.headers["Content-Security-Policy"] = policy[0]
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        return response

    @app.server.route(f"{DOWNLOAD_PREFIX}<filename>")
    def download_route(filename: str) -> Response:
        from dashboard.export import ExportError

        try:
            found = download(warm.get(), filename, date.today())
        except ExportError as error:
            return Response(f"{error}\n", status=503, mimetype="text/plain")
        if found is None:
            return Response(f"Not found: there is no download named {filename!r}.\n", status=404, mimetype="text/plain")
        data, media_type = found
        return Response(
            data,
            mimetype=media_type,
            headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
        )

    @app.callback(Output("page", "children"), Input("url", "pathname"))
    @guarded
    def page(pathname: str | None) -> list[Any]:
        return render_page(warm.get(), pathname, data_name)

    @app.callback(Output("quote-panel", "children"), Input("url", "search"), Input("page", "children"))
    @guarded
    def panel(search: str | None, _page: Any) -> list[Any]:
        from dashboard import layout

        return layout.quote_panel(warm.get().current().tables, layout.parse_state(search)[1])

    @app.callback(
        Output("url", "search"),
        Input({"type": "chart", "name": ALL}, "clickData"),
        State("url", "pathname"),
        prevent_initial_call=True,
    )
    def select(_clicks: list[Any], _pathname: str | None) -> Any:
        trigger = ctx.triggered[0] if ctx.triggered else {}
        search = selected_search(trigger.get("value"), warm.get())
        return search if search is not None else no_update

    app.clientside_callback(
        "function(search, page) { return window.dashboardScroll(search, page); }",
        Output("scroll-dummy", "children"),
        Input("url", "search"),
        Input("page", "children"),
    )
    return app


server = create_app(
    os.environ.get("DASHBOARD_DATA", SHIPPED_DATA),
    os.environ.get("DASHBOARD_DATA", "data"),
    os.environ.get("DASHBOARD_FRAME_ANCESTORS", "'none'"),
).server
