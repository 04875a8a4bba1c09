"""The page's outer frame, the same for every address: header, the page and the quote panel, footer."""

from __future__ import annotations

from typing import Any

from dash import dcc, html


def aria(**attributes: str) -> Any:
    """aria-* attributes for a component: aria(label="Quote") -> {"aria-label": "Quote"}."""
    return {f"aria-{name.replace('_', '-')}": value for name, value in attributes.items()}


def page_frame(label: str) -> html.Div:
    """The frame every page shares; its content comes from callbacks so that each load reads fresh data."""
    return html.Div(
        [
            dcc.Location(id="url", refresh="callback-nav"),
            html.Header(
                [
                    html.H1(dcc.Link("Venezuela's armed forces: defections in figures", href="/")),
                    html.P(
                        "Every number is checked against the words of its source; click any mark to read them.",
                        className="tagline",
                    ),
                ]
            ),
            html.Div(
                [
                    html.Main(id="page", className="page"),
                    html.Aside(
                        id="quote-panel", className="panel", role="region", **aria(live="polite", label="Quote")
                    ),
                ],
                className="body",
            ),
            html.Footer(html.P(f"Data package: {label}")),
            html.Div(id="scroll-dummy", hidden=True),
        ]
    )
