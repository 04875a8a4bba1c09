"""Candidate figures in news prose, in English or Spanish: every number that counts something, with its qualifier,
its sentence, and guesses of what it measures, who claims it and when. Years, dates, times and ages are left out."""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass
from typing import Literal

from dashboard.i18n import _
from dashboard.numerals import ENGLISH, NumberMatch, base_language, find_numbers
from dashboard.quotes import sentence_spans

YEAR_RANGE = (1900, 2100)
ENGLISH_QUALIFIERS = [  # words before a number, read backwards from it, and the qualifier they mean
    ("more than", "over"), ("over", "over"), ("in excess of", "over"), ("an estimated", "about"), ("about", "about"),
    ("some", "about"), ("around", "about"), ("roughly", "about"), ("approximately", "about"), ("nearly", "under"),
    ("almost", "under"), ("less than", "under"), ("fewer than", "under"), ("under", "under"),
    ("at least", "at_least"), ("up to", "at_most"),
]  # fmt: skip
SPANISH_QUALIFIERS = [  # "cerca de" (close to) may fall either side: about
    ("más de", "over"), ("por encima de", "over"), ("unos", "about"), ("unas", "about"), ("alrededor de", "about"),
    ("cerca de", "about"), ("aproximadamente", "about"), ("casi", "under"), ("menos de", "under"),
    ("menos del", "under"), ("más del", "over"),
    ("al menos", "at_least"), ("por lo menos", "at_least"), ("hasta", "at_most"),
]  # fmt: skip
_NAME_WORD = r"[A-ZÁÉÍÓÚÑ][\w'’.-]{1,40}"  # bounded: a run of letters thousands long is no name, must not backtrack


def month_names(language: str, widths: tuple[Literal["abbreviated", "wide"], ...]) -> dict[str, int]:
    """Babel's (CLDR's) month names in ``language``, lowercased, to their numbers: 'february' and 'feb' -> 2."""
    from babel.dates import get_month_names

    return {
        name.lower().rstrip("."): number
        for width in widths
        for number, name in get_month_names(width, locale=language).items()
    }


@dataclass(frozen=True)
class Wording:
    """How news prose in one language says what ``extract`` looks for: which numbers are no figures, the hedges
    before a number and the qualifier each means, where a measure stops, who said it and when. Month names come
    from Babel; the rest is the language's news idiom, which no library gives."""

    months: dict[str, int]
    qualifiers: list[tuple[str, str]]  # words before a number, read backwards from it, and the qualifier they mean
    articles: frozenset[str]  # words between a hedge and its number: "casi el 6%"
    not_before: re.Pattern[str]  # what, just before a number, makes it no figure (a month, an age, a ratio)
    not_after: re.Pattern[str]  # what, just after it, does (a month, a time, an age, a ratio)
    lone_one: frozenset[str]  # the word for one, alone: a pronoun or an article, not a count
    measure_lead: re.Pattern[str]  # what the measure's words start after ("percent", "por ciento de")
    stop: re.Pattern[str]  # where the measure's words stop
    claimants: tuple[re.Pattern[str], ...]  # tried in order; group 1 is who said it
    month_year: re.Pattern[str]  # group 1 a month, group 2 its year
    year: re.Pattern[str]  # group 1 a year the sentence places the figure in


def _english() -> Wording:
    months = {**month_names("en", ("wide", "abbreviated")), "sept": 9}
    month = "(?:" + "|".join(sorted(months, key=len, reverse=True)) + ")"
    verb = r"(?:said|says|told|reported|estimated|announced)"
    weekdays = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Yesterday|On|In|At|That|This|It"
    small = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
    return Wording(
        months=months,
        qualifiers=ENGLISH_QUALIFIERS,
        articles=frozenset(),
        not_before=re.compile(
            rf"\b{month}\.?\s+$|\b(?:aged?|ages)\s+(?:\w+\s+(?:to|and)\s+|\w+-)?$|\b{small}\s+(?:in|out of)\s+$",
            re.IGNORECASE,
        ),
        not_after=re.compile(
            rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?{month}\b"
            r"|^(?::\d|\s*(?:a\.?m\.?|p\.?m\.?|o'clock|hours? GMT)(?![a-z]))"
            r"|^(?:-|\s)years?(?:-|\s)old\b|^-year-old"
            rf"|^\s+(?:in|out of)\s+{small}\b",
            re.IGNORECASE,
        ),
        lone_one=frozenset({"one"}),
        measure_lead=re.compile(r"^\s*(?:%|percent|per cent)\s*", re.IGNORECASE),
        stop=re.compile(
            r"\s(?:had|have|has|were|was|are|is|who|which|that|to|in|on|at|by|since|from|during|over|for|according|"
            r"said|will|would|could|may|might|fled|left|crossed|deserted|defected)\b|[,.;:—(\"“”]|\s[-–—]\s",
            re.IGNORECASE,
        ),
        claimants=(
            re.compile(rf"(?<![\w'’.-])({_NAME_WORD}(?:\s{_NAME_WORD}){{1,3}}),[^,]{{3,200}},\s{verb}\b"),
            re.compile(rf"^[\"“]?((?:[A-Z]|the\s)[^,;:\"“”]{{1,70}}?)\s{verb}\b"),
            re.compile(r"according to (?:a |an |the )?([^,.;]+)", re.IGNORECASE),
            re.compile(rf",\s+((?:the\s)?{_NAME_WORD}(?:\s{_NAME_WORD}){{0,4}})\s+{verb}\b"),
            re.compile(rf"\b{verb}\s+(?!(?:{weekdays})\b)((?:the\s)?{_NAME_WORD}(?:\s{_NAME_WORD}){{0,4}})"),
        ),
        month_year=re.compile(rf"\b({month})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?((?:19|20)\d\d)\b", re.IGNORECASE),
        year=re.compile(r"\b(?:in|by|of|during|end of)\s+((?:19|20)\d\d)\b", re.IGNORECASE),
    )


def _spanish() -> Wording:
    months = month_names("es", ("wide",))  # Spanish news writes months in full; "mar" and "may" are words
    month = "(?:" + "|".join(sorted(months, key=len, reverse=True)) + ")"
    verb = (
        r"(?:dijo|dice|informó|informa|señaló|afirmó|aseguró|declaró|estimó|indicó|precisó|reportó|anunció|"
        r"explicó|contó|calculó|registró|cifró)"
    )
    article = r"(?:(?:la|el|los|las)\s)?"
    name = rf"{_NAME_WORD}(?:\s(?:(?:de|del|para|y)\s{article})?{_NAME_WORD}){{0,6}}"
    small = r"(?:\d+|un|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)"
    when = r"(?:\s+(?:ayer|hoy|anoche|este\s+\w+|el\s+\w+))?"
    return Wording(
        months=months,
        qualifiers=SPANISH_QUALIFIERS,
        articles=frozenset({"el", "la", "los", "las"}),
        not_before=re.compile(rf"\b{small}\s+de\s+cada\s+$", re.IGNORECASE),
        not_after=re.compile(
            rf"^\s+de\s+{month}\b"
            r"|^(?::\d|\s*(?:horas?|h)\b|\s+de\s+la\s+(?:mañana|tarde|noche)\b)"
            r"|^\s+años\b|^\s+(?:y|a)\s+\d+\s+años\b"
            rf"|^\s+de\s+cada\s+{small}\b",
            re.IGNORECASE,
        ),
        lone_one=frozenset({"un", "uno", "una"}),
        measure_lead=re.compile(r"^\s*(?:%|por\s+ciento)?\s*(?:de\s+(?:(?:la|el|los|las)\s+)?)?", re.IGNORECASE),
        stop=re.compile(
            r"\s(?:que|quienes|en|a|al|por|para|desde|hasta|durante|según|han|ha|habían|había|fueron|eran|son|es|se|"
            r"huyeron|desertaron|desertó|abandonaron|cruzaron|salieron|llegaron|viven|vivían|residen|residían|está|"
            r"están|estaban|hay|dijo|informó)\b"
            r"|[,.;:—(\"“”«»]|\s[-–—]\s",
            re.IGNORECASE,
        ),
        claimants=(
            re.compile(rf"\b[Ss]egún\s+{article}({name})"),
            re.compile(rf"^[\"“«]?(?:(?:La|El|Los|Las)\s)?({name})\s{verb}\b"),
            re.compile(rf"\b{verb}{when}\s+(?:{article}(?:[a-záéíóúñ]+\s){{0,2}})?({name})"),  # "el diputado X"
        ),
        month_year=re.compile(rf"\b({month})\s+(?:de\s+|del\s+)?((?:19|20)\d\d)\b", re.IGNORECASE),
        year=re.compile(
            r"\b(?:en|durante|hasta|a\s+(?:finales|fines)\s+de|al\s+cierre\s+de)\s+((?:19|20)\d\d)\b",
            re.IGNORECASE,
        ),
    )


WORDINGS = {"en": _english, "es": _spanish}


@functools.lru_cache(maxsize=8)
def wording(language: str) -> Wording:
    """The wording of news in a BCP 47 language, English where extract knows no other."""
    return WORDINGS.get(base_language(language), _english)()


MAX_QUOTE_CHARS = 300  # a longer sentence is quoted by the clause around the number, at most this long
QUALIFIER_CHARS = 40  # the words before a number that can qualify it
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]")
CANDIDATE_FIELDS = ("value", "unit", "qualifier", "quote", "measure", "claimant", "period_end", "written", "line")


@dataclass(frozen=True)
class Candidate:
    """A number that may be a figure, as the text gives it."""

    value: float
    unit: str
    qualifier: str
    quote: str  # the sentence it stands in, verbatim
    measure: str  # a guess: the words after the number
    claimant: str  # a guess: who said it, if the sentence says
    period_end: str  # a guess: the month or year the sentence names
    written: str  # the number as written
    line: int  # the line of the text it is on
    start: int = 0  # where the number as written starts in the text, and ends
    end: int = 0

    def lines(self) -> list[str]:
        """The candidate as ``extract`` lists it: where, what, its words, and the guesses made."""
        row = self.row()
        lines = [_("line {line}: {value} {unit} ({qualifier}) — {measure}").format(**row), f"    “{row['quote']}”"]
        if row["claimant"] or row["period_end"]:
            guessed = _("claimant: {claimant}; period_end: {period_end}")
            lines.append("    " + guessed.format(claimant=row["claimant"] or "?", period_end=row["period_end"] or "?"))
        return lines

    def row(self) -> dict[str, str]:
        out = {key: str(value) for key, value in asdict(self).items() if key in CANDIDATE_FIELDS}
        out["value"] = f"{self.value:.10g}" if not self.value.is_integer() else str(int(self.value))
        return out


def _is_not_a_figure(text: str, match: NumberMatch, words: Wording) -> bool:
    """Years, dates, times, ages, ratios and a lone word for one are numbers, not figures."""
    if match.percent:
        return False
    before, after = text[max(0, match.start - 40) : match.start], text[match.end : match.end + 30]
    if re.fullmatch(r"\d{4}", match.text) and YEAR_RANGE[0] <= (match.value or 0) <= YEAR_RANGE[1]:
        return True
    if words.not_before.search(before) or words.not_after.search(after):
        return True
    return match.text.lower() in words.lone_one


def _qualifier(before: str, words: Wording) -> str:
    tokens = before.lower().split()
    while tokens and tokens[-1] in words.articles:
        tokens.pop()
    last = " ".join(tokens[-3:])
    for phrase, qualifier in words.qualifiers:
        if last.endswith(phrase):
            return qualifier
    return "exact"


def _measure(after: str, words: Wording) -> str:
    after = words.measure_lead.sub("", after, count=1)
    stop = words.stop.search(" " + after)
    phrase = (" " + after)[: stop.start()] if stop else after
    return " ".join(phrase.split()[:8])


def _claimant(sentence: str, words: Wording) -> str:
    for pattern in words.claimants:
        found = pattern.search(sentence)
        if found:
            return found.group(1).strip().rstrip(".")
    return ""


def _period_end(sentence: str, words: Wording) -> str:
    found = words.month_year.search(sentence)
    if found:
        month = words.months.get(found.group(1).lower().rstrip("."))
        if month is not None:
            return f"{found.group(2)}-{month:02d}"
    found = words.year.search(sentence)
    return found.group(1) if found else ""


def _quote(text: str, start: int, end: int, match: NumberMatch) -> str:
    """The sentence ``text[start:end]`` the number stands in, verbatim; past MAX_QUOTE_CHARS, the clause around
    the number (from the last clause break before it to the first after it), cut at spaces to fit."""
    if end - start <= MAX_QUOTE_CHARS:
        return text[start:end].strip()
    room = max((MAX_QUOTE_CHARS - (match.end - match.start)) // 2, 0)
    left, right = max(start, match.start - room), min(end, match.end + room)
    before = [found.end() for found in _CLAUSE_BREAK.finditer(text, left, match.start)]
    after = _CLAUSE_BREAK.search(text, match.end, right)
    if before:
        left = before[-1]
    elif left > start:
        left = text.find(" ", left, match.start) + 1 or match.start
    if after is not None:
        right = after.start()
    elif right < end:
        right = text.rfind(" ", match.end, right) if text.rfind(" ", match.end, right) > 0 else match.end
    return text[left:right].strip()


def candidates(text: str, language: str = ENGLISH) -> list[Candidate]:
    """Every number in ``text`` that may be a figure, in order, read as news in ``language`` (a BCP 47 code)."""
    words = wording(language)
    found = []
    spans = sentence_spans(text)
    index = 0
    line, counted_to = 1, 0
    guesses: dict[int, tuple[str, str]] = {}  # per sentence: claimant and period_end
    for match in find_numbers(text, language):
        # a vague quantity states no number, and a form that reads two ways none to propose; a count is whole
        value = match.value
        if value is None or not (match.percent or value.is_integer()) or _is_not_a_figure(text, match, words):
            continue
        while index < len(spans) - 1 and spans[index][1] <= match.start:
            index += 1
        start, end = spans[index] if spans else (0, len(text))
        if index not in guesses:
            sentence = text[start:end]
            guesses[index] = (_claimant(sentence.strip(), words), _period_end(sentence, words))
        line += text.count("\n", counted_to, match.start)
        counted_to = match.start
        found.append(
            Candidate(
                value=value,
                unit="percent" if match.percent else "people",
                qualifier=_qualifier(text[max(start, match.start - QUALIFIER_CHARS) : match.start], words),
                quote=_quote(text, start, end, match),
                measure=_measure(text[match.end : min(end, match.end + 120)], words),
                claimant=guesses[index][0],
                period_end=guesses[index][1],
                written=match.text,
                line=line,
                start=match.start,
                end=match.end,
            )
        )
    return found
