"""Numbers as news prose writes them: 4,300 · 4300 · 6% · 6 percent · 3 million · 3.4 million · one million."""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

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
def _digit_forms(value: float) -> tuple[tuple[str, bool], ...]:
    """How the digits of ``value`` can begin in text, longest first, each with whether a scale word must follow:
    4300 -> 4,300 and 4300; 3400000 -> also 3.4 (million) and 3400 (thousand)."""
    if not value.is_integer():
        return ((f"{value:g}", False),)
    whole = int(value)
    forms = {f"{whole:,}": False, str(whole): False}
    for scale in SCALE_WORDS.values():
        if whole >= scale:
            forms.setdefault(f"{whole / scale:g}", True)
    return tuple(sorted(forms.items(), key=lambda form: len(form[0]), reverse=True))


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

    Digits are looked for first, reading the number where they stand (a scaled form such as the 3.4 of 3,400,000
    counts only where its scale word follows); numbers in words need a full scan.
    """
    for form, scaled in _digit_forms(float(value)):
        at = text.find(form)
        while at >= 0:
            plain = None if scaled else _plainly_at(text, at, form, percent)  # "3.4" is 3,400,000 only before "million"
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


# Whitespace as str.isspace() and the regex \s know it, one character each.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000"
)
# What may not follow " 4,300 " for it to be the whole number: the suffixes `_plainly_at` reads on.
_AFTER_PLAIN = tuple(suffix.removeprefix(" ") for suffix in _SUFFIXES)
# What may not follow " 3.4 million " for it to be a count: more whitespace, or a percent sign or word.
_AFTER_SCALED = (*WHITESPACE, "%", *("".join(case) for case in itertools.product("pP", "eE", "rR")))
MIN_SCALED = 1_000_000  # below this, counts are looked for in digits first ("25,000", not "25 thousand")


@lru_cache(maxsize=65536)
def _probes(value: float, percent: bool) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """How a value is most often written, each as a string to find in the text padded with a space at each end
    and what must not follow it there; a text that has one of them states the value as `states_value` reads it."""
    if percent:
        digits = f"{value:g}"
        return ((f" {digits}%", ()), (f" {digits} percent ", ()))
    if not value.is_integer():
        return ((f" {value:g} ", _AFTER_PLAIN),)
    whole = int(value)
    probes = []
    for word, scale in reversed(SCALE_WORDS.items()):
        digits = f"{whole / scale:g}"
        if whole >= max(scale, MIN_SCALED) and same_number(float(digits) * scale, value):
            probes.append((f" {digits} {word} ", _AFTER_SCALED))
            break
    probes.append((f" {whole:,} ", _AFTER_PLAIN))
    if whole >= 1_000:
        probes.append((f" {whole} ", _AFTER_PLAIN))
    return tuple(probes)


_WRITTEN = re.compile(rf"[0-9]+(?:,[0-9]{{3}})*(?:\.[0-9]+)?(%| percent| (?:{'|'.join(SCALE_WORDS)}))?")


def _written_forms(padded: str) -> dict[str, list[int]]:
    """Where each number is written in ``padded`` after a space, by how it is written (each with the space before
    it): " 4,300", " 6%", " 6 percent", " 3.4 million"; one with a percent or scale word is listed bare too."""
    chars = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32)
    digit = (chars >= ord("0")) & (chars <= ord("9"))
    after_space = np.flatnonzero(digit[1:] & (chars[:-1] == ord(" "))) + 1  # numbers' first digits, found in C
    places: dict[str, list[int]] = {}
    for at in after_space.tolist():
        match = _WRITTEN.match(padded, at)
        if match is None:
            continue
        written, word = match[0], match[1]
        places.setdefault(" " + written[: len(written) - len(word or "")], []).append(at - 1)
        if word:
            places.setdefault(" " + written, []).append(at - 1)
    return places


def stated_in_place(
    text: str, starts: np.ndarray, lengths: np.ndarray, values: np.ndarray, percents: np.ndarray
) -> np.ndarray:
    """For quotes that stand as written in ``text`` (normalised), each at a word's start ``starts`` and ``lengths``
    long: which state their value (a percentage where ``percents``) plainly. True only where ``states_value`` on
    the quote says so too; False means "read that quote in full".

    A quote is the text between its ends, so a form of the value found in the text (padded with a space at each
    end, as the quote is) stands in the quote if it lies between the quote's ends; and what follows it reads the
    same in both while it lies inside the quote. Each form is looked for once in the text, and every quote is
    answered at once by a search among the places it was found. Forms are tried in the order of ``_probes``.
    """
    padded = f" {text} "  # the quote at start p, length n is padded[p : p + n + 2] but for its last padding space
    written = _written_forms(padded)
    width = len(padded) + 1
    ends = starts + lengths + 1  # where the padding space after each quote stands in ``padded``
    value_codes, distinct_values = pd.factorize(values)
    codes, pairs = pd.factorize(value_codes * 2 + percents)  # each distinct value and flag, numbered
    probes = [_probes(float(distinct_values[pair // 2]), bool(pair % 2)) for pair in pairs.tolist()]
    stated = np.zeros(len(starts), dtype=bool)
    for level in range(max(map(len, probes), default=0)):
        pending = np.flatnonzero(~stated & np.asarray([len(found) > level for found in probes])[codes])
        if not len(pending):
            continue
        row_codes = codes[pending]
        places: list[int] = []
        place_codes: list[int] = []
        followed: list[bool] = []
        length_of, spaced = np.zeros(len(probes), dtype=np.int64), np.zeros(len(probes), dtype=bool)
        for code in np.flatnonzero(np.bincount(row_codes, minlength=len(probes))).tolist():
            probe, bad = probes[code][level]
            core = probe.removesuffix(" ")
            length_of[code], spaced[code] = len(core), core != probe
            for at in written.get(core, ()):
                end = at + len(core)
                places.append(code * width + at)
                place_codes.append(code)
                followed.append(padded.startswith(" ", end) and not padded.startswith(bad, end + 1))
        if not places:
            continue
        nearest = np.searchsorted(np.asarray(places, dtype=np.int64), row_codes * width + starts[pending])
        nearest = np.minimum(nearest, len(places) - 1)
        at = np.asarray(places, dtype=np.int64)[nearest] - row_codes * width  # where the form stands, if found
        found = (np.asarray(place_codes, dtype=np.int64)[nearest] == row_codes) & (at >= starts[pending])
        end, quote_end = at + length_of[row_codes], ends[pending]
        clear = np.asarray(followed, dtype=bool)[nearest]
        plain = np.where(spaced[row_codes], (end == quote_end) | (clear & (end <= quote_end - 2)), end <= quote_end)
        stated[pending] = found & plain
    return stated
