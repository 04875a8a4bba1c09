"""The dashboard page: headline cards, then a section per dataset with its charts, then the sources."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard import charts, datasets, urls
from dashboard.charts import Chart, framing
from dashboard.charts.framing import Drawn
from dashboard.claims import disagreements, latest_claims
from dashboard.datasets import DatasetSpec
from dashboard.downloads import BUNDLE_NAME
from dashboard.formatting import date_phrase, number, shorten, span_phrase, value_phrase
from dashboard.i18n import N_, _, ngettext
from dashboard.pages.common import banner, data_table, last_updated
from dashboard.pages.frame import aria
from dashboard.store import Snapshot
from dashboard.tables import Tidy

OVERVIEW = ("overview", N_("Headline figures"))
CARD_QUOTE_CHARS = 160
HEADLINE_CARDS = 12  # past this many, the headline shows the most recent, and links to the list of all claims
FOLDED_PAST = 6  # a chart's description in words, or a list of derivations, longer than this is folded away
SOURCES_SHOWN = 20  # past this many, the sources section lists the most recent, and links to the list of all


def graph_id(name: str) -> dict[str, str]:
    """The id of a chart's graph: a pattern-matching id, so that one callback hears every chart's clicks."""
    return {"type": "chart", "name": name}


def card(claim: dict[str, Any], tables: Tidy) -> html.Article:
    """A claim a reader sees first: its number, what and when, who claims it, how many sources report it, and the
    reading before it in its series with the change since."""
    figure_id = claim["claim_id"]
    span = span_phrase(claim["period_start"], claim["period_end"])
    count = int(claim["sources"])
    reported = ngettext("Reported by {count} source", "Reported by {count} sources", count).format(count=count)
    claimed = _("Claimed by {claimant}").format(claimant=claim["claimant"])
    parts: list[Any] = [
        html.P(value_phrase(claim["value"], claim["qualifier"], claim["unit"]), className="card-number"),
        html.P(f"{claim['measure']}, {span}", className="card-what"),
        html.P(f"{claimed} · {reported}", className="card-who"),
    ]
    previous = tables.claim_of.get(claim["previous_id"]) if claim["previous_id"] else None
    if previous is not None:
        change = claim["change"]
        sign = "+" if change >= 0 else "−"
        text = _("Previous reading {value} ({span}); change {change}").format(
            value=value_phrase(previous["value"], previous["qualifier"], previous["unit"]),
            span=span_phrase(previous["period_start"], previous["period_end"]), change=f"{sign}{number(abs(change))}",
        )  # fmt: skip
        if claim["below_previous"]:
            text += " " + _("(lower: a revision?)")
        parts.append(html.P(text, className="card-change"))
    parts.append(html.Blockquote(f"“{shorten(claim['quote'], CARD_QUOTE_CHARS)}”"))
    parts.append(dcc.Link(_("Full quote and sources"), href=urls.figure_state(tables, figure_id),
                          className="card-link", id=f"card-link-{figure_id}"))  # fmt: skip
    return html.Article(parts, className="card")


def headline_cards(tables: Tidy) -> html.Section:
    """One card for the latest reading of each series and one for each claim outside a series, the known datasets
    first; past ``HEADLINE_CARDS`` of them, the most recent, and a link to the list of them all."""
    order = {spec.id: position for position, spec in enumerate(datasets.REGISTRY)}
    every = latest_claims(tables.claims)
    claims = framing.most_recent(every, "last_day", HEADLINE_CARDS)
    claims = claims.sort_values(by="dataset", key=lambda column: column.map(order).fillna(len(order)), kind="stable")
    children: list[Any] = [
        html.H2(_(OVERVIEW[1])),
        html.Div([card(claim, tables) for claim in claims.to_dict("records")], className="cards"),
    ]
    if len(claims) < len(every):
        shown = _("The {shown} most recent of {total} claims.").format(shown=len(claims), total=number(len(every)))
        everything = _("Show all {total} claims").format(total=number(len(every)))
        children.append(
            html.P([shown, " ", dcc.Link(everything, href=urls.listing(urls.CLAIMS_LIST))], className="more")
        )
    return html.Section(
        children,
        id=urls.section_id(OVERVIEW[0]),
        className="section",
        **aria(label=_(OVERVIEW[1])),
    )


def comparison(tables: Tidy, dataset: str, drawn: set[str]) -> html.Div | None:
    """Claims to read side by side, under the dataset's chart, of those it draws (``drawn``, claim ids): who, how
    many, over which days, reported by whom."""
    claims = tables.claims[tables.claims["claim_id"].isin(drawn)]
    groups = disagreements(claims, dataset)
    if not groups:
        return None
    claims = claims.set_index("claim_id")
    blocks: list[Any] = []
    for group in groups:
        rows = []
        for claim_id in group:
            claim = claims.loc[claim_id]
            reporters = ", ".join(
                f"{tables.source_rows[source]['publisher']} ({date_phrase(tables.source_rows[source]['published'])})"
                for source in claim["source_ids"]
                if source in tables.source_rows
            )
            rows.append(html.Tr([html.Td(claim["claimant"]),
                                 html.Td(value_phrase(claim["value"], claim["qualifier"], claim["unit"])),
                                 html.Td(span_phrase(claim["period_start"], claim["period_end"])),
                                 html.Td(reporters)]))  # fmt: skip
        head = html.Thead(
            html.Tr(
                [
                    html.Th(_(name), scope="col")
                    for name in (N_("Claimant"), N_("Value"), N_("Period"), N_("Reported by"))
                ]
            )
        )
        blocks.append(html.Table([head, html.Tbody(rows)], className="data-table comparison"))
    return html.Div([html.H4(_("Claims that overlap in time, side by side")), *blocks], className="comparisons")


def chart_block(chart: Chart, tables: Tidy, built: Drawn) -> html.Figure:
    """A chart (``built``, its plot and texts): its title, subtitle and remarks, the plot, its sources and notes as
    page text (which wraps at any width), claims to compare, a table of the numbers it draws, downloads, and its
    text alternative."""
    texts = built.texts
    plot = framing.on_page(built)
    description = chart.describe(tables, built)
    table = chart.drawn_rows(tables, built)
    config: Any = {"displaylogo": False, "responsive": True,
                   "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"], **framing.plot_config()}  # fmt: skip
    return html.Figure(
        [
            html.H3(texts.title, className="chart-title"),
            html.P(texts.subtitle, className="chart-subtitle"),
            *(html.Blockquote(remark, className="chart-remark") for remark in texts.remarks),
            html.Div(
                dcc.Graph(
                    id=graph_id(chart.name),
                    figure=plot,
                    config=config,
                    className="graph",
                    style={"height": f"{plot.layout.height}px"},
                ),
                role="group",
                **aria(label=chart.title, describedby=f"description-{chart.name}"),
                className="graph-box",
            ),
            html.Div([html.P(line) for line in texts.footer], className="chart-footer"),
            comparison(tables, chart.dataset, set(charts.figure_ids(built.plot))) if chart.over_time else None,
            html.Details(
                [html.Summary(_("Table of the numbers")), data_table(table)],
                className="table-view",
            ),
            download_menu(chart),
            html.Figcaption(
                folded(_("The chart in words"), len(table), html.P(description, id=f"description-{chart.name}")),
                className="description",
            ),
        ],
        className="chart",
        id=f"chart-{chart.name}",
    )


DOWNLOADS = (
    ("png", N_("PNG image")),
    ("svg", N_("SVG image")),
    ("pdf", N_("PDF")),
    ("csv", N_("This chart's data (CSV)")),
)
BUNDLE_LABEL = N_("All the data, with citations (zip)")


def download_menu(chart: Chart) -> html.Details:
    """Links to the chart as images drawn on the server (with their sources on them), its data, and the bundle."""
    links = [
        html.Li(html.A(_(label), href=urls.download(f"{chart.name}.{extension}"),
                       download=f"{chart.name}.{extension}"))
        for extension, label in DOWNLOADS
    ]  # fmt: skip
    links.append(html.Li(html.A(_(BUNDLE_LABEL), href=urls.download(BUNDLE_NAME), download=BUNDLE_NAME)))
    return html.Details([html.Summary(_("Download")), html.Ul(links)], className="download-menu")


def derivations(tables: Tidy, spec: DatasetSpec, drawn: set[str]) -> html.Div | None:
    """How the dataset's derived numbers were computed (of its charts' ``drawn`` figures), in words, with the
    figures they came from; None when none is derived."""
    lines = spec.derivations(tables, drawn) if spec.derivations is not None else []
    if not lines:
        return None
    listed = html.Ul([html.Li(line) for line in lines])
    shown = folded(_("Show all {count}").format(count=number(len(lines))), len(lines), listed)
    return html.Div([html.H3(_("How the derived numbers were computed")), shown], className="derivations")


def folded(summary: str, items: int, body: Any) -> Any:
    """``body`` as it is, or, when it holds more than ``FOLDED_PAST`` items, folded under ``summary``."""
    return body if items <= FOLDED_PAST else html.Details([html.Summary(summary), body], className="folded")


def dashboard_page(snapshot: Snapshot, label: str) -> list[Any]:
    """The main page: headline cards, then a section per dataset with its charts, then the sources."""
    page: list[Any] = [nav(snapshot.tables), last_updated(snapshot)]
    if (notice := banner(snapshot, label)) is not None:
        page.append(notice)
    tables = snapshot.tables
    if tables is None:
        return page
    page.append(headline_cards(tables))
    available = charts.available(tables)
    for spec in datasets.present(tables):
        section_charts = [chart for chart in available if chart.dataset == spec.id]
        if not section_charts:
            continue
        children: list[Any] = [html.H2(_(spec.title))]
        figures = [chart.build(tables) for chart in section_charts]
        children.extend(
            chart_block(chart, tables, figure) for chart, figure in zip(section_charts, figures, strict=True)
        )
        drawn = {figure_id for chart, figure in zip(section_charts, figures, strict=True)
                 for figure_id in chart.drawn_rows(tables, figure)["figure_id"]}  # fmt: skip
        children.append(derivations(tables, spec, drawn))
        page.append(html.Section(children, id=urls.section_id(spec.section), className="section"))
    page.append(sources_list(tables))
    return page


def source_item(row: Any) -> html.Li:
    """A source in a list: its title, linking to its page, its publisher and date."""
    return html.Li(
        [
            dcc.Link(row.title, href=urls.source(row.source_id)),
            html.Span(f" — {row.publisher}, {date_phrase(row.published)}"),
        ]
    )


def sources_list(tables: Tidy) -> html.Section:
    """Every source, in the package's order; past ``SOURCES_SHOWN``, the first of them and a link to them all."""
    shown = tables.sources.head(SOURCES_SHOWN)
    children: list[Any] = [html.H2(_("Sources")), html.Ul([source_item(row) for row in shown.itertuples(index=False)])]
    if len(shown) < len(tables.sources):
        everything = _("Show all {total} sources").format(total=number(len(tables.sources)))
        children.append(html.P(dcc.Link(everything, href=urls.listing(urls.SOURCES_LIST)), className="more"))
    return html.Section(children, id=urls.section_id("sources"), className="section")


def nav(tables: Tidy | None) -> html.Nav:
    """Links to the page's sections: the headline, each dataset the data holds (every one of the registry while
    there is no valid data), the sources."""
    specs = datasets.present(tables) if tables is not None else list(datasets.REGISTRY)
    sections = [OVERVIEW, *((spec.section, spec.title) for spec in specs), ("sources", N_("Sources"))]
    links = [dcc.Link(_(title), href=urls.state_search(key)) for key, title in sections]
    return html.Nav(links, className="nav", **aria(label=_("Sections")))
