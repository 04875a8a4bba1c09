"""Claims, series and disagreements: figures that several sources report are one claim; claims of one series are
successive readings of one quantity; claims on one dataset whose periods overlap, from different claimants or
series, disagree or agree side by side."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

CLAIM_COLUMNS = ["claim_id", "figure_ids", "source_ids", "sources", "dataset", "series", "measure", "value", "unit",
                 "qualifier", "value_low", "value_high", "period_start", "period_end", "first_day", "last_day",
                 "claimant", "quote", "note", "published", "previous_id", "change", "below_previous"]  # fmt: skip


def claim_key(row: Any) -> tuple[str, ...]:
    """What makes two figures one claim: the same series, value and end; without a series, the same dataset,
    claimant, value and period."""
    value = f"{row.value:.10g}"
    if row.series:
        return ("series", row.series, value, row.unit, row.period_end)
    return ("claim", row.dataset, row.claimant, value, row.unit, row.period_start, row.period_end)


def _first_day(row: Any) -> Any:
    return row.period_start_first if pd.notna(row.period_start_first) else row.period_end_first


def claims_table(figures: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    """One row per claim, in the order its first figure comes, with every figure and source that reports it; for a
    claim of a series, the series' reading before it (by date, then by publication) and the change since."""
    groups: dict[tuple[str, ...], list[Any]] = {}
    for row in figures.itertuples(index=False):
        groups.setdefault(claim_key(row), []).append(row)
    records = []
    for rows in groups.values():
        first = rows[0]
        sources = list(dict.fromkeys(row.source_id for row in rows))
        records.append(
            {
                "claim_id": first.figure_id, "figure_ids": tuple(row.figure_id for row in rows),
                "source_ids": tuple(sources), "sources": len(sources), "dataset": first.dataset,
                "series": first.series, "measure": first.measure, "value": first.value, "unit": first.unit,
                "qualifier": first.qualifier, "value_low": first.value_low, "value_high": first.value_high,
                "period_start": first.period_start, "period_end": first.period_end, "first_day": _first_day(first),
                "last_day": first.period_end_last, "claimant": first.claimant, "quote": first.quote,
                "note": first.note, "published": max(published.get(source, "") for source in sources),
                "previous_id": "", "change": float("nan"), "below_previous": False,
            }
        )  # fmt: skip
    claims = pd.DataFrame.from_records(records, columns=CLAIM_COLUMNS)
    return _with_previous(claims)


READINGS_ORDER = ["last_day", "published"]  # claims in the order of their readings: by the last day, then published


def series_order(claims: pd.DataFrame, series: str) -> pd.DataFrame:
    """A series' claims in the order of their readings: by the last day they count to, then by publication."""
    rows = claims[claims["series"] == series]
    return rows.sort_values(READINGS_ORDER, kind="stable")


def _with_previous(claims: pd.DataFrame) -> pd.DataFrame:
    """Each claim of a series with the reading before it and the change since; a reading below it is flagged
    (revisions happen, and the page says so)."""
    for series in sorted(set(claims["series"]) - {""}):
        ordered = series_order(claims, series)
        for before, after in zip(ordered.index[:-1], ordered.index[1:], strict=True):
            change = claims.at[after, "value"] - claims.at[before, "value"]
            claims.at[after, "previous_id"] = claims.at[before, "claim_id"]
            claims.at[after, "change"] = change
            claims.at[after, "below_previous"] = bool(change < 0)
    return claims


def latest_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims a reader sees first: the latest reading of each series, and every claim outside a series."""
    latest = [series_order(claims, series).index[-1] for series in sorted(set(claims["series"]) - {""})]
    lone = claims.index[claims["series"] == ""].tolist()
    return claims.loc[sorted([*latest, *lone])]


def _overlap(a: Any, b: Any) -> bool:
    return bool(a.first_day <= b.last_day and b.first_day <= a.last_day)


def _maker(claim: Any) -> tuple[str, str]:
    """Who makes a claim: its series, or its claimant when it belongs to none."""
    return ("series", claim.series) if claim.series else ("claimant", claim.claimant)


def _nearest(claim: Any, rows: list[Any]) -> dict[tuple[str, str], str]:
    """For each other claimant or series, its claim whose period overlaps ``claim`` and ends nearest to it."""
    found: dict[tuple[str, str], Any] = {}
    for other in rows:
        if _maker(other) == _maker(claim) or not _overlap(claim, other):
            continue
        best = found.get(_maker(other))
        if best is None or abs(other.last_day - claim.last_day) < abs(best.last_day - claim.last_day):
            found[_maker(other)] = other
    return {maker: other.claim_id for maker, other in found.items()}


def disagreements(claims: pd.DataFrame, dataset: str) -> list[list[str]]:
    """Claims on ``dataset`` to read side by side: two claims of different claimants or series whose periods
    overlap, each the other's nearest in end day among its maker's claims (so that a running total meets a rival
    claim at its nearest reading, not at every one). Each group lists claim ids in the order the claims come."""
    rows = list(claims[claims["dataset"] == dataset].itertuples(index=False))
    nearest = {claim.claim_id: _nearest(claim, rows) for claim in rows}
    groups: list[list[str]] = []
    for claim in rows:
        for other in nearest[claim.claim_id].values():
            if nearest[other].get(_maker(claim)) == claim.claim_id:
                _join(groups, [claim.claim_id, other])
    order = {claim.claim_id: index for index, claim in enumerate(rows)}
    return [sorted(group, key=order.__getitem__) for group in groups]


def _join(groups: list[list[str]], pair: Iterable[str]) -> None:
    """Add a pair of claims to the group that holds either, or start one."""
    pair = list(pair)
    for group in groups:
        if set(pair) & set(group):
            group.extend(claim for claim in pair if claim not in group)
            return
    groups.append(pair)
