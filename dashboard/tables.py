"""Tidy tables, one per dataset, derived from a valid package; every derived number names its inputs and formula."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from dashboard.claims import claims_table
from dashboard.numerals import ENGLISH
from dashboard.package import Package
from dashboard.passages import Passage, passage
from dashboard.precision import parse_date, per_day, span_days, value_range
from dashboard.quotes import TextLocator
from dashboard.rates import rates_table

DEFECTIONS, GUARD_SHARE, EMIGRATION = "defections", "guard_share", "emigration"  # the datasets with tables here
PERCENT = 100.0
REMARK_COLUMNS = ["remark_id", "dataset", "source_id", "quote", "speaker", "note"]
TEXT_COLUMNS = ["figure_id", "dataset", "measure", "source_id", "claimant", "quote", "note", "qualifier", "unit"]


@dataclass(frozen=True)
class Tidy:
    """The tables a dashboard draws: every figure, and a table of derived numbers for each dataset that has them."""

    figures: pd.DataFrame  # every figure, typed, with value_low/value_high and its dates' bounds
    defections: pd.DataFrame
    guard_share: pd.DataFrame
    emigration: pd.DataFrame
    sources: pd.DataFrame
    remarks: pd.DataFrame  # sentences that comment on a dataset, drawn on its charts; empty when there are none
    claims: pd.DataFrame  # one row per claim: the figures that several sources report as one (dashboard.claims)
    rates: pd.DataFrame  # rates per day on the defections dataset (dashboard.rates)
    texts: dict[str, str] = field(default_factory=dict)  # each source's text, by source id

    def datasets(self) -> list[str]:
        return sorted(set(self.figures["dataset"]))

    @functools.cached_property
    def figure_rows(self) -> dict[str, dict[str, Any]]:
        """Each figure's row by its id, for looking one up fast."""
        return {row["figure_id"]: row for row in self.figures.to_dict("records")}

    @functools.cached_property
    def remarks_by_dataset(self) -> dict[str, list[dict[str, Any]]]:
        """The remarks on each dataset, in file order."""
        found: dict[str, list[dict[str, Any]]] = {}
        for row in self.remarks.to_dict("records"):
            found.setdefault(row["dataset"], []).append(row)
        return found

    @functools.cached_property
    def claim_of(self) -> dict[str, dict[str, Any]]:
        """The claim each figure belongs to, by figure id."""
        return {figure_id: row for row in self.claims.to_dict("records") for figure_id in row["figure_ids"]}

    @functools.cached_property
    def _passages(self) -> dict[tuple[str, str], Passage | None]:
        return {}

    @functools.cached_property
    def _locators(self) -> dict[str, TextLocator]:
        """A locator per source text, reading its numbers in the source's language: made once per version of the
        data, so that what one has read of its text (made plain, its numbers) serves every later page."""
        languages = {row["source_id"]: row["language"] for row in self.sources.to_dict("records")}
        return {
            source_id: TextLocator(text, languages.get(source_id) or ENGLISH) for source_id, text in self.texts.items()
        }

    def locator(self, source_id: str) -> TextLocator | None:
        """The locator of a source's text; None for a source without one."""
        return self._locators.get(source_id)

    def passage(self, kind: str, identifier: str) -> Passage | None:
        """Where a figure's (``kind`` "figure") or a remark's ("remark") quote stands in its source's text; None
        when the text or the quote is not there. Each is looked for when first asked for, then kept."""
        key = (kind, identifier)
        if key not in self._passages:
            rows = self.figure_rows if kind == "figure" else self.remark_rows
            row = rows.get(identifier)
            locator = self._locators.get(row["source_id"]) if row is not None else None
            self._passages[key] = passage(locator, row["quote"]) if locator is not None and row is not None else None
        return self._passages[key]

    @functools.cached_property
    def remark_rows(self) -> dict[str, dict[str, Any]]:
        """Each remark's row by its id."""
        return {row["remark_id"]: row for row in self.remarks.to_dict("records")}

    @functools.cached_property
    def source_rows(self) -> dict[str, dict[str, Any]]:
        """Each source's row by its id."""
        return {row["source_id"]: row for row in self.sources.to_dict("records")}


RATE_COLUMNS = ["first_day", "last_day", "days_shortest", "days_longest", "rate", "rate_low", "rate_high",
                "rate_inputs"]  # fmt: skip
FORCE_COLUMNS = ["count_figure_id", "count", "count_low", "count_high", "force", "force_low", "force_high",
                 "force_inputs"]  # fmt: skip


def _derived(records: list[dict[str, Any]], index: pd.Index, columns: list[str]) -> pd.DataFrame:
    """The derived columns of a table, one record per row."""
    return (
        pd.DataFrame.from_records(records, index=index, columns=columns) if records else pd.DataFrame(columns=columns)
    )


def typed_figures(package: Package) -> pd.DataFrame:
    """Every figure with a float value, its qualifier's range, and the first and last day of its dates."""
    frame = package.tables["figures"].frame
    out = frame[TEXT_COLUMNS].copy()
    out["series"] = frame["series"].str.strip() if "series" in frame else ""
    out["value"] = frame["value"].astype(float)
    out["period_start"] = frame["period_start"].str.strip()
    out["period_end"] = frame["period_end"].str.strip()
    ranges = [value_range(v, q, u) for v, q, u in zip(out["value"], out["qualifier"], out["unit"], strict=True)]
    out["value_low"] = [low for low, _ in ranges]
    out["value_high"] = [high for _, high in ranges]
    for column in ("period_start", "period_end"):
        bounds = {text: parse_date(text) for text in set(out[column]) if text}
        out[f"{column}_first"] = pd.to_datetime(out[column].map(lambda t, b=bounds: b[t].first if t else None))
        out[f"{column}_last"] = pd.to_datetime(out[column].map(lambda t, b=bounds: b[t].last if t else None))
        out[f"{column}_precision"] = out[column].map(lambda t, b=bounds: b[t].precision if t else "")
    return out.reset_index(drop=True)


def defections_table(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: the span's first and last possible day, the count, and the rate per day with its range.

    rate = value ÷ the middle of the shortest and longest span the dates allow; rate_low = value ÷ longest;
    rate_high = value ÷ shortest. A running total with no start has no rate.
    """
    rows = figures[figures["dataset"] == DEFECTIONS].copy()
    records = []
    for record in rows.itertuples(index=False):
        entry = {"first_day": pd.NaT, "last_day": record.period_end_last, "days_shortest": np.nan,
                 "days_longest": np.nan, "rate": np.nan, "rate_low": np.nan, "rate_high": np.nan,
                 "rate_inputs": (record.figure_id,)}  # fmt: skip
        if record.period_start:
            span = span_days(parse_date(record.period_start), parse_date(record.period_end))
            rate, low, high = per_day(record.value, span)
            entry.update(first_day=pd.Timestamp(span.first_day), days_shortest=span.shortest,
                         days_longest=span.longest, rate=rate, rate_low=low, rate_high=high)  # fmt: skip
        records.append(entry)
    derived = _derived(records, rows.index, RATE_COLUMNS)
    return pd.concat([rows, derived], axis=1).rename(columns={"value": "count"}).reset_index(drop=True)


def guard_share_table(figures: pd.DataFrame, texts: dict[str, str], languages: dict[str, str]) -> pd.DataFrame:
    """The share, the count it refers to (the count in the same sentence of the same source), and the force it implies.

    force = count ÷ (share ÷ 100); its low pairs the lowest count with the highest share, its high the reverse,
    each from the precision the numbers are stated to (see precision.value_range).
    """
    shares = figures[figures["dataset"] == GUARD_SHARE].copy()
    counts = figures[(figures["unit"] == "people") & (figures["dataset"] != GUARD_SHARE)]
    locators: dict[str, TextLocator] = {}

    def sentence(source_id: str, quote: str) -> tuple[str, int] | None:
        if source_id not in locators:
            locators[source_id] = TextLocator(texts.get(source_id, ""), languages.get(source_id) or ENGLISH)
        index = locators[source_id].sentence_of(quote)
        return None if index is None else (source_id, index)

    counts_by_sentence: dict[tuple[str, int], Any] = {}
    if not shares.empty:
        for candidate in counts[counts["source_id"].isin(set(shares["source_id"]))].itertuples(index=False):
            key = sentence(candidate.source_id, candidate.quote)
            if key is not None:
                counts_by_sentence.setdefault(key, candidate)
    records = []
    for record in shares.itertuples(index=False):
        entry: dict[str, object] = {"count_figure_id": "", "count": np.nan, "count_low": np.nan,
                                    "count_high": np.nan, "force": np.nan, "force_low": np.nan,
                                    "force_high": np.nan, "force_inputs": ()}  # fmt: skip
        key = sentence(record.source_id, record.quote)
        partner = counts_by_sentence.get(key) if key is not None else None
        if partner is not None and record.value > 0:
            share, low_share, high_share = record.value, record.value_low, record.value_high
            force = partner.value / (share / PERCENT)
            force_low = partner.value_low / (high_share / PERCENT)
            force_high = partner.value_high / (low_share / PERCENT) if low_share > 0 else np.inf
            entry.update(
                count_figure_id=partner.figure_id,
                count=partner.value,
                count_low=partner.value_low,
                count_high=partner.value_high,
                force=force,
                force_low=force_low,
                force_high=force_high,
                force_inputs=(partner.figure_id, record.figure_id),
            )
        records.append(entry)
    derived = _derived(records, shares.index, FORCE_COLUMNS)
    shares = shares.rename(columns={"value": "share", "value_low": "share_low", "value_high": "share_high"})
    return pd.concat([shares, derived], axis=1).reset_index(drop=True)


def emigration_table(figures: pd.DataFrame) -> pd.DataFrame:
    """As-of date and count, with its low and high from the qualifier."""
    rows = figures[figures["dataset"] == EMIGRATION].copy()
    rows["as_of"] = rows["period_end"]
    rows["as_of_day"] = rows["period_end_last"]
    rows = rows.rename(columns={"value": "count", "value_low": "low", "value_high": "high"})
    return rows.sort_values("as_of_day", kind="stable").reset_index(drop=True)


def remarks_table(package: Package) -> pd.DataFrame:
    """The package's remarks, or an empty table with their columns when it declares none."""
    table = package.tables.get("remarks")
    if table is None:
        return pd.DataFrame(columns=REMARK_COLUMNS, dtype=object)
    return table.frame[REMARK_COLUMNS].reset_index(drop=True)


def tidy(package: Package) -> Tidy:
    """All the tables of a valid package: numbers, with the inputs of each derived one (its formula is written in
    words where it is shown, by dashboard.derivations)."""
    figures = typed_figures(package)
    sources = package.tables["sources"].frame.copy()
    defections = defections_table(figures)
    claims = claims_table(figures, dict(zip(sources["source_id"], sources["published"], strict=True)))
    return Tidy(
        figures=figures,
        defections=defections,
        guard_share=guard_share_table(
            figures, package.texts, dict(zip(sources["source_id"], sources["language"], strict=True))
        ),
        emigration=emigration_table(figures),
        sources=sources,
        remarks=remarks_table(package),
        claims=claims,
        rates=rates_table(claims, defections, DEFECTIONS),
        texts=dict(package.texts),
    )
