"""Finding a quote in its source."""

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import quotes
from dashboard.quotes import TextLocator, normalize, quote_pattern, sentence_spans


def test_normalize_typography_and_whitespace() -> None:
    assert normalize("the \u201cking-maker\u201d \u2014  it\u2019s\n\tover") == 'the "king-maker" - it\'s over'


def test_locate_returns_offsets_in_the_original() -> None:
    text = "First.\nThe guard\u2019s   commander \u2014 signed."
    start, end = TextLocator(text.replace("The", "the")).locate("the guard's commander - signed") or (0, 0)
    assert text.replace("The", "the")[start:end] == "the guard\u2019s   commander \u2014 signed"
    assert TextLocator(text).locate("not there") is None
    assert TextLocator(text).locate("   ") is None
    assert TextLocator(text).sentence_of("guard\u2019s commander") == 1


def test_sentence_spans() -> None:
    text = 'One thing. "Two things." Three\nFour'
    assert [text[a:b] for a, b in sentence_spans(text)] == ["One thing.", '"Two things."', "Three", "Four"]


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(["a", "b", " ", "\n", "\t", "\u2019", "\u2014", "\u00a0"]), max_size=80))
def test_a_long_text_is_made_plain_piece_by_piece_as_a_whole(text: str) -> None:
    """Pieces end after whole runs of whitespace, so a text read in pieces reads as the whole text would."""
    whole = " ".join(text.translate(quotes._TYPOGRAPHY).split())
    original = quotes.NORMALIZE_CHUNK
    try:
        quotes.NORMALIZE_CHUNK = 3
        assert normalize(text) == whole
    finally:
        quotes.NORMALIZE_CHUNK = original


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab 1,\n\t\u00a0\u2019'\u2014-", max_size=30), data=st.data())
def test_the_plain_search_finds_what_the_pattern_finds(text: str, data: st.DataObject) -> None:
    """The locator searches the normalised text and maps the place back: the same place, in the original, as a
    pattern over the original finds (whitespace runs, typographic marks and leading blanks included)."""
    start = data.draw(st.integers(0, len(text)))
    quote = text[start : data.draw(st.integers(start, len(text)))]
    locator = TextLocator(text)
    pattern, expected = quote_pattern(quote), None
    found = pattern.search(text) if pattern is not None else None
    while found is not None and pattern is not None:
        if locator.cut(*found.span()) is None:
            expected = found.span()
            break
        found = pattern.search(text, found.start() + 1)
    assert locator.find(quote)[0] == expected
