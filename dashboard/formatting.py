"""How figures read in words, in the language being written: numbers, qualifiers, dates at their precision (Babel,
CLDR), shortened quotes."""

from __future__ import annotations

import functools
import math
from datetime import date

from babel.dates import format_date, format_skeleton
from babel.numbers import format_compact_decimal, format_decimal

from dashboard.i18n import N_, _, current
from dashboard.precision import parse_date

MILLION = 1_000_000
BILLION = 1_000_000_000
LOCALES = {"en": "en_GB", "es": "es"}  # British English writes dates day first: 23 February 2019
# CLDR's minimumGroupingDigits, which Babel does not apply: Spanish groups thousands only from five digits on
# (4300, but 71.667).
MIN_GROUPING_DIGITS = {"es": 2}
QUALIFIER_WORDS = {
    "exact": "", "about": N_("about"), "over": N_("over"), "at_least": N_("at least"), "under": N_("under"),
    "at_most": N_("up to"),
}  # fmt: skip  # how each qualifier reads before a number: "about 6%", "over 3 million"


def locale() -> str:
    """The Babel locale of the language being written."""
    return LOCALES.get(current(), current())


# Babel reads its patterns and locale data on every call (tens of microseconds): the same numbers and dates come back
# on every page, so each is written once per locale and kept.
CACHED = 4096


@functools.lru_cache(maxsize=CACHED)
def _babel_decimal(value: float, pattern: str, where: str, grouped: bool) -> str:
    return str(format_decimal(value, format=pattern, locale=where, group_separator=grouped))


@functools.lru_cache(maxsize=CACHED)
def _babel_compact(value: float, where: str) -> str:
    return str(format_compact_decimal(value, format_type="long", locale=where, fraction_digits=1))


@functools.lru_cache(maxsize=CACHED)
def _babel_date(day: date, where: str, month_only: bool) -> str:
    return str(format_skeleton("yMMMM", day, locale=where) if month_only else format_date(day, "long", locale=where))


def _decimal(value: float, pattern: str) -> str:
    grouped = abs(round(value)) >= 10 ** (3 + MIN_GROUPING_DIGITS.get(current(), 1) - 1)  # as it will be written
    return _babel_decimal(value, pattern, locale(), grouped)


def number(value: float, digits: int | None = None) -> str:
    """4300 -> '4,300' (Spanish '4300'); 71667 -> '71,667' ('71.667'); 3400000 -> '3.4 million' ('3,4 millones');
    85.714 -> '85.7'; with ``digits`` significant digits when given (71666.7 with 3 -> '71,700')."""
    if not math.isfinite(value):
        return "∞" if value > 0 else "–"
    if digits is not None and value:
        value = round(value, digits - 1 - math.floor(math.log10(abs(value))))
    for scale in (BILLION, MILLION):
        if abs(value) >= scale and (value / scale * 10).is_integer():
            return _babel_compact(value, locale())
    if abs(value) >= 100 or float(value).is_integer():
        return _decimal(value, "#,##0")
    return _decimal(value, "#,##0.0") if abs(value) >= 10 else _decimal(value, "#,##0.##")


def percent(value: float) -> str:
    """6 -> '6%' ('6 %' in Spanish)."""
    return _("{number}%").format(number=number(value))


def value_phrase(value: float, qualifier: str, unit: str) -> str:
    """'about 4,300', 'over 3 million', 'about 6%'."""
    written = percent(value) if unit == "percent" else number(value)
    words = QUALIFIER_WORDS.get(qualifier, "")
    return _("{qualifier} {value}").format(qualifier=_(words), value=written) if words else written


def day_phrase(day: date) -> str:
    """'23 February 2019', '23 de febrero de 2019'."""
    return _babel_date(day, locale(), month_only=False)


def date_phrase(text: str) -> str:
    """A date at its precision: '2014', 'December 2018', '23 February 2019'."""
    if not text:
        return ""
    try:
        bounds = parse_date(text)
    except ValueError:
        return text
    if bounds.precision == "year":
        return f"{bounds.first.year}"
    if bounds.precision == "month":
        return _babel_date(bounds.first, locale(), month_only=True)
    return day_phrase(bounds.first)


def span_phrase(start: str, end: str) -> str:
    """'23 February 2019 to 1 March 2019', or 'as of March 2019' for a running total."""
    if not start:
        return _("as of {date}").format(date=date_phrase(end))
    return _("{start} to {end}").format(start=date_phrase(start), end=date_phrase(end))


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:—-") + "…"
