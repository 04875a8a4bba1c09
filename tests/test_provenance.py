"""Provenance for readers' own tools: Web Annotations on every quote, CITATION.cff, CSL-JSON, archived copies, and
text-fragment links that land on the right occurrence."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dashboard.annotations import CONTEXT, collection
from dashboard.app import create_app
from dashboard.citations import citation_cff, references_json
from dashboard.links import text_fragment_link
from dashboard.loader import load_package
from dashboard.pages.source import source_page
from dashboard.passages import passage
from dashboard.paths import SHIPPED_DATA
from dashboard.quotes import TextLocator
from dashboard.store import PackageStore, Snapshot
from dashboard.tables import Tidy, tidy
from dashboard.views import render_page
from tests.conftest import read_rows, run_cli, write_rows
from tests.story import make_story

ROOT = Path(__file__).resolve().parents[1]
BASE = "http://127.0.0.1:8050/"
CFFCONVERT = ROOT / ".venv-cff" / "bin" / "cffconvert"


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Tidy:
    return tidy(load_package(make_story(tmp_path_factory.mktemp("story") / "story")))


def annotation_items(found: dict[str, Any]) -> list[dict[str, Any]]:
    return list(found["first"]["items"])


def test_every_figure_has_an_annotation_that_stands_in_its_source(story: Tidy) -> None:
    items = annotation_items(collection(story, BASE))
    by_id = {item["id"].rsplit("#figure-", 1)[-1]: item for item in items if "#figure-" in item["id"]}
    assert sorted(by_id) == sorted(story.figures["figure_id"])
    for figure in story.figures.to_dict("records"):
        item = by_id[figure["figure_id"]]
        text = story.texts[figure["source_id"]]
        quote, position = item["target"]["selector"]
        assert item["target"]["source"] == story.source_rows[figure["source_id"]]["url"]
        assert quote["prefix"] + quote["exact"] + quote["suffix"] in text
        assert len(quote["prefix"]) <= 32 and len(quote["suffix"]) <= 32
        assert text[position["start"] : position["end"]] == quote["exact"]
        body, link = item["body"]
        assert figure["claimant"] in body["value"] and link["purpose"] == "linking"
        assert link["id"].startswith(BASE) and f"figure={figure['figure_id']}" in link["id"]


def test_the_collection_has_the_shape_of_the_web_annotation_model() -> None:
    client = create_app(SHIPPED_DATA).server.test_client()
    response = client.get("/annotations.jsonld")
    assert response.status_code == 200
    assert response.content_type == 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
    found = json.loads(response.data)
    assert found["@context"] == CONTEXT and found["type"] == "AnnotationCollection"
    items = annotation_items(found)
    assert found["total"] == len(items) == 5  # four figures and one remark
    assert found["first"]["type"] == "AnnotationPage"
    for item in items:
        assert item["type"] == "Annotation" and item["motivation"] in ("describing", "commenting")
        assert item["id"].startswith("http://localhost/annotations.jsonld#")
        assert {selector["type"] for selector in item["target"]["selector"]} == {
            "TextQuoteSelector",
            "TextPositionSelector",
        }
        assert all(body["type"] in ("TextualBody", "Text") for body in item["body"])
    spanish = json.loads(client.get("/annotations.jsonld?lang=es").data)
    assert "según" in annotation_items(spanish)[0]["body"][0]["value"]


def test_the_bundle_carries_the_citation_files_and_the_annotations() -> None:
    client = create_app(SHIPPED_DATA).server.test_client()
    bundle = zipfile.ZipFile(io.BytesIO(client.get("/download/venezuela-defections-data.zip").data))
    names = set(bundle.namelist())
    assert {"CITATION.md", "CITATION.cff", "references.json", "annotations.jsonld"} <= names
    assert json.loads(bundle.read("annotations.jsonld"))["type"] == "AnnotationCollection"


def test_csl_json_items_carry_the_fields_of_each_source(story: Tidy) -> None:
    items = {item["id"]: item for item in json.loads(references_json(story))}
    assert sorted(items) == sorted(story.sources["source_id"])
    ledger = items["ledger-0224"]
    assert ledger["type"] == "article-newspaper"
    assert ledger["title"] == "Registry counts 60 crossings"
    assert ledger["container-title"] == ledger["publisher"] == "The Harbour Ledger"
    assert ledger["issued"] == {"date-parts": [[2019, 2, 24]]}
    assert ledger["URL"] == "https://example.org/ledger-0224"
    assert ledger["archive_location"] == "https://archive.example.net/ledger-0224"
    assert ledger["language"] == "en"
    assert items["valle-0227"]["language"] == "es" and "archive_location" not in items["valle-0227"]
    shipped = json.loads(references_json(tidy(load_package(SHIPPED_DATA))))
    assert shipped[0]["issued"] == {"date-parts": [[2019, 3]]}  # published 2019-03: the day is not known


def test_citation_cff_validates(tmp_path: Path) -> None:
    validator = str(CFFCONVERT) if CFFCONVERT.exists() else shutil.which("cffconvert")
    if validator is None:
        message = "cffconvert is missing: make test installs it in .venv-cff"
        pytest.fail(message) if os.environ.get("CI") == "true" else pytest.skip(message)
    package = load_package(SHIPPED_DATA)
    cff = citation_cff(package.descriptor, tidy(package), date(2026, 11, 24))
    (tmp_path / "CITATION.cff").write_text(cff, encoding="utf-8")
    done = subprocess.run([validator, "--validate", "-i", str(tmp_path / "CITATION.cff")], capture_output=True,
                          text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "title: 'Venezuela" in cff or 'title: "Venezuela' in cff or "title: Venezuela" in cff
    assert "version: 0.1.0" in cff and "license: CC-BY-4.0" in cff and "date-released: '2026-11-24'" in cff


def test_a_hostile_archive_url_is_refused_and_never_a_link(data_dir: Path) -> None:
    rows = read_rows(data_dir / "sources.csv")
    rows[0]["archive_url"] = "javascript:alert(1)"
    write_rows(data_dir / "sources.csv", rows)
    result = run_cli("validate", "--data", str(data_dir))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{data_dir}/sources.csv:2:archive_url: ")
    package = load_package(SHIPPED_DATA)  # and were it to reach a page, it would be shown as text, not linked
    package.tables["sources"].frame.loc[0, "archive_url"] = "javascript:alert(1)"
    page = json.dumps(source_page(Snapshot(tidy(package)), "bi-2019-03", "data"), default=lambda c: c.to_plotly_json())
    assert "javascript:alert(1)" in page and '"href": "javascript:' not in page


def test_an_archived_copy_is_linked_beside_the_original(data_dir: Path) -> None:
    rows = read_rows(data_dir / "sources.csv")
    rows[0]["archive_url"] = "https://archive.example.net/bi-2019-03"
    write_rows(data_dir / "sources.csv", rows)
    page = json.dumps(render_page(PackageStore(data_dir), "/sources/bi-2019-03"), default=lambda c: c.to_plotly_json())
    assert '"href": "https://archive.example.net/bi-2019-03"' in page and '"id": "source-archive"' in page
    result = run_cli("add-source", str(data_dir / "sources" / "bi-2019-03.txt"), "--id", "copy", "--title", "t",
                     "--publisher", "p", "--url", "https://example.org/a", "--published", "2019", "--language", "en",
                     "--archive-url", "ftp://nowhere", "--data", str(data_dir))  # fmt: skip
    assert result.exit_code == 1 and "sources.csv:3:archive_url" in result.output


def test_text_fragments_name_the_words_around_a_quote_that_repeats() -> None:
    text = "Officials said that 326 crossed on Monday. By Friday officials said that 326 crossed, and no more came."
    locator = TextLocator(text)
    twice = passage(locator, "said that 326 crossed")
    assert twice is not None and twice.repeated
    assert (twice.prefix, twice.exact, twice.suffix) == (
        "Officials ",
        "said that 326 crossed",
        " on Monday. By Friday officials ",
    )
    assert text_fragment_link("https://example.org/a", "said that 326 crossed", twice) == (
        "https://example.org/a#:~:text=Officials-,said%20that%20326%20crossed,-on%20Monday.%20By%20Friday%20officials"
    )
    once = passage(locator, "no more came")
    assert once is not None and not once.repeated
    assert (
        text_fragment_link("https://example.org/a", "no more came", once)
        == "https://example.org/a#:~:text=no%20more%20came"
    )


def test_export_writes_the_annotations_when_asked(tmp_path: Path) -> None:
    from tests.browser import chromium_path

    chromium_path()
    result = run_cli("export", "--out", str(tmp_path), "--format", "svg", "--chart", "guard-share", "--annotations",
                     "--base-url", "https://dashboard.example.org/")  # fmt: skip
    assert result.exit_code == 0, result.output
    found = json.loads((tmp_path / "annotations.jsonld").read_text(encoding="utf-8"))
    assert found["id"] == "https://dashboard.example.org/annotations.jsonld"
    assert str(tmp_path / "annotations.jsonld") in result.stdout
