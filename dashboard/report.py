"""The shareable report: one self-contained HTML file with every chart, the headline numbers, every quote and the
derivations, rendered from ``templates/report.html`` by Jinja2, which escapes every value from the data."""

from __future__ import annotations

from datetime import date
from typing import Any

import plotly.io as pio
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from dashboard import charts
from dashboard.datasets import present
from dashboard.formatting import date_phrase, day_phrase, span_phrase, value_phrase
from dashboard.i18n import N_, _, current, ngettext
from dashboard.links import safe_href, text_fragment_link
from dashboard.tables import Tidy

TITLE = N_("Venezuela's armed forces: defections in figures")
TEMPLATES = Environment(
    loader=PackageLoader("dashboard", "templates"),
    autoescape=select_autoescape(["html"]),
    extensions=["jinja2.ext.i18n"],
)
TEMPLATES.install_gettext_callables(_, ngettext, newstyle=True)  # type: ignore[attr-defined]


def link(url: str, text: str) -> Markup:
    """A link, only to an http or https address; otherwise the text alone."""
    href = safe_href(url)
    if href is None:
        return escape(text)
    return Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(href, text)


def _chart_html(figure: Any, name: str, first: bool) -> Markup:
    """A chart as plotly's own HTML (its data is JSON, escaped by plotly), plotly.js included with the first."""
    html = pio.to_html(
        figure,
        full_html=False,
        include_plotlyjs=first,
        config={"displaylogo": False, **charts.plot_config()},
        default_height=f"{charts.HEIGHT}px",
        div_id=f"graph-{name}",
    )
    return Markup(html)


def _quotes(tables: Tidy) -> list[dict[str, Any]]:
    quotes = []
    for row in tables.figures.itertuples(index=False):
        source = tables.source_rows.get(row.source_id)
        entry: dict[str, Any] = {"figure_id": row.figure_id, "text": row.quote, "claimant": row.claimant,
                                 "note": row.note, "source": None}  # fmt: skip
        if source is not None:
            entry["source"] = {**source, "published": date_phrase(source["published"])}
            entry["passage"] = text_fragment_link(source["url"], row.quote, tables.passage("figure", row.figure_id))
        quotes.append(entry)
    return quotes


def report_html(tables: Tidy, on: date) -> str:
    """The whole report as one HTML document, plotly.js included once, needing no network to open."""
    available = charts.available(tables)
    cards = [
        {
            "number": value_phrase(row.value, row.qualifier, row.unit),
            "what": f"{row.measure}, {span_phrase(row.period_start, row.period_end)}",
            "claimant": row.claimant,
            "quote": row.quote,
        }
        for row in tables.figures.itertuples(index=False)
    ]
    built = [chart.build(tables) for chart in available]
    drawn = [
        {"name": chart.name, "title": chart.title, "description": chart.describe(tables, one),
         "html": _chart_html(charts.framed(one, charts.WIDTH)[0], chart.name, first=index == 0)}
        for index, (chart, one) in enumerate(zip(available, built, strict=True))
    ]  # fmt: skip
    return TEMPLATES.get_template("report.html").render(
        lang=current(),
        title=_(TITLE),
        made_on=day_phrase(on),
        cards=cards,
        charts=drawn,
        derivations=[line for spec in present(tables) if spec.derivations for line in spec.derivations(tables, None)],
        quotes=_quotes(tables),
        remarks=tables.remarks.to_dict("records"),
        link=link,
    )
