"""Numbers as news prose writes them."""

import pytest

from dashboard.numerals import find_numbers, states_value, words_to_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("some 4,300 members", [(4300, False)]),
        ("4300 members", [(4300, False)]),
        ("about 6% of the force", [(6, True)]),
        ("6 percent of the force", [(6, True)]),
        ("6.5 per cent", [(6.5, True)]),
        ("over 3 million Venezuelans", [(3_000_000, False)]),
        ("3.4 million people", [(3_400_000, False)]),
        ("one million people", [(1_000_000, False)]),
        ("a million people", [(1_000_000, False)]),
        ("twenty-five thousand", [(25_000, False)]),
        ("three hundred and fifty soldiers", [(350, False)]),
        ("nine defected guardsmen", [(9, False)]),
        ("1,400 soldiers and 23 officers", [(1400, False), (23, False)]),
    ],
)
def test_find_numbers(text: str, expected: list[tuple[float, bool]]) -> None:
    assert [(m.value, m.percent) for m in find_numbers(text)] == expected


@pytest.mark.parametrize("text", ["COVID-19", "the 1990s", "Feb. 23rd", "1,2345", "a3b"])
def test_not_numbers(text: str) -> None:
    assert find_numbers(text) == []


def test_words_to_number() -> None:
    assert words_to_number("one hundred thousand") == 100_000
    assert words_to_number("two million five hundred thousand") == 2_500_000


def test_states_value_tells_percent_from_count() -> None:
    assert states_value("about 6% of the force", 6, percent=True)
    assert not states_value("about 6% of the force", 6, percent=False)
    assert not states_value("some 14,300 members", 4300, percent=False)
    assert states_value("the over 3 million Venezuelans", 3_000_000, percent=False)


def test_a_scaled_form_counts_only_before_its_scale_word() -> None:
    assert states_value("3.4 million people", 3_400_000, percent=False)
    assert not states_value("3.4 soldiers", 3_400_000, percent=False)
    assert not states_value("600 soldiers defected", 600_000, percent=False)
    assert not states_value("3400 soldiers defected", 3_400_000, percent=False)
