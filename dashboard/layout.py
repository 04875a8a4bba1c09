"""Layout builders: pure functions from a data snapshot to Dash components. Data is always shown as text."""

from __future__ import annotations

import itertools
from typing import Any
from urllib.parse import parse_qs, urlencode

import pandas as pd
from dash import dcc, html

from dashboard import charts
from dashboard.charts import Chart
from dashboard.quotes import TextLocator
from dashboard.shell import aria
from dashboard.store import Snapshot
from dashboard.tables import Tidy
from dashboard.wording import date_phrase, number, shorten, span_phrase, text_fragment_link, value_phrase

SECTIONS = {
    "overview": "Headline figures",
    "defections": "Defections",
    "guard-share": "The national guard",
    "emigration": "Emigration",
}
CARD_QUOTE_CHARS = 160
MAX_CARDS = 8
MAX_TABLE_ROWS = 200


def graph_id(name: str) -> dict[str, str]:
    return {"type": "chart", "name": name}


def state_search(section: str | None = None, figure: str | None = None) -> str:
    """The query string that holds the page's state."""
    params = {key: value for key, value in (("section", section), ("figure", figure)) if value}
    return f"?{urlencode(params)}" if params else ""


def parse_state(search: str | None) -> tuple[str | None, str | None]:
    """(section, figure id) from a query string; anything else in it is ignored."""
    params = parse_qs(search.lstrip("?") if isinstance(search, str) else "")
    return (params.get("section", [None])[0], params.get("figure", [None])[0])


def safe_href(url: str) -> str | None:
    """An address to link to, only when it is http or https."""
    return url if url.lower().startswith(("http://", "https://")) else None


def section_of(tables: Tidy, figure_id: str) -> str:
    rows = tables.figures[tables.figures["figure_id"] == figure_id]
    if rows.empty:
        return "overview"
    dataset = rows["dataset"].iat[0]
    return str(dataset).replace("_", "-")


def banner(snapshot: Snapshot, data_name: str) -> html.Div | None:
    """The list of problems in the data on disk, when there are any; the page keeps the last valid data."""
    if not snapshot.problems:
        return None
    kept = "The page shows the last valid data." if snapshot.tables is not None else "There is no valid data to show."
    return html.Div(
        [
            html.Strong(f"The data in {data_name} has {len(snapshot.problems)} problem(s). {kept} Fix these:"),
            html.Ul([html.Li(html.Code(str(problem))) for problem in snapshot.problems[:MAX_TABLE_ROWS]]),
        ],
        className="banner",
        role="alert",
        id="problems",
    )


def last_updated(snapshot: Snapshot) -> html.P:
    parts = []
    if snapshot.saved_at is not None:
        parts.append(f"Data last saved {snapshot.saved_at:%d %B %Y, %H:%M} UTC")
    if snapshot.tables is not None and not snapshot.tables.sources.empty:
        newest = max(snapshot.tables.sources["published"], key=lambda text: text)
        parts.append(f"newest source published {date_phrase(newest)}")
    return html.P("; ".join(parts) + ".", className="updated", id="last-updated")


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
        [html.H2(SECTIONS["overview"]), html.Div(cards, className="cards")], id="overview", className="section"
    )


def data_table(rows: pd.DataFrame) -> html.Table:
    def cell(value: Any) -> str:
        if isinstance(value, float):
            return "" if pd.isna(value) else number(value)
        return str(value)

    return html.Table(
        [
            html.Thead(html.Tr([html.Th(column, scope="col") for column in rows.columns])),
            html.Tbody(
                [html.Tr([html.Td(cell(value)) for value in record]) for record in rows.head(MAX_TABLE_ROWS).to_numpy()]
            ),
        ],
        className="data-table",
    )


def chart_block(chart: Chart, tables: Tidy, texts: dict[str, str]) -> html.Figure:
    """A chart with its text alternative, a table of its numbers, and its sources as page text."""
    figure = chart.build(tables, texts)
    description = charts.describe(chart, tables)
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
                [html.Summary("Table of the numbers"), data_table(charts.chart_rows(chart, tables))],
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


def dashboard_page(snapshot: Snapshot, data_name: str) -> list[Any]:
    """The main page: headline cards, then a section per dataset with its charts, then the sources."""
    page: list[Any] = [nav(snapshot.tables), last_updated(snapshot)]
    if (notice := banner(snapshot, data_name)) is not None:
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
        children.extend(chart_block(chart, tables, snapshot.texts) for chart in section_charts)
        if section in ("defections", "guard-share"):
            children.append(derivations(tables, section))
        page.append(html.Section(children, id=section, className="section"))
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
    return html.Section([html.H2("Sources"), html.Ul(items)], id="sources", className="section")


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


def quote_panel(tables: Tidy | None, figure_id: str | None) -> list[Any]:
    """The whole quote behind a mark, who said it, where, and links to the passage."""
    if not figure_id or tables is None:
        return [html.P("Click a bar, point or card to see the words that state it.", className="hint")]
    row = tables.figure_rows.get(figure_id)
    if row is None:
        return [html.P(f"There is no figure named {figure_id!r} in the data.", className="hint")]
    source = tables.source_rows.get(row["source_id"])
    children: list[Any] = [
        html.H2(f"{value_phrase(row['value'], row['qualifier'], row['unit'])} {row['measure']}"),
        html.P(span_phrase(row["period_start"], row["period_end"]), className="panel-span"),
        html.Blockquote(f"“{row['quote']}”", id="panel-quote"),
        html.P(f"Claimed by {row['claimant']}", className="panel-claimant"),
    ]
    if source is not None:
        children.append(
            html.P(f"{source['publisher']}: {source['title']} ({date_phrase(source['published'])})", className="src")
        )
    links: list[Any] = [
        dcc.Link("See it highlighted in the source", href=f"/sources/{row['source_id']}#{figure_id}", id="panel-source")
    ]
    if source is not None and (href := safe_href(source["url"])):
        links.append(
            html.A(
                "Open the original article at this passage",
                href=text_fragment_link(href, row["quote"]),
                target="_blank",
                rel="noopener noreferrer",
                id="panel-original",
            )
        )
    children.append(html.P(links, className="panel-links"))
    if row["note"]:
        children.append(html.P(f"Note: {row['note']}", className="panel-note"))
    children.append(html.P(f"Figure id: {figure_id}", className="panel-id"))
    return children


def _marked_text(text: str, spans: list[tuple[int, int, str]]) -> list[Any]:
    """The text with every quoted span in <mark>; overlapping quotes share marks; an anchor per figure id."""
    cuts = sorted({0, len(text), *(start for start, _, _ in spans), *(end for _, end, _ in spans)})
    starts: dict[int, list[str]] = {}
    for start, _, figure_id in spans:
        starts.setdefault(start, []).append(figure_id)
    pieces: list[Any] = []
    for left, right in itertools.pairwise(cuts):
        for figure_id in starts.get(left, []):
            pieces.append(html.Span(id=figure_id, className="anchor"))
        covering = [figure_id for start, end, figure_id in spans if start <= left and right <= end]
        chunk = text[left:right]
        if covering:
            pieces.append(html.Mark(chunk, title="Quoted by " + ", ".join(covering), className="quoted"))
        else:
            pieces.append(chunk)
    return pieces


def source_page(snapshot: Snapshot, source_id: str, data_name: str) -> list[Any]:
    """A source's full text with every quoted passage highlighted, and its metadata."""
    page: list[Any] = [last_updated(snapshot)]
    if (notice := banner(snapshot, data_name)) is not None:
        page.append(notice)
    tables = snapshot.tables
    if tables is None or source_id not in set(tables.sources["source_id"]):
        page.append(
            html.Div(
                [html.H2("Not found"), html.P(f"There is no source {source_id!r}."), dcc.Link("Back", href="/")],
                id="not-found",
            )
        )
        return page
    source = tables.sources.set_index("source_id").loc[source_id]
    text = snapshot.texts.get(source_id, "")
    figures = tables.figures[tables.figures["source_id"] == source_id]
    spans = []
    locator = TextLocator(text)
    for row in figures.itertuples(index=False):
        found = locator.locate(row.quote)
        if found is not None:
            spans.append((found[0], found[1], row.figure_id))
    meta = [
        ("Publisher", source["publisher"]),
        ("Author", source["author"] or "not named"),
        ("Published", date_phrase(source["published"])),
        ("Accessed", date_phrase(source["accessed"]) or "not recorded"),
    ]
    original: Any = source["url"]
    if href := safe_href(source["url"]):
        original = html.A(source["url"], href=href, target="_blank", rel="noopener noreferrer", id="source-url")
    items = []
    for row in figures.itertuples(index=False):
        link = safe_href(source["url"])
        items.append(
            html.Li(
                [
                    html.A(
                        f"{value_phrase(row.value, row.qualifier, row.unit)} {row.measure}", href=f"#{row.figure_id}"
                    ),
                    html.Span(f" — {row.claimant} "),
                    html.A(
                        "(in the original)",
                        href=text_fragment_link(link, row.quote),
                        target="_blank",
                        rel="noopener noreferrer",
                    )
                    if link
                    else None,
                ]
            )
        )
    page.extend(
        [
            html.P(dcc.Link("← Back to the dashboard", href="/")),
            html.H2(source["title"], id="source-title"),
            html.Dl([part for label, value in meta for part in (html.Dt(label), html.Dd(value))], className="meta"),
            html.P(["Original: ", original]),
            html.P(source["note"], className="panel-note") if source["note"] else None,
            html.H3("Figures quoted from this source"),
            html.Ul(items),
            html.H3("Full text"),
            html.Div(_marked_text(text, spans), className="source-text", id="source-text"),
        ]
    )
    return page
