"""Finding a quote in its source: typographic quotes, apostrophes, dashes and whitespace runs normalised."""

from __future__ import annotations

import bisect
import re

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark, apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",  # prime
        "\u00b4": "'",  # acute accent used as an apostrophe
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",  # hyphen
        "\u2011": "-",
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",
        "\u2212": "-",  # minus sign
    }
)

_SENTENCE_END = re.compile(r"([.!?][\"'\u201d\u2019)]*)\s+|\n+")


# Each plain character, and the characters of a text that stand for it once normalised.
_VARIANTS: dict[str, str] = {}
for _typographic, _plain in _TYPOGRAPHY.items():
    _VARIANTS[str(_plain)] = _VARIANTS.get(str(_plain), str(_plain)) + chr(_typographic)


NORMALIZE_CHUNK = 1 << 20  # characters: a long text is made plain a piece at a time, to keep memory near its size


def _pieces(text: str) -> list[str]:
    """``text`` in pieces of about NORMALIZE_CHUNK characters, each ending after a whole run of whitespace (a text
    with no whitespace is one piece)."""
    pieces = []
    start = 0
    while start < len(text):
        end = min(start + NORMALIZE_CHUNK, len(text))
        while end < len(text) and not text[end - 1].isspace():
            end += 1
        while end < len(text) and text[end].isspace():
            end += 1
        pieces.append(text[start:end])
        start = end
    return pieces


def normalize(text: str) -> str:
    """Typographic quotes, apostrophes and dashes made plain; every whitespace run one space. A long text is made
    plain a piece at a time, so that memory stays near its size."""
    words = (" ".join(piece.translate(_TYPOGRAPHY).split()) for piece in _pieces(text))
    return " ".join(piece for piece in words if piece)


def quote_pattern(quote: str) -> re.Pattern[str] | None:
    """A pattern that finds ``quote`` in a text as ``normalize`` compares them (any typographic variant of a quote
    mark or dash, any whitespace run for a space), so that a quote is found where it stands in the original text
    with no copy of that text; None for a quote of nothing but whitespace."""
    needle = normalize(quote)
    if not needle:
        return None
    parts = []
    for char in needle:
        if char == " ":
            parts.append(r"\s+")
        elif char in _VARIANTS:
            parts.append("[" + re.escape(_VARIANTS[char]) + "]")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts))


class TextLocator:
    """One text, to find many quotes in it and the sentence each stands in."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentence_starts: list[int] | None = None

    def locate(self, quote: str) -> tuple[int, int] | None:
        """Where ``quote`` stands in the text (start, end offsets into the original), or None."""
        pattern = quote_pattern(quote)
        found = pattern.search(self.text) if pattern is not None else None
        return None if found is None else found.span()

    def sentence_of(self, quote: str) -> int | None:
        """The index of the sentence the quote starts in, or None if it is not in the text."""
        found = self.locate(quote)
        if found is None:
            return None
        if self._sentence_starts is None:
            self._sentence_starts = [start for start, _ in sentence_spans(self.text)]
        return bisect.bisect_right(self._sentence_starts, found[0]) - 1


# Words that end in a period without ending a sentence.
ABBREVIATIONS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "maj",
        "cpl",
        "pvt",
        "sen",
        "rep",
        "gov",
        "st",
        "no",
        "vs",
        "etc",
        "inc",
        "corp",
        "co",
        "jr",
        "sr",
    ]
)


def _abbreviation_before(text: str, period: int) -> bool:
    """Whether the period at ``period`` ends an abbreviation (Dec., Sgt., U.S.) rather than a sentence."""
    word = re.search(r"(\w+)$", text[max(0, period - 12) : period])
    if word is None:
        return False
    token = word.group(1)
    initial = len(token) == 1 and (token.isupper() or text[period - 2 : period - 1] == ".")  # U.S., a.m.
    return token.lower() in ABBREVIATIONS or initial


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of each sentence of ``text``: split after . ! ? (not after an abbreviation such as
    Dec. or Sgt.) and at line breaks."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match[1] and match[1][0] == "." and _abbreviation_before(text, match.start(1)):
            continue
        end = match.end(1) if match[1] else match.start()
        if end > start:
            spans.append((start, end))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
