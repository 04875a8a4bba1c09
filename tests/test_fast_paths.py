"""The fast ways of reading and checking a package give the answers of the plain ways they stand in for.

Each fast path is checked against the simple reading it replaces, on texts and tables made to be awkward: numbers
next to scale words, percent signs and punctuation, quotes that start inside words or cross sentences, keys that
start many words, cells with commas, quotes and line breaks.
"""

from __future__ import annotations

import csv
import gc
import io
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import loader
from dashboard.gcpause import paused
from dashboard.loader import _exact_parse, read_package
from dashboard.numbers import _written_forms, stated_in_place, states_value
from dashboard.paths import SHIPPED_DATA
from dashboard.quotes import SourceTexts, TextIndex, normalize
from dashboard.validation import _all_match, validate
from tests.conftest import FIGURES_HEADER

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NUMBERS = ["4,300", "4300", "6", "6%", "3.4", "3", "600", "1,000,000", "25", "0.5", "12,5", "04300", "A300"]
WORDS = [
    "some", "about", "million", "Million", "thousand", "percent", "per", "cent", "percentage", "people",
    "troops", "members", "of", "the", "guard", "Officials", "said", "that", "and", "-", "(", ")", ",", ".",
    "%", "\u2014", "\u2019s", "per cent", "over", "nearly", "billion",
]  # fmt: skip
WORD = st.sampled_from(NUMBERS + WORDS)
GLUE = st.sampled_from([" ", " ", " ", "", ", ", ". ", "  ", "\n", "-", "\u00a0"])


@st.composite
def prose(draw: st.DrawFn, min_words: int = 1, max_words: int = 30) -> str:
    words = draw(st.lists(WORD, min_size=min_words, max_size=max_words))
    glue = draw(st.lists(GLUE, min_size=len(words), max_size=len(words)))
    return "".join(word + space for word, space in zip(words, glue, strict=True)).strip()


@st.composite
def quotes_of(draw: st.DrawFn, texts: list[str]) -> list[tuple[int, str]]:
    """Quotes cut from the texts (at word starts and anywhere), typographic variants, and made-up ones."""
    picked = []
    for _ in range(draw(st.integers(1, 12))):
        source = draw(st.integers(0, len(texts) - 1))
        text = normalize(texts[source])
        kind = draw(st.sampled_from(["word", "anywhere", "made", "curly"]))
        if kind == "made" or not text:
            picked.append((source, draw(prose(max_words=6))))
            continue
        starts = [0, *[i + 1 for i, char in enumerate(text) if char == " "]]
        start = draw(st.sampled_from(starts)) if kind != "anywhere" else draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start, min(len(text), start + 80)))
        quote = text[start:end]
        picked.append((source, quote.replace("'", "\u2019") if kind == "curly" else quote))
    return picked


@SETTINGS
@given(data=st.data(), texts=st.lists(prose(), min_size=1, max_size=3))
def test_quotes_are_found_where_they_stand(data: st.DataObject, texts: list[str]) -> None:
    picked = data.draw(quotes_of(texts))
    sources = [f"s{source}" for source, _ in picked]
    quotes = [quote for _, quote in picked]
    known = SourceTexts({f"s{index}": text for index, text in enumerate(texts)})
    lengths = np.fromiter(map(len, quotes), dtype=np.int64, count=len(quotes))
    starts = known.starts_of(sources, quotes, lengths)
    for source, quote, start in zip(sources, quotes, starts.tolist(), strict=True):
        own = normalize(texts[int(source[1:])])
        if start >= 0:  # found as written, in its own source, at a word's start
            local = start - known.offset[source]
            assert own[local : local + len(quote)] == quote
            assert local == 0 or own[local - 1] == " "
            assert normalize(quote) in own and normalize(quote)
        else:
            assert not (quote and any(own.startswith(quote, at) for at in _word_starts(own)))
        assert known.contains(source, quote) == (bool(normalize(quote)) and normalize(quote) in own)


def _word_starts(text: str) -> list[int]:
    return [0, *[i + 1 for i, char in enumerate(text) if char == " "]] if text else []


def test_a_key_that_starts_many_words_finds_the_later_ones() -> None:
    sentence = "Officials said that some of the troops left in March and more came"
    text = f"{sentence[:50]} first. {sentence} second. {sentence} third."
    quote = f"{sentence} third."
    known = SourceTexts({"s": text})
    start = int(known.starts_of(["s"], [quote], np.asarray([len(quote)]))[0])
    assert known.text[start : start + len(quote)] == quote


@SETTINGS
@given(data=st.data(), text=prose(min_words=3, max_words=40))
def test_values_said_in_place_are_said_by_the_quote(data: st.DataObject, text: str) -> None:
    known = SourceTexts({"s": text})
    cut = [quote for _, quote in data.draw(quotes_of([text])) if quote]
    found = known.starts_of(["s"] * len(cut), cut, np.asarray([len(quote) for quote in cut]))
    quotes = [quote for quote, start in zip(cut, found.tolist(), strict=True) if start >= 0]
    if not quotes:
        return
    starts = found[found >= 0]
    numbers = [3_400_000.0, 4300.0, 6.0, 600.0, 3.0, 1_000_000.0, 25.0, 0.5, 3_000_000.0, 600_000.0, 4.3]
    values = np.asarray(data.draw(st.lists(st.sampled_from(numbers), min_size=len(quotes), max_size=len(quotes))))
    percents = np.asarray(data.draw(st.lists(st.booleans(), min_size=len(quotes), max_size=len(quotes))))
    claimed = stated_in_place(known.text, starts, np.asarray([len(quote) for quote in quotes]), values, percents)
    for quote, value, percent, said in zip(quotes, values.tolist(), percents.tolist(), claimed.tolist(), strict=True):
        if said:
            assert states_value(quote, value, percent), (quote, value, percent)


def test_values_said_in_place_on_their_usual_forms() -> None:
    text = "Since 2014, some 4,300 members - about 6% of the force - deserted; over 3.4 million people left. Now 600"
    known = SourceTexts({"s": text})
    quotes = ["some 4,300 members", "about 6% of the force", "over 3.4 million people left.", "Now 600"]
    values = np.asarray([4300.0, 6.0, 3_400_000.0, 600.0])
    starts = known.starts_of(["s"] * 4, quotes, np.asarray([len(quote) for quote in quotes]))
    said = stated_in_place(known.text, starts, np.asarray([len(q) for q in quotes]), values, np.asarray([0, 1, 0, 0]))
    assert said.tolist() == [True, True, True, True]
    wrong = stated_in_place(known.text, starts, np.asarray([len(q) for q in quotes]), values, np.asarray([1, 0, 1, 1]))
    assert wrong.tolist() == [False, False, False, False]


def test_written_forms_are_found_after_spaces_only() -> None:
    forms = _written_forms(" some 4,300 members, 6% of them, 3.4 million people and 7 percent; A300 x 12,5 ")
    assert forms[" 4,300"] == [5] and forms[" 6%"] == forms[" 6"] == [20]
    assert forms[" 3.4 million"] == forms[" 3.4"] == [32] and forms[" 7 percent"] == [55]
    assert " 300" not in forms and " A300" not in forms


@settings(max_examples=300, deadline=None)
@given(
    values=st.lists(st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=8), max_size=8),
    pattern=st.sampled_from(["[a-z0-9_-]+", "[a-z]+", "[0-9.]+", "[A-Za-z ]+"]),
)
def test_one_class_patterns_through_the_byte_table(values: list[str], pattern: str) -> None:
    every = all(re.fullmatch(pattern, value) for value in values)
    if _all_match(values, pattern):  # True proves it; False leaves it to a look at each value
        assert every
    elif "." not in pattern:
        assert not every


CELL = st.text(st.characters(codec="utf-8", exclude_characters="\x00\r"), max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(CELL, min_size=len(FIGURES_HEADER), max_size=len(FIGURES_HEADER)), max_size=6),
    crlf=st.booleans(),
    quote_all=st.booleans(),
    tail=st.sampled_from(["", "\n", "\n\n"]),
)
def test_the_quick_reader_reads_as_the_exact_one(rows: list[list[str]], crlf: bool, quote_all: bool, tail: str) -> None:
    buffer = io.StringIO()
    newline = "\r\n" if crlf else "\n"
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    csv.writer(buffer, lineterminator=newline, quoting=quoting).writerows([FIGURES_HEADER, *rows])
    text = buffer.getvalue() + tail.replace("\n", newline)
    folder = Path(_copy())
    try:
        (folder / "figures.csv").write_text(text, encoding="utf-8", newline="")
        table = read_package(folder).tables["figures"]
        frame, lines, _ = _exact_parse(text, FIGURES_HEADER, "figures.csv")
        assert table.frame.values.tolist() == frame.values.tolist()
        assert table.lines.tolist() == lines.tolist()
    finally:
        shutil.rmtree(folder.parent)


def _copy() -> str:
    import tempfile

    folder = Path(tempfile.mkdtemp()) / "data"
    shutil.copytree(SHIPPED_DATA, folder)
    return str(folder)


def test_a_short_record_is_not_padded_by_the_quick_reader(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, folder)
    path = folder / "figures.csv"
    short = "bi-2019-x,defections,soldiers,600,people,exact,2019-02-23,2019-03-01,Juan Guaido,bi-2019-03,quote\n"
    path.write_text(path.read_text(encoding="utf-8") + short, encoding="utf-8")  # one field short: pandas pads it
    problems = [str(problem) for problem in validate(read_package(folder))]
    assert problems == [
        f"{folder}/figures.csv:6: this record has 11 fields but the header has 12; look for a "
        "missing or extra comma, or a quote that is not closed"
    ]


def test_the_cycle_collector_comes_back_as_it_was() -> None:
    assert gc.isenabled()
    with paused():
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(ValueError), paused():
        raise ValueError
    assert gc.isenabled()


def test_text_index_keys_hold_every_word_start() -> None:
    index = TextIndex("one  two\u2019s three")
    assert sorted(index.key_starts.tolist()) == [0, 4, 10]
    assert index.scan("two's") == 4 and index.scan("wo's") == -1


@pytest.mark.parametrize("note", ["", "   ", "a note, with a comma"])
def test_a_table_with_a_record_knows_what_a_fresh_read_would(tmp_path: Path, note: str) -> None:
    folder = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, folder)
    table = read_package(folder).tables["figures"]
    for column in FIGURES_HEADER:  # work out what the rules ask, so that there is something to carry over
        table.filled(column), table.distinct(column)
    row = {**table.frame.iloc[0].to_dict(), "figure_id": "new-one", "note": note}
    grown = table.with_record(row, 99)
    fresh = type(table)(table.name, table.path, grown.frame.copy(), grown.lines, table.fields)
    for column in FIGURES_HEADER:
        assert grown.cells(column) == fresh.cells(column)
        assert grown.distinct(column) == fresh.distinct(column)
        assert grown.filled(column) == fresh.filled(column)
    assert grown.lines.tolist()[-1] == 99


def test_a_file_big_enough_for_threads_reads_as_the_exact_reader_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pandas reads a file of more than a few MB in chunks on several threads; line breaks, commas and quotes in
    cells must come out as Python's csv reads them, and each record on its own line."""
    folder = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, folder)
    notes = [
        "",
        'one line, "quoted"',
        "two\nlines",
        "three\r\nlines, with CRLF\nand LF",
        ",,,",
        '"',
        "\u00e9\u2014\u2019",
    ]
    rows = [
        [f"fig-{row:06d}", "defections", "people", str(row), "people", "exact", "2019", "2019-03", "someone",
         "bi-2019-03", f"quote {row}, with a comma", notes[row % len(notes)] * (1 + row % 3)]
        for row in range(60_000)
    ]  # fmt: skip
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([FIGURES_HEADER, *rows])
    text = buffer.getvalue()
    assert len(text.encode("utf-8")) > 6 * 1024 * 1024  # above pandas' threshold for reading in parallel
    (folder / "figures.csv").write_text(text, encoding="utf-8", newline="")
    with monkeypatch.context() as patch:
        patch.setattr(loader, "_exact_parse", _must_not_be_needed)
        table = read_package(folder).tables["figures"]
    frame, lines, problems = _exact_parse(text, FIGURES_HEADER, "figures.csv")
    assert problems == []
    assert table.frame.values.tolist() == frame.values.tolist()
    assert table.lines.tolist() == lines.tolist()


def _must_not_be_needed(*_: object) -> None:
    raise AssertionError("the quick reader should have read this file")
