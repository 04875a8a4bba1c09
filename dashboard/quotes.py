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


def normalize(text: str) -> str:
    """Typographic quotes, apostrophes and dashes made plain; every whitespace run one space."""
    return " ".join(text.translate(_TYPOGRAPHY).split())


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Like ``normalize``, with the offset in ``text`` of each character of the result."""
    plain = text.translate(_TYPOGRAPHY)
    out: list[str] = []
    offsets: list[int] = []
    for match in re.finditer(r"\S+", plain):
        if out:
            out.append(" ")
            offsets.append(match.start() - 1)
        out.append(match.group())
        offsets.extend(range(match.start(), match.end()))
    return "".join(out), offsets


class TextLocator:
    """One text, normalised once, to find many quotes in it and the sentence each stands in."""

    def __init__(self, text: str) -> None:
        self.haystack, self.offsets = normalize_with_offsets(text)
        self.sentence_starts = [start for start, _ in sentence_spans(text)]

    def locate(self, quote: str) -> tuple[int, int] | None:
        """Where ``quote`` stands in the text (start, end offsets into the original), or None."""
        needle = normalize(quote)
        at = self.haystack.find(needle) if needle else -1
        if at < 0:
            return None
        return self.offsets[at], self.offsets[at + len(needle) - 1] + 1

    def sentence_of(self, quote: str) -> int | None:
        """The index of the sentence the quote starts in, or None if it is not in the text."""
        found = self.locate(quote)
        return None if found is None else bisect.bisect_right(self.sentence_starts, found[0]) - 1


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
