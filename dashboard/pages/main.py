"""The dashboard page: headline cards, then a section per dataset with its charts, then the sources."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard import charts
from dashboard.charts import Chart
from dashboard.formatting import date_phrase, shorten, span_phrase, value_phrase
from dashboard.pages.address import section_id, section_of, state_search
from dashboard.pages.common import banner, data_table, last_updated
from dashboard.pages.frame import aria
from dashboard.store import Snapshot
from dashboard.tables import Tidy

SECTIONS = {
    "overview": "Headline figures",
    "defections": "Defections",
    "guard-share": "The national guard",
    "emigration": "Emigration",
}
CARD_QUOTE_CHARS = 160
MAX_CARDS = 8


def graph_id(name: str) -> dict[str, str]:
    """The id of a chart's graph: a pattern-matching id, so that one callback hears every chart's clicks."""
    return {"type": "chart", "name": name}


def _card(row: Any, tables: Tidy) -> html.Article:
    section = section_of(tables, row.figure_id)
    span = span_phrase(row.period_start, row.period_end)
    return html.Article(
        [
            html.P(value_phrase(row.value, row.qualifier, row.unit), className="card-number"),
            html.P(f"{row.measure}, {span}", className="card-what"),
            html.P(f"Qualifier: {row.qualifier.replace('_', ' ')} · Claimed by {row.claimant}", className="card-who"),
            html.Blockquote(f"“{shorten(row.quote, CARD_QUOTE_CHARS)}”"),
            dcc.Link(
                "Full quote and source",
                href=state_search(section, row.figure_id),
                className="card-link",
                id=f"card-link-{row.figure_id}",
            ),
        ],
        className="card",
    )


def headline_cards(tables: Tidy) -> html.Section:
    """One card per key figure: for each measure of the three datasets, its latest figure (at most MAX_CARDS)."""
    rows = tables.figures[tables.figures["dataset"].isin(["defections", "guard_share", "emigration"])]
    order = {"defections": 0, "guard_share": 1, "emigration": 2}
    rows = rows.sort_values("period_end_last", kind="stable").drop_duplicates(["dataset", "measure"], keep="last")
    rows = rows.sort_values(by="dataset", key=lambda column: column.map(order), kind="stable").head(MAX_CARDS)
    cards = [_card(row, tables) for row in rows.itertuples(index=False)]
    return html.Section(
        [html.H2(SECTIONS["overview"]), html.Div(cards, className="cards")],
        id=section_id("overview"),
        className="section",
    )


def chart_block(chart: Chart, tables: Tidy) -> html.Figure:
    """A chart with its text alternative, a table of its numbers, and its sources as page text."""
    figure = chart.build(tables)
    description = chart.describe(tables)
    config: Any = {
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {
            "format": "png",
            "scale": 2,
            "filename": chart.name,
            "width": charts.WIDTH,
            "height": charts.HEIGHT,
        },
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    }
    return html.Figure(
        [
            html.Div(
                dcc.Graph(
                    id=graph_id(chart.name),
                    figure=figure,
                    config=config,
                    className="graph",
                    style={"height": f"{charts.HEIGHT}px"},
                ),
                role="img",
                **aria(label=chart.title, describedby=f"description-{chart.name}"),
                className="graph-box",
            ),
            html.Figcaption(description, className="description", id=f"description-{chart.name}"),
            html.Details(
                [html.Summary("Table of the numbers"), data_table(chart.rows(tables))],
                className="table-view",
            ),
            download_menu(chart),
        ],
        className="chart",
        id=f"chart-{chart.name}",
    )


DOWNLOADS = (("png", "PNG image"), ("svg", "SVG image"), ("pdf", "PDF"), ("csv", "This chart's data (CSV)"))
BUNDLE = ("/download/venezuela-defections-data.zip", "All the data, with citations (zip)")


def download_menu(chart: Chart) -> html.Details:
    """Links to the chart as images drawn on the server (with their sources on them), its data, and the bundle."""
    links = [
        html.Li(html.A(label, href=f"/download/{chart.name}.{extension}", download=f"{chart.name}.{extension}"))
        for extension, label in DOWNLOADS
    ]
    links.append(html.Li(html.A(BUNDLE[1], href=BUNDLE[0], download=BUNDLE[0].rsplit("/", 1)[1])))
    return html.Details([html.Summary("Download"), html.Ul(links)], className="download-menu")


def derivations(tables: Tidy, section: str) -> html.Div:
    """How the section's derived numbers were computed, in words, with the figures they came from."""
    items = []
    if section == "guard-share":
        for row in tables.guard_share.itertuples(index=False):
            if row.count_figure_id:
                inputs = ", ".join(row.force_inputs)
                items.append(html.Li(f"Implied size of the force (from {inputs}): {row.force_formula}."))
    else:
        for row in tables.defections.itertuples(index=False):
            if row.rate_formula:
                items.append(html.Li(f"Rate per day (from {', '.join(row.rate_inputs)}): {row.rate_formula}."))
    return html.Div([html.H3("How the derived numbers were computed"), html.Ul(items)], className="derivations")


def dashboard_page(snapshot: Snapshot, label: str) -> list[Any]:
    """The main page: headline cards, then a section per dataset with its charts, then the sources."""
    page: list[Any] = [nav(snapshot.tables), last_updated(snapshot)]
    if (notice := banner(snapshot, label)) is not None:
        page.append(notice)
    tables = snapshot.tables
    if tables is None:
        return page
    page.append(headline_cards(tables))
    by_section: dict[str, list[Chart]] = {}
    for chart in charts.available(tables):
        by_section.setdefault(chart.section, []).append(chart)
    for section, section_charts in by_section.items():
        children: list[Any] = [html.H2(SECTIONS.get(section, section_charts[0].title))]
        children.extend(chart_block(chart, tables) for chart in section_charts)
        if section in ("defections", "guard-share"):
            children.append(derivations(tables, section))
        page.append(html.Section(children, id=section_id(section), className="section"))
    page.append(sources_list(tables))
    return page


def sources_list(tables: Tidy) -> html.Section:
    items = [
        html.Li(
            [
                dcc.Link(row.title, href=f"/sources/{row.source_id}"),
                html.Span(f" — {row.publisher}, {date_phrase(row.published)}"),
            ]
        )
        for row in tables.sources.itertuples(index=False)
    ]
    return html.Section([html.H2("Sources"), html.Ul(items)], id=section_id("sources"), className="section")


def nav(tables: Tidy | None) -> html.Nav:
    links = [dcc.Link(title, href=state_search(key)) for key, title in SECTIONS.items()]
    if tables is not None:
        known = set(SECTIONS)
        for chart in charts.available(tables):
            if chart.section not in known:
                known.add(chart.section)
                links.append(dcc.Link(chart.title, href=state_search(chart.section)))
    links.append(dcc.Link("Sources", href=state_search("sources")))
    return html.Nav(links, className="nav", **aria(label="Sections"))
