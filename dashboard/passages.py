"""Where each quote stands in its source's text, with the words on either side: the selectors of a Web Annotation,
and what a text-fragment link needs to land on the right occurrence."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.quotes import TextLocator, quote_pattern

CONTEXT_CHARS = 32  # of the source's text on either side of a quote, cut back to whole words
FRAGMENT_WORDS = 4  # a text-fragment link names a long quote by this many words at each end


@dataclass(frozen=True)
class Passage:
    """A quote as it stands in a text: its offsets (code points), its exact words there, and the words around it."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    repeated: bool  # whether the quote's opening words (a text fragment's start) stand in the text more than once


def _prefix(text: str, start: int) -> str:
    """Up to CONTEXT_CHARS characters before ``start``, beginning at a word's start."""
    left = max(0, start - CONTEXT_CHARS)
    before = text[left:start]
    if left > 0 and not text[left - 1].isspace() and not before[:1].isspace():
        cut = before.find(" ")
        before = before[cut + 1 :] if cut >= 0 else ""
    return before


def _suffix(text: str, end: int) -> str:
    """Up to CONTEXT_CHARS characters after ``end``, ending at a word's end."""
    right = min(len(text), end + CONTEXT_CHARS)
    after = text[end:right]
    if right < len(text) and not text[right].isspace() and not after[-1:].isspace():
        cut = after.rfind(" ")
        after = after[:cut] if cut >= 0 else ""
    return after


def passage(locator: TextLocator, quote: str) -> Passage | None:
    """Where ``quote`` stands in the locator's text (typography and spacing aside), or None."""
    found = locator.locate(quote)
    if found is None:
        return None
    start, end = found
    text = locator.text
    opening = quote_pattern(" ".join(quote.split()[:FRAGMENT_WORDS]))
    repeated = opening is not None and len(opening.findall(text)) > 1
    return Passage(start, end, text[start:end], _prefix(text, start), _suffix(text, end), repeated)
