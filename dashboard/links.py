"""Links made from data: only http and https addresses, and text fragments that scroll a page to a quote."""

from __future__ import annotations

from urllib.parse import quote as url_quote

FRAGMENT_WORDS = 4  # words at each end of a quote in a text-fragment link
SAFE_SCHEMES = ("http://", "https://")


def safe_href(url: str) -> str | None:
    """An address to link to, only when it is http or https."""
    return url if url.lower().startswith(SAFE_SCHEMES) else None


def text_fragment_link(url: str, quote: str) -> str:
    """The address with a text fragment (#:~:text=) that scrolls the publisher's page to ``quote``."""
    words = quote.split()

    def encode(part: str) -> str:
        return url_quote(part, safe="").replace("-", "%2D")

    if len(words) <= 2 * FRAGMENT_WORDS:
        directive = encode(" ".join(words))
    else:
        directive = f"{encode(' '.join(words[:FRAGMENT_WORDS]))},{encode(' '.join(words[-FRAGMENT_WORDS:]))}"
    return f"{url.split('#')[0]}#:~:text={directive}"
