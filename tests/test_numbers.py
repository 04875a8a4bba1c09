"""Numbers as news prose writes them, in English and in Spanish: each form, its value, and near-misses."""

from decimal import Decimal

import pytest

from dashboard.numerals import find_numbers, known_language, states_value

# (language, text, [(value, percent), ...]): every number the text writes, read as that language writes numbers.
FORMS = [
    ("en", "some 4,300 members", [(4300, False)]),
    ("en", "4300 members", [(4300, False)]),
    ("en", "about 6% of the force", [(6, True)]),
    ("en", "6 percent of the force", [(6, True)]),
    ("en", "6.5 per cent", [(6.5, True)]),
    ("en", "over 3 million Venezuelans", [(3_000_000, False)]),
    ("en", "3.4 million people", [(3_400_000, False)]),
    ("en", "one million people", [(1_000_000, False)]),
    ("en", "a million people", [(1_000_000, False)]),
    ("en", "twenty-five thousand", [(25_000, False)]),
    ("en", "three hundred and fifty soldiers", [(350, False)]),
    ("en", "one hundred thousand", [(100_000, False)]),
    ("en", "two million five hundred thousand", [(2_500_000, False)]),
    ("en", "nine defected guardsmen", [(9, False)]),
    ("en", "1,400 soldiers and 23 officers", [(1400, False), (23, False)]),
    ("en", "365,315 people", [(365_315, False)]),
    ("es", "unos 4.300 efectivos", [(4300, False)]),
    ("es", "4300 efectivos", [(4300, False)]),
    ("es", "365.315 venezolanos", [(365_315, False)]),
    ("es", "768.000 personas", [(768_000, False)]),
    ("es", "3,4 millones de migrantes", [(3_400_000, False)]),
    ("es", "1,6 millones de personas", [(1_600_000, False)]),
    ("es", "500 mil desplazados", [(500_000, False)]),
    ("es", "más de medio millar de militares", [(500, False)]),
    ("es", "un millón de venezolanos", [(1_000_000, False)]),
    ("es", "cuatro millones de personas", [(4_000_000, False)]),
    ("es", "mil millones de dólares", [(1_000_000_000, False)]),
    ("es", "doscientas mujeres", [(200, False)]),
    ("es", "treinta y cinco oficiales", [(35, False)]),
    ("es", "un millar de soldados", [(1000, False)]),
    ("es", "el 6% de la tropa", [(6, True)]),
    ("es", "el 12 por ciento", [(12, True)]),
    ("es", "el 6,5 % de la guardia", [(6.5, True)]),
    ("es-MX", "4,300 elementos", [(4300, False)]),  # Mexican Spanish groups with commas
]


@pytest.mark.parametrize(("language", "text", "expected"), FORMS)
def test_each_form_is_read_at_its_value(language: str, text: str, expected: list[tuple[float, bool]]) -> None:
    assert [(m.value, m.percent) for m in find_numbers(text, language)] == expected


# (language, text, value, percent): the text does not write that value.
NEAR_MISSES = [
    ("es", "365.315 venezolanos", "365.315", False),  # in Spanish the dot groups thousands
    ("en", "365.315 people", "365315", False),  # in English it is a decimal point
    ("en", "3,4 million", "3400000", False),  # in English, 3,4 is not 3.4
    ("en", "3,4 million", "3.4", False),
    ("es", "3,4 millones", "34", False),
    ("es", "3,4 millones", "3.4", False),  # only with its scale word
    ("es", "4.300 soldados", "4.3", False),
    ("es", "medio millar", "0.5", False),
    ("es", "en medio de la crisis", "0.5", False),
    ("es", "500 mil", "500", False),
    ("es", "el 6% de la tropa", "6", False),  # a percentage is not a count
    ("es", "6 efectivos", "6", True),  # a count is not a percentage
    ("en", "some 14,300 members", "4300", False),
    ("en", "3.4 soldiers", "3400000", False),
    ("en", "600 soldiers defected", "600000", False),
    ("en", "3400 soldiers defected", "3400000", False),
]


@pytest.mark.parametrize(("language", "text", "value", "percent"), NEAR_MISSES)
def test_near_misses_are_not_the_value(language: str, text: str, value: str, percent: bool) -> None:
    assert not states_value(text, Decimal(value), percent, language)


@pytest.mark.parametrize(("language", "text", "expected"), FORMS)
def test_the_rule_finds_every_form(language: str, text: str, expected: list[tuple[float, bool]]) -> None:
    for value, percent in expected:
        assert states_value(text, Decimal(str(value)), percent, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "COVID-19"),
        ("en", "the 1990s"),
        ("en", "Feb. 23rd"),
        ("en", "1,2345"),
        ("en", "a3b"),
        ("es", "en medio del conflicto"),
        ("es", "1.2345"),
    ],
)
def test_not_numbers(language: str, text: str) -> None:
    assert find_numbers(text, language) == []


def test_a_language_without_words_of_its_own_is_read_by_its_digits() -> None:
    assert [(m.value, m.percent) for m in find_numbers("4.300 militares e 12%", "pt")] == [(4300, False), (12, True)]
    assert known_language("pt-BR") and not known_language("xx-nowhere")
