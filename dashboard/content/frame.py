"""What every page shows around its content, as plain data: links, and the header and footer. It needs nothing
but the interface's words, so that the page's frame is made before the data side is imported."""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard import urls
from dashboard.i18n import N_, _


@dataclass(frozen=True)
class Link:
    """A link: to a page of the dashboard's own (``inside``), to a file to save (``download``, its name), or to
    another site (``external``, opened in a new tab)."""

    text: str
    href: str
    id: str | None = None
    external: bool = False
    download: str | None = None
    language: str | None = None  # the language of the page it leads to, when not the page's own

    @property
    def inside(self) -> bool:
        return not self.external and self.download is None and self.language is None


@dataclass(frozen=True)
class Frame:
    """What every page shows around its content: the header's title, tagline and language links, the footer."""

    title: str
    home: str
    tagline: str
    languages: list[Link] = field(default_factory=list)
    colophon: str = ""


TITLE = N_("Venezuela's armed forces: defections in figures")
TAGLINE = N_("Every number is checked against the words of its source; click any mark to read them.")


def frame(languages: list[Link], label: str) -> Frame:
    """The header and footer, with ``languages``' links to this page in each other language."""
    colophon = _("Data package: {label}").format(label=label)
    return Frame(_(TITLE), urls.page(), _(TAGLINE), languages, colophon)
