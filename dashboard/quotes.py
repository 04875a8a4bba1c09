"""Finding a quote in its source: typographic quotes, apostrophes, dashes and whitespace runs normalised."""

from __future__ import annotations

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

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+|\n+")


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


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text`` (start, end offsets into ``text``), or None if it does not."""
    needle = normalize(quote)
    if not needle:
        return None
    haystack, offsets = normalize_with_offsets(text)
    at = haystack.find(needle)
    if at < 0:
        return None
    return offsets[at], offsets[at + len(needle) - 1] + 1


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of each sentence of ``text``: split after . ! ? and at line breaks."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
