"""Parts every page shows, as Dash components: the problems banner, when the data was saved, and tables of
numbers."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.content.parts import Problems, Table


def banner(found: Problems | None) -> html.Div | None:
    """The list of problems in the data on disk, when there are any."""
    if found is None:
        return None
    return html.Div(
        [
            html.Strong(found.summary),
            html.Ul([html.Li(html.Code(line)) for line in found.lines]),
            *more(found.more),
        ],
        className="banner",
        role="alert",
        id="problems",
    )


def more(line: str | None) -> list[html.P]:
    """The line under a list or table cut short, saying where the rest are; none when nothing was cut."""
    return [html.P(line, className="more")] if line else []


def last_updated(line: str) -> html.P:
    """When the data was last saved, and the newest source's date."""
    return html.P(line, className="updated", id="last-updated")


def head(updated: str, found: Problems | None) -> list[Any]:
    """What every page starts with: when the data was saved, and the problems banner when there are problems."""
    notice = banner(found)
    return [last_updated(updated), *([notice] if notice is not None else [])]


def data_table(table: Table) -> html.Div:
    """A table of numbers, as text, and the line that says where the rest are when it was cut."""
    rendered = html.Table(
        [
            html.Thead(html.Tr([html.Th(column, scope="col") for column in table.columns])),
            html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in table.rows]),
        ],
        className="data-table",
    )
    return html.Div([rendered, *more(table.more)])
