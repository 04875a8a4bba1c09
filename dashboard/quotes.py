"""Finding a quote in its source: typographic quotes, apostrophes, dashes and whitespace runs normalised, and the
quote standing at boundaries, neither starting nor ending inside a word or a number."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from dashboard.numerals import ENGLISH, NumberMatch, find_numbers

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

_WHITESPACE_RUN = re.compile(r"^\s+|\s{2,}")  # the runs ``normalize`` shortens
_SENTENCE_END = re.compile(r"([.!?][\"'\u201d\u2019)]*)\s+|\n+")


# Each plain character, and the characters of a text that stand for it once normalised.
_VARIANTS: dict[str, str] = {}
for _typographic, _plain in _TYPOGRAPHY.items():
    _VARIANTS[str(_plain)] = _VARIANTS.get(str(_plain), str(_plain)) + chr(_typographic)


NORMALIZE_CHUNK = 1 << 20  # characters: a long text is made plain a piece at a time, to keep memory near its size


def _pieces(text: str) -> list[str]:
    """``text`` in pieces of about NORMALIZE_CHUNK characters, each ending after a whole run of whitespace (a text
    with no whitespace is one piece)."""
    if len(text) <= NORMALIZE_CHUNK:
        return [text]
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


def _plain_marks(text: str) -> str:
    """Typographic quotes, apostrophes and dashes made plain (a text of ASCII has none but the backtick)."""
    return text if text.isascii() and "`" not in text else text.translate(_TYPOGRAPHY)


def normalize(text: str) -> str:
    """Typographic quotes, apostrophes and dashes made plain; every whitespace run one space. A long text is made
    plain a piece at a time, so that memory stays near its size."""
    plain = [" ".join(_plain_marks(piece).split()) for piece in _pieces(text)]
    return plain[0] if len(plain) == 1 else " ".join(piece for piece in plain if piece)


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


WORD_JOINERS = "-\u2010\u2011'\u2019"  # a hyphen or an apostrophe between letters keeps them one word


def _inside_word(text: str, at: int) -> bool:
    """Whether offset ``at`` falls inside a word: letters or digits on both sides, or a hyphen or an apostrophe
    between them ("non-commissioned", "country's")."""
    if at <= 0 or at >= len(text):
        return False
    left, right = text[at - 1], text[at]
    if left.isalnum() and right.isalnum():
        return True
    if left in WORD_JOINERS and right.isalnum():
        return at >= 2 and text[at - 2].isalnum()
    if left.isalnum() and right in WORD_JOINERS:
        return at + 1 < len(text) and text[at + 1].isalnum()
    return False


def _word_at(text: str, at: int) -> str:
    """The whole word around offset ``at`` (letters, digits, and the hyphens and apostrophes between them)."""
    start, end = at, at
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in WORD_JOINERS):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] in WORD_JOINERS):
        end += 1
    return text[start:end].strip(WORD_JOINERS)


@dataclass(frozen=True)
class Cut:
    """Where a quote found in its text cuts into a number or a word: its start or its end, and what it cuts."""

    edge: str  # "start" or "end"
    number: str | None  # the whole number phrase it cuts into, as the text writes it
    word: str | None  # else the whole word


class TextLocator:
    """One text in one language, to find many quotes in it (each only where it stands at boundaries, never
    starting or ending inside a word or a number) and the sentence each stands in."""

    def __init__(self, text: str, language: str = ENGLISH) -> None:
        self.text = text
        self.language = language
        self._sentence_starts: list[int] | None = None
        self._numbers: list[NumberMatch] | None = None
        self._number_starts: list[int] = []
        self._plain: str | None = None
        self._shift_at: list[int] = []  # offsets into the plain text from which ...
        self._shift: list[int] = []  # ... this many more characters of the original stand before them

    def _original(self, at: int) -> int:
        """The offset into the original text of the character at offset ``at`` of the plain text."""
        index = bisect.bisect_right(self._shift_at, at) - 1
        return at + (self._shift[index] if index >= 0 else 0)

    def _plain_text(self) -> str:
        """The text as ``normalize`` makes it plain, made once, with where its collapsed whitespace runs were. (A
        locator serves a server's threads: what it reads is made whole before it is kept, the plain text last.)"""
        if self._plain is None:
            shift_at, shift, removed = [], [], 0
            for run in _WHITESPACE_RUN.finditer(self.text):
                # a run at the start is removed whole; any other becomes one space, one character of the plain text
                kept = 0 if run.start() == 0 else 1
                removed += len(run.group()) - kept
                shift_at.append(run.end() - removed)
                shift.append(removed)
            self._shift_at, self._shift = shift_at, shift
            self._plain = normalize(self.text)
        return self._plain

    def _read_numbers(self) -> list[NumberMatch]:
        """The text's number phrases and vague quantities, read once, in order (their starts kept before them)."""
        if self._numbers is None:
            numbers = find_numbers(self.text, self.language)
            self._number_starts = [number.start for number in numbers]
            self._numbers = numbers
        return self._numbers

    def _number_around(self, at: int) -> NumberMatch | None:
        """The number phrase (digits, marks, a compound of number words, a scale word after it, a percent sign)
        that offset ``at`` falls strictly inside, if any (a vague quantity is none)."""
        numbers = self._read_numbers()
        index = bisect.bisect_left(self._number_starts, at) - 1
        if index >= 0 and numbers[index].end > at and not numbers[index].vague:
            return numbers[index]
        return None

    def numbers_in(self, start: int, end: int) -> list[NumberMatch]:
        """The text's number phrases and vague quantities that stand whole inside ``text[start:end]``, in order."""
        numbers = self._read_numbers()
        first = bisect.bisect_left(self._number_starts, start)
        last = bisect.bisect_left(self._number_starts, end, lo=first)
        return [number for number in numbers[first:last] if number.end <= end]

    def cut(self, start: int, end: int) -> Cut | None:
        """Where the span ``text[start:end]`` cuts into a number or a word, or None when it stands at boundaries."""
        for edge, at in (("start", start), ("end", end)):
            number = self._number_around(at)
            if number is not None:
                return Cut(edge, number.text, None)
            if _inside_word(self.text, at):
                return Cut(edge, None, _word_at(self.text, at))
        return None

    def find(self, quote: str) -> tuple[tuple[int, int] | None, Cut | None]:
        """Where ``quote`` stands at boundaries (start, end offsets into the original), and None for the cut; or
        None and how its first place in the text cuts into a number or word; or None, None when it is not there."""
        needle, plain = normalize(quote), self._plain_text()
        at = plain.find(needle) if needle else -1
        first_cut = None
        while at >= 0:
            span = self._original(at), self._original(at + len(needle) - 1) + 1
            cut = self.cut(*span)
            if cut is None:
                return span, None
            first_cut = first_cut or cut
            at = plain.find(needle, at + 1)
        return None, first_cut

    def locate(self, quote: str) -> tuple[int, int] | None:
        """Where ``quote`` stands in the text at boundaries (start, end offsets into the original), or None."""
        return self.find(quote)[0]

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
