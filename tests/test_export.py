"""Exports: images from the command line and the dashboard, safe CSVs, the citable bundle, the report."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dashboard.app import create_app, imaging
from dashboard.downloads import bundle_bytes, citation, csv_bytes, neutralise
from dashboard.paths import SHIPPED_DATA
from dashboard.report import report_html
from dashboard.store import PackageStore
from dashboard.writes import write_bytes
from tests.browser import CHROMIUM_ARGS, chromium_path
from tests.conftest import read_rows, run_cli, write_rows

ROOT = Path(__file__).resolve().parents[1]
CHARTS = ["defections-over-time", "defection-rates", "guard-share", "emigration"]
ARTIFACTS = ROOT / "artifacts" / "exports"
NO_STALL_S = 60  # the whole export takes about 5 s; a name lookup that waited would add 5 s per image


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


@pytest.mark.browser
def test_export_every_chart_in_every_format(tmp_path: Path) -> None:
    chromium_path()
    out = tmp_path / "out" / "nested"
    result = run_cli("export", "--out", str(out), "--format", "png,svg,pdf")
    assert result.exit_code == 0, result.output
    expected = [out / f"{name}.{fmt}" for name in CHARTS for fmt in ("png", "svg", "pdf")]
    assert result.stdout.split() == [str(path) for path in expected]
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(p.name for p in expected)
    for name in CHARTS:
        assert png_size((out / f"{name}.png").read_bytes())[0] == 1000
        svg = (out / f"{name}.svg").read_text(encoding="utf-8")
        assert svg.startswith("<svg") and "Source: Business Insider" in svg and "Exported " in svg
        pdf = (out / f"{name}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF") and pdf_pages(pdf) == 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for path in out.glob("*.png"):
        (ARTIFACTS / path.name).write_bytes(path.read_bytes())


@pytest.mark.browser
def test_export_narrow_and_scaled_replaces_old_files(tmp_path: Path) -> None:
    chromium_path()
    target = tmp_path / "defection-rates.png"
    target.write_bytes(b"old")
    result = run_cli("export", "--out", str(tmp_path), "--chart", "defection-rates", "--width", "600", "--scale", "2")
    assert result.exit_code == 0, result.output
    width, height = png_size(target.read_bytes())
    assert width == 1200 and height >= 2 * 620
    assert [p.name for p in tmp_path.iterdir()] == ["defection-rates.png"]  # no temporary file left
    (ARTIFACTS / "defection-rates-600px.png").parent.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "defection-rates-600px.png").write_bytes(target.read_bytes())


def test_export_list_and_bad_options(tmp_path: Path) -> None:
    listed = run_cli("export", "--list")
    assert listed.exit_code == 0 and listed.stdout.split() == CHARTS
    assert run_cli("export", "--out", str(tmp_path), "--chart", "nope").exit_code == 2
    assert run_cli("export", "--out", str(tmp_path), "--format", "gif").exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_export_of_invalid_data_writes_nothing(data_dir: Path, tmp_path: Path) -> None:
    rows = read_rows(data_dir / "figures.csv")
    rows[0]["unit"] = "soldiers"
    write_rows(data_dir / "figures.csv", rows)
    out = tmp_path / "exports"
    result = run_cli("export", "--data", str(data_dir), "--out", str(out))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{data_dir}/figures.csv:2:unit: ")
    assert not out.exists()


def test_export_without_a_browser_says_how_to_get_one(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "export", "--out", str(tmp_path / "out")],
        cwd=ROOT,
        env={**os.environ, "BROWSER_PATH": str(tmp_path / "no-chromium-here"), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "no Chrome or Chromium was found" in done.stderr
    assert "apt-get install chromium" in done.stderr and "plotly_get_chrome" in done.stderr
    assert "Traceback" not in done.stderr
    assert not any((tmp_path / "out").glob("*.png"))


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a = b", "a = b"),
        ("", ""),
    ],
)
def test_csv_neutralises_formulas(cell: str, safe: str) -> None:
    frame = pd.DataFrame({"text": [cell], "number": [-5.0]})
    assert neutralise(frame)["text"].iat[0] == safe
    assert neutralise(frame)["number"].iat[0] == -5.0
    assert csv_bytes(frame).decode().splitlines()[0] == "text,number"


def test_csv_keeps_a_carriage_return_inside_its_cell() -> None:
    frame = pd.DataFrame({"note": ["one\rtwo", "three"], "number": [1, 2]})
    read = list(csv.reader(io.StringIO(csv_bytes(frame).decode(), newline="")))
    assert read == [["note", "number"], ["one\rtwo", "1"], ["three", "2"]]


def test_downloads_from_the_dashboard() -> None:
    client = create_app(SHIPPED_DATA).server.test_client()
    csv = client.get("/download/defection-rates.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert csv.data.decode().startswith("figure_id,what,count,period,rate_per_day,rate_low,rate_high,claimant")
    assert 'filename="defection-rates.csv"' in csv.headers["Content-Disposition"]
    assert client.get("/download/nope.png").status_code == 404
    assert client.get("/download/defection-rates.exe").status_code == 404


@pytest.fixture(scope="module")
def downloads() -> Iterator[Any]:
    """One app, with one browser, for the image downloads."""
    drawer = imaging(slots=1)
    yield create_app(SHIPPED_DATA, drawer=drawer).server.test_client()
    drawer.session.close()


@pytest.mark.browser
@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("svg", b"<svg"), ("pdf", b"%PDF")])
def test_image_downloads_are_the_cli_images(fmt: str, magic: bytes, downloads: Any) -> None:
    chromium_path()
    response = downloads.get(f"/download/guard-share.{fmt}")
    assert response.status_code == 200
    assert response.data.startswith(magic)
    if fmt == "png":
        assert png_size(response.data)[0] == 2000  # scale 2, as the modebar's
    if fmt == "svg":
        assert "Source: Business Insider" in response.data.decode()


def test_bundle_unzips_to_a_valid_package(tmp_path: Path) -> None:
    snapshot = PackageStore(SHIPPED_DATA).current()
    assert snapshot.tables is not None
    data = bundle_bytes(snapshot.files, snapshot.tables, date(2026, 11, 24), "http://127.0.0.1:8050/")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(tmp_path)
        names = archive.namelist()
    package = {"data/datapackage.json", "data/sources.csv", "data/figures.csv", "data/remarks.csv",
               "data/sources/bi-2019-03.txt"}  # fmt: skip
    assert {name for name in names if name.startswith("data/")} == package  # exactly what was validated
    assert "CITATION.md" in names
    assert {"tidy/defections.csv", "tidy/guard_share.csv", "tidy/emigration.csv"} <= set(names)
    result = run_cli("validate", "--data", str(tmp_path / "data"))
    assert result.exit_code == 0, result.output
    text = (tmp_path / "CITATION.md").read_text(encoding="utf-8")
    assert "Downloaded on 24 November 2026" in text
    assert "- Short: Business Insider, March 2019" in text
    assert "https://www.businessinsider.com/venezuelan-soldiers" in text and "Access date not recorded" in text
    defections = pd.read_csv(tmp_path / "tidy" / "defections.csv")
    assert defections["rate_inputs"].tolist() == ["bi-2019-600", "bi-2019-4300"]


def test_citation_of_an_author_and_access_date() -> None:
    tables = PackageStore(SHIPPED_DATA).current().tables
    assert tables is not None
    sources = tables.sources.copy()
    sources.loc[0, ["author", "accessed"]] = ["A. Writer", "2019-03-05"]
    text = citation(tables.__class__(**{**tables.__dict__, "sources": sources}), date(2026, 1, 2))
    assert "- Full: A. Writer. “The 'king-maker'" in text and "Accessed 5 March 2019." in text


def test_atomic_write_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and (target.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["file.txt"]


def test_report_escapes_data_and_needs_no_network(data_dir: Path) -> None:
    hostile = "<script>window.__xss=1</script>"
    sources = read_rows(data_dir / "sources.csv")
    sources[0]["title"] = hostile
    write_rows(data_dir / "sources.csv", sources)
    snapshot = PackageStore(data_dir).current()
    assert snapshot.tables is not None
    html = report_html(snapshot.tables, date(2026, 11, 24))
    assert hostile not in html and "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert not re.search(r"<script[^>]+src=", html)
    assert "600 military personnel had defected" in html and "4,300 ÷ 6% ≈ 71,667" in html


@pytest.mark.browser
def test_report_opens_offline_with_every_chart(tmp_path: Path) -> None:
    executable = chromium_path()
    out = tmp_path / "report.html"
    result = run_cli("report", "--out", str(out))
    assert result.exit_code == 0 and result.stdout.strip() == str(out)
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page()
        errors: list[Any] = []
        page.on("pageerror", lambda error: errors.append(error))

        def record(route: Any) -> None:
            requests.append(route.request.url)
            if route.request.url.startswith("file://"):
                route.continue_()
            else:
                route.abort()

        page.route("**/*", record)
        page.goto(out.as_uri())
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4", timeout=20_000)
        assert page.locator(".js-plotly-plot").count() == len(CHARTS)
        page.screenshot(path=str(ARTIFACTS.parent / "screenshots" / "report.png"), full_page=True)
        browser.close()
    assert [url for url in requests if not url.startswith("file://")] == []
    assert errors == []


def test_the_page_images_are_drawn_on_names_no_address() -> None:
    """MathJax (which kaleido would fetch from a CDN) is off, and plotly.js is plotly's own copy: the page the
    browser draws on names no address but files on this machine (the session's options are checked on a running
    browser in test_images)."""
    from kaleido._page_generator import PageGenerator

    page = PageGenerator(mathjax=False).generate_index()
    assert "http://" not in page and "https://" not in page


@pytest.mark.slow
def test_an_export_with_no_network_is_complete(tmp_path: Path) -> None:
    """The export run where no connection can leave the machine (a network namespace of its own, with nothing in
    it): every file is written."""
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-n", "true"], check=False).returncode != 0:
        message = "no 'unshare -n' here: the export cannot be cut off from the network"
        pytest.fail(message) if os.environ.get("CI") == "true" else pytest.skip(message)
    out = tmp_path / "out"
    begin = time.monotonic()
    done = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "dashboard", "export", "--out", str(out), "--format", "png,svg,pdf"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(list(out.iterdir())) == 12
    assert time.monotonic() - begin < NO_STALL_S
