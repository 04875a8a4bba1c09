"""Problems found in a data package, as data: a code, a file, a line, a column, the offending value and a message."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from dashboard.i18n import N_, Message, _

VALUE_CHARS = 40  # a value longer than this is shortened in messages


class Code(StrEnum):
    """What is wrong. Each code's message template is in ``TEMPLATES``; ``{value}`` is the offending cell."""

    MISSING_FILE = "missing-file"
    NOT_A_FILE = "not-a-file"
    UNREADABLE = "unreadable"
    ENCODING = "encoding"
    EMPTY_FILE = "empty-file"
    CSV_SYNTAX = "csv-syntax"
    HEADER_SYNTAX = "header-syntax"
    FIELD_COUNT = "field-count"
    BLANK_HEADER = "blank-header"
    DUPLICATE_HEADER = "duplicate-header"
    JSON_SYNTAX = "json-syntax"
    NO_RESOURCES = "no-resources"
    DESCRIPTOR_SHAPE = "descriptor-shape"
    LINK = "link"
    MISSING_RESOURCE = "missing-resource"
    MISSING_COLUMN = "missing-column"
    REQUIRED = "required"
    PATTERN = "pattern"
    ENUM = "enum"
    TYPE = "type"
    MINIMUM = "minimum"
    MAXIMUM = "maximum"
    UNIQUE = "unique"
    FOREIGN_KEY = "foreign-key"
    DATE = "date"
    PERIOD_ORDER = "period-order"
    PERCENT_RANGE = "percent-range"
    NO_TEXT = "no-text"
    TEXT_UNREADABLE = "text-unreadable"
    QUOTE_NOT_IN_SOURCE = "quote-not-in-source"
    QUOTE_CUTS_NUMBER = "quote-cuts-number"
    QUOTE_CUTS_WORD = "quote-cuts-word"
    COUNT_NOT_WHOLE = "count-not-whole"
    VALUE_VAGUE = "value-vague"
    TWO_WAYS = "two-ways"
    UNIT_NOT_IN_QUOTE = "unit-not-in-quote"
    VALUE_NOT_IN_QUOTE = "value-not-in-quote"
    TEXT_EXISTS = "text-exists"
    TEXT_WITHOUT_ROW = "text-without-row"
    SERIES = "series"
    LANGUAGE = "language"


TEMPLATES: dict[Code, str] = {
    Code.MISSING_FILE: N_("{what} not found; create it or check --data"),
    Code.NOT_A_FILE: N_("{what} is a folder, not a file"),
    Code.UNREADABLE: N_("{what} cannot be read: {reason}"),
    Code.ENCODING: N_("byte {value} is not UTF-8 text; save the file as UTF-8 (in a spreadsheet: CSV UTF-8)"),
    Code.EMPTY_FILE: N_("the file is empty; it needs a header line"),
    Code.CSV_SYNTAX: N_("not readable as CSV: {reason}"),
    Code.HEADER_SYNTAX: N_("the header is not readable as CSV: {reason}"),
    Code.FIELD_COUNT: N_(
        "this record has {count} fields but the header has {expected}; "
        "look for a missing or extra comma, or a quote that is not closed"
    ),
    Code.BLANK_HEADER: N_("column {position} has no name; name it or delete it"),
    Code.DUPLICATE_HEADER: N_("column {value!r} appears twice (columns {first} and {second}); rename or delete one"),
    Code.JSON_SYNTAX: N_("not valid JSON: {reason}"),
    Code.NO_RESOURCES: N_("a data package needs a list of 'resources'"),
    Code.DESCRIPTOR_SHAPE: N_("{where}: {what}"),
    Code.LINK: N_(
        "{what} is a symbolic link or leads outside the package folder; the package reads only its own files: "
        "copy the file into the folder"
    ),
    Code.MISSING_RESOURCE: N_("no resource named {value!r}"),
    Code.MISSING_COLUMN: N_("column {value!r} is missing; add it"),
    Code.REQUIRED: N_("{column} is required; fill it in"),
    Code.PATTERN: N_("{value!r} is not allowed here: {hint}"),
    Code.ENUM: N_("{value!r} is not one of {allowed}"),
    Code.TYPE: N_(
        "{value!r} is not a plain number; write digits only, like 4300 or 3.4 (no thousands separators, units or words)"
    ),
    Code.MINIMUM: N_("{column} must be at least {limit}"),
    Code.MAXIMUM: N_("{column} must be at most {limit}"),
    Code.UNIQUE: N_("{column} {value!r} is already used on line {first_line}; ids must be unique"),
    Code.FOREIGN_KEY: N_("{thing} {value!r} is not in {file}; add the {thing} first"),
    Code.DATE: N_("{reason}"),
    Code.PERIOD_ORDER: N_("period_start {value} comes after period_end {end}"),
    Code.PERCENT_RANGE: N_("a percentage must be at most {limit}"),
    Code.NO_TEXT: N_("there is no text file {text}; save the source's verbatim text there as UTF-8"),
    Code.TEXT_UNREADABLE: N_("{reason}"),
    Code.QUOTE_NOT_IN_SOURCE: N_("the quote is not in the text of source {source!r}; copy it exactly from {text}"),
    Code.QUOTE_CUTS_NUMBER: N_(
        "the quote {edge} inside {number!r}; quote the whole number, with its digits, its words and any scale word "
        "after it"
    ),
    Code.QUOTE_CUTS_WORD: N_("the quote {edge} inside the word {word!r}; quote whole words"),
    Code.COUNT_NOT_WHOLE: N_(
        "{value} is not a whole number, and a count of {unit} is; write the count the quote gives"
    ),
    Code.VALUE_VAGUE: N_(
        "{phrase!r} is a vague quantity: it states no number, so no value can be checked against it; quote words "
        "that give the number, or leave the figure out"
    ),
    Code.TWO_WAYS: N_(
        "{written!r} reads two ways in this source's language, as {first} or as {second}, and a percentage may be "
        "either; quote a passage whose number reads one way"
    ),
    Code.UNIT_NOT_IN_QUOTE: N_("the quote gives {written} {given_as}; set unit to {unit}"),
    Code.VALUE_NOT_IN_QUOTE: N_(
        "the quote does not state {written}; the value must be the number the quote gives "
        "(as 4,300 · 4300 · 6% · 6 percent · 3.4 million · one million)"
    ),
    Code.TEXT_EXISTS: N_("a text file of this name is already there; choose another --id or remove the file"),
    Code.SERIES: N_(
        "series {series!r} has {column} {expected!r} on line {first_line}, not {value!r}; a series keeps one dataset "
        "and one unit, and its running totals one period_start"
    ),
    Code.LANGUAGE: N_(
        "{value!r} is not a language CLDR knows, so its numbers cannot be read; write its BCP 47 code, such as "
        "en, es or pt-BR"
    ),
    Code.TEXT_WITHOUT_ROW: N_(
        "this text has no row in {sources}; add its source with add-source (and --id {value}), or delete the file"
    ),
}


def shorten_value(value: str, limit: int = VALUE_CHARS) -> str:
    """A cell as quoted in a message: at most ``limit`` characters, with an ellipsis when cut."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One problem in one place. ``line`` and ``column`` are None when it concerns a whole file or column."""

    path: str
    line: int | None
    column: str | None
    code: Code
    value: str | None
    params: tuple[tuple[str, Any], ...] = ()  # what the code's template is filled with, beside value and column

    @property
    def message(self) -> str:
        """The code's template, in the language being written, filled with the shortened value, the column and the
        params (those that are messages themselves, not data, translated too)."""
        shown = shorten_value(self.value) if self.value is not None else None
        filled = {name: _(value) if isinstance(value, Message) else value for name, value in self.params}
        return _(TEMPLATES[self.code]).format(value=shown, column=self.column, **filled)

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
        if self.column is not None:
            where += f":{self.column}"
        return f"{where}: {self.message}"

    @property
    def where(self) -> tuple[Code, str, int | None, str | None]:
        """(code, file, line, column): what tests and tools compare, rather than the prose."""
        return (self.code, self.path, self.line, self.column)


def problem(
    code: Code, path: str, line: int | None = None, column: str | None = None, value: str | None = None, **params: Any
) -> Problem:
    """A problem whose message is its code's template filled with ``value`` (shortened), ``column`` and ``params``."""
    return Problem(path, line, column, code, value, tuple(params.items()))


class DataError(Exception):
    """Raised when a package is invalid; carries every problem found, not only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def sort_key(found: Problem) -> tuple[str, int, str]:
    """Order problems by file, then line (file-wide ones first), then column."""
    return (found.path, found.line or 0, found.column or "")
