"""The dashboard page as Dash components, from its content (``dashboard.content.main``)."""

from __future__ import annotations

import json
from typing import Any, cast

from dash import dcc, html

from dashboard import urls
from dashboard.charts import framing
from dashboard.content import main
from dashboard.content.main import Card, ChartView, Comparison, Headline, SourceItem, SourcesList
from dashboard.images import NARROW_MEDIA, STILLS
from dashboard.pages.common import data_table, head
from dashboard.pages.frame import aria, link
from dashboard.store import Snapshot


def graph_id(name: str, kind: str = "chart") -> dict[str, str]:
    """The id of a chart's graph (``kind`` "chart"), or of its parts that draw it when it comes near the screen:
    its box ("box"), the graph as the box will hold it ("plot"), and whether the reader has come near it ("seen").
    Pattern-matching ids, so that one callback hears every chart's clicks and one draws each chart."""
    return {"type": kind, "name": name}


def still(view: ChartView) -> html.Picture:
    """A chart as an image, wide or narrow for the screen, shown until the reader comes near it and it is drawn."""
    return html.Picture(
        [
            html.Source(media=NARROW_MEDIA, srcSet=urls.still(view.name, "narrow")),
            html.Img(
                src=urls.still(view.name, "wide"), className="still", width=STILLS["wide"], height=view.height, alt=""
            ),
        ]
    )


def card(content: Card) -> html.Article:
    """A claim a reader sees first, compact so that the first screen reaches the charts: its number, what and
    when, who claims it and how many report it, the reading before it, and a link that opens its quote."""
    parts: list[Any] = [
        html.P(content.number, className="card-number"),
        html.P(content.what, className="card-what"),
        html.P(content.who, className="card-who"),
    ]
    if content.change:
        parts.append(html.P(content.change, className="card-change"))
    parts.append(link(content.link, className="card-link"))
    return html.Article(parts, className="card")


def headline_cards(content: Headline) -> html.Section:
    """The headline's cards, and the link to every claim when not all are shown."""
    cards = html.Div(
        [card(one) for one in content.cards], className="cards strip", tabIndex="0"
    )  # a strip that scrolls on a phone
    children: list[Any] = [html.H2(content.title), cards]
    if content.more is not None:
        children.append(html.P([content.shown, " ", link(content.more)], className="more"))
    return html.Section(children, id=content.id, className="section", **aria(label=content.title))


def comparison(content: Comparison | None) -> html.Div | None:
    """Claims that overlap in time, a table per group."""
    if content is None:
        return None
    header = html.Thead(html.Tr([html.Th(column, scope="col") for column in content.columns]))
    blocks = [
        html.Table([header, html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in group])],
                   className="data-table comparison")
        for group in content.groups
    ]  # fmt: skip
    return html.Div([html.H4(content.title), *blocks], className="comparisons")


def folded(summary: str | None, body: Any) -> Any:
    """``body`` as it is, or folded under ``summary`` when there is one."""
    return body if summary is None else html.Details([html.Summary(summary), body], className="folded")


def chart_block(view: ChartView, words: main.Words) -> html.Figure:
    """A chart: its title and subtitle, the plot, what was said of it, its sources and notes as page text (which
    wraps at any width), claims to compare, a table of the numbers it draws, downloads, and its text alternative."""
    config: Any = framing.page_config()
    return html.Figure(
        [
            html.H3(view.title, className="chart-title"),
            html.P(view.subtitle, className="chart-subtitle"),
            html.Div(
                still(view),  # the graph comes in its place when the reader comes near it (assets/dashboard.js)
                id=graph_id(view.name, "box"),
                role="group",
                **aria(label=view.label, describedby=view.description_id),
                **cast(Any, {"data-chart": view.name}),  # which chart the page's script draws in it
                className="graph-box",
                style={"minHeight": f"{view.height}px"},  # kept while plotly.js loads, so that nothing shifts
            ),
            dcc.Store(id=graph_id(view.name, "seen")),
            dcc.Store(
                id=graph_id(view.name, "plot"),
                data=dcc.Graph(
                    id=graph_id(view.name),
                    figure=json.loads(view.plot.to_json()),  # plain data, which each answer encodes 3 times faster
                    config=config,
                    className="graph",
                    style={"height": f"{view.height}px"},
                ).to_plotly_json(),  # a store holds data: the graph as Dash sends it
            ),
            *(html.Blockquote(remark, className="chart-remark") for remark in view.remarks),
            html.Div([html.P(line) for line in view.footer], className="chart-footer"),
            comparison(view.comparison),
            html.Details([html.Summary(words.table), data_table(view.table)], className="table-view"),
            html.Details(
                [html.Summary(words.download), html.Ul([html.Li(link(item)) for item in view.downloads])],
                className="download-menu",
            ),
            html.Figcaption(
                folded(view.description_folded, html.P(view.description, id=view.description_id)),
                className="description",
            ),
        ],
        className="chart",
        id=view.element_id,
    )


def sources_list(content: SourcesList) -> html.Section:
    """Every source shown, and the link to them all when not all are."""
    children: list[Any] = [html.H2(content.title), html.Ul([source_item(item) for item in content.items])]
    if content.more is not None:
        children.append(html.P(link(content.more), className="more"))
    return html.Section(children, id=content.id, className="section")


def source_item(item: SourceItem) -> html.Li:
    return html.Li([link(item.link), html.Span(item.rest)])


def dashboard_page(snapshot: Snapshot, label: str) -> list[Any]:
    """The main page: headline cards, then a section per dataset with its charts, then the sources."""
    content = main.main_page(snapshot, label)
    words = main.words()
    page: list[Any] = [
        html.Nav([link(item) for item in content.nav], className="nav", **aria(label=words.sections)),
        *head(content.updated, content.problems),
    ]
    if content.headline is None or content.sources is None:
        return page
    page.append(headline_cards(content.headline))
    for section in content.sections:
        children: list[Any] = [html.H2(section.title), *(chart_block(view, words) for view in section.charts)]
        if (derived := section.derivations) is not None:
            listed = html.Ul([html.Li(line) for line in derived.lines])
            children.append(html.Div([html.H3(derived.title), folded(derived.folded, listed)], className="derivations"))
        page.append(html.Section(children, id=section.id, className="section"))
    page.append(sources_list(content.sources))
    return page
