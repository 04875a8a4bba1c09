"""The rules that turn a date's precision and a qualifier into a range."""

from datetime import date

import pytest

from dashboard.precision import parse_date, span_days, stated_step, value_range


@pytest.mark.parametrize(
    ("text", "precision", "first", "last"),
    [
        ("2014", "year", date(2014, 1, 1), date(2014, 12, 31)),
        ("2018-12", "month", date(2018, 12, 1), date(2018, 12, 31)),
        ("2019-02", "month", date(2019, 2, 1), date(2019, 2, 28)),
        ("2020-02", "month", date(2020, 2, 1), date(2020, 2, 29)),
        ("2019-03-01", "day", date(2019, 3, 1), date(2019, 3, 1)),
    ],
)
def test_dates_keep_their_precision(text: str, precision: str, first: date, last: date) -> None:
    bounds = parse_date(text)
    assert (bounds.precision, bounds.first, bounds.last) == (precision, first, last)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2019/03", "write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("March 2019", "write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2019-13", "months run 01 to 12"),
        ("2019-02-29", "that month has 28 days"),
        ("19", "write YYYY"),
    ],
)
def test_bad_dates_say_what_to_write(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text)


@pytest.mark.parametrize(
    ("value", "step"), [(4300, 100), (600, 100), (6, 1), (3_000_000, 1_000_000), (3.4, 0.1), (1400, 100), (4301, 1)]
)
def test_stated_step(value: float, step: float) -> None:
    assert stated_step(value) == pytest.approx(step)


@pytest.mark.parametrize(
    ("value", "qualifier", "unit", "low", "high"),
    [
        (600, "exact", "people", 600, 600),
        (4300, "about", "people", 4250, 4350),
        (6, "about", "percent", 5.5, 6.5),
        (3_000_000, "over", "people", 3_000_000, 4_000_000),
        (3_000_000, "at_least", "people", 3_000_000, 4_000_000),
        (1400, "under", "people", 1300, 1400),
        (500, "at_most", "people", 400, 500),
        (100, "about", "percent", 50, 100),  # stated to the hundred, capped at 100%
        (5, "under", "people", 4, 5),
    ],
)
def test_value_range(value: float, qualifier: str, unit: str, low: float, high: float) -> None:
    assert value_range(value, qualifier, unit) == (pytest.approx(low), pytest.approx(high))


def test_span_of_imprecise_dates() -> None:
    span = span_days(parse_date("2014"), parse_date("2018-12"))
    assert span.first_day == date(2014, 1, 1)
    assert span.last_day == date(2018, 12, 31)
    assert span.longest == 1826  # 1 January 2014 to 31 December 2018, both counted
    assert span.shortest == 1432  # 31 December 2014 to 1 December 2018, both counted


def test_span_of_exact_days() -> None:
    span = span_days(parse_date("2019-02-23"), parse_date("2019-03-01"))
    assert span.shortest == span.longest == 7
