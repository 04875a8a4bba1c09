"""The project's own rules, beyond the Table Schema: each a short function from a package to its problems.

They look only at cells the Table Schema accepts (a date that is not a date, or a value that is not a number, is
already reported there), so that every problem is said once.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from decimal import Decimal

from dashboard.i18n import N_, Message
from dashboard.numerals import ENGLISH, NumberMatch, known_language, states
from dashboard.package import DESCRIPTOR, FIGURE_COLUMNS, SOURCE_ID, SOURCES, Package
from dashboard.precision import PERCENT_MAX, DateBounds, parse_date
from dashboard.problems import Code, Problem, problem
from dashboard.quotes import Cut, TextLocator
from dashboard.schema import PLAIN_NUMBER

REQUIRED_RESOURCES = ("sources", "figures")
# The columns the dashboard, its exports and its report read from each table: a package must declare them all.
READ_COLUMNS = {
    "sources": ("source_id", "title", "publisher", "author", "url", "published", "accessed", "note", "language",
                "archive_url"),
    "figures": FIGURE_COLUMNS[:-1],
    "remarks": ("remark_id", "dataset", "source_id", "quote", "speaker", "note"),
}  # fmt: skip
FIGURES, QUOTE, LANGUAGE = "figures", "quote", "language"

PackageRule = Callable[[Package], list[Problem]]


def _records(package: Package, name: str, *columns: str) -> Iterator[tuple[str, int, tuple[str, ...]]]:
    """Each record of table ``name``: its file, its line and its cells in ``columns``; nothing when the table or a
    column is missing (that is reported where it is)."""
    table = package.tables.get(name)
    if table is None or not set(columns) <= set(table.frame.columns):
        return
    cells = zip(*(table.frame[column].tolist() for column in columns), strict=True)
    for line, record in zip(table.lines, cells, strict=True):
        yield table.label, line, record


def _date(text: str) -> DateBounds | None:
    try:
        return parse_date(text.strip())
    except ValueError:
        return None


def resources_declared(package: Package) -> list[Problem]:
    """The descriptor declares the tables every package needs."""
    if not package.descriptor:
        return []
    declared = {resource.get("name") for resource in package.descriptor["resources"] if isinstance(resource, dict)}
    path = package.label_of(DESCRIPTOR)
    return [problem(Code.MISSING_RESOURCE, path, value=name) for name in REQUIRED_RESOURCES if name not in declared]


def columns_declared(package: Package) -> list[Problem]:
    """Each table declares every column the dashboard reads from it (so that every command can use what
    validation accepts); the Table Schema then requires them in the file."""
    problems = []
    for index, resource in enumerate(package.descriptor.get("resources", [])):
        table = package.tables.get(str(resource.get("name"))) if isinstance(resource, dict) else None
        if table is None:
            continue  # not read: said where it is
        declared = {spec["name"] for spec in table.fields}
        for column in READ_COLUMNS.get(table.name, ()):
            if column not in declared:
                where = f"resources[{index}].schema.fields"
                what = f"must declare the field {column!r}, which the dashboard reads"
                problems.append(problem(Code.DESCRIPTOR_SHAPE, package.label_of(DESCRIPTOR), where=where, what=what))
    return problems


def texts_have_rows(package: Package) -> list[Problem]:
    """Every text in ``sources/`` belongs to a source in the sources table."""
    sources = package.tables.get(SOURCES)
    if sources is None or SOURCE_ID not in sources.frame:
        return []
    known = set(sources.frame[SOURCE_ID])
    return [
        problem(Code.TEXT_WITHOUT_ROW, package.label_of(package.text_path(source_id)), value=source_id,
                sources=os.path.basename(sources.label))
        for source_id in sorted({*package.texts, *package.text_faults} - known)
    ]  # fmt: skip


def periods_in_order(package: Package) -> list[Problem]:
    """A span does not start after it ends."""
    problems = []
    for path, line, (start, end) in _records(package, FIGURES, "period_start", "period_end"):
        first, last = _date(start), _date(end)
        if first is not None and last is not None and first.first > last.last:
            problems.append(problem(Code.PERIOD_ORDER, path, line, "period_start", start, end=end))
    return problems


def series_consistent(package: Package) -> list[Problem]:
    """A series keeps one dataset and one unit, and its running totals share their start (a stock has none)."""
    first: dict[str, tuple[int, dict[str, str]]] = {}
    problems = []
    columns = ("dataset", "unit", "period_start")
    for path, line, (series, *cells) in _records(package, FIGURES, "series", *columns):
        if not series.strip():
            continue
        found = dict(zip(columns, cells, strict=True))
        first_line, expected = first.setdefault(series, (line, found))
        for column in columns:
            if found[column] != expected[column]:
                problems.append(problem(Code.SERIES, path, line, column, found[column], series=series,
                                        expected=expected[column], first_line=first_line))  # fmt: skip
    return problems


def percent_at_most_100(package: Package) -> list[Problem]:
    """A percentage is at most 100."""
    problems = []
    for path, line, (value, unit) in _records(package, FIGURES, "value", "unit"):
        if unit == "percent" and PLAIN_NUMBER.fullmatch(value) and float(value) > PERCENT_MAX:
            problems.append(problem(Code.PERCENT_RANGE, path, line, "value", value, limit=f"{PERCENT_MAX:g}"))
    return problems


def texts_readable(package: Package) -> list[Problem]:
    """Every source has its text in ``sources/<source_id>.txt``, as UTF-8."""
    problems = []
    for path, line, (source_id,) in _records(package, SOURCES, SOURCE_ID):
        if source_id in package.texts:
            continue
        fault = package.text_faults.get(source_id)
        if fault is not None:
            problems.append(problem(Code.TEXT_UNREADABLE, path, line, SOURCE_ID, source_id, reason=str(fault)))
        elif source_id.strip():
            text = package.label_of(package.text_path(source_id))
            problems.append(problem(Code.NO_TEXT, path, line, SOURCE_ID, source_id, text=text))
    return problems


class QuotePlaces:
    """Where each quote of a package stands in its source's text, each distinct quote of a source looked for once,
    with the text's number phrases read in the source's language."""

    def __init__(self, package: Package) -> None:
        languages = _languages(package)
        self.locators = {
            source_id: TextLocator(text, languages.get(source_id, ENGLISH)) for source_id, text in package.texts.items()
        }
        self.find = functools.cache(self._find)

    def _find(self, quote: str, source_id: str) -> tuple[tuple[int, int] | None, Cut | None]:
        return self.locators[source_id].find(quote)

    def numbers(self, quote: str, source_id: str) -> list[NumberMatch] | None:
        """The number phrases inside the place a quote stands in its source's text; None where it stands nowhere."""
        span, _cut = self.find(quote, source_id)
        return None if span is None else self.locators[source_id].numbers_in(*span)


def quotes_and_values(package: Package) -> list[Problem]:
    """Every quote stands in its source whole, and every figure's value is stated by a number phrase inside the
    place its quote stands (see quotes_stand and values_stated)."""
    places = QuotePlaces(package)
    return [*quotes_stand(package, places), *values_stated(package, places)]


def quotes_stand(package: Package, places: QuotePlaces) -> list[Problem]:
    """Every quote, in any table that has quotes, stands in its source's text (typography and spacing aside), and
    stands there whole: it neither starts nor ends inside a word or a number ("600 members" is not in "24,600
    members", nor "six thousand" in "thirty-six thousand")."""
    problems = []
    for name in package.tables:
        for path, line, (quote, source_id) in _records(package, name, QUOTE, SOURCE_ID):
            # an unknown source, or one without a text, is reported where it is; an empty quote is the schema's
            if source_id not in places.locators or not quote.strip():
                continue
            found, cut = places.find(quote, source_id)
            if found is not None:
                continue
            edge = Message(N_("starts") if cut is not None and cut.edge == "start" else N_("ends"))
            if cut is not None and cut.number is not None:
                problems.append(problem(Code.QUOTE_CUTS_NUMBER, path, line, QUOTE, quote, edge=edge, number=cut.number))
            elif cut is not None:
                problems.append(problem(Code.QUOTE_CUTS_WORD, path, line, QUOTE, quote, edge=edge, word=cut.word))
            else:
                where = package.text_path(source_id)
                problems.append(
                    problem(Code.QUOTE_NOT_IN_SOURCE, path, line, QUOTE, quote, source=source_id, text=where)
                )
    return problems


def values_stated(package: Package, places: QuotePlaces) -> list[Problem]:
    """Every figure's value is stated by a whole number phrase of its source's text that stands inside its quote's
    place, read the way the source's language writes numbers, as a percentage where its unit is percent: a vague
    quantity ("millones de") states none, and a form that reads two ways (a Spanish 6,125 % ) is refused with both
    readings. A quote that does not stand in its source is reported by quotes_stand, and its value is checked once
    it does."""
    problems = []
    for path, line, (value, unit, quote, source_id) in _records(package, FIGURES, "value", "unit", QUOTE, SOURCE_ID):
        if not PLAIN_NUMBER.fullmatch(value) or source_id not in places.locators or not quote.strip():
            continue
        number, percent = Decimal(value), unit == "percent"
        if number < 0 or (not percent and number != number.to_integral_value()):
            continue  # a negative count is the schema's to say, a fraction of a person counts_are_whole's
        found = places.numbers(quote, source_id)
        if found is not None and not states(found, number, percent):
            problems.append(_unstated(path, line, value, unit, found))
    return problems


def _unstated(path: str, line: int, value: str, unit: str, found: list[NumberMatch]) -> Problem:
    """Why the number phrases of a quote do not state a figure's value: the value is there in the other unit, or
    is one reading of a form that reads two ways, or the quote gives only a vague quantity, or it is not there."""
    number, percent = Decimal(value), unit == "percent"
    if states(found, number, not percent):
        given_as = Message(N_("as a count") if percent else N_("as a percentage"))
        unit_is = "people" if percent else "percent"
        return problem(Code.UNIT_NOT_IN_QUOTE, path, line, "unit", unit, written=f"{number:,f}", given_as=given_as,
                       unit=unit_is)  # fmt: skip
    for match in found:
        if match.two_way and match.percent == percent and number in match.readings:
            first, second = (f"{reading:f}" for reading in match.readings)
            return problem(Code.TWO_WAYS, path, line, "value", value, written=match.text.strip(),
                           first=first, second=second)  # fmt: skip
    written = f"{number:f}%" if percent else f"{number:,f}"
    vague = [match.text for match in found if match.vague]
    if vague and not any(match.value is not None for match in found if match.percent == percent):
        return problem(Code.VALUE_VAGUE, path, line, "value", value, phrase=vague[0])
    return problem(Code.VALUE_NOT_IN_QUOTE, path, line, "value", value, written=written)


def languages_known(package: Package) -> list[Problem]:
    """Every source's language is one whose numbers can be read: a BCP 47 code that CLDR knows."""
    return [
        problem(Code.LANGUAGE, path, line, LANGUAGE, language)
        for path, line, (language,) in _records(package, SOURCES, LANGUAGE)
        if language.strip() and not known_language(language)
    ]


def _languages(package: Package) -> dict[str, str]:
    """Each source's language, where it is one whose numbers can be read (else English: reported where it is)."""
    return {
        source_id: language if known_language(language) else ENGLISH
        for _, _, (source_id, language) in _records(package, SOURCES, SOURCE_ID, LANGUAGE)
    }


def counts_are_whole(package: Package) -> list[Problem]:
    """A unit that counts (people) takes whole numbers only."""
    return [
        problem(Code.COUNT_NOT_WHOLE, path, line, "value", value, unit=unit)
        for path, line, (value, unit) in _records(package, FIGURES, "value", "unit")
        if unit != "percent" and "." in value and PLAIN_NUMBER.fullmatch(value) and Decimal(value) % 1
    ]


RULES: tuple[PackageRule, ...] = (
    resources_declared,
    columns_declared,
    periods_in_order,
    series_consistent,
    percent_at_most_100,
    texts_readable,
    texts_have_rows,
    quotes_and_values,
    languages_known,
    counts_are_whole,
)
