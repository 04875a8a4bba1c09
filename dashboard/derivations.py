"""How each derived number was computed, in words of the language being written: rates per day, the implied size
of the force, and the range a stated number stands for. The tables hold the numbers; these write them out where they
are shown (the page, the report, the charts' footers and the bundle's tidy tables)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING, Any

from dashboard.formatting import day_phrase, number, percent, value_phrase
from dashboard.i18n import _

if TYPE_CHECKING:
    from dashboard.tables import Tidy


def rate_formula(
    value: float, start: str, end: str, first_day: date, last_day: date, longest: int, shortest: int
) -> str:
    """A count over its whole span: '567 ÷ 6 days (2019-02-23 to 2019-02-28, both days counted) = 94.5 a day', or
    over the longest and the shortest span its dates allow."""
    if shortest == longest:
        return _("{value} ÷ {days} days ({start} to {end}, both days counted) = {rate} a day").format(
            value=number(value), days=longest, start=start, end=end, rate=number(value / longest)
        )
    return _(
        "{value} ÷ {longest} days (longest span the dates allow, {first} to {last}) = {low} a day; "
        "{value} ÷ {shortest} days (shortest) = {high} a day"
    ).format(
        value=number(value), longest=longest, shortest=shortest, first=day_phrase(first_day),
        last=day_phrase(last_day), low=number(value / longest), high=number(value / shortest),
    )  # fmt: skip


def force_formula(row: Any) -> str:
    """The force a share and its count imply, with the range the precision of both allows (a guard_share row)."""
    return _(
        "force = count ÷ share = {count} ÷ {share} ≈ {force}; range {count_low} ÷ {share_high} ≈ {force_low} to "
        "{count_high} ÷ {share_low} ≈ {force_high}, from the precision both numbers are stated to"
    ).format(
        count=number(row.count), share=percent(row.share), force=number(row.force),
        count_low=number(row.count_low), share_high=percent(row.share_high), force_low=number(row.force_low),
        count_high=number(row.count_high), share_low=percent(row.share_low), force_high=number(row.force_high),
    )  # fmt: skip


def range_formula(qualifier: str, value: float, step: float, low: float, high: float) -> str:
    """'about 4,300, stated to the nearest 100: 4,250 to 4,350'."""
    return _("{stated}, stated to the nearest {step}: {low} to {high}").format(
        stated=value_phrase(value, qualifier, "people"), step=number(step), low=number(low), high=number(high)
    )


def defection_rate(row: Any) -> str:
    """The rate formula of a defections row (empty for a running total, which has no span of its own)."""
    if not row.period_start:
        return ""
    return rate_formula(
        row.count, row.period_start, row.period_end, row.first_day.date(), row.last_day.date(),
        int(row.days_longest), int(row.days_shortest),
    )  # fmt: skip


def _lines(rows: Any, text: str, formula: Any, only: Collection[str] | None) -> list[str]:
    """``text`` filled in for each row that has a formula (of the figures ``only`` when given)."""
    found = []
    for row in rows.itertuples(index=False):
        if only is None or row.figure_id in only:
            written = formula(row)
            if written:
                found.append(text.format(inputs=", ".join(row.inputs), formula=written))
    return found


def rate_lines(tables: Tidy, only: Collection[str] | None = None) -> list[str]:
    """How each rate per day of the defections dataset was computed (of the figures ``only`` when given), with the
    figures it comes from."""
    rows = tables.defections.rename(columns={"rate_inputs": "inputs"})
    return _lines(rows, _("Rate per day (from {inputs}): {formula}."), defection_rate, only)


def force_lines(tables: Tidy, only: Collection[str] | None = None) -> list[str]:
    """How each implied size of the national guard was computed (of the shares ``only`` when given), with the
    figures it comes from."""
    rows = tables.guard_share.rename(columns={"force_inputs": "inputs"})
    return _lines(rows, _("Implied size of the force (from {inputs}): {formula}."),
                  lambda row: force_formula(row) if row.count_figure_id else "", only)  # fmt: skip
