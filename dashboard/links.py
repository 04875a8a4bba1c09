"""Links made from data: only http and https addresses, and text fragments that scroll a page to a quote."""

from __future__ import annotations

from urllib.parse import quote as url_quote

from dashboard.passages import FRAGMENT_WORDS, Passage

SAFE_SCHEMES = ("http://", "https://")


def safe_href(url: str) -> str | None:
    """An address to link to, only when it is http or https."""
    return url if url.lower().startswith(SAFE_SCHEMES) else None


def text_fragment_link(url: str, quote: str, around: Passage | None = None) -> str:
    """The address with a text fragment (#:~:text=) that scrolls the publisher's page to ``quote``; where the
    quote's opening words stand in its text more than once, with the words before and after it (``around``, the same
    prefix and suffix as its Web Annotation) so that the browser lands on the right occurrence."""
    words = quote.split()

    def encode(part: str) -> str:
        return url_quote(part, safe="").replace("-", "%2D")

    if len(words) <= 2 * FRAGMENT_WORDS:
        directive = encode(" ".join(words))
    else:
        directive = f"{encode(' '.join(words[:FRAGMENT_WORDS]))},{encode(' '.join(words[-FRAGMENT_WORDS:]))}"
    if around is not None and around.repeated:
        prefix, suffix = " ".join(around.prefix.split()), " ".join(around.suffix.split())
        directive = (f"{encode(prefix)}-," if prefix else "") + directive + (f",-{encode(suffix)}" if suffix else "")
    return f"{url.split('#')[0]}#:~:text={directive}"
