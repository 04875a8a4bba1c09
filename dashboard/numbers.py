"""Numbers as news prose writes them: 4,300 · 4300 · 6% · 6 percent · 3 million · 3.4 million · one million."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

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

_SMALL = "|".join(sorted([*UNIT_WORDS, *TENS_WORDS], key=len, reverse=True))
_BIG = "hundred|" + "|".join(SCALE_WORDS)
_WORD = rf"(?:{_SMALL}|{_BIG})"
_PERCENT = r"(?P<percent>\s*(?:%|percent\b|per\s+cent\b))?"
_SCALE = rf"(?:\s+(?P<scale>{'|'.join(SCALE_WORDS)})\b)?"

NUMBER = re.compile(
    rf"""
    (?<![\w.,:])(?<![^\W\d_]-)
    (?:
        (?P<digits>(?>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?))(?!\w|[.,]\d)
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


def _value_of(match: re.Match[str]) -> float:
    if match["digits"] is not None:
        value = float(match["digits"].replace(",", ""))
        if match["scale"]:
            value *= SCALE_WORDS[match["scale"].lower()]
        return value
    return words_to_number(match["words"])


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number written in ``text``, in order."""
    return [
        NumberMatch(
            start=match.start(),
            end=match.end(),
            text=match.group(),
            value=_value_of(match),
            percent=match["percent"] is not None,
            in_words=match["digits"] is None,
        )
        for match in NUMBER.finditer(text)
    ]


def same_number(a: float, b: float) -> bool:
    """Equal up to float rounding (3.4 million read from text against 3400000 in a cell)."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@lru_cache(maxsize=65536)
def _digit_forms(value: float) -> tuple[str, ...]:
    """How the digits of ``value`` can begin in text: 4300 -> 4,300 and 4300; 3400000 -> also 3.4 (million)."""
    if not value.is_integer():
        return (f"{value:g}",)
    whole = int(value)
    forms = {f"{whole:,}", str(whole)}
    for scale in SCALE_WORDS.values():
        if whole >= scale:
            forms.add(f"{whole / scale:g}")
    return tuple(sorted(forms, key=len, reverse=True))


_BEFORE_OK = frozenset(" \t\n([{\"'\u2018\u201c\u2014\u2013-$~:;/")
_AFTER_OK = frozenset(" \t\n)]}\"'\u2019\u201d\u2014\u2013-:;/!?")
_PERCENT_SUFFIXES = ("%", " %", " percent", " per cent")
_SUFFIXES = tuple(f" {word}" for word in SCALE_WORDS) + _PERCENT_SUFFIXES


def _plainly_at(text: str, at: int, form: str, percent: bool) -> bool | None:
    """Whether ``form`` at ``at`` is the whole number (True), is not (False), or needs the full reading (None)."""
    before = text[at - 1] if at else " "
    if before not in _BEFORE_OK:
        return None
    end = at + len(form)
    after = text[end : end + 1]
    if after == "" or (after in _AFTER_OK and not text.startswith(_SUFFIXES, end)):
        return not percent
    if after in ".," and not text[end + 1 : end + 2].isdigit():
        return not percent
    for suffix in _PERCENT_SUFFIXES:
        if text.startswith(suffix, end):
            following = text[end + len(suffix) : end + len(suffix) + 1]
            return percent if suffix.endswith("%") or not following.isalpha() else None
    return None


def states_value(text: str, value: float, percent: bool) -> bool:
    """Whether ``text`` writes ``value`` (as a percentage when ``percent``) in a form news uses.

    Digits are looked for first, reading the number where they stand; numbers in words need a full scan.
    """
    for form in _digit_forms(float(value)):
        at = text.find(form)
        while at >= 0:
            plain = _plainly_at(text, at, form, percent)
            if plain:
                return True
            if plain is None:
                match = NUMBER.match(text, at)
                if (
                    match is not None
                    and (match["percent"] is not None) == percent
                    and same_number(_value_of(match), value)
                ):
                    return True
            at = text.find(form, at + 1)
    return any(m.percent == percent and same_number(m.value, value) for m in find_numbers(text) if m.in_words)
