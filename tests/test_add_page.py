"""The "Add an article" page through the server: on only where edits are allowed and for loopback requests; every
POST same-origin with its CSRF token; an upload over the limit answered clearly; a saved page read into candidates
without its boilerplate, shown as text; kept rows added all or nothing, each problem beside its field; two adds at
once both kept. Every page and paragraph here is fictional."""

from __future__ import annotations

import io
import threading
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from dashboard import addpage
from dashboard.app import create_app
from tests.conftest import read_rows
from tests.test_update import snapshot
from tests.test_webpage import BOILERPLATE, ENGLISH, page

ORIGIN = "http://localhost"  # the test client's own origin
HOSTILE = "<img src=x onerror=alert(1)> The guard said 300 <b>soldiers</b> had left, a fictional count."


class Form(HTMLParser):
    """The fields of the page's form as a browser would send them (ticked boxes only), and each field's problems."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.problems: dict[str, list[str]] = {}
        self._open: str | None = None  # the textarea being read
        self._select: str | None = None
        self._problem: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        name = attributes.get("name", "")
        if tag == "input" and attributes.get("type") not in {"checkbox", "file"}:
            self.fields[name] = attributes.get("value", "")
        elif tag == "input" and attributes.get("type") == "checkbox" and "checked" in attributes:
            self.fields[name] = attributes.get("value", "on")
        elif tag == "textarea":
            self.fields[name], self._open = "", name
        elif tag == "select":
            self.fields[name], self._select = "", name
        elif tag == "option" and self._select and "selected" in attributes:
            self.fields[self._select] = attributes.get("value", "")
        elif tag == "ul" and attributes.get("class") == "field-problems":
            self._problem = attributes["id"].removesuffix("-problems")
            self.problems[self._problem] = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"textarea", "select"}:
            self._open = self._select = None
        if tag == "ul":
            self._problem = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.fields[self._open] += data
        if self._problem and data.strip():
            self.problems[self._problem].append(data)


@pytest.fixture
def client(data_dir: Path) -> Any:
    return create_app(data_dir, "data", edits=True).server.test_client()


def opened(client: Any, path: str = "/add") -> Form:
    answer = client.get(path)
    assert answer.status_code == 200, answer.data
    return Form(answer.get_data(as_text=True))


def read_upload(client: Any, raw: bytes, name: str = "article.html", pasted: str = "") -> tuple[Any, Form]:
    form = opened(client)
    data = {"csrf": form.fields["csrf"], "step": "read", "pasted": pasted, "file": (io.BytesIO(raw), name)}
    answer = client.post("/add", data=data, headers={"Origin": ORIGIN}, content_type="multipart/form-data")
    return answer, Form(answer.get_data(as_text=True))


def send(client: Any, fields: dict[str, str]) -> tuple[Any, Form]:
    answer = client.post("/add", data=fields, headers={"Origin": ORIGIN})
    return answer, Form(answer.get_data(as_text=True))


def kept(form: Form, *rows: int, **changes: str) -> dict[str, str]:
    """The form's fields with ``rows`` ticked, the claimant and date the paragraph leaves to a person filled in,
    and ``changes`` (``row_0_value="5"``) made."""
    fields = {**form.fields}
    for row in rows:
        fields.update({f"row-{row}-keep": "yes", f"row-{row}-claimant": "Ministry of Examples",
                       f"row-{row}-period_end": "2024-04"})  # fmt: skip
    fields.update({name.replace("_", "-", 2) if name.startswith("row_") else name: value
                   for name, value in changes.items()})  # fmt: skip
    return fields


def test_the_page_is_off_unless_edits_are_allowed(data_dir: Path) -> None:
    client = create_app(data_dir, "data").server.test_client()
    answer = client.get("/add")
    assert answer.status_code == 403
    assert "Adding articles is off" in answer.get_data(as_text=True)
    assert 'id="upload"' not in answer.get_data(as_text=True)


def test_the_page_is_off_for_a_request_to_a_name_that_is_not_loopback(client: Any) -> None:
    assert client.get("/add", headers={"Host": "news.example.org"}).status_code == 403
    assert client.get("/add", environ_base={"REMOTE_ADDR": "203.0.113.9"}).status_code == 403
    assert client.get("/add", headers={"Host": "127.0.0.1:8050"}).status_code == 200
    assert client.get("/add", headers={"Host": "[::1]"}).status_code == 200


def test_loopback_names() -> None:
    assert all(addpage.is_loopback(host) for host in ("127.0.0.1", "localhost", "[::1]", "127.1.2.3"))
    assert not any(addpage.is_loopback(host) for host in ("0.0.0.0", "example.org", "10.0.0.1", "[::]"))


def test_a_post_needs_the_token_and_the_same_origin(client: Any, data_dir: Path) -> None:
    before = snapshot(data_dir)
    form = opened(client)
    token = form.fields["csrf"]
    cross = client.post("/add", data={"csrf": token, "step": "read", "pasted": ENGLISH},
                        headers={"Origin": "http://attacker.example"})  # fmt: skip
    assert cross.status_code == 403 and "own page" in cross.get_data(as_text=True)
    no_origin = client.post("/add", data={"csrf": token, "step": "read", "pasted": ENGLISH})
    assert no_origin.status_code == 403
    fetched = client.post("/add", data={"csrf": token, "step": "read", "pasted": ENGLISH},
                          headers={"Sec-Fetch-Site": "same-origin"})  # fmt: skip
    assert fetched.status_code == 200
    wrong_token = client.post("/add", data={"csrf": "guess", "step": "read", "pasted": ENGLISH},
                              headers={"Origin": ORIGIN})  # fmt: skip
    assert wrong_token.status_code == 403 and "token" in wrong_token.get_data(as_text=True)
    assert snapshot(data_dir) == before


def test_an_upload_over_the_limit_gets_a_clear_answer(client: Any, data_dir: Path) -> None:
    before = snapshot(data_dir)
    raw = b"<html><body>" + b"x" * (addpage.UPLOAD_LIMIT + 1) + b"</body></html>"
    answer, _form = read_upload(client, raw)
    assert answer.status_code == 413
    assert "too large" in answer.get_data(as_text=True) and "5 MB" in answer.get_data(as_text=True)
    assert snapshot(data_dir) == before


def test_a_saved_page_is_read_into_candidates_without_its_boilerplate(client: Any) -> None:
    answer, form = read_upload(client, page(ENGLISH, "windows-1252").encode("windows-1252"))
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert form.fields["source-title"] == "Border guards leave their posts in Puerto Ficticio"
    assert form.fields["source-publisher"] == "The Daily Example"
    assert form.fields["source-url"] == "https://news.example.org/2024/04/05/guards-leave-posts"
    assert form.fields["source-published"] == "2024-04-05"
    assert form.fields["source-language"] == "en"
    assert "café beside the plaza" in html  # the page's encoding honoured
    assert not [words for words in BOILERPLATE if words in html]
    values = [form.fields[f"row-{row}-value"] for row in range(int(form.fields["rows"]))]
    assert values == ["250", "12", "1200"]
    assert form.fields["row-1-unit"] == "percent" and form.fields["row-0-qualifier"] == "over"
    assert html.count('class="candidate"') == 3


def test_pasted_text_is_shown_as_text(client: Any) -> None:
    answer, form = read_upload(client, b"", "", pasted=HOSTILE)
    html = answer.get_data(as_text=True)
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "300" in [form.fields[f"row-{row}-value"] for row in range(int(form.fields["rows"]))]


def test_nothing_to_read_is_said(client: Any) -> None:
    answer, _form = read_upload(client, b"", "", pasted="  ")
    assert answer.status_code == 400 and "paste the article" in answer.get_data(as_text=True)


def test_kept_rows_are_added_and_linked(client: Any, data_dir: Path) -> None:
    _answer, form = read_upload(client, page(ENGLISH).encode())
    answer, _after = send(client, kept(form, 0, 2, row_2_measure="officers remained on duty"))
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200, html
    source_id = form.fields["source-source_id"]
    added = [row for row in read_rows(data_dir / "figures.csv") if row["source_id"] == source_id]
    assert [(row["value"], row["measure"]) for row in added] == [("250", added[0]["measure"]),
                                                                  ("1200", "officers remained on duty")]  # fmt: skip
    text = (data_dir / "sources" / f"{source_id}.txt").read_text(encoding="utf-8")
    assert all(row["quote"] in text for row in added)
    for row in added:
        assert f'href="/?section={row["dataset"].replace("_", "-")}&amp;figure={row["figure_id"]}"' in html
    assert f'href="/sources/{source_id}"' in html


def test_a_wrong_row_is_refused_beside_its_field_and_nothing_is_written(client: Any, data_dir: Path) -> None:
    before = snapshot(data_dir)
    _answer, form = read_upload(client, page(ENGLISH).encode())
    answer, after = send(client, kept(form, 0, 1, row_1_value="13", **{"source-url": "not an address"}))
    assert answer.status_code == 422
    assert "Nothing was added" in answer.get_data(as_text=True)
    assert any("does not state 13" in message for message in after.problems["row-1-value"])
    assert after.problems["source-url"]
    assert "row-0-value" not in after.problems
    assert after.fields["row-1-value"] == "13" and after.fields["row-0-keep"] == "yes"  # what was typed is kept
    assert snapshot(data_dir) == before


def test_two_adds_at_once_both_land(data_dir: Path) -> None:
    app = create_app(data_dir, "data", edits=True)
    forms = []
    for number in range(2):
        client = app.server.test_client()
        _answer, form = read_upload(client, page(ENGLISH.replace("250", f"25{number}")).encode())
        forms.append((client, kept(form, 0, **{"source-source_id": f"daily-{number}"})))
    answers: list[int] = []
    threads = [threading.Thread(target=lambda c=c, f=f: answers.append(send(c, f)[0].status_code))
               for c, f in forms]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200, 200]
    sources = {row["source_id"] for row in read_rows(data_dir / "figures.csv")}
    assert {"daily-0", "daily-1"} <= sources


def test_the_sources_list_links_to_the_page_only_where_edits_are_allowed(data_dir: Path) -> None:
    from dashboard.store import PackageStore
    from dashboard.views import render_page

    store = PackageStore(data_dir, "data")
    assert "add-article" in repr(render_page(store, "/all/sources", edits=True))
    assert "add-article" not in repr(render_page(store, "/all/sources"))


def test_the_page_is_in_spanish(client: Any) -> None:
    html = client.get("/add?lang=es").get_data(as_text=True)
    assert '<html lang="es">' in html and "Añadir un artículo" in html


def test_allow_edits_is_refused_off_loopback_and_reaches_gunicorn() -> None:
    from dashboard.workers import Gunicorn
    from tests.conftest import run_cli

    refused = run_cli("serve", "--host", "0.0.0.0", "--allow-edits")
    assert refused.exit_code == 2 and "only on 127.0.0.1" in refused.output
    on = Gunicorn(Path("data"), "127.0.0.1", 8050, 2, "'none'", None, "/", edits=True)
    off = Gunicorn(Path("data"), "127.0.0.1", 8050, 2, "'none'", None, "/")
    assert on.environment({})["DASHBOARD_ALLOW_EDITS"] == "1"
    assert "DASHBOARD_ALLOW_EDITS" not in off.environment({})
