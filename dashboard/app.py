"""The Dash app: wires the package store, the layout builders and the charts together with thin callbacks."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, html, no_update

from dashboard import layout
from dashboard.loader import SHIPPED_DATA
from dashboard.store import PackageStore

ASSETS = Path(__file__).resolve().parent / "assets"
SOURCE_PREFIX = "/sources/"
log = logging.getLogger(__name__)


def render_page(store: PackageStore, pathname: str | None, data_name: str) -> list[Any]:
    """The page for a path: the dashboard at /, a source at /sources/<id>, else a clear 'not found'."""
    snapshot = store.current()
    path = pathname or "/"
    if path in ("/", ""):
        return layout.dashboard_page(snapshot, data_name)
    if path.startswith(SOURCE_PREFIX):
        return layout.source_page(snapshot, path[len(SOURCE_PREFIX) :].strip("/"), data_name)
    return [html.Div([html.H2("Not found"), html.P(f"There is no page {path!r}.")], id="not-found")]


def selected_search(click_data: dict[str, Any] | None, store: PackageStore) -> str | None:
    """The query string for a clicked mark: its section and figure id; None when the click names no figure."""
    try:
        figure_id = str(click_data["points"][0]["customdata"][0])  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return None
    tables = store.current().tables
    if tables is None or figure_id not in set(tables.figures["figure_id"]):
        return None
    return layout.state_search(layout.section_of(tables, figure_id), figure_id)


def create_app(data_dir: Path | str = SHIPPED_DATA, data_name: str | None = None) -> Dash:
    """A dashboard over the package in ``data_dir``; it re-reads the files when they change."""
    data_name = data_name or str(data_dir)
    store = PackageStore(data_dir, data_name)
    app = Dash(
        __name__,
        title="Venezuela defections in figures",
        assets_folder=str(ASSETS),
        suppress_callback_exceptions=True,
        update_title="",
    )
    app.layout = layout.shell(data_name)

    @app.callback(Output("page", "children"), Input("url", "pathname"))
    def page(pathname: str | None) -> list[Any]:
        return render_page(store, pathname, data_name)

    @app.callback(Output("quote-panel", "children"), Input("url", "search"), Input("page", "children"))
    def panel(search: str | None, _page: Any) -> list[Any]:
        return layout.quote_panel(store.current().tables, layout.parse_state(search)[1])

    @app.callback(
        Output("url", "search"),
        Input(layout.graph_id(ALL), "clickData"),  # type: ignore[arg-type]
        State("url", "pathname"),
        prevent_initial_call=True,
    )
    def select(_clicks: list[Any], _pathname: str | None) -> Any:
        trigger = ctx.triggered[0] if ctx.triggered else {}
        search = selected_search(trigger.get("value"), store)
        return search if search is not None else no_update

    app.clientside_callback(
        "function(search, page) { return window.dashboardScroll(search, page); }",
        Output("scroll-dummy", "children"),
        Input("url", "search"),
        Input("page", "children"),
    )
    return app


server = create_app(os.environ.get("DASHBOARD_DATA", SHIPPED_DATA), os.environ.get("DASHBOARD_DATA", "data")).server
