"""Finding a quote in its source."""

from dashboard.quotes import TextLocator, normalize, sentence_spans


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
