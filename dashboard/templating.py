"""The Jinja2 environment every HTML template is rendered in (``templates/``): every value escaped, and the
interface's words translated into the language being written."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from dashboard.i18n import _, ngettext

TEMPLATES = Environment(
    loader=PackageLoader("dashboard", "templates"),
    autoescape=select_autoescape(["html"]),
    extensions=["jinja2.ext.i18n"],
    trim_blocks=True,
    lstrip_blocks=True,
)
TEMPLATES.install_gettext_callables(_, ngettext, newstyle=True)  # type: ignore[attr-defined]
