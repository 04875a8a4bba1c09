"""Numbers as news prose writes them, each phrase read whole or not at all, one reader per language: 4,300, 3.4
million, half a million and two and a half million in English; 4.300, 3,4 millones, 500 mil, medio millar and dos
millones y medio in Spanish; numbers in words; percentages; and vague quantities (a few million, miles de), which
state no number.

How the readers share the work with the libraries, and what is written here by hand:
- Babel (CLDR) gives each language's group and decimal marks, used as they are for every language but Spanish.
- text2num gives the value of a run of number words ("twenty-five thousand", "cuatro millones", "veinticinco").
- By hand, because neither library does it: where a run of number words starts and ends in running prose (text2num's
  alpha2digit rewrites the whole text and reads the hedge "unos" as 1); the words that scale digits ("3.4 million");
  the article that stands for one ("a million"); halves ("half a million", "two and a half million", "medio millón",
  "dos millones y medio", "millón y medio"), which text2num refuses; "millar", which it does not know; percent
  words; vague quantities, which it reads as numbers ("millones" alone is 1,000,000 to it); and Spanish digits.

Spanish digits. CLDR gives Spanish two conventions: "." groups and "," marks decimals in es, es-VE, es-AR, es-CO
and es-CL, while es-419, es-MX, es-US, es-PE and es-CU group with "," and mark decimals with ".". The press in
either region mixes them, whatever a page's region tag says: "4.300 efectivos" and "1.5 millones" both appear in
one newsroom. So a Spanish source is read by the form of the digits, not by its tag:
- two different marks (1.234,5 or 1,234.5): the last is the decimal mark, the other groups;
- one mark repeated (1.234.567): it groups;
- one mark followed by exactly three digits (4.300, 4,300): it groups in a count, which is never a fraction, and
  in a number a scale word follows ("1.500 millones" is 1,500 million, how Spanish writes a billion); for a value
  that may be a fraction (a percentage) it reads two ways (4300 or 4.3), and such a form is refused;
- one mark followed by other than three digits (1.5, 3,4, 12,50): it is the decimal mark.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol
from text_to_num import text2num

ENGLISH, SPANISH = "en", "es"
HALF = Decimal("0.5")
# A number does not start right after a letter, a digit, a mark or a letter and a hyphen ("COVID-19", "24,600").
LEFT_EDGE = r"(?<![\w.,:])(?<![^\W\d_]-)"
DIGITS_END = r"(?!\w|[.,][0-9])"  # nor end before a letter, or before a mark and a digit ("1,2345")
# The named parts of a reader's pattern; a language without one of them has it as a part that never matches.
GROUPS = ("vague", "hscale", "hscale_one", "digits", "half", "scale", "words", "whalf", "wscale")

NUMBER_WORDS = {
    ENGLISH: (
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million "
        "billion trillion"
    ),
    SPANISH: (
        "cero uno una un dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis "
        "diecisiete dieciocho diecinueve veinte veintiuno veintiuna veintidós veintitrés veinticuatro veinticinco "
        "veintiséis veintisiete veintiocho veintinueve treinta cuarenta cincuenta sesenta setenta ochenta noventa "
        "cien ciento doscientos doscientas trescientos trescientas cuatrocientos cuatrocientas quinientos "
        "quinientas seiscientos seiscientas setecientos setecientas ochocientos ochocientas novecientos "
        "novecientas mil millón millones"
    ),
}
JOINERS = {ENGLISH: r"(?:\s+and\s+|\s+|-)", SPANISH: r"(?:\s+y\s+|\s+)"}
# Words that scale a number before them ("3.4 million", "500 mil"); alone they state no number, except where
# ALONE says (Spanish "mil" is one thousand), and with an article ("a million") they stand for one of them.
SCALE_WORDS = {
    ENGLISH: ("hundred", "thousand", "million", "billion", "trillion"),
    SPANISH: ("mil", "mil millones", "millón", "millones", "millar", "millares"),
}
ALONE = {SPANISH: ("mil",)}
EXTRA_SCALES = {"millar": Decimal(1000), "millares": Decimal(1000)}  # words text2num does not know
PERCENT_WORDS = {ENGLISH: (r"percent\b", r"per\s+cent\b"), SPANISH: (r"por\s+ciento\b",)}  # regexes
# Vague quantities: words that say how many roughly and state no number. Regexes, tried before the numbers.
VAGUE = {
    ENGLISH: (
        r"(?:a\s+few|a\s+couple\s+of|several|many)(?:\s+(?:hundred|thousand|million|billion)"
        r"(?:\s+(?:thousand|million))?)?\b",
        r"(?:hundreds|thousands|millions|billions|dozens|scores|tens)(?:\s+of\s+(?:thousands|millions|billions))?\b",
    ),
    SPANISH: (
        r"(?:unos\s+pocos|unas\s+pocas|unos\s+cuantos|unas\s+cuantas|varios|varias|algunos|algunas|muchos|muchas)"
        r"(?:\s+(?:cientos|centenares|miles|millares|millones)(?:\s+de\s+(?:miles|millones))?)?\b",
        r"(?:cientos|centenares|miles|millares|millones|decenas|docenas)(?:\s+de\s+(?:miles|millones))?\b",
    ),
}


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex that matches any of ``words`` (the longest where one is the start of another), written as a tree of
    their letters: the engine reads each letter once instead of trying every word in turn."""
    branches: dict[str, list[str]] = {}
    for word in words:
        if word:
            branches.setdefault(word[0], []).append(word[1:])
    parts = [
        (r"\s+" if letter == " " else re.escape(letter)) + alternation(rests)
        for letter, rests in sorted(branches.items())
    ]
    if not parts:
        return ""
    tree = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{tree})?" if "" in words else tree


def base_language(code: str) -> str:
    """The language of a BCP 47 code, lowercased: 'es-VE' -> 'es'."""
    return code.split("-")[0].lower()


def known_language(code: str) -> bool:
    """Whether Babel (CLDR) knows the language of a BCP 47 code, so that its numbers can be read."""
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


@dataclass(frozen=True)
class NumberMatch:
    """One number phrase found in a text, read whole: where it stands, how it was written, and what it can mean."""

    start: int
    end: int
    text: str
    readings: tuple[Decimal, ...]  # none for a vague quantity; (grouped, decimal) for a form that reads two ways
    percent: bool
    in_words: bool

    @property
    def vague(self) -> bool:
        """Whether the phrase is a vague quantity ("a few million", "miles de"), which states no number."""
        return not self.readings

    @property
    def two_way(self) -> bool:
        """Whether its digits read two ways (4.300 in Spanish: 4300, or 4.3)."""
        return len(self.readings) > 1

    def value_for(self, counts: bool) -> Decimal | None:
        """The number the phrase states for a unit that counts (people) or, when not ``counts``, one that allows
        fractions (percent); None when it states none (a vague quantity) or still reads two ways."""
        if len(self.readings) == 1:
            return self.readings[0]
        if self.readings and counts:
            return self.readings[0]  # a count is never a fraction: the mark groups
        return None

    @property
    def value(self) -> float | None:
        """What it states for its own unit (a percentage, or a count), as a float; None as ``value_for`` says."""
        found = self.value_for(counts=not self.percent)
        return None if found is None else float(found)


@dataclass(frozen=True)
class Reader:
    """How one language writes numbers: the pattern that finds each phrase, and how its parts are read."""

    language: str  # the base language: "en", "es", or another CLDR knows (digits only)
    group: str  # the group and decimal marks (Babel's); a Spanish reader reads either by the digits' form
    decimal: str
    pattern: re.Pattern[str]

    def readings(self, match: re.Match[str]) -> tuple[Decimal, ...] | None:
        """What a match can mean: () for a vague quantity, None when the words found are no number at all."""
        if match["vague"] is not None:
            return ()
        if match["hscale"] is not None:  # half a million, medio millón
            return (HALF * _scale(match["hscale"], self.language),)
        if match["hscale_one"] is not None:  # un millar, which text2num does not know
            return (_scale(match["hscale_one"], self.language),)
        if match["digits"] is not None:
            digits = self.digit_readings(match["digits"], scaled=match["scale"] is not None)
            if digits is None or match["scale"] is None:
                return digits
            return tuple(_scaled(value, match["scale"], match["half"], self.language) for value in digits)
        whole = _words_value(match["words"], self.language)
        if whole is None:
            return None
        if match["wscale"] is not None:  # two and a half million
            return ((whole + HALF) * _scale(match["wscale"], self.language),)
        if match["whalf"] is not None:  # dos millones y medio, two and a half: half of the run's last scale word
            last = match["words"].lower().split()[-1]
            unit = _scale(last, self.language) if last in SCALE_WORDS.get(self.language, ()) else Decimal(1)
            return (whole + HALF * unit,)
        return (whole,)

    def digit_readings(self, written: str, scaled: bool) -> tuple[Decimal, ...] | None:
        """The values digits can have: one, or (grouped, decimal) for a Spanish form that reads two ways."""
        if self.language != SPANISH:
            return (Decimal(written.replace(self.group, "").replace(self.decimal, ".")),)
        return _spanish_digits(written, scaled)

    def find(self, text: str) -> list[NumberMatch]:
        """Every number phrase and vague quantity written in ``text``, in order."""
        found = []
        for match in self.pattern.finditer(text):
            readings = self.readings(match)
            if readings is None:
                continue
            found.append(
                NumberMatch(
                    start=match.start(),
                    end=match.end(),
                    text=match.group(),
                    readings=readings,
                    percent=match["percent"] is not None,
                    in_words=match["digits"] is None,
                )
            )
        return found


def _spanish_digits(written: str, scaled: bool) -> tuple[Decimal, ...] | None:
    """Spanish digits read by their form (the module's docstring gives the rule); None for a malformed form."""
    marks = [char for char in written if char in ".,"]
    if not marks:
        return (Decimal(written),)
    parts = re.split(r"[.,]", written)
    if len(set(marks)) == 2:  # 1.234,5 or 1,234.5: the last mark is the decimal mark
        if marks[-1] in marks[:-1] or any(len(part) != 3 for part in parts[1:-1]):
            return None
        return (Decimal("".join(parts[:-1]) + "." + parts[-1]),)
    if len(marks) > 1:  # 1.234.567: a repeated mark groups
        return (Decimal("".join(parts)),) if all(len(part) == 3 for part in parts[1:]) else None
    whole, fraction = parts
    as_decimal = Decimal(f"{whole}.{fraction}")
    if len(fraction) == 3 and len(whole) <= 3:
        grouped = Decimal(whole + fraction)
        return (grouped,) if scaled else (grouped, as_decimal)
    return (as_decimal,)


def _scale(word: str, language: str) -> Decimal:
    """The value of a scale word: text2num's, or ours for the words it does not know."""
    word = " ".join(word.lower().split())
    return EXTRA_SCALES.get(word) or Decimal(text2num(word, language))


def _scaled(value: Decimal, scale: str, half: str | None, language: str) -> Decimal:
    """Digits times the scale word after them, with the half a "y medio" after that adds: 4 millones y medio."""
    return (value + (HALF if half else 0)) * _scale(scale, language)


@functools.lru_cache(maxsize=4096)
def _words_value(words: str, language: str) -> Decimal | None:
    """text2num's value of a run of number words ('twenty-five thousand', 'cuatro millones'), or None; an
    article before a scale word ('a million') stands for one."""
    words = " ".join(words.lower().split())
    first, _, rest = words.partition(" ")
    if first in ("a", "an"):
        words = f"one {rest}"
    try:
        return Decimal(text2num(words, language))
    except ValueError:
        return None


def _percent(language: str) -> str:
    return "(?P<percent>\\s*(?:" + "|".join(["%", *PERCENT_WORDS.get(language, ())]) + "))?"


def _english(group: str, decimal: str) -> str:
    """English number phrases: vague quantities, halves, digits with a scale word, runs of words."""
    word, scale = alternation(NUMBER_WORDS[ENGLISH].split()), alternation(SCALE_WORDS[ENGLISH])
    joiner = JOINERS[ENGLISH]
    g, d = re.escape(group), re.escape(decimal)
    return "|".join(
        [
            "(?P<vague>" + "|".join(VAGUE[ENGLISH]) + ")",
            rf"(?:half[\s-]+an?|an?\s+half)[\s-]+(?P<hscale>{scale})\b",
            rf"(?P<digits>(?>[0-9]{{1,3}}(?:{g}[0-9]{{3}})+(?:{d}[0-9]+)?|[0-9]+(?:{d}[0-9]+)?)){DIGITS_END}"
            rf"(?:(?P<half>\s+and\s+a\s+half)?\s+(?P<scale>{scale})\b)?",
            rf"(?P<words>(?:an?\s+(?={scale}\b)|(?!{scale}\b)){word}(?:{joiner}{word})*)\b"
            rf"(?:(?P<whalf>\s+and\s+a\s+half\b)(?:[\s-]+(?P<wscale>{scale})\b)?)?",
        ]
    )


def _spanish() -> str:
    """Spanish number phrases: vague quantities, halves, digits in either convention with a scale word, words."""
    word, scale = alternation(NUMBER_WORDS[SPANISH].split()), alternation(SCALE_WORDS[SPANISH])
    not_alone = [word for word in SCALE_WORDS[SPANISH] if word.split()[0] not in ALONE[SPANISH]]
    half = r"(?:\s+y\s+medio\b)"
    return "|".join(
        [
            "(?P<vague>" + "|".join(VAGUE[SPANISH]) + ")",
            r"(?:medio|media)\s+(?P<hscale>millón|millar)\b|(?:un|una)\s+(?P<hscale_one>millar|millares)\b",
            rf"(?P<digits>(?>[0-9]{{1,3}}(?:[.,][0-9]{{3}})+(?:[.,][0-9]+)?|[0-9]+(?:[.,][0-9]+)?)){DIGITS_END}"
            rf"(?:\s+(?P<scale>{scale})\b(?P<half>{half})?)?",
            rf"(?P<words>(?!(?:{alternation(not_alone)})\b(?!\s+y\s+medio)){word}(?:{JOINERS[SPANISH]}{word})*)\b"
            rf"(?P<whalf>{half})?",
        ]
    )


def _digits_only(group: str, decimal: str) -> str:
    """Digits as CLDR writes them in a language whose words the project does not read."""
    g, d = re.escape(group), re.escape(decimal)
    return rf"(?P<digits>(?>[0-9]{{1,3}}(?:{g}[0-9]{{3}})+(?:{d}[0-9]+)?|[0-9]+(?:{d}[0-9]+)?)){DIGITS_END}"


@functools.lru_cache(maxsize=32)
def numerals(language: str) -> Reader:
    """The reader for a BCP 47 language code: English and Spanish read in full (words, scale words, halves, vague
    quantities, percent words); any other language CLDR knows by its digits, grouped as it groups them, and '%'."""
    base = base_language(language)
    locale = str(Locale.parse(language.replace("-", "_"))) if known_language(language) else ENGLISH
    group, decimal = get_group_symbol(locale), get_decimal_symbol(locale)
    if base == ENGLISH:
        body = _english(group, decimal)
    elif base == SPANISH:
        body = _spanish()
    else:
        body = _digits_only(group, decimal)
    body += "".join(f"(?P<{name}>(?!))?" for name in GROUPS if f"(?P<{name}>" not in body)  # every group in each
    pattern = re.compile(rf"{LEFT_EDGE}(?:{body}){_percent(base)}", re.IGNORECASE)
    return Reader(base, group, decimal, pattern)


def find_numbers(text: str, language: str = ENGLISH) -> list[NumberMatch]:
    """Every number phrase and vague quantity written in ``text``, read whole as ``language`` writes them."""
    return numerals(language).find(text)


def states(found: list[NumberMatch], value: Decimal, percent: bool) -> bool:
    """Whether one of the number phrases ``found`` states exactly ``value``, as a percentage when ``percent`` (a
    percentage may be a fraction; a count may not: a form that reads two ways states its grouped reading as a
    count, and nothing as a percentage)."""
    return any(match.percent == percent and match.value_for(counts=not percent) == value for match in found)


def states_value(text: str, value: Decimal | float, percent: bool, language: str = ENGLISH) -> bool:
    """Whether ``text`` writes ``value`` (as a percentage when ``percent``) in a form news in ``language`` uses:
    some whole number phrase read in the text is exactly that value (a scaled form such as the 3.4 of 3,400,000
    counts only where its scale word follows; 4300.00000000000000001 is not the 4,300 of a text)."""
    wanted = value if isinstance(value, Decimal) else Decimal(str(value))
    return states(find_numbers(text, language), wanted, percent)
