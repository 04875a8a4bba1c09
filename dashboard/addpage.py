"""The "Add an article" page (``/add``), a plain HTML form served beside the Dash app: an upload or pasted text is read
into a draft (``dashboard.drafts``), its candidates are shown in the text and as editable rows, and the kept ones are
added all or nothing. It writes files, so it answers only where the server allows edits, to a request made to a
loopback address, and every POST needs the form's CSRF token and must come from the page's own origin."""

from __future__ import annotations

import functools
import hmac
import ipaddress
import logging
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

from dash import Dash
from flask import Response, request
from werkzeug.datastructures import Headers

from dashboard import urls
from dashboard.content.frame import Link, frame
from dashboard.i18n import LANGUAGES, NAMES, _, current, using
from dashboard.problems import DataError

if TYPE_CHECKING:
    from dashboard.drafts import Draft
    from dashboard.package import Package

UPLOAD_LIMIT = 5 * 1024 * 1024  # bytes: a saved page with its inline styles and scripts is rarely over 2 MB
MAX_ROWS = 5000  # candidate rows read back from a form: more than any article holds
CSRF_COOKIE = "dashboard_add_csrf"
CSRF_FIELD = "csrf"
LOCAL_NAMES = {"localhost"}
log = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """Whether a host name or address (``127.0.0.1``, ``[::1]``, ``localhost``) is this machine's own."""
    name = host.strip("[]").lower()
    if name in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def same_origin(headers: Mapping[str, str] | Headers, host_url: str) -> bool:
    """Whether a request came from a page of this server's own origin: its Origin header (every browser sends one
    with a POST) is the server's, or, without one, the browser's Sec-Fetch-Site says so."""
    origin = headers.get("Origin")
    if origin is not None:
        return origin == host_url.rstrip("/")
    return headers.get("Sec-Fetch-Site") == "same-origin"


def refusal(form_token: str, cookie_token: str | None, origin_ok: bool) -> str | None:
    """Why a POST is refused (another site's page, or no token matching this browser's), or None."""
    if not origin_ok:
        return _("Refused: this form can be sent only from the dashboard's own page.")
    if not cookie_token or not hmac.compare_digest(form_token.encode(), cookie_token.encode()):
        return _("Refused: the form's security token is missing or out of date; open the page again and resend.")
    return None


@dataclass(frozen=True)
class Editing:
    """Where the page adds (the package folder and its label), and whether this server allows edits at all."""

    folder: Path
    label: str
    enabled: bool


def off_message() -> str:
    return _(
        "Adding articles is off on this server. It writes files, so it is on only when the dashboard is served "
        "on this computer (127.0.0.1, as make run does); under --workers, serve it with --allow-edits."
    )


def register(app: Dash, editing: Editing, language_of: Callable[[], tuple[str, bool]]) -> None:
    """Serve the page at ``add`` under the app's prefix."""
    prefix = app.config.routes_pathname_prefix

    @app.server.route(prefix + urls.ADD, methods=["GET", "POST"])
    def add_page() -> Response:
        language, named = language_of()
        with using(language, named), urls.served_at(app.config.requests_pathname_prefix):
            token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
            page = _Page(app, editing, token, named)
            host = urlsplit(f"//{request.host}").hostname or ""
            if not editing.enabled or not (is_loopback(host) and _from_loopback()):
                response = page.answer(403, refusal=off_message(), closed=True)
            elif request.method == "POST":
                response = _post(page, editing, token)
            else:
                response = page.answer(200)
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="Strict", path=prefix)
        response.headers["Cache-Control"] = "no-store"
        return response


def _from_loopback() -> bool:
    return is_loopback(request.remote_addr or "")


def _post(page: _Page, editing: Editing, token: str) -> Response:
    """A form sent: refused unless same-origin with the token; too large; read into a draft; or added."""
    from dashboard import drafts

    if request.content_length is not None and request.content_length > UPLOAD_LIMIT:
        return page.answer(413, refusal=_too_large(request.content_length))
    refused = refusal(request.form.get(CSRF_FIELD, ""), request.cookies.get(CSRF_COOKIE), same_origin(
        request.headers, request.host_url))  # fmt: skip
    if refused:
        log.warning("refused a POST to the add page from %r", request.headers.get("Origin"))
        return page.answer(403, refusal=refused)
    package = page.package
    try:
        if request.form.get("step") != "add":
            upload = request.files.get("file")
            raw, name = (upload.read(), upload.filename or "") if upload is not None else (b"", "")
            return page.answer(200, draft=drafts.read(name, raw, request.form.get("pasted", ""), package))
        count = min(int(request.form.get("rows", "0") or 0), MAX_ROWS)
        draft = drafts.from_form(lambda name: request.form.get(name, ""), count)
    except (drafts.UploadError, ValueError) as error:
        return page.answer(400, refusal=str(error))
    try:
        ids = drafts.add(editing.folder, editing.label, draft)
    except DataError as error:
        draft.problems = drafts.place(error.problems, len(draft.rows))
        return page.answer(422, draft=draft)
    except OSError as error:
        return page.answer(500, refusal=_("Nothing was added: {file}: {reason}").format(
            file=error.filename or editing.label, reason=error.strerror))  # fmt: skip
    return page.answer(200, added=_added(draft, ids))


def _too_large(size: int) -> str:
    return _("The file is too large ({size}); the page reads at most {limit}. Save the page as “Web Page, HTML only”, "
             "or paste the article's text.").format(size=_megabytes(size), limit=_megabytes(UPLOAD_LIMIT))  # fmt: skip


def _megabytes(size: int) -> str:
    from babel.numbers import format_decimal

    return f"{format_decimal(size / 1024 / 1024, '0.#', locale=current())} MB"


@dataclass(frozen=True)
class Added:
    """What was added: a link to the source's page, and one to each figure on the dashboard."""

    source: Link
    links: list[Link]


def _added(draft: Draft, ids: list[str]) -> Added:
    from dashboard.formatting import value_phrase

    kept = [draft.rows[index] for index in draft.kept()]
    links = []
    for figure_id, row in zip(ids, kept, strict=True):
        search = urls.state_search(urls.dataset_section(row["dataset"]), figure_id)
        words = f"{value_phrase(float(row['value']), row['qualifier'], row['unit'])} {row['measure']}"
        links.append(Link(words, urls.prefix() + search, id=f"added-{figure_id}"))
    source_id = draft.source["source_id"]
    return Added(Link(_("The source, {title}, with its quotes marked").format(title=draft.source["title"]),
                      urls.source(source_id)), links)  # fmt: skip


class _Page:
    """The page's answer in the language being written, with what every state of it shows."""

    def __init__(self, app: Dash, editing: Editing, token: str, named: bool) -> None:
        self.app, self.editing, self.token, self.named = app, editing, token, named

    @functools.cached_property
    def package(self) -> Package | None:
        """The package as it is now, for the ids it holds, its series and its fields' allowed values (None when
        it has no descriptor)."""
        from dashboard.loader import read_package

        folder, label = self.editing.folder, self.editing.label
        return read_package(folder, label) if (folder / "datapackage.json").is_file() else None

    def answer(self, status: int, **values: Any) -> Response:
        from dashboard import drafts
        from dashboard.templating import TEMPLATES

        here = urls.prefix() + urls.ADD
        if self.named:
            here += f"?{urlencode({'lang': current()})}"
        draft = values.get("draft")
        package = _choices(self.package, draft)
        html = TEMPLATES.get_template("add.html").render(
            lang=current(), frame=frame([], self.editing.label), home=urls.page(),
            style=self.app.get_asset_url("style.css"),
            languages=[Link(NAMES[code], f"{urls.prefix()}{urls.ADD}?{urlencode({'lang': code})}", language=code)
                       for code in LANGUAGES if code != current()],
            here=here, token=self.token, label=drafts.field_label, source_fields=drafts.SOURCE_FIELDS,
            row_fields=drafts.ROW_FIELDS, limit=_megabytes(UPLOAD_LIMIT),
            pieces=drafts.segments(draft.text, draft.rows) if draft is not None else [], **package, **values,
        )  # fmt: skip
        return Response(html, status=status, mimetype="text/html")


def _choices(package: Package | None, draft: Draft | None) -> dict[str, Any]:
    """The allowed values of the rows' closed fields (those whose schema lists them: unit, qualifier), and the
    datasets to suggest: the known ones, those in the package and those guessed."""
    from dashboard.datasets import REGISTRY

    table = package.tables.get("figures") if package is not None else None
    fields = table.fields if table is not None else []
    choices = {str(spec["name"]): [str(value) for value in spec["constraints"]["enum"]] for spec in fields
               if "enum" in spec.get("constraints", {})}  # fmt: skip
    known = [spec.id for spec in REGISTRY]
    held = set(table.frame["dataset"]) if table is not None and "dataset" in table.frame else set()
    guessed = {row["dataset"] for row in draft.rows if row.get("dataset")} if draft is not None else set()
    return {"choices": choices, "datasets": known + sorted((held | guessed) - set(known))}
