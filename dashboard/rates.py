"""Rates per day: a claim outside any series over its whole span; a series of running totals between each reading and
the one before it (326 on 26 February to 567 on 28 February is 120.5 a day); each with its range and inputs."""

from __future__ import annotations

import itertools
from typing import Any

import pandas as pd

from dashboard.claims import series_order
from dashboard.precision import days_after, parse_date, per_day

RATE_COLUMNS = [
    "figure_id", "from_id", "series", "claimant", "measure", "period_from", "period_to", "count", "qualifier", "unit",
    "quote", "rate", "rate_low", "rate_high", "rate_inputs",
]  # fmt: skip


def _between(before: Any, after: Any) -> dict[str, Any]:
    """The rate from one reading of a running total to the next: the change over the days between their ends."""
    change = after.value - before.value
    rate, low, high = per_day(change, days_after(parse_date(before.period_end), parse_date(after.period_end)))
    return {"from_id": before.claim_id, "period_from": before.period_end, "period_to": after.period_end,
            "count": change, "rate": rate, "rate_low": low, "rate_high": high,
            "rate_inputs": (before.claim_id, after.claim_id)}  # fmt: skip


def _whole_span(claim: Any, spans: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A claim's count over its whole span, as the defections table works it out (``spans``: its rows by id)."""
    row = spans[claim.claim_id]
    return {"from_id": "", "period_from": claim.period_start, "period_to": claim.period_end, "count": claim.value,
            "rate": row["rate"], "rate_low": row["rate_low"], "rate_high": row["rate_high"],
            "rate_inputs": row["rate_inputs"]}  # fmt: skip


def rates_table(claims: pd.DataFrame, defections: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """One row per rate on ``dataset`` (the defections, whose table is ``defections``): a series' first reading
    over its span from the series' start, then each reading against the one before; every claim outside a series
    over its span."""
    records = []
    spans = {row["figure_id"]: row for row in defections.to_dict("records")}  # each claim's row, looked up once
    counts = claims[(claims["dataset"] == dataset) & (claims["period_start"] != "")]
    for claim in counts.itertuples(index=False):
        if claim.series:
            continue
        records.append({**_shared(claim), **_whole_span(claim, spans)})
    for series in sorted(set(counts["series"]) - {""}):
        readings = list(series_order(counts, series).itertuples(index=False))
        records.append({**_shared(readings[0]), **_whole_span(readings[0], spans)})
        for before, after in itertools.pairwise(readings):
            records.append({**_shared(after), **_between(before, after)})
    return pd.DataFrame.from_records(records, columns=RATE_COLUMNS)


def _shared(claim: Any) -> dict[str, Any]:
    return {"figure_id": claim.claim_id, "series": claim.series, "claimant": claim.claimant, "measure": claim.measure,
            "qualifier": claim.qualifier, "unit": claim.unit, "quote": claim.quote}  # fmt: skip
