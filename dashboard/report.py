"""The shareable report: one self-contained HTML file with every chart, the headline numbers, every quote and the
derivations. Text from the data is escaped: shown, never run."""

from __future__ import annotations

from datetime import date
from html import escape

import plotly.io as pio

from dashboard import charts
from dashboard.tables import Tidy
from dashboard.wording import date_phrase, span_phrase, text_fragment_link, value_phrase

STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 1040px; margin: 0 auto; padding: 16px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px; }
.card b { font-size: 1.5rem; color: #0072B2; }
blockquote { border-left: 4px solid #0072B2; margin: 6px 0; padding-left: 10px; font-style: italic; }
.chart { margin: 24px 0; }
"""


def _link(url: str, text: str) -> str:
    if not url.lower().startswith(("http://", "https://")):
        return escape(text)
    return f'<a href="{escape(url, quote=True)}" rel="noopener noreferrer">{escape(text)}</a>'


def report_html(tables: Tidy, texts: dict[str, str], on: date) -> str:
    """The whole report as one HTML document, plotly.js included once, needing no network to open."""
    sources = tables.sources.set_index("source_id")
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<title>Venezuela's armed forces: defections in figures</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>Venezuela's armed forces: defections in figures</h1>",
        f"<p>Report made on {on:%d %B %Y}. Every number below is checked against the words of its source.</p>",
        "<h2>Headline figures</h2><div class='cards'>",
    ]
    for row in tables.figures.itertuples(index=False):
        parts.append(
            f"<div class='card'><b>{escape(value_phrase(row.value, row.qualifier, row.unit))}</b>"
            f"<p>{escape(row.measure)}, {escape(span_phrase(row.period_start, row.period_end))}</p>"
            f"<p>Claimed by {escape(row.claimant)}</p><blockquote>“{escape(row.quote)}”</blockquote></div>"
        )
    parts.append("</div>")
    first = True
    for chart in charts.available(tables):
        figure = chart.build(tables, texts)
        parts.append(f"<section class='chart' id='{escape(chart.name)}'><h2>{escape(chart.title)}</h2>")
        parts.append(
            pio.to_html(
                figure,
                full_html=False,
                include_plotlyjs=first,
                config={"displaylogo": False},
                default_height=f"{charts.HEIGHT}px",
                div_id=f"graph-{chart.name}",
            )
        )
        parts.append(f"<p>{escape(charts.describe(chart, tables))}</p></section>")
        first = False
    parts.append("<h2>How the derived numbers were computed</h2><ul>")
    for row in tables.defections.itertuples(index=False):
        if row.rate_formula:
            parts.append(f"<li>Rate per day ({escape(', '.join(row.rate_inputs))}): {escape(row.rate_formula)}</li>")
    for row in tables.guard_share.itertuples(index=False):
        if row.force_formula:
            inputs = escape(", ".join(row.force_inputs))
            parts.append(f"<li>Implied size of the force ({inputs}): {escape(row.force_formula)}</li>")
    parts.append("</ul><h2>Every quote and its source</h2><ol>")
    for row in tables.figures.itertuples(index=False):
        source = sources.loc[row.source_id] if row.source_id in sources.index else None
        where = ""
        if source is not None:
            where = (
                f" — {escape(source['publisher'])}, {_link(source['url'], source['title'])} "
                f"({escape(date_phrase(source['published']))}); "
                f"{_link(text_fragment_link(source['url'], row.quote), 'the passage in the original')}"
            )
        note = f"<br><small>Note: {escape(row.note)}</small>" if row.note else ""
        parts.append(
            f"<li id='{escape(row.figure_id, quote=True)}'><blockquote>“{escape(row.quote)}”</blockquote>"
            f"{escape(row.claimant)}{where}{note}</li>"
        )
    parts.append("</ol></body></html>")
    return "\n".join(parts)
