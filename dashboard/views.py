"""What the live page shows at an address, made once per version of the data: the page callback's outputs (the
page, the header, the footer, and every quote panel it can open without asking the server), and the same drawn
as HTML for the first view, which a reader sees before Dash's scripts have run."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from dash import html

from dashboard import urls
from dashboard.i18n import _
from dashboard.pagecache import PageCache

if TYPE_CHECKING:
    from dashboard.store import PackageStore

log = logging.getLogger(__name__)
FRAME_OUTPUTS = ("page", "masthead", "colophon")  # the frame's parts whose children the page callback gives


def guarded(build: Callable[..., list[Any]]) -> Callable[..., list[Any]]:
    """A page-building callback that answers with a short notice, never an error 500, if drawing fails."""

    @functools.wraps(build)
    def wrapper(*args: Any) -> list[Any]:
        try:
            return build(*args)
        except Exception:
            log.exception("drawing %s failed", build.__name__)
            return [html.P(_("This part of the page could not be drawn; the server's log says why."), role="alert")]

    return wrapper


def render_page(store: PackageStore, pathname: str | None, edits: bool = False) -> list[Any]:
    """The page for a path under the prefix: the dashboard, a source at sources/<id>, a page of a list at
    all/claims… (the sources' with a link to add an article when ``edits``), else a clear 'not found'."""
    from dashboard.pages.lists import add_article_link, claims_page, page_number, sources_page
    from dashboard.pages.main import dashboard_page
    from dashboard.pages.source import source_page

    snapshot = store.current()
    path = pathname if isinstance(pathname, str) and pathname else urls.prefix()
    asked = urls.route(path)
    if asked == "":
        return dashboard_page(snapshot, store.label)
    for base, listing in ((urls.CLAIMS_LIST, claims_page), (urls.SOURCES_LIST, sources_page)):
        if asked is not None and (asked == base or asked.startswith(f"{base}/")):
            at = page_number(asked[len(base) :].strip("/"))
            if at is not None:
                shown = listing(snapshot, store.label, at)
                return [add_article_link(), *shown] if edits and base == urls.SOURCES_LIST else shown
    if asked is not None and asked.startswith(urls.SOURCES):
        return source_page(snapshot, unquote(asked[len(urls.SOURCES) :].strip("/")), store.label)
    return [
        html.Div([html.H2(_("Not found")), html.P(_("There is no page {path!r}.").format(path=path))], id="not-found")
    ]


def plain(value: Any) -> Any:
    """Components, figures and all, as the plain data Dash sends for them."""
    from plotly.io.json import to_json_plotly

    return json.loads(to_json_plotly(value))


class Views:
    """The live page's views of one package store; ``served`` is the prefix the browser finds the app at, and
    ``edits`` whether the sources list links to the page that adds an article. Each method is called in the
    reader's language (``i18n.using``), with the key that tells its pages apart (``language``)."""

    def __init__(self, store: Callable[[], PackageStore], served: str, edits: bool = False) -> None:
        self.store, self.served, self.edits = store, served, edits
        self.pages = PageCache()
        self.first_views = PageCache()

    def outputs(self, pathname: str | None, search: str | None, language: object, sent: bool = True) -> tuple[Any, ...]:
        """The page callback's outputs: the page, the header, the footer, the panel's name, and the panels. The page
        and its panels as components, or when ``sent`` as the plain data Dash sends (made once with them: encoding
        plain data takes a third of the time of encoding components and figures, for every reader's page)."""
        from dashboard.pages.frame import colophon, masthead
        from dashboard.pages.panel import panels

        path = pathname or self.served
        store = self.store()
        snapshot = store.current()
        with urls.served_at(self.served):

            def made() -> list[Any]:
                content = guarded(lambda: render_page(store, pathname, self.edits))()
                shown = panels(snapshot.tables, content)
                return [content, shown, plain(content), plain(shown)]

            content, shown, plain_content, plain_shown = self.pages.page(snapshot, (language, path), made)
            figure = urls.parse_state(search)[1]
            if figure and figure not in shown["figures"]:
                shown = panels(snapshot.tables, [], figure, shown)
                plain_shown = {
                    **plain_shown,
                    "figures": {**plain_shown["figures"], figure: plain(shown["figures"][figure])},
                }
            page, panel = (plain_content, plain_shown) if sent else (content, shown)
            return page, masthead(path, search), colophon(store.label), _("Quote"), panel

    def first_view(self, pathname: str | None, search: str | None, language: object) -> str:
        """The page at this address as HTML, the frame filled as the callbacks fill it, its quote panel open on the
        figure the address names."""
        from dashboard.pages.frame import page_frame
        from dashboard.pages.markup import markup, walk
        from dashboard.pages.panel import opened

        def draw() -> list[Any]:
            content, head, foot, label, shown = self.outputs(pathname, search, language, sent=False)
            layout = page_frame()
            filled = dict(zip(FRAME_OUTPUTS, (content, head, foot), strict=True))
            for part in walk(layout):
                part_id = getattr(part, "id", None)
                part_id = part_id if isinstance(part_id, str) else None
                if part_id in filled:
                    part.children = filled[part_id]
                elif part_id == "quote-panel":
                    part.children = opened(shown, search)
                    setattr(part, "aria-label", label)
            return [markup(layout)]

        return str(self.first_views.page(self.store().current(), (language, pathname, search), draw)[0])
