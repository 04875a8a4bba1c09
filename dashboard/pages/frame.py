"""The page's outer frame, the same for every address: header, the page and the quote panel, footer. Its words
come from the page callback (``masthead``, ``colophon``), in the reader's language."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from dash import dcc, html

from dashboard import urls
from dashboard.content.frame import Link, frame
from dashboard.i18n import LANGUAGES, NAMES, _, current


def aria(**attributes: str) -> Any:
    """aria-* attributes for a component: aria(label="Quote") -> {"aria-label": "Quote"}."""
    return {f"aria-{name.replace('_', '-')}": value for name, value in attributes.items()}


def link(item: Link, **extra: Any) -> Any:
    """A link: within the dashboard (followed without a reload), to a file to save, or to another site."""
    attributes: dict[str, Any] = {"id": item.id} if item.id else {}
    if item.inside:
        return dcc.Link(item.text, href=item.href, **attributes, **extra)
    if item.external:
        attributes.update(target="_blank", rel="noopener noreferrer")
    if item.download:
        attributes["download"] = item.download
    if item.language:
        attributes.update(lang=item.language, hrefLang=item.language)
    return html.A(item.text, href=item.href, **attributes, **extra)


def page_frame() -> html.Div:
    """The frame every page shares; its content comes from callbacks so that each load reads fresh data."""
    return html.Div(
        [
            dcc.Location(id="url", refresh="callback-nav"),
            html.Header(id="masthead"),
            html.Div(
                [
                    html.Main(id="page", className="page"),
                    html.Aside(id="quote-panel", className="panel", role="region", **aria(live="polite")),
                ],
                className="body",
            ),
            html.Footer(id="colophon"),
            html.Div(id="scroll-dummy", hidden=True),
            dcc.Store(id="panels"),  # every quote panel the page can open, from the page callback
        ]
    )


def languages(pathname: str, search: str | None) -> list[Link]:
    """Links to this same address in each other language (a full load, so that the page's lang changes too)."""
    params = urls.query(search)
    return [
        Link(NAMES.get(language, language), f"{pathname or '/'}?{urlencode({**params, 'lang': language})}",
             language=language)
        for language in LANGUAGES
        if language != current()
    ]  # fmt: skip


def masthead(pathname: str, search: str | None, label: str = "") -> list[Any]:
    """The header's title, tagline and language switch."""
    content = frame(languages(pathname, search), label)
    return [
        html.H1(dcc.Link(content.title, href=content.home)),
        html.P(content.tagline, className="tagline"),
        html.Nav([link(item) for item in content.languages], className="languages", id="languages",
                 **aria(label=_("Language"))),
    ]  # fmt: skip


def colophon(label: str) -> list[Any]:
    """The footer: which data package the page shows."""
    return [html.P(frame([], label).colophon)]
