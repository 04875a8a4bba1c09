"""A quote stands in its source only at boundaries, and a number phrase is read whole or not at all: a table of
cases checked through validate, in English and in Spanish, a property test over every written form, and extract.

Every text here is fictional, written for these tests: no such force, outlet or official exists.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from num2words import num2words

from dashboard.extract import candidates
from dashboard.loader import read_package
from dashboard.numerals import NumberMatch, find_numbers, states_value
from dashboard.paths import SHIPPED_DATA
from dashboard.problems import Code
from dashboard.quotes import TextLocator
from dashboard.validation import validate
from tests.conftest import FIGURES_HEADER

CUTS, WORD, NOT_IN = Code.QUOTE_CUTS_NUMBER, Code.QUOTE_CUTS_WORD, Code.VALUE_NOT_IN_QUOTE
VAGUE, TWO_WAYS, WHOLE = Code.VALUE_VAGUE, Code.TWO_WAYS, Code.COUNT_NOT_WHOLE

GUARD_EN = (
    "Officials in Port Verdin said some 24,600 members deserted the Lantern Guard, and thirty-six thousand more left."
)
EXODUS_EN = (
    "Half a million people have left Verdin since 2015, and three and a half million more may follow, said the "
    "fictional Office of Tides. Another 2.5 million are counted twice, it added; 3.4 million is its latest total."
)
VAGUE_EN = (
    "A few million people may leave, the Office of Tides said, and several hundred thousand soldiers are unpaid. "
    "Millions of people and hundreds of thousands of families wait."
)
SHARE_EN = "Nearly 6.5% of the Lantern Guard deserted, and twenty-five soldiers were jailed."
GUARD_ES = (
    "Unos 4.300 efectivos de la Guardia del Faro desertaron, y veinticinco mil soldados más se fueron, dijo el "
    "ficticio Consejo de Mareas."
)
EXODUS_ES = (
    "Tres millones y medio de personas emigraron de Verdín; millón y medio más se fueron después. Otros 1,5 millones "
    "esperan, y 1.5 millones más lo piensan. Dos millones y medio viven fuera, y medio millón volvió."
)
VAGUE_ES = "Millones de verdineses se fueron, y cientos de miles de familias esperan, según el Consejo de Mareas."
SHARE_ES = "El 6,125 % de la Guardia del Faro desertó, y el 12,5 por ciento de la tropa pidió la baja."


@dataclass(frozen=True)
class Case:
    """A quote of a text, the values it verifies, and the values it must not, each with the problem it gets."""

    language: str
    text: str
    quote: str
    unit: str
    verifies: tuple[str, ...]
    refused: tuple[tuple[str, Code], ...]


P, PCT = "people", "percent"
CASES = [
    # a quote cut out of a longer number, at its start or at its end
    Case("en", GUARD_EN, "some 24,600 members deserted", P, ("24600",), (("4600", NOT_IN), ("24", NOT_IN))),
    Case("en", GUARD_EN, "4,600 members deserted", P, (), (("4600", CUTS), ("24600", CUTS))),
    Case("en", GUARD_EN, "600 members deserted", P, (), (("600", CUTS),)),
    Case("en", GUARD_EN, "Officials in Port Verdin said some 24,6", P, (), (("24600", CUTS),)),
    Case("en", GUARD_EN, "thirty-six thousand more left", P, ("36000",), (("6000", NOT_IN), ("36", NOT_IN))),
    Case("en", GUARD_EN, "six thousand more left", P, (), (("6000", CUTS),)),
    Case("en", GUARD_EN, "the Lantern Guard, and thirty-six", P, (), (("36", CUTS), ("36000", CUTS))),
    Case("en", GUARD_EN, "ficials in Port Verdin said some 24,600", P, (), (("24600", WORD),)),
    Case("en", SHARE_EN, "five soldiers were jailed", P, (), (("5", CUTS),)),
    Case("en", SHARE_EN, "6.5% of the Lantern Guard", PCT, ("6.5",), (("6", NOT_IN), ("65", NOT_IN))),
    Case("en", SHARE_EN, "5% of the Lantern Guard", PCT, (), (("5", CUTS),)),
    # fractions and compounds read whole
    Case("en", EXODUS_EN, "Half a million people have left Verdin", P, ("500000",), (("1000000", NOT_IN),)),
    Case("en", EXODUS_EN, "three and a half million more may follow", P, ("3500000",),
         (("3", NOT_IN), ("1000000", NOT_IN), ("3000000", NOT_IN))),
    Case("en", EXODUS_EN, "a half million more may follow", P, (), (("500000", CUTS),)),
    Case("en", EXODUS_EN, "Another 2.5 million are counted twice", P, ("2500000",), (("2", NOT_IN), ("5", NOT_IN))),
    Case("en", EXODUS_EN, "5 million are counted twice", P, (), (("5000000", CUTS),)),
    Case("en", EXODUS_EN, "3.4 million is its latest total", P, ("3400000",), (("3.4", WHOLE), ("1000000", NOT_IN))),
    # vague quantities state no number
    Case("en", VAGUE_EN, "A few million people may leave", P, (), (("1000000", VAGUE),)),
    Case("en", VAGUE_EN, "several hundred thousand soldiers are unpaid", P, (),
         (("100000", VAGUE), ("100", VAGUE), ("1000", VAGUE))),
    Case("en", VAGUE_EN, "Millions of people and hundreds of thousands of families wait", P, (),
         (("1000000", VAGUE), ("100000", VAGUE))),
    # Spanish: digits read by their form, compounds and halves whole, vague quantities none
    Case("es-419", GUARD_ES, "Unos 4.300 efectivos de la Guardia del Faro desertaron", P, ("4300",),
         (("4.3", WHOLE), ("300", NOT_IN))),
    Case("es", GUARD_ES, "Unos 4.300 efectivos", P, ("4300",), (("4.3", WHOLE),)),
    Case("es-419", GUARD_ES, "300 efectivos de la Guardia del Faro", P, (), (("300", CUTS),)),
    Case("es", GUARD_ES, "veinticinco mil soldados más se fueron", P, ("25000",), (("25", NOT_IN), ("1000", NOT_IN))),
    Case("es", GUARD_ES, "cinco mil soldados más se fueron", P, (), (("5000", CUTS),)),
    Case("es", GUARD_ES, "desertaron, y veinticinco", P, (), (("25", CUTS),)),
    Case("es", EXODUS_ES, "Tres millones y medio de personas emigraron", P, ("3500000",),
         (("3000000", NOT_IN), ("3", NOT_IN), ("1000000", NOT_IN))),
    Case("es", EXODUS_ES, "millón y medio más se fueron después", P, ("1500000",), (("1000000", NOT_IN),)),
    Case("es", EXODUS_ES, "Otros 1,5 millones esperan", P, ("1500000",),
         (("1000000", NOT_IN), ("1.5", WHOLE), ("15", NOT_IN))),
    Case("es", EXODUS_ES, "y 1.5 millones más lo piensan", P, ("1500000",), (("1000000", NOT_IN), ("15", NOT_IN))),
    Case("es-419", EXODUS_ES, "y 1.5 millones más lo piensan", P, ("1500000",), (("1000000", NOT_IN),)),
    Case("es", EXODUS_ES, "Dos millones y medio viven fuera", P, ("2500000",), (("2000000", NOT_IN),)),
    Case("es", EXODUS_ES, "y medio millón volvió", P, ("500000",), (("1000000", NOT_IN),)),
    Case("es", EXODUS_ES, "millones y medio de personas emigraron", P, (), (("3500000", CUTS),)),
    Case("es", EXODUS_ES, "5 millones esperan", P, (), (("5000000", CUTS),)),
    Case("es", VAGUE_ES, "Millones de verdineses se fueron", P, (), (("1000000", VAGUE),)),
    Case("es", VAGUE_ES, "cientos de miles de familias esperan", P, (), (("100000", VAGUE), ("1000", VAGUE))),
    # a Spanish percentage whose mark is followed by three digits reads two ways, and is refused with both
    Case("es", SHARE_ES, "El 6,125 % de la Guardia del Faro desertó", PCT, (),
         (("6.125", TWO_WAYS), ("6125", TWO_WAYS))),
    Case("es-419", SHARE_ES, "el 12,5 por ciento de la tropa", PCT, ("12.5",), (("125", NOT_IN), ("12", NOT_IN))),
]  # fmt: skip


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_package(folder: Path, cases: list[Case]) -> dict[tuple[int, str], int]:
    """A package with one source per (language, text) and one figure per case and value; each (case index, value)
    to its line in figures.csv."""
    (folder / "sources").mkdir(parents=True)
    shutil.copy(SHIPPED_DATA / "datapackage.json", folder / "datapackage.json")
    source_ids: dict[tuple[str, str], str] = {}
    figures, lines = [], {}
    for index, case in enumerate(cases):
        source_id = source_ids.setdefault((case.language, case.text), f"fiction-{len(source_ids)}")
        for value in (*case.verifies, *(value for value, _code in case.refused)):
            lines[(index, value)] = len(figures) + 2
            figure_id = f"case-{index}-{value.replace('.', '_')}"
            figures.append([figure_id, "cases", "members who left", value, case.unit, "exact", "2019", "2019",
                            "the Office of Tides", source_id, case.quote, "", ""])  # fmt: skip
    sources = []
    for (language, text), source_id in source_ids.items():
        (folder / "sources" / f"{source_id}.txt").write_text(text + "\n", encoding="utf-8")
        sources.append([source_id, "A fictional report", "The Verdin Courier", "", f"https://example.org/{source_id}",
                        "2019-03-01", "", "", language, ""])  # fmt: skip
    header = ["source_id", "title", "publisher", "author", "url", "published", "accessed", "note", "language",
              "archive_url"]  # fmt: skip
    _write(folder / "sources.csv", header, sources)
    _write(folder / "figures.csv", FIGURES_HEADER, figures)
    _write(folder / "remarks.csv", ["remark_id", "dataset", "source_id", "quote", "speaker", "note"], [])
    return lines


@pytest.fixture(scope="module")
def case_problems(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[tuple[int, str], int], dict]]:
    folder = tmp_path_factory.mktemp("cases") / "data"
    lines = write_package(folder, CASES)
    by_line: dict[int, list[Code]] = {}
    for problem in validate(read_package(folder)):
        by_line.setdefault(problem.line or 0, []).append(problem.code)
    yield lines, by_line


@pytest.mark.parametrize("index", range(len(CASES)), ids=[f"{c.language}: {c.quote}" for c in CASES])
def test_each_quote_verifies_its_values_and_refuses_the_others(index: int, case_problems: tuple) -> None:
    lines, by_line = case_problems
    case = CASES[index]
    for value in case.verifies:
        assert by_line.get(lines[(index, value)], []) == [], value
    for value, code in case.refused:
        assert code in by_line.get(lines[(index, value)], []), value


def test_the_problem_names_the_whole_number_the_quote_cuts_into(tmp_path: Path) -> None:
    cases = [
        Case("en", GUARD_EN, "4,600 members deserted", P, ("4600",), ()),
        Case("en", GUARD_EN, "the Lantern Guard, and thirty-six", P, ("36",), ()),
        Case("es", EXODUS_ES, "millones y medio de personas emigraron", P, ("3500000",), ()),
        Case("en", GUARD_EN, "ficials in Port Verdin said some 24,600", P, ("24600",), ()),
    ]
    write_package(tmp_path / "data", cases)
    problems = validate(read_package(tmp_path / "data"))
    messages = [str(problem) for problem in problems if problem.where[3] == "quote"]
    where = f"{tmp_path / 'data'}/figures.csv"
    assert messages == [
        f"{where}:2:quote: the quote starts inside '24,600'; quote the whole number, with its digits, its words and "
        "any scale word after it",
        f"{where}:3:quote: the quote ends inside 'thirty-six thousand'; quote the whole number, with its digits, its "
        "words and any scale word after it",
        f"{where}:4:quote: the quote starts inside 'Tres millones y medio'; quote the whole number, with its digits, "
        "its words and any scale word after it",
        f"{where}:5:quote: the quote starts inside the word 'Officials'; quote whole words",
    ]


def test_vague_and_two_way_messages_say_why(tmp_path: Path) -> None:
    cases = [
        Case("es", VAGUE_ES, "cientos de miles de familias esperan", P, ("100000",), ()),
        Case("es", SHARE_ES, "El 6,125 % de la Guardia del Faro desertó", PCT, ("6.125",), ()),
        Case("es", GUARD_ES, "Unos 4.300 efectivos", P, ("4.3",), ()),
    ]
    write_package(tmp_path / "data", cases)
    messages = [str(problem).split(": ", 1)[1] for problem in validate(read_package(tmp_path / "data"))]
    assert messages == [
        "'cientos de miles' is a vague quantity: it states no number, so no value can be checked against it; "
        "quote words that give the number, or leave the figure out",
        "'6,125 %' reads two ways in this source's language, as 6125 or as 6.125, and a percentage may be "
        "either; quote a passage whose number reads one way",
        "4.3 is not a whole number, and a count of people is; write the count the quote gives",
    ]


def test_a_remark_that_cuts_into_a_number_is_refused(tmp_path: Path) -> None:
    write_package(tmp_path / "data", [Case("en", GUARD_EN, "some 24,600 members deserted", P, ("24600",), ())])
    remarks = tmp_path / "data" / "remarks.csv"
    header = remarks.read_text(encoding="utf-8").splitlines()[0]
    remarks.write_text(f"{header}\nr-cut,cases,fiction-0,600 members deserted,an official,\n", encoding="utf-8")
    problems = validate(read_package(tmp_path / "data"))
    assert [(problem.code, problem.where[1], problem.line) for problem in problems] == [
        (CUTS, f"{tmp_path / 'data'}/remarks.csv", 2)
    ]


# The property test: random numbers in every supported form, in sentences.


def stated(text: str, language: str) -> list[NumberMatch]:
    """The number phrases of ``text`` that state a number (vague quantities left out)."""
    return [match for match in find_numbers(text, language) if not match.vague]


LEAD_EN = ["Officials in Port Verdin counted", "The fictional Office of Tides says that", "By Tuesday,"]
TAIL_EN = ["members of the Lantern Guard left.", "people crossed the bridge.", "soldiers were unpaid."]
LEAD_ES = ["El ficticio Consejo de Mareas contó", "Según la Guardia del Faro,", "Hasta el martes se fueron"]
TAIL_ES = ["efectivos dejaron la Guardia.", "personas cruzaron el puente.", "soldados no cobraron."]
SPANISH_TAGS = ["es", "es-VE", "es-AR", "es-419", "es-MX"]


@dataclass(frozen=True)
class Written:
    """A number as a sentence writes it, and what it states."""

    language: str
    text: str
    value: Decimal
    percent: bool


def _grouped(value: int, mark: str) -> str:
    return f"{value:,}".replace(",", mark)


COUNTS = st.integers(0, 10**9)
SMALL = st.integers(1, 999)


@st.composite
def written_numbers(draw: st.DrawFn) -> Written:
    """One number in one of the forms the readers know, in English or in Spanish (any region tag)."""
    spanish = draw(st.booleans())
    language = draw(st.sampled_from(SPANISH_TAGS)) if spanish else "en"
    words_lang = "es" if spanish else "en"
    form = draw(st.sampled_from(["plain", "grouped", "words", "scaled", "half", "percent"]))
    if form == "plain":
        value = draw(COUNTS)
        return Written(language, str(value), Decimal(value), False)
    if form == "grouped":
        value = draw(st.integers(1000, 10**9))
        mark = draw(st.sampled_from(".,")) if spanish else ","
        return Written(language, _grouped(value, mark), Decimal(value), False)
    if form == "words":
        value = draw(COUNTS)
        return Written(language, num2words(value, lang=words_lang).replace(",", ""), Decimal(value), False)
    if form == "scaled":  # 3.4 million, 1,5 millones, 1.5 millones, 500 mil
        whole, tenths = draw(SMALL), draw(st.integers(1, 99))
        fraction = f"{tenths:02d}".rstrip("0") if draw(st.booleans()) else str(tenths)
        if spanish and draw(st.booleans()):
            return Written(language, f"{whole} mil", Decimal(whole * 1000), False)
        mark = draw(st.sampled_from(".,")) if spanish else "."
        scale = "millones" if spanish else "million"
        return Written(language, f"{whole}{mark}{fraction} {scale}", Decimal(f"{whole}.{fraction}") * 10**6, False)
    if form == "half":  # half a million, two and a half million, dos millones y medio, millón y medio, medio millón
        whole = draw(st.integers(0, 20))
        if spanish:
            if whole == 0:
                return Written(language, "medio millón", Decimal(500_000), False)
            if whole == 1:
                written = draw(st.sampled_from(["millón y medio", "un millón y medio"]))
            else:
                number = str(whole) if draw(st.booleans()) else num2words(whole, lang="es")
                written = f"{number} millones y medio"
        elif whole == 0:
            written = "half a million"
        else:
            number = str(whole) if draw(st.booleans()) else num2words(whole)
            written = f"{number} and a half million"
        return Written(language, written, Decimal(whole) * 10**6 + 500_000, False)
    whole, tenth = draw(st.integers(0, 100)), draw(st.one_of(st.none(), st.integers(1, 9)))
    value = Decimal(whole) if tenth is None else Decimal(f"{whole}.{tenth}")
    mark = draw(st.sampled_from(".,")) if spanish else "."
    digits = str(whole) if tenth is None else f"{whole}{mark}{tenth}"
    signs = ["%", " %", " por ciento"] if spanish else ["%", " percent", " per cent"]
    return Written(language, digits + draw(st.sampled_from(signs)), value, True)


@st.composite
def sentences(draw: st.DrawFn) -> tuple[Written, str, int, int]:
    """A sentence that writes one number, and where the number stands in it."""
    number = draw(written_numbers())
    spanish = number.language != "en"
    lead = draw(st.sampled_from(LEAD_ES if spanish else LEAD_EN))
    tail = draw(st.sampled_from(TAIL_ES if spanish else TAIL_EN))
    start = len(lead) + 1
    return number, f"{lead} {number.text} {tail}", start, start + len(number.text)


def _word_edges(text: str) -> list[int]:
    """The offsets where a word starts or ends."""
    return [
        at for at in range(len(text) + 1) if (at == 0 or text[at - 1] == " ") or (at == len(text) or text[at] == " ")
    ]


@settings(max_examples=400, deadline=None)
@given(sentence=sentences(), data=st.data())
def test_a_quote_that_cuts_into_a_number_is_refused(
    sentence: tuple[Written, str, int, int], data: st.DataObject
) -> None:
    number, text, start, end = sentence
    assume(end - start > 1)  # a one-character number has no inside
    cut = data.draw(st.integers(start + 1, end - 1), label="cut")
    quote = data.draw(st.sampled_from([text[cut:], text[:cut]]), label="quote")
    found, why = TextLocator(text, number.language).find(quote)
    assert found is None
    assert why is not None and why.number == number.text


@settings(max_examples=400, deadline=None)
@given(sentence=sentences(), data=st.data())
def test_a_whole_quote_verifies_exactly_its_number(
    sentence: tuple[Written, str, int, int], data: st.DataObject
) -> None:
    number, text, start, end = sentence
    edges = _word_edges(text)
    left = data.draw(st.sampled_from([at for at in edges if at <= start]), label="left")
    right = data.draw(st.sampled_from([at for at in edges if at >= end]), label="right")
    quote = text[left:right].strip()
    found, _cut = TextLocator(text, number.language).find(quote)
    assert found is not None
    [match] = stated(quote, number.language)
    assert match.value_for(counts=not number.percent) == number.value
    assert match.percent == number.percent
    assert states_value(quote, number.value, number.percent, number.language)


# extract proposes whole phrases only, and no vague quantity

PARAGRAPHS = [
    ("en", EXODUS_EN, [(500_000, "people"), (3_500_000, "people"), (2_500_000, "people"), (3_400_000, "people")]),
    ("en", VAGUE_EN, []),
    ("en", GUARD_EN, [(24_600, "people"), (36_000, "people")]),
    ("es", EXODUS_ES, [(3_500_000, "people"), (1_500_000, "people"), (1_500_000, "people"), (1_500_000, "people"),
                       (2_500_000, "people"), (500_000, "people")]),
    ("es", VAGUE_ES, []),
    ("es-419", GUARD_ES, [(4300, "people"), (25_000, "people")]),
    ("es", SHARE_ES, [(12.5, "percent")]),  # 6,125 % reads two ways: nothing to propose
]  # fmt: skip


@pytest.mark.parametrize(("language", "text", "expected"), PARAGRAPHS)
def test_extract_proposes_whole_phrases_only(language: str, text: str, expected: list[tuple[float, str]]) -> None:
    found = candidates(text, language)
    assert [(candidate.value, candidate.unit) for candidate in found] == expected
    for candidate in found:  # each proposal's quote verifies its value, and stands in the text at boundaries
        assert TextLocator(text, language).locate(candidate.quote) is not None
        assert states_value(candidate.quote, candidate.value, candidate.unit == "percent", language)
