"""Finding a quote in its source: typographic quotes, apostrophes, dashes and whitespace runs normalised."""

from __future__ import annotations

import bisect
import itertools
import re
from concurrent.futures import ThreadPoolExecutor

import numpy as np

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


WORKERS = 2  # threads for the numpy sorting and searching of source texts (the machines have two cores)


class TextIndex:
    """A source's normalised text, with the characters that start each word in order, to find many quotes at once.

    The first ``KEY`` characters at each word's start are kept as fixed-width text, sorted, which numpy searches in
    C: a quote stands in the text at a word's start where the first key not before it begins with the quote's first
    ``KEY`` characters, and, for a longer quote, where the text there goes on as the quote does.
    """

    KEY = 40

    def __init__(self, text: str) -> None:
        self.text = normalize(text)
        self.plain = "\x00" not in self.text  # numpy's fixed-width text cannot hold a NUL at its end
        chars = np.frombuffer(self.text.encode("utf-32-le"), dtype=np.uint32)  # one code point each
        starts = np.flatnonzero(chars == ord(" ")) + 1
        starts = np.concatenate(([0], starts)) if len(chars) else starts
        padded = np.concatenate((chars, np.zeros(self.KEY, dtype=np.uint32)))
        windows = np.lib.stride_tricks.sliding_window_view(padded, self.KEY)[starts]
        keys = np.ascontiguousarray(windows).view(f"<U{self.KEY}").ravel()
        order = np.argsort(keys, kind="stable")  # equal keys stay in the order of their starts
        self.keys, self.key_starts = keys[order], starts[order].astype(np.int64)

    def scan(self, quote: str, start: int = 0) -> int:
        """The first place from ``start`` where ``quote`` stands at a word's start; -1 if none."""
        text = self.text
        at = text.find(quote, start) if quote else -1
        while at > 0 and text[at - 1] != " ":
            at = text.find(quote, at + 1)
        return at

    def first_starts(self, needles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each quote's first ``KEY`` characters (as fixed-width text): the place of the first key not before it,
        and whether that key begins with it."""
        if not len(self.keys):
            return np.zeros(len(needles), dtype=np.int64), np.zeros(len(needles), dtype=bool)
        at = np.minimum(np.searchsorted(self.keys, needles), len(self.keys) - 1)
        return at, np.strings.startswith(self.keys[at], needles)

    def at_later_key(self, quote: str, key: int) -> int:
        """Where a quote stands at another word that starts with the same key as the one at ``key``; -1 if none."""
        keys, first = self.keys, self.keys[key]
        for other in range(key + 1, len(keys)):
            if keys[other] != first:
                break
            start = int(self.key_starts[other])
            if self.text.startswith(quote, start):
                return start
        return -1

    def contains(self, quote: str) -> bool:
        """Whether ``quote``, normalised, stands anywhere in the text.

        A quote that stands in the text as written stands there normalised too: the text has nothing left to
        normalise, and a word's start is never a space.
        """
        needle = normalize(quote)
        return bool(needle) and needle in self.text


class SourceTexts:
    """Every source's normalised text, run together, each indexed to find many quotes at once in their own
    source's text."""

    SEPARATOR = " \x00 "  # between texts: each text has a space on each side, as a quote padded with spaces has

    def __init__(self, texts: dict[str, str]) -> None:
        with ThreadPoolExecutor(WORKERS) as pool:  # sorting the keys lets go of the GIL: two texts at once
            self.indexes = dict(zip(texts, pool.map(TextIndex, texts.values()), strict=True))
        self.offset: dict[str, int] = {}
        at = 0
        for source, index in self.indexes.items():
            self.offset[source] = at
            at += len(index.text) + len(self.SEPARATOR)
        self.text = self.SEPARATOR.join(index.text for index in self.indexes.values())

    def starts_of(self, sources: list[str], quotes: list[str], lengths: np.ndarray) -> np.ndarray:
        """Where each quote (``lengths`` long), as written, stands in ``text`` at a word's start within its own
        source's text; -1 where it does not, or where its source has no text.

        The quotes are read in their own order (to numpy's fixed-width text, and to compare the rest of a long one),
        which keeps memory reads in order; only the search among keys goes source by source.
        """
        starts = np.full(len(quotes), -1, dtype=np.int64)
        code_of = {source: code for code, source in enumerate(self.indexes)}
        codes = np.fromiter(map(code_of.get, sources, itertools.repeat(-1)), dtype=np.int64, count=len(sources))
        if any("\x00" in quote for quote in quotes) or not all(index.plain for index in self.indexes.values()):
            for row in np.flatnonzero(codes >= 0).tolist():  # numpy's fixed-width text cannot end in a NUL
                start = self.indexes[sources[row]].scan(quotes[row])
                starts[row] = start + self.offset[sources[row]] if start >= 0 else -1
            return starts
        needles = np.array(quotes, dtype=f"<U{TextIndex.KEY}")  # each quote's first KEY characters
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(len(code_of) + 1))
        keys = np.zeros(len(quotes), dtype=np.int64)
        groups = [order[bounds[code] : bounds[code + 1]] for code in range(len(code_of))]
        with ThreadPoolExecutor(WORKERS) as pool:  # numpy searches without the GIL: two sources at once
            found = pool.map(lambda index, rows: index.first_starts(needles[rows]), self.indexes.values(), groups)
            for (source, index), rows, (at, begins) in zip(self.indexes.items(), groups, found, strict=True):
                keys[rows] = at
                begins &= lengths[rows] > 0
                starts[rows[begins]] = index.key_starts[at[begins]] + self.offset[source]
        is_longer = (starts >= 0) & (lengths > TextIndex.KEY)
        longer = np.flatnonzero(is_longer)
        long_quotes = itertools.compress(quotes, is_longer.tolist())
        goes_on = np.fromiter(
            map(self.text.startswith, long_quotes, starts[longer].tolist()), dtype=bool, count=len(longer)
        )
        for row in longer[~goes_on].tolist():  # another word starts with the same key
            later = self.indexes[sources[row]].at_later_key(quotes[row], int(keys[row]))
            starts[row] = later + self.offset[sources[row]] if later >= 0 else -1
        return starts

    def contains(self, source: str, quote: str) -> bool:
        """Whether ``quote``, normalised, stands anywhere in its source's text."""
        index = self.indexes.get(source)
        return index is not None and index.contains(quote)
