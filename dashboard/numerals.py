"""Numbers as news prose writes them: 4,300 · 4300 · 6% · 6 percent · 3 million · 3.4 million · one million."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

UNIT_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALE_WORDS = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
HUNDRED = 100


def alternation(words: list[str]) -> str:
    """A regex that matches any of ``words`` (the longest where one is the start of another), written as a tree of
    their letters: the engine reads each letter once instead of trying every word in turn."""
    branches: dict[str, list[str]] = {}
    for word in words:
        if word:
            branches.setdefault(word[0], []).append(word[1:])
    parts = [re.escape(letter) + alternation(rests) for letter, rests in sorted(branches.items())]
    if not parts:
        return ""
    tree = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{tree})?" if "" in words else tree


_BIG = alternation(["hundred", *SCALE_WORDS])
_WORD = alternation([*UNIT_WORDS, *TENS_WORDS, "hundred", *SCALE_WORDS])
_PERCENT = r"(?P<percent>\s*(?:%|percent\b|per\s+cent\b))?"
_SCALE = rf"(?:\s+(?P<scale>{'|'.join(SCALE_WORDS)})\b)?"

NUMBER = re.compile(
    rf"""
    (?<![\w.,:])(?<![^\W\d_]-)
    (?:
        (?P<digits>(?>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?))(?!\w|[.,][0-9])
        {_SCALE}
      |
        (?P<words>(?:an?\s+(?={_BIG}))?{_WORD}(?:(?:\s+and\s+|\s+|-){_WORD})*)\b
    )
    {_PERCENT}
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class NumberMatch:
    """One number found in a text, with where it stands and how it was written."""

    start: int
    end: int
    text: str
    value: float
    percent: bool
    in_words: bool


def words_to_number(words: str) -> float:
    """'one million' -> 1000000; 'twenty-five thousand' -> 25000; 'three hundred and fifty' -> 350."""
    total = 0
    current = 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word in ("and", "a", "an", ""):
            continue
        if word in UNIT_WORDS:
            current += UNIT_WORDS[word]
        elif word in TENS_WORDS:
            current += TENS_WORDS[word]
        elif word == "hundred":
            current = (current or 1) * HUNDRED
        elif word in SCALE_WORDS:
            total += (current or 1) * SCALE_WORDS[word]
            current = 0
    return float(total + current)


def _exact_value(match: re.Match[str]) -> Decimal:
    """The number a match writes, exactly: 3.4 million is 3400000, not a float near it."""
    if match["digits"] is not None:
        value = Decimal(match["digits"].replace(",", ""))
        if match["scale"]:
            value *= SCALE_WORDS[match["scale"].lower()]
        return value
    return Decimal(int(words_to_number(match["words"])))


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number written in ``text``, in order."""
    return [
        NumberMatch(
            start=match.start(),
            end=match.end(),
            text=match.group(),
            value=float(_exact_value(match)),
            percent=match["percent"] is not None,
            in_words=match["digits"] is None,
        )
        for match in NUMBER.finditer(text)
    ]


def states_value(text: str, value: Decimal | float, percent: bool) -> bool:
    """Whether ``text`` writes ``value`` (as a percentage when ``percent``) in a form news uses: some number read in
    the text, as ``find_numbers`` reads it, is exactly that value (a scaled form such as the 3.4 of 3,400,000 counts
    only where its scale word follows; 4300.00000000000000001 is not the 4,300 of a text)."""
    wanted = value if isinstance(value, Decimal) else Decimal(str(value))
    return any(
        (match["percent"] is not None) == percent and _exact_value(match) == wanted for match in NUMBER.finditer(text)
    )
