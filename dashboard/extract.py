"""Candidate figures in news prose: every number that counts something, with its qualifier, its sentence, and
guesses of what it measures, who claims it and when. Years, dates, ordinals, times and ages are left out."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from dashboard.numerals import NumberMatch, find_numbers
from dashboard.quotes import sentence_spans

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
YEAR_RANGE = (1900, 2100)
# Words before a number, read backwards from it, and the qualifier they mean.
QUALIFIER_PHRASES = [
    ("more than", "over"), ("over", "over"), ("in excess of", "over"),
    ("an estimated", "about"), ("about", "about"), ("some", "about"), ("around", "about"), ("roughly", "about"),
    ("approximately", "about"), ("nearly", "under"), ("almost", "under"), ("less than", "under"),
    ("fewer than", "under"), ("under", "under"), ("at least", "at_least"), ("up to", "at_most"),
]  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\.?\s+$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b", re.IGNORECASE)
_TIME_AFTER = re.compile(r"^(?::\d|\s*(?:a\.?m\.?|p\.?m\.?|o'clock|hours? GMT)(?![a-z]))", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged?|ages)\s+(?:\w+\s+(?:to|and)\s+|\w+-)?$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"^(?:-|\s)years?(?:-|\s)old\b|^-year-old", re.IGNORECASE)
_PRONOUN_ONE = re.compile(r"^one$", re.IGNORECASE)
_STOP = re.compile(
    r"\s(?:had|have|has|were|was|are|is|who|which|that|to|in|on|at|by|since|from|during|over|for|according|said|"
    r"had|will|would|could|may|might|fled|left|crossed|deserted|defected)\b|[,.;:—(\"“”]|\s[-–—]\s",
    re.IGNORECASE,
)
_VERB = r"(?:said|says|told|reported|estimated|announced)"
_ACCORDING = re.compile(r"according to (?:a |an |the )?([^,.;]+)", re.IGNORECASE)
_NAME_WORD = r"[A-Z][\w'’.-]{1,40}"  # bounded: a run of letters thousands long is no name, and must not backtrack
_NAMED = re.compile(rf"(?<![\w'’.-])({_NAME_WORD}(?:\s{_NAME_WORD}){{1,3}}),[^,]{{3,200}},\s{_VERB}\b")
_SUBJECT = re.compile(rf"^[\"“]?((?:[A-Z]|the\s)[^,;:\"“”]{{1,70}}?)\s{_VERB}\b")
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Yesterday|On|In|At|That|This|It"
_SAID_AFTER = re.compile(rf",\s+((?:the\s)?{_NAME_WORD}(?:\s{_NAME_WORD}){{0,4}})\s+{_VERB}\b")
_SAID = re.compile(rf"\b{_VERB}\s+(?!(?:{_WEEKDAYS})\b)((?:the\s)?{_NAME_WORD}(?:\s{_NAME_WORD}){{0,4}})")
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:in|by|of|during|end of)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_RATIO_AFTER = re.compile(r"^\s+(?:in|out of)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b")
_RATIO_BEFORE = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out of)\s+$")
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

    def row(self) -> dict[str, str]:
        out = {key: str(value) for key, value in asdict(self).items()}
        out["value"] = f"{self.value:.10g}" if not self.value.is_integer() else str(int(self.value))
        return out


def _is_not_a_figure(text: str, match: NumberMatch) -> bool:
    """Years, dates, times, ages and the pronoun 'one' are numbers, not figures."""
    before, after = text[max(0, match.start - 40) : match.start], text[match.end : match.end + 30]
    if match.percent:
        return False
    digits_only = re.fullmatch(r"\d{4}", match.text) is not None
    if digits_only and YEAR_RANGE[0] <= match.value <= YEAR_RANGE[1]:
        return True
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.search(after):
        return True
    if _TIME_AFTER.search(after) or _AGE_BEFORE.search(before) or _AGE_AFTER.search(after):
        return True
    if _RATIO_AFTER.match(after) or _RATIO_BEFORE.search(before):  # "one in five": a ratio, not a count
        return True
    return bool(_PRONOUN_ONE.fullmatch(match.text))


def _qualifier(before: str) -> str:
    words = " ".join(before.lower().split()[-3:])
    for phrase, qualifier in QUALIFIER_PHRASES:
        if words.endswith(phrase):
            return qualifier
    return "exact"


def _measure(after: str) -> str:
    after = re.sub(r"^\s*(?:%|percent|per cent)\s*", "", after)
    stop = _STOP.search(" " + after)
    phrase = (" " + after)[: stop.start()] if stop else after
    return " ".join(phrase.split()[:8])


def _claimant(sentence: str) -> str:
    for pattern in (_NAMED, _SUBJECT, _ACCORDING, _SAID_AFTER, _SAID):
        found = pattern.search(sentence)
        if found:
            return found.group(1).strip().rstrip(".")
    return ""


def _period_end(sentence: str) -> str:
    found = _MONTH_YEAR.search(sentence)
    if found:
        return f"{found.group(2)}-{MONTHS[found.group(1).lower()[:3]]:02d}"
    found = _YEAR.search(sentence)
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


def candidates(text: str) -> list[Candidate]:
    """Every number in ``text`` that may be a figure, in order."""
    found = []
    spans = sentence_spans(text)
    index = 0
    line, counted_to = 1, 0
    guesses: dict[int, tuple[str, str]] = {}  # per sentence: claimant and period_end
    for match in find_numbers(text):
        if _is_not_a_figure(text, match):
            continue
        while index < len(spans) - 1 and spans[index][1] <= match.start:
            index += 1
        start, end = spans[index] if spans else (0, len(text))
        if index not in guesses:
            sentence = text[start:end]
            guesses[index] = (_claimant(sentence.strip()), _period_end(sentence))
        line += text.count("\n", counted_to, match.start)
        counted_to = match.start
        found.append(
            Candidate(
                value=match.value,
                unit="percent" if match.percent else "people",
                qualifier=_qualifier(text[max(start, match.start - QUALIFIER_CHARS) : match.start]),
                quote=_quote(text, start, end, match),
                measure=_measure(text[match.end : min(end, match.end + 120)]),
                claimant=guesses[index][0],
                period_end=guesses[index][1],
                written=match.text,
                line=line,
            )
        )
    return found
