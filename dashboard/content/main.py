"""The dashboard page as plain data: headline cards, a section per dataset with its charts, then the sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go

from dashboard import charts, datasets, urls
from dashboard.charts import Chart, framing
from dashboard.charts.framing import Drawn
from dashboard.claims import disagreements, latest_claims
from dashboard.content.frame import Link
from dashboard.content.parts import Problems, Table, problems, table, updated
from dashboard.datasets import DatasetSpec
from dashboard.downloads import BUNDLE_NAME
from dashboard.formatting import date_phrase, number, span_phrase, value_phrase
from dashboard.i18n import N_, _, ngettext
from dashboard.store import Snapshot
from dashboard.tables import Tidy

OVERVIEW = ("overview", N_("Headline figures"))
SOURCES_SECTION = "sources"
HEADLINE_CARDS = 12  # past this many, the headline shows the most recent, and links to the list of all claims
FOLDED_PAST = 6  # a chart's description in words, or a list of derivations, longer than this is folded away
SOURCES_SHOWN = 20  # past this many, the sources section lists the most recent, and links to the list of all
DOWNLOADS = (
    ("png", N_("PNG image")),
    ("svg", N_("SVG image")),
    ("pdf", N_("PDF")),
    ("csv", N_("This chart's data (CSV)")),
)
BUNDLE_LABEL = N_("All the data, with citations (zip)")


@dataclass(frozen=True)
class Words:
    """The words around a chart and the page's parts, the same for every chart."""

    table: str
    download: str
    sections: str
    panel: str
    in_words: str


def words() -> Words:
    """Those words in the language being written."""
    return Words(_("Table of the numbers"), _("Download"), _("Sections"), _("Quote"), _("The chart in words"))


@dataclass(frozen=True)
class Card:
    """A claim a reader sees first."""

    figure_id: str
    number: str
    what: str
    who: str
    change: str | None
    link: Link  # opens its quote and sources


@dataclass(frozen=True)
class Headline:
    title: str
    cards: list[Card]
    shown: str | None = None  # "The 12 most recent of 40 claims.", when not all are shown
    more: Link | None = None

    @property
    def id(self) -> str:
        return urls.section_id(OVERVIEW[0])


@dataclass(frozen=True)
class Comparison:
    """Claims that overlap in time, side by side: a table (its rows) per group."""

    title: str
    columns: list[str]
    groups: list[list[list[str]]]


@dataclass(frozen=True)
class ChartView:
    """A chart as a page shows it: its texts, the plot (with no text around it) and its height, claims to compare,
    the table of the numbers it draws, downloads, and its text alternative."""

    name: str
    label: str
    title: str
    subtitle: str
    remarks: list[str]
    plot: go.Figure
    height: int
    footer: list[str]
    comparison: Comparison | None
    table: Table
    downloads: list[Link]
    description: str
    description_folded: str | None  # the summary it is folded under, when it is long

    @property
    def element_id(self) -> str:
        """The id of the chart's figure on a page (``#chart-<name>`` links to it)."""
        return f"chart-{self.name}"

    @property
    def description_id(self) -> str:
        """The id of the chart's text alternative, which the graph is described by."""
        return f"description-{self.name}"


@dataclass(frozen=True)
class Derivations:
    title: str
    lines: list[str]
    folded: str | None  # the summary they are folded under, when they are many


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    charts: list[ChartView]
    derivations: Derivations | None

    @property
    def id(self) -> str:
        return urls.section_id(self.key)


@dataclass(frozen=True)
class SourceItem:
    link: Link
    rest: str  # " — publisher, date"


@dataclass(frozen=True)
class SourcesList:
    title: str
    items: list[SourceItem]
    more: Link | None = None

    @property
    def id(self) -> str:
        return urls.section_id(SOURCES_SECTION)


@dataclass(frozen=True)
class MainPage:
    nav: list[Link]
    updated: str
    problems: Problems | None
    headline: Headline | None = None
    sections: list[Section] = field(default_factory=list)
    sources: SourcesList | None = None


def card(claim: dict[str, Any], tables: Tidy) -> Card:
    """A claim's number, what and when, who claims it, how many sources report it, and the reading before it in its
    series with the change since."""
    figure_id = claim["claim_id"]
    span = span_phrase(claim["period_start"], claim["period_end"])
    count = int(claim["sources"])
    reported = ngettext("Reported by {count} source", "Reported by {count} sources", count).format(count=count)
    claimed = _("Claimed by {claimant}").format(claimant=claim["claimant"])
    change = None
    previous = tables.claim_of.get(claim["previous_id"]) if claim["previous_id"] else None
    if previous is not None:
        sign = "+" if claim["change"] >= 0 else "−"
        change = _("Previous reading {value} ({span}); change {change}").format(
            value=value_phrase(previous["value"], previous["qualifier"], previous["unit"]),
            span=span_phrase(previous["period_start"], previous["period_end"]),
            change=f"{sign}{number(abs(claim['change']))}",
        )
        if claim["below_previous"]:
            change += " " + _("(lower: a revision?)")
    return Card(
        figure_id,
        value_phrase(claim["value"], claim["qualifier"], claim["unit"]),
        f"{claim['measure']}, {span}",
        f"{claimed} · {reported}",
        change,
        Link(_("Quote and sources"), urls.figure_state(tables, figure_id), id=f"card-link-{figure_id}"),
    )


def headline(tables: Tidy) -> Headline:
    """One card for the latest reading of each series and one for each claim outside a series, the known datasets
    first; past ``HEADLINE_CARDS`` of them, the most recent, and a link to the list of them all."""
    order = {spec.id: position for position, spec in enumerate(datasets.REGISTRY)}
    every = latest_claims(tables.claims)
    claims = framing.most_recent(every, "last_day", HEADLINE_CARDS)
    claims = claims.sort_values(by="dataset", key=lambda column: column.map(order).fillna(len(order)), kind="stable")
    cards = [card(claim, tables) for claim in claims.to_dict("records")]
    if len(claims) == len(every):
        return Headline(_(OVERVIEW[1]), cards)
    shown = _("The {shown} most recent of {total} claims.").format(shown=len(claims), total=number(len(every)))
    everything = _("Show all {total} claims").format(total=number(len(every)))
    return Headline(_(OVERVIEW[1]), cards, shown, Link(everything, urls.listing(urls.CLAIMS_LIST)))


def comparison(tables: Tidy, dataset: str, drawn: set[str]) -> Comparison | None:
    """Claims to read side by side, under the dataset's chart, of those it draws (``drawn``, claim ids): who, how
    many, over which days, reported by whom."""
    claims = tables.claims[tables.claims["claim_id"].isin(drawn)]
    groups = disagreements(claims, dataset)
    if not groups:
        return None
    claims = claims.set_index("claim_id")
    blocks = []
    for group in groups:
        rows = []
        for claim_id in group:
            claim = claims.loc[claim_id]
            reporters = ", ".join(
                f"{tables.source_rows[source]['publisher']} ({date_phrase(tables.source_rows[source]['published'])})"
                for source in claim["source_ids"]
                if source in tables.source_rows
            )
            rows.append([claim["claimant"], value_phrase(claim["value"], claim["qualifier"], claim["unit"]),
                         span_phrase(claim["period_start"], claim["period_end"]), reporters])  # fmt: skip
        blocks.append(rows)
    columns = [_(name) for name in (N_("Claimant"), N_("Value"), N_("Period"), N_("Reported by"))]
    return Comparison(_("Claims that overlap in time, side by side"), columns, blocks)


def downloads(chart_name: str, formats: tuple[str, ...] | None = None) -> list[Link]:
    """Links to the chart as images (with their sources on them), its data, and the bundle: every one of
    ``DOWNLOADS`` unless ``formats`` names fewer."""
    links = [
        Link(_(label), urls.download(f"{chart_name}.{extension}"), download=f"{chart_name}.{extension}")
        for extension, label in DOWNLOADS
        if formats is None or extension in formats
    ]
    return [*links, Link(_(BUNDLE_LABEL), urls.download(BUNDLE_NAME), download=BUNDLE_NAME)]


def chart_view(chart: Chart, tables: Tidy, built: Drawn, formats: tuple[str, ...] | None = None) -> ChartView:
    """A chart (``built``, its plot and texts) as a page shows it."""
    texts = built.texts
    plot = framing.on_page(built)
    rows = chart.drawn_rows(tables, built)
    compared = comparison(tables, chart.dataset, set(charts.figure_ids(built.plot))) if chart.over_time else None
    return ChartView(
        chart.name, chart.title, texts.title, texts.subtitle, list(texts.remarks), plot, int(plot.layout.height),
        list(texts.footer), compared, table(rows), downloads(chart.name, formats), chart.describe(tables, built),
        words().in_words if len(rows) > FOLDED_PAST else None,
    )  # fmt: skip


def derivations(tables: Tidy, spec: DatasetSpec, drawn: set[str]) -> Derivations | None:
    """How the dataset's derived numbers were computed (of its charts' ``drawn`` figures), in words; None when none
    is derived."""
    lines = spec.derivations(tables, drawn) if spec.derivations is not None else []
    if not lines:
        return None
    folded = _("Show all {count}").format(count=number(len(lines))) if len(lines) > FOLDED_PAST else None
    return Derivations(_("How the derived numbers were computed"), lines, folded)


def sections(tables: Tidy, formats: tuple[str, ...] | None = None) -> list[Section]:
    """A section per dataset the data holds, with its charts and derivations."""
    available = charts.available(tables)
    found = []
    for spec in datasets.present(tables):
        section_charts = [chart for chart in available if chart.dataset == spec.id]
        if not section_charts:
            continue
        built = [chart.build(tables) for chart in section_charts]
        drawn = {figure_id for chart, figure in zip(section_charts, built, strict=True)
                 for figure_id in chart.drawn_rows(tables, figure)["figure_id"]}  # fmt: skip
        views = [chart_view(chart, tables, one, formats) for chart, one in zip(section_charts, built, strict=True)]
        found.append(Section(spec.section, _(spec.title), views, derivations(tables, spec, drawn)))
    return found


def source_item(row: Any) -> SourceItem:
    """A source in a list: its title, linking to its page, its publisher and date."""
    return SourceItem(Link(row.title, urls.source(row.source_id)), f" — {row.publisher}, {date_phrase(row.published)}")


def sources_list(tables: Tidy) -> SourcesList:
    """Every source, in the package's order; past ``SOURCES_SHOWN``, the first of them and a link to them all."""
    shown = tables.sources.head(SOURCES_SHOWN)
    items = [source_item(row) for row in shown.itertuples(index=False)]
    if len(shown) == len(tables.sources):
        return SourcesList(_("Sources"), items)
    everything = _("Show all {total} sources").format(total=number(len(tables.sources)))
    return SourcesList(_("Sources"), items, Link(everything, urls.listing(urls.SOURCES_LIST)))


def nav(tables: Tidy | None) -> list[Link]:
    """Links to the page's sections: the headline, each dataset the data holds (every one of the registry while
    there is no valid data), the sources."""
    specs = datasets.present(tables) if tables is not None else list(datasets.REGISTRY)
    sections = [OVERVIEW, *((spec.section, spec.title) for spec in specs), (SOURCES_SECTION, N_("Sources"))]
    return [Link(_(title), urls.state_search(key)) for key, title in sections]


def main_page(snapshot: Snapshot, label: str, formats: tuple[str, ...] | None = None) -> MainPage:
    """The main page: headline cards, then a section per dataset with its charts, then the sources; its chart
    downloads in every format, or in ``formats``."""
    tables = snapshot.tables
    page = MainPage(nav(tables), updated(snapshot), problems(snapshot, label))
    if tables is None:
        return page
    return MainPage(page.nav, page.updated, page.problems, headline(tables), sections(tables, formats),
                    sources_list(tables))  # fmt: skip
