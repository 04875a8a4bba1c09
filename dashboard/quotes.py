"""Finding a quote in its source: typographic quotes, apostrophes, dashes and whitespace runs normalised."""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
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


class TextIndex:
    """A source's normalised text, indexed by the characters that start each word, to find many quotes fast."""

    KEY = 40  # a quote is looked up by its first this-many characters

    def __init__(self, text: str) -> None:
        self.text = normalize(text)
        words = self.text.split(" ") if self.text else []
        lengths = itertools.accumulate(map(len, words[:-1]), initial=0)
        self.starts = list(map(operator.add, lengths, itertools.count()))  # each word's start: its letters + spaces
        ends = map(operator.add, self.starts, itertools.repeat(self.KEY))
        keys = list(map(self.text.__getitem__, map(slice, self.starts, ends)))
        self.first = dict(zip(reversed(keys), reversed(self.starts), strict=True))  # the earliest start of a key
        self.more: dict[str, list[int]] = {}  # every start of a key that starts more than one word
        if len(self.first) < len(keys):
            every: dict[str, list[int]] = {}
            for key, start in zip(keys, self.starts, strict=True):
                every.setdefault(key, []).append(start)
            self.more = {key: starts for key, starts in every.items() if len(starts) > 1}

    @functools.cached_property
    def keys(self) -> list[str]:
        """The index's keys in order: a quote shorter than a key stands in the text at a word's start if and only
        if the first key not before it begins with it."""
        return sorted(self.first)

    def _found(self, needle: str) -> bool:
        """Whether ``needle`` stands in the text at the start of a word."""
        if len(needle) < self.KEY:
            keys = self.keys
            at = bisect.bisect_left(keys, needle)
            return at < len(keys) and keys[at].startswith(needle)
        key = needle[: self.KEY]
        starts = self.more.get(key) or [self.first.get(key, len(self.text) + 1)]
        return any(self.text.startswith(needle, start) for start in starts)

    def contains(self, quote: str) -> bool:
        """Whether ``quote``, normalised, stands in the text."""
        needle = normalize(quote)
        # the last look finds a quote that starts inside a word
        return bool(needle) and (self._found(needle) or needle in self.text)

    def contains_all(self, quotes: list[str]) -> list[bool]:
        """``contains`` for many quotes: one lookup and one comparison each, in C through ``map``.

        A quote found as it stands is found normalised too (the text has nothing left to normalise, and a
        word's start is never a space), so quotes are normalised only when they are not found as they stand.
        """
        text, beyond = self.text, len(self.text) + 1
        keys = map(operator.getitem, quotes, itertools.repeat(slice(0, self.KEY)))
        found = list(map(text.startswith, quotes, map(self.first.get, keys, itertools.repeat(beyond))))
        missed = [row for row, hit in enumerate(found) if not hit]
        short = [quotes[row] for row in missed if 0 < len(quotes[row]) < self.KEY]
        if short and self.keys:
            keys_in_order, last = self.keys, len(self.keys) - 1
            firsts = map(bisect.bisect_left, itertools.repeat(keys_in_order), short)
            # the last key stands in for a bisection past the end; a needle it begins with sorts no later than it
            candidates = map(keys_in_order.__getitem__, map(min, firsts, itertools.repeat(last)))
            short_found = dict(zip(short, map(str.startswith, candidates, short), strict=True))
        else:
            short_found = {}
        for row in missed:
            quote = quotes[row]
            found[row] = short_found.get(quote, False) or self.contains(quote)
        return found
