"""Finding a quote in its source."""

from dashboard.quotes import locate, normalize, sentence_spans


def test_normalize_typography_and_whitespace() -> None:
    assert normalize("the \u201cking-maker\u201d \u2014  it\u2019s\n\tover") == 'the "king-maker" - it\'s over'


def test_locate_returns_offsets_in_the_original() -> None:
    text = "First.\nThe guard\u2019s   commander \u2014 signed."
    start, end = locate("the guard's commander - signed", text.replace("The", "the")) or (0, 0)
    assert text.replace("The", "the")[start:end] == "the guard\u2019s   commander \u2014 signed"
    assert locate("not there", text) is None
    assert locate("   ", text) is None


def test_sentence_spans() -> None:
    text = 'One thing. "Two things." Three\nFour'
    assert [text[a:b] for a, b in sentence_spans(text)] == ["One thing.", '"Two things."', "Three", "Four"]
