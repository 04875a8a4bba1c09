"""The page's outer frame, the same for every address: header, the page and the quote panel, footer. Its words
come from the page callback (``masthead``, ``colophon``), in the reader's language."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from dash import dcc, html

from dashboard.i18n import LANGUAGES, NAMES, _, current


def aria(**attributes: str) -> Any:
    """aria-* attributes for a component: aria(label="Quote") -> {"aria-label": "Quote"}."""
    return {f"aria-{name.replace('_', '-')}": value for name, value in attributes.items()}


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
        ]
    )


def language_switch(pathname: str, search: str | None) -> html.Nav:
    """Links to this same address in each other language (a full load, so that the page's lang changes too)."""
    from dashboard import urls

    params = urls.query(search)
    links = []
    for language in LANGUAGES:
        if language == current():
            continue
        query = urlencode({**params, "lang": language})
        links.append(
            html.A(NAMES.get(language, language), href=f"{pathname or '/'}?{query}", lang=language, hrefLang=language)
        )
    return html.Nav(links, className="languages", id="languages", **aria(label=_("Language")))


def masthead(pathname: str, search: str | None) -> list[Any]:
    """The header's title, tagline and language switch."""
    from dashboard import urls

    return [
        html.H1(dcc.Link(_("Venezuela's armed forces: defections in figures"), href=urls.page())),
        html.P(_("Every number is checked against the words of its source; click any mark to read them."),
               className="tagline"),
        language_switch(pathname, search),
    ]  # fmt: skip


def colophon(label: str) -> list[Any]:
    """The footer: which data package the page shows."""
    return [html.P(_("Data package: {label}").format(label=label))]
