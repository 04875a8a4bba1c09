"""Hostile files, data and requests: each answered with a located problem, a short refusal or literal text, never a
traceback, a file from outside the package, or a changed file."""

from __future__ import annotations

import io
import json
import logging
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import charts
from dashboard.app import create_app, download, imaging
from dashboard.downloads import csv_bytes
from dashboard.extract import MAX_QUOTE_CHARS, candidates
from dashboard.loader import read_package
from dashboard.paths import SHIPPED_DATA
from dashboard.problems import Code
from dashboard.store import PackageStore
from dashboard.validation import validate
from dashboard.views import render_page
from tests.conftest import read_rows, run_cli, write_rows
from tests.test_app import ids_in

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = "%{meta.footer}"


def codes(folder: Path) -> list[tuple[Code, str, int | None, str | None]]:
    return [problem.where for problem in validate(read_package(folder))]


def edit_descriptor(folder: Path, change: Any) -> None:
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor), encoding="utf-8")


# 1. Chart text stays literal: no placeholder and no tag reaches plotly unescaped.


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _strings(item)]
    return []


def test_chart_text_from_data_reaches_plotly_inert(data_dir: Path) -> None:
    hostile = f'{PLACEHOLDER} <a href="https://evil.example/login">x</a>'
    rows = read_rows(data_dir / "figures.csv")
    for row in rows:
        row.update(claimant=hostile, note=hostile, measure=hostile)
    write_rows(data_dir / "figures.csv", rows)
    remarks = read_rows(data_dir / "remarks.csv")
    remarks[0]["speaker"] = hostile
    write_rows(data_dir / "remarks.csv", remarks)
    tables = PackageStore(data_dir).current().tables
    assert tables is not None
    for chart in charts.available(tables):
        built = chart.build(tables)
        image, _height = charts.framed(built, charts.WIDTH)  # the plot with its texts laid in, as exported
        figure = image.to_plotly_json()
        shown = _strings({"data": figure["data"], "layout": figure["layout"]})
        templates = [text for text in shown if "%{customdata" in text]  # the hover templates are the chart's own
        assert all(text.startswith("<b>%{customdata[1]}") for text in templates)
        others = [text for text in shown if text not in templates]
        assert not any(PLACEHOLDER in text or "<a " in text for text in others), chart.name
        assert any("%&#123;meta.footer}" in text for text in others), chart.name


# 2 and 10. Nothing outside the package is read, served or bundled; the bundle is what was validated.


def test_a_source_text_that_is_a_link_is_refused(data_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text((data_dir / "sources" / "bi-2019-03.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (data_dir / "sources" / "bi-2019-03.txt").unlink()
    (data_dir / "sources" / "bi-2019-03.txt").symlink_to(secret)
    problems = validate(read_package(data_dir))
    assert [p.where for p in problems] == [(Code.TEXT_UNREADABLE, f"{data_dir}/sources.csv", 2, "source_id")]
    assert "sources/bi-2019-03.txt is a symbolic link or leads outside the package folder" in problems[0].message
    assert PackageStore(data_dir).current().tables is None  # never valid, so nothing of it is shown or bundled


def test_a_table_or_the_texts_folder_that_is_a_link_is_refused(data_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    shutil.move(data_dir / "figures.csv", outside)
    (data_dir / "figures.csv").symlink_to(outside)
    assert codes(data_dir) == [(Code.LINK, f"{data_dir}/figures.csv", None, None)]
    (data_dir / "figures.csv").unlink()
    shutil.move(outside, data_dir / "figures.csv")
    shutil.move(data_dir / "sources", tmp_path / "texts")
    (data_dir / "sources").symlink_to(tmp_path / "texts")
    assert (Code.LINK, f"{data_dir}/sources", None, None) in codes(data_dir)


def test_the_bundle_holds_exactly_what_was_validated(data_dir: Path) -> None:
    (data_dir / "figures.csv.bak").write_text("old", encoding="utf-8")
    (data_dir / "sources" / ".bi-2019-03.txt.abcd.tmp.txt").write_text("partial", encoding="utf-8")
    (data_dir / "notes.txt").write_text("private", encoding="utf-8")
    store = PackageStore(data_dir, check_interval=0)
    valid = {path: (data_dir / path).read_bytes() for path in store.current().files}
    path = data_dir / "figures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",people,exact,", ",people,sure,", 1), encoding="utf-8")
    found = download(store, "venezuela-defections-data.zip", date(2026, 11, 24), imaging())
    assert store.current().problems and found is not None
    with zipfile.ZipFile(io.BytesIO(found[0])) as archive:
        bundled = {name.removeprefix("data/"): archive.read(name) for name in archive.namelist() if name[:5] == "data/"}
    assert bundled == valid  # the last valid bytes, not the broken file nor anything else lying in the folder
    assert set(bundled) == {"datapackage.json", "sources.csv", "figures.csv", "remarks.csv", "sources/bi-2019-03.txt"}


# 3. Request bodies have a limit, checked before they are read.


def test_a_body_over_the_limit_gets_413_with_the_headers(caplog: pytest.LogCaptureFixture) -> None:
    client = create_app(SHIPPED_DATA, max_body=4096).server.test_client()
    response = client.post("/_dash-update-component", data=b"x" * 5000, content_type="application/json")
    assert response.status_code == 413 and b"xxx" not in response.data
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    with caplog.at_level(logging.WARNING):
        response = client.post("/_dash-update-component", data=b"{" + b"y" * 4000, content_type="application/json")
    assert response.status_code == 400 and b"yyy" not in response.data
    assert caplog.records and all(len(record.getMessage()) < 300 for record in caplog.records)


# 4. A malformed descriptor gives located problems, never a traceback.

DESCRIPTOR_DAMAGE = [
    (lambda d: d["resources"][1]["schema"]["fields"][2]["constraints"].update(pattern="[a-z"),
     "resources[1].schema.fields[2].constraints.pattern: is not a valid regular expression"),
    (lambda d: d["resources"][1]["schema"].update(fields={"name": "x"}), "resources[1].schema.fields: must be a list"),
    (lambda d: d["resources"][1]["schema"]["fields"][3].pop("name"),
     "resources[1].schema.fields[3].name: every field needs a name"),
    (lambda d: d["resources"][1]["schema"]["fields"][4]["constraints"].update(enum="people"),
     "resources[1].schema.fields[4].constraints.enum: must be a list"),
    (lambda d: d["resources"][1]["schema"]["fields"][3]["constraints"].update(minimum="0"),
     "resources[1].schema.fields[3].constraints.minimum: must be a number"),
    (lambda d: d["resources"][1]["schema"]["fields"][0].update(constraints=["required"]),
     "resources[1].schema.fields[0].constraints: must be an object"),
    (lambda d: d["resources"][1].update(path="figures\x00.csv"), "resources[1].path: 'figures\\x00.csv' holds a NUL"),
]  # fmt: skip


@pytest.mark.parametrize(("damage", "message"), DESCRIPTOR_DAMAGE)
def test_a_malformed_descriptor_gives_a_located_message(data_dir: Path, damage: Any, message: str) -> None:
    edit_descriptor(data_dir, damage)
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "validate", "--data", str(data_dir)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{data_dir}/datapackage.json: {message}" in done.stdout
    assert "Traceback" not in done.stderr


def test_a_running_server_keeps_its_data_through_a_broken_descriptor(data_dir: Path) -> None:
    store = PackageStore(data_dir, check_interval=0)
    first = store.current()
    edit_descriptor(data_dir, DESCRIPTOR_DAMAGE[0][0])
    broken = store.current()
    assert broken.tables is first.tables and broken.problems
    assert "problems" in ids_in(render_page(store, "/"))
    found = download(store, "defection-rates.csv", date(2026, 11, 24), imaging())
    assert found is not None and b"bi-2019-600" in found[0]


# 5. The descriptor's paths are the truth, for every command and for the watcher.


def test_tables_where_the_descriptor_says(data_dir: Path) -> None:
    (data_dir / "tables").mkdir()
    shutil.copy(data_dir / "figures.csv", data_dir / "tables" / "figures.csv")  # a stray copy stays at the old place
    edit_descriptor(data_dir, lambda d: d["resources"][1].update(path="tables/figures.csv"))
    store = PackageStore(data_dir, check_interval=0)
    assert store.current().problems == []
    stray = (data_dir / "figures.csv").read_bytes()
    options = {
        "--dataset": "defections",
        "--measure": "troops",
        "--value": "600",
        "--unit": "people",
        "--qualifier": "exact",
        "--period-end": "2019-03-01",
        "--claimant": "Juan Guaido",
        "--source": "bi-2019-03",
        "--quote": "600 military personnel had defected",
        "--data": str(data_dir),
    }
    result = run_cli("add", *(part for pair in options.items() for part in pair))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (data_dir / "figures.csv").read_bytes() == stray
    assert read_rows(data_dir / "tables" / "figures.csv")[-1]["figure_id"] == result.stdout.strip()
    snapshot = store.current()
    assert snapshot.tables is not None and result.stdout.strip() in snapshot.tables.figure_rows
    assert "tables/figures.csv" in snapshot.files


# 6. What validate accepts, every command handles; what a command needs, validate requires.


def test_a_package_must_declare_the_columns_the_dashboard_reads(data_dir: Path) -> None:
    rows = read_rows(data_dir / "figures.csv")
    write_rows(data_dir / "figures.csv", [{k: v for k, v in row.items() if k != "note"} for row in rows])

    def drop_note(descriptor: dict[str, Any]) -> None:
        fields = descriptor["resources"][1]["schema"]["fields"]
        fields[:] = [field for field in fields if field["name"] != "note"]

    edit_descriptor(data_dir, drop_note)
    problems = validate(read_package(data_dir))
    assert [str(p) for p in problems] == [
        f"{data_dir}/datapackage.json: resources[1].schema.fields: must declare the field 'note', which the "
        "dashboard reads"
    ]


def _spreadsheet_copy(folder: Path) -> None:
    for name in ("figures.csv", "sources.csv", "remarks.csv"):
        path = folder / name
        rows = read_rows(path)
        for row in rows:
            row["checked_by"] = "desk"
        write_rows(path, rows, list(reversed(list(rows[0]))))
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n") + b"\r\n,,,\r\n")


def _without_remarks(folder: Path) -> None:
    edit_descriptor(folder, lambda d: d["resources"].pop())
    (folder / "remarks.csv").unlink()


@pytest.mark.slow
@pytest.mark.parametrize("shape", [None, _spreadsheet_copy, _without_remarks])
def test_every_command_on_every_valid_package(data_dir: Path, tmp_path: Path, shape: Any) -> None:
    if shape is not None:
        shape(data_dir)
    folder = str(data_dir)
    assert run_cli("validate", "--data", folder).exit_code == 0
    out = tmp_path / "out"
    exported = run_cli("export", "--data", folder, "--out", str(out), "--format", "svg", "--chart", "guard-share")
    assert exported.exit_code == 0, exported.output
    assert run_cli("report", "--data", folder, "--out", str(tmp_path / "r.html")).exit_code == 0
    assert run_cli("extract", "--source", "bi-2019-03", "--data", folder).exit_code == 0
    store = PackageStore(data_dir)
    assert "section-overview" in ids_in(render_page(store, "/"))
    for name in ("venezuela-defections-data.zip", "defection-rates.csv", "emigration.csv"):
        assert download(store, name, date(2026, 11, 24), imaging()) is not None, name


# 7. ASCII digits only, and a value written to no more digits than its quote gives.


@pytest.mark.parametrize(
    ("row", "changes", "expected"),
    [
        (1, {"value": "\uff14\uff13\uff10\uff10"}, (Code.TYPE, 3, "value")),
        (1, {"value": "\u0664\u0663\u0660\u0660"}, (Code.TYPE, 3, "value")),
        (1, {"period_start": "\uff12\uff10\uff11\uff14"}, (Code.DATE, 3, "period_start")),
        (1, {"value": "4300.00000000000000001"}, (Code.COUNT_NOT_WHOLE, 3, "value")),
        (2, {"value": "6.00000000000000001"}, (Code.VALUE_NOT_IN_QUOTE, 4, "value")),
    ],
)
def test_only_ascii_digits_and_exact_values(data_dir: Path, row: int, changes: dict[str, str], expected: Any) -> None:
    rows = read_rows(data_dir / "figures.csv")
    rows[row].update(changes)
    write_rows(data_dir / "figures.csv", rows)
    code, line, column = expected
    assert codes(data_dir) == [(code, f"{data_dir}/figures.csv", line, column)]


# 8. Headers of any reasonable length.


def test_a_header_of_more_than_a_megabyte(data_dir: Path) -> None:
    rows = read_rows(data_dir / "figures.csv")
    long_name = "x" * (1024 * 1024 + 1)
    for row in rows:
        row[long_name] = "kept"
    write_rows(data_dir / "figures.csv", rows)
    package = read_package(data_dir)
    assert validate(package) == []
    assert package.tables["figures"].frame[long_name].tolist() == ["kept"] * 4


# 9. Names from data never take the page's own element ids.


@pytest.mark.parametrize("name", ["quote_panel", "page", "scroll_dummy", "url", "problems"])
def test_a_dataset_name_never_takes_a_page_id(data_dir: Path, name: str) -> None:
    rows = read_rows(data_dir / "figures.csv")
    rows.append(dict(rows[0], figure_id=name.replace("_", "-"), dataset=name))
    write_rows(data_dir / "figures.csv", rows)
    app = create_app(data_dir)
    fixed = ids_in(app.layout)
    page = ids_in(render_page(PackageStore(data_dir), "/"))
    source = ids_in(render_page(PackageStore(data_dir), "/sources/bi-2019-03"))
    for drawn in (page, source):
        assert not set(drawn) & set(fixed)
        assert len(drawn) == len(set(drawn))


# 11. Arguments that are not UTF-8.


def test_an_argument_that_is_not_utf8_is_a_usage_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable.encode(), b"-m", b"dashboard", b"validate", b"--data", b"dat\xff"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        check=False,
    )
    assert done.returncode == 2
    assert b"argument 3 is not UTF-8 text" in done.stderr and b"Traceback" not in done.stderr


# 12. add-source is all or nothing, killed at any moment.

ADDER = """
import sys
from pathlib import Path
from dashboard.update import add_source
folder, text = Path(sys.argv[1]), Path(sys.argv[2])
for number in range(10_000):
    row = {"source_id": f"k-{sys.argv[3]}-{number}", "title": "t", "publisher": "p", "author": "",
           "url": "https://example.org/a", "published": "2019", "accessed": "", "note": "", "language": "en",
           "archive_url": ""}
    add_source(folder, str(folder), row, text.read_bytes(), str(text))
"""


@pytest.mark.slow
def test_a_killed_add_source_leaves_both_or_neither(data_dir: Path, tmp_path: Path) -> None:
    text = tmp_path / "text.txt"
    text.write_text("A fictional bulletin: 12 guards left the post.\n" * 200, encoding="utf-8")
    rng = random.Random(7)
    for attempt in range(6):
        writer = subprocess.Popen(
            [sys.executable, "-c", ADDER, str(data_dir), str(text), str(attempt)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        time.sleep(0.8 + rng.random())
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        assert validate(read_package(data_dir)) == [], f"attempt {attempt}"
        ids = [row["source_id"] for row in read_rows(data_dir / "sources.csv")]
        retry = run_cli("add-source", str(text), "--id", f"k-{attempt}-retry", "--title", "t", "--publisher", "p",
                        "--url", "https://example.org/a", "--published", "2019", "--language", "en",
                        "--data", str(data_dir))  # fmt: skip
        assert retry.exit_code == 0, retry.output
        leftovers = [path.name for path in (data_dir / "sources").iterdir() if path.name.startswith(".")]
        assert leftovers == [], leftovers
        assert len(read_rows(data_dir / "sources.csv")) == len(ids) + 1


def test_a_text_without_a_row_is_reported(data_dir: Path) -> None:
    (data_dir / "sources" / "orphan.txt").write_text("A fictional note.", encoding="utf-8")
    (data_dir / "sources" / ".orphan2.txt.pending").write_text("never committed", encoding="utf-8")
    assert codes(data_dir) == [(Code.TEXT_WITHOUT_ROW, f"{data_dir}/sources/orphan.txt", None, None)]


# 13. The formula guard alters free text only, and ids cannot start with '-'.


def test_ids_cannot_start_with_a_dash_and_csvs_keep_ids(data_dir: Path) -> None:
    rows = read_rows(data_dir / "figures.csv")
    rows[0]["figure_id"] = "-600"
    write_rows(data_dir / "figures.csv", rows)
    assert codes(data_dir) == [(Code.PATTERN, f"{data_dir}/figures.csv", 2, "figure_id")]
    import pandas as pd

    frame = pd.DataFrame({"figure_id": ["a-1"], "rate_inputs": ["a-1 b-2"], "claimant": ["=HYPERLINK(1)"]})
    assert csv_bytes(frame).decode().splitlines()[1] == "a-1,a-1 b-2,'=HYPERLINK(1)"


# 14 and 15. Long and repetitive input: bounded quotes, and long texts shown in parts.


def test_a_candidate_quotes_the_clause_around_its_number() -> None:
    sentence = "Officials said " + ", ".join(f"{number} soldiers left post {number}" for number in range(1, 4000))
    found = candidates(sentence + ".")
    assert len(found) > 3000
    assert max(len(candidate.quote) for candidate in found) <= MAX_QUOTE_CHARS
    assert all(candidate.quote in sentence + "." for candidate in found)


@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=301, max_size=2000))
def test_bounded_quotes_stand_in_their_text(text: str) -> None:
    for candidate in candidates(text):
        assert candidate.quote in text and len(candidate.quote) <= max(MAX_QUOTE_CHARS, len(candidate.written))


def test_a_very_long_source_is_shown_in_parts(data_dir: Path) -> None:
    path = data_dir / "sources" / "bi-2019-03.txt"
    filler = "A fictional line of filler about nothing in particular. "
    path.write_text(filler * 20_000 + path.read_text(encoding="utf-8") + filler * 20_000, encoding="utf-8")
    store = PackageStore(data_dir)
    assert store.current().problems == []
    page = render_page(store, "/sources/bi-2019-03")
    assert "figure-bi-2019-600" in ids_in(page)
    text = str(page)
    assert "the page shows the passages quoted from it" in text
    assert len(text) < 200_000
