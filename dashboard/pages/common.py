"""Parts every page shows, as Dash components: links, the problems banner, when the data was saved, and tables of
numbers."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard.content.parts import Link, Problems, Table


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
