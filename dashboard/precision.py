"""The rules that turn a date's precision and a figure's qualifier into a range: written once, used everywhere."""

from __future__ import annotations

import calendar
import functools
import math
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

# A date kept at its precision, as the descriptor's pattern for date fields writes it: ASCII digits only.
DATE_PATTERN = "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
ISO_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")

QUALIFIERS = ("exact", "about", "over", "at_least", "under", "at_most")
LOWER_BOUNDS = ("over", "at_least")  # the true number is this or more
UPPER_BOUNDS = ("under", "at_most")  # the true number is this or less

PERCENT_MAX = 100.0


@dataclass(frozen=True)
class DateBounds:
    """The first and last day a date written with some precision can mean."""

    text: str
    precision: str  # "year", "month" or "day"
    first: date
    last: date


@functools.lru_cache(maxsize=4096)
def parse_date(text: str) -> DateBounds:
    """Read an ISO date kept at its precision (``2014``, ``2018-12``, ``2019-03-01``).

    Raises ValueError with a message a person can act on. Read dates are kept: a table repeats a few dates often.
    """
    match = ISO_DATE.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match[1])
    if year < 1:
        raise ValueError(f"{text!r} has no year 0000")
    if match[2] is None:
        return DateBounds(text, "year", date(year, 1, 1), date(year, 12, 31))
    month = int(match[2])
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} has month {month:02d}; months run 01 to 12")
    days_in_month = calendar.monthrange(year, month)[1]
    if match[3] is None:
        return DateBounds(text, "month", date(year, month, 1), date(year, month, days_in_month))
    day = int(match[3])
    if not 1 <= day <= days_in_month:
        raise ValueError(f"{text!r} has day {day:02d}; that month has {days_in_month} days")
    return DateBounds(text, "day", date(year, month, day), date(year, month, day))


def stated_step(value: float) -> float:
    """The precision a number is stated to: 4300 -> 100, 6 -> 1, 3000000 -> 1000000, 3.4 -> 0.1.

    A number written with trailing zeros is read as rounded to its last non-zero digit.
    """
    if not math.isfinite(value) or value == 0:
        return 1.0
    try:
        exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    except InvalidOperation:  # pragma: no cover - repr of a finite float is always a decimal
        return 1.0
    assert isinstance(exponent, int)
    return float(Decimal(1).scaleb(exponent))


def value_range(value: float, qualifier: str, unit: str) -> tuple[float, float]:
    """The low and high a stated number can mean, given its qualifier.

    With ``step`` the precision it is stated to (see ``stated_step``):
    exact -> [v, v]; about -> [v - step/2, v + step/2] (it was rounded);
    over / at_least -> [v, v + step] (a larger number would have been rounded up to the next step);
    under / at_most -> [v - step, v].
    Ranges never go below 0, and percentages never above 100.
    """
    step = stated_step(value)
    if qualifier == "about":
        low, high = value - step / 2, value + step / 2
    elif qualifier in LOWER_BOUNDS:
        low, high = value, value + step
    elif qualifier in UPPER_BOUNDS:
        low, high = value - step, value
    else:
        low, high = value, value
    low = max(low, 0.0)
    if unit == "percent":
        high = min(high, PERCENT_MAX)
    return low, high


@dataclass(frozen=True)
class SpanDays:
    """How many days a span written with imprecise dates can cover."""

    first_day: date  # the earliest day the span can start
    last_day: date  # the latest day it can end
    shortest: int  # days, both ends counted, if it starts as late and ends as early as it can
    longest: int  # days, both ends counted, if it starts as early and ends as late as it can

    @property
    def middle(self) -> float:
        return (self.shortest + self.longest) / 2


def span_days(start: DateBounds, end: DateBounds) -> SpanDays:
    """The shortest and longest span from ``start`` to ``end``, both days counted."""
    longest = (end.last - start.first).days + 1
    shortest = max((end.first - start.last).days + 1, 1)
    return SpanDays(start.first, end.last, shortest, longest)


def days_after(before: DateBounds, end: DateBounds) -> SpanDays:
    """The days after ``before`` up to ``end``: the span between two readings of a running total."""
    day = timedelta(days=1)
    return span_days(replace(before, first=before.first + day, last=before.last + day), end)


def per_day(count: float, span: SpanDays) -> tuple[float, float, float]:
    """A count over a span as a rate per day: over the middle of its shortest and longest spans, then its lowest
    (over the longest) and highest (over the shortest)."""
    return count / span.middle, count / span.longest, count / span.shortest
