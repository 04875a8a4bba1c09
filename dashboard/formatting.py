"""How figures read in words: numbers, qualifiers, dates at their precision, shortened quotes."""

from __future__ import annotations

import math

from dashboard.precision import QUALIFIER_WORDS, parse_date

MILLION = 1_000_000
BILLION = 1_000_000_000


def number(value: float, digits: int | None = None) -> str:
    """4300 -> '4,300'; 3000000 -> '3 million'; 3400000 -> '3.4 million'; 85.714 -> '85.7'; with ``digits``
    significant digits when given (71666.7 with 3 -> '71,700')."""
    if not math.isfinite(value):
        return "∞" if value > 0 else "–"
    if digits is not None and value:
        value = round(value, digits - 1 - math.floor(math.log10(abs(value))))
    for scale, word in ((BILLION, "billion"), (MILLION, "million")):
        if abs(value) >= scale and (value / scale * 10).is_integer():
            return f"{value / scale:g} {word}"
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}".rstrip("0").rstrip(".")


def value_phrase(value: float, qualifier: str, unit: str) -> str:
    """'about 4,300', 'over 3 million', 'about 6%'."""
    written = f"{number(value)}%" if unit == "percent" else number(value)
    words = QUALIFIER_WORDS.get(qualifier, "")
    return f"{words} {written}" if words else written


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
        return f"{bounds.first:%B %Y}"
    return f"{bounds.first.day} {bounds.first:%B %Y}"


def span_phrase(start: str, end: str) -> str:
    """'23 February 2019 to 1 March 2019', or 'as of March 2019' for a running total."""
    if not start:
        return f"as of {date_phrase(end)}"
    return f"{date_phrase(start)} to {date_phrase(end)}"


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:—-") + "…"
