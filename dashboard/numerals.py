"""Numbers as news prose writes them, read the way the text's language writes them: 4,300 and 3.4 million in
English; 4.300, 3,4 millones, 500 mil and medio millar in Spanish; numbers in words; percentages."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol
from text_to_num import text2num

ENGLISH = "en"
# What no library reads for us, by language. Babel gives each language's digit grouping and decimal mark and
# text2num the value of a run of number words; but finding where such a run starts and ends in running prose is
# ours (text2num's alpha2digit rewrites the whole text and reads the hedge "unos" as 1), as are the words that
# scale a number written in digits, the words for a percentage, and the scale words text2num does not know.
NUMBER_WORDS = {
    "en": (
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million "
        "billion trillion"
    ),
    "es": (
        "cero uno una un dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis "
        "diecisiete dieciocho diecinueve veinte veintiuno veintiuna veintidós veintitrés veinticuatro veinticinco "
        "veintiséis veintisiete veintiocho veintinueve treinta cuarenta cincuenta sesenta setenta ochenta noventa "
        "cien ciento doscientos doscientas trescientos trescientas cuatrocientos cuatrocientas quinientos "
        "quinientas seiscientos seiscientas setecientos setecientas ochocientos ochocientas novecientos "
        "novecientas mil millón millones"
    ),
}
JOINERS = {"en": r"(?:\s+and\s+|\s+|-)", "es": r"(?:\s+y\s+|\s+)"}
ARTICLES = {"en": ("a", "an")}  # "a million": the article stands for one before a scale word
SCALE_WORDS = {
    "en": ("thousand", "million", "billion", "trillion"),
    "es": ("mil", "mil millones", "millón", "millones", "millar", "millares"),
}
EXTRA_SCALES = {"millar": Decimal(1000), "millares": Decimal(1000)}  # words text2num does not know
# "medio millar", "un millar": a word that multiplies the scale word after it, where text2num reads neither.
FACTOR_WORDS = {"es": {"medio": Decimal("0.5"), "media": Decimal("0.5"), "un": Decimal(1), "una": Decimal(1)}}
PERCENT_WORDS = {"en": (r"percent", r"per\s+cent"), "es": (r"por\s+ciento",)}  # regexes


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
    """One number found in a text, with where it stands and how it was written."""

    start: int
    end: int
    text: str
    value: float
    percent: bool
    in_words: bool


@dataclass(frozen=True)
class Numerals:
    """How one language writes numbers: the pattern that finds them and the locale that reads their digits."""

    language: str
    group: str  # Babel's (CLDR's) symbols for the language: "," and "." in English, "." and "," in Spanish
    decimal: str
    pattern: re.Pattern[str]

    def exact_value(self, match: re.Match[str]) -> Decimal | None:
        """The number a match writes, exactly (3,4 millones is 3400000, not a float near it); None when the words
        found are no number text2num can read."""
        if match["digits"] is not None:  # the pattern allows only well-grouped digits: drop the groups, read the mark
            value = Decimal(match["digits"].replace(self.group, "").replace(self.decimal, "."))
            return value * _scale(match["scale"], self.language) if match["scale"] else value
        if match["factor"]:
            return FACTOR_WORDS[self.language][match["factor"].lower()] * _scale(match["scale2"], self.language)
        return _words_value(match["words"], self.language)

    def find(self, text: str) -> list[NumberMatch]:
        """Every number written in ``text``, in order."""
        found = []
        for match in self.pattern.finditer(text):
            value = self.exact_value(match)
            if value is None:
                continue
            found.append(
                NumberMatch(
                    start=match.start(),
                    end=match.end(),
                    text=match.group(),
                    value=float(value),
                    percent=match["percent"] is not None,
                    in_words=match["digits"] is None,
                )
            )
        return found

    def states(self, text: str, value: Decimal, percent: bool) -> bool:
        """Whether some number of ``text`` is exactly ``value``, as a percentage when ``percent``."""
        return any(
            (match["percent"] is not None) == percent and self.exact_value(match) == value
            for match in self.pattern.finditer(text)
        )


def _scale(word: str, language: str) -> Decimal:
    """The value of a scale word: text2num's, or ours for the words it does not know."""
    word = " ".join(word.lower().split())
    return EXTRA_SCALES.get(word) or Decimal(text2num(word, language))


@functools.lru_cache(maxsize=4096)
def _words_value(words: str, language: str) -> Decimal | None:
    """text2num's value of a run of number words ('twenty-five thousand', 'cuatro millones'), or None."""
    words = " ".join(words.lower().split())
    first, _, rest = words.partition(" ")
    if first in ARTICLES.get(language, ()):
        words = f"one {rest}"
    try:
        return Decimal(text2num(words, language))
    except ValueError:
        return None


@functools.lru_cache(maxsize=32)
def numerals(language: str) -> Numerals:
    """The reader for a BCP 47 language code. Digits are read in any language CLDR knows, grouped and with the
    decimal mark as that language (and region: es-MX groups with commas) writes them; numbers in words, scale
    words and percent words in the languages of NUMBER_WORDS (English and Spanish); elsewhere digits and '%'."""
    base = base_language(language)
    locale = str(Locale.parse(language.replace("-", "_"))) if known_language(language) else ENGLISH
    group, decimal = get_group_symbol(locale), get_decimal_symbol(locale)
    g, d = re.escape(group), re.escape(decimal)
    scales = list(SCALE_WORDS.get(base, ()))
    scale = rf"(?:\s+(?P<scale>{alternation(scales)})\b)?" if scales else "(?P<scale>(?!))?"
    parts = [
        rf"(?P<digits>(?>[0-9]{{1,3}}(?:{g}[0-9]{{3}})+(?:{d}[0-9]+)?|[0-9]+(?:{d}[0-9]+)?))(?!\w|[.,][0-9]){scale}"
    ]
    factors = list(FACTOR_WORDS.get(base, {}))
    if factors:  # before the words, which would read the "un" of "un millar" alone; not where more words follow
        following = rf"(?!\s+(?:y\s+)?{alternation(NUMBER_WORDS[base].split())}\b)"
        parts.append(rf"(?P<factor>{alternation(factors)})\s+(?P<scale2>{alternation(scales)})\b{following}")
    else:
        parts.append("(?P<factor>(?!))(?P<scale2>(?!))")
    if base in NUMBER_WORDS:
        word = alternation(NUMBER_WORDS[base].split())
        articles = list(ARTICLES.get(base, ()))
        lead = rf"(?:{alternation(articles)}\s+(?={alternation(scales)}))?" if articles else ""
        parts.append(rf"(?P<words>{lead}{word}(?:{JOINERS[base]}{word})*)\b")
    else:
        parts.append("(?P<words>(?!))")
    percent = "|".join(["%", *(rf"{word}\b" for word in PERCENT_WORDS.get(base, ()))])
    pattern = re.compile(
        rf"(?<![\w.,:])(?<![^\W\d_]-)(?:{'|'.join(parts)})(?P<percent>\s*(?:{percent}))?", re.IGNORECASE
    )
    return Numerals(base, group, decimal, pattern)


def find_numbers(text: str, language: str = ENGLISH) -> list[NumberMatch]:
    """Every number written in ``text``, read as ``language`` writes numbers, in order."""
    return numerals(language).find(text)


def states_value(text: str, value: Decimal | float, percent: bool, language: str = ENGLISH) -> bool:
    """Whether ``text`` writes ``value`` (as a percentage when ``percent``) in a form news in ``language`` uses:
    some number read in the text, as ``find_numbers`` reads it, is exactly that value (a scaled form such as the
    3.4 of 3,400,000 counts only where its scale word follows; 4300.00000000000000001 is not the 4,300 of a text)."""
    wanted = value if isinstance(value, Decimal) else Decimal(str(value))
    return numerals(language).states(text, wanted, percent)
