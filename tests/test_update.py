"""add-source and add: checked with the whole package before any write; atomic, locked writes that lose nothing."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard.charts import available, figure_ids
from dashboard.images import export_figure
from dashboard.loader import read_package
from dashboard.problems import Code, DataError
from dashboard.store import PackageStore
from dashboard.update import add_figures, add_source
from dashboard.validation import validate
from tests.conftest import read_rows, run_cli
from tests.test_app import ids_in, render_page

ROOT = Path(__file__).resolve().parents[1]
NEW_TEXT = (
    "Migracion Colombia said on Tuesday that more than 1,400 members of Venezuela's armed forces had crossed "
    "into Colombia since February 23. Of those, 23 were officers. Nearly 6 percent of the national guard "
    "deserted in 2018, a leaked report said.\n"
)
GOOD_ADD = {
    "--dataset": "defections",
    "--measure": "military personnel who defected",
    "--value": "600",
    "--unit": "people",
    "--qualifier": "exact",
    "--period-start": "2019-02-23",
    "--period-end": "2019-03-01",
    "--claimant": "Juan Guaido",
    "--source": "bi-2019-03",
    "--quote": "600 military personnel had defected",
    "--id": "bi-2019-600-again",
}
GOOD_SOURCE = {
    "--id": "co-2019-04",
    "--title": "Migration update",
    "--publisher": "Migracion Colombia",
    "--url": "https://example.org/update",
    "--published": "2019-04-02",
    "--language": "en",
}


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix != ".lock"  # the lock file beside a table is not data
    }


def args(options: dict[str, str], data_dir: Path) -> list[str]:
    out = []
    for key, value in options.items():
        if value is not None:
            out += [key, value]
    return [*out, "--data", str(data_dir)]


def test_add_a_figure(data_dir: Path) -> None:
    before = (data_dir / "figures.csv").read_bytes()
    result = run_cli("add", *args(GOOD_ADD, data_dir))
    assert result.exit_code == 0, result.output
    assert result.stdout == "bi-2019-600-again\n"
    after = (data_dir / "figures.csv").read_bytes()
    assert after.startswith(before)  # order and every old byte kept
    assert validate(read_package(data_dir)) == []
    assert not any(p.name.endswith(".tmp.csv") for p in data_dir.iterdir())


def test_add_quotes_a_carriage_return_inside_a_cell(data_dir: Path) -> None:
    note = "first\rsecond"
    result = run_cli("add", *args({**GOOD_ADD, "--note": note}, data_dir))
    assert result.exit_code == 0, result.output
    package = read_package(data_dir)
    assert validate(package) == []
    assert package.tables["figures"].frame["note"].iat[-1] == note


def test_add_makes_an_id_and_keeps_extra_columns_bom_and_crlf(data_dir: Path) -> None:
    path = data_dir / "figures.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",checked_by"] + [line + ",desk" for line in lines[1:]]
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n\r\n").encode())
    result = run_cli("add", *args({**GOOD_ADD, "--id": None}, data_dir))  # type: ignore[dict-item]
    assert result.exit_code == 0, result.output
    assert result.stdout == "bi-2019-03-600\n"
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.endswith(b",\r\n") and b"\n\r\n" not in data
    rows = read_rows(path)
    assert [row["checked_by"] for row in rows] == ["desk"] * 4 + [""]
    assert rows[-1]["figure_id"] == "bi-2019-03-600"
    again = run_cli("add", *args({**GOOD_ADD, "--id": None}, data_dir))  # type: ignore[dict-item]
    assert again.stdout == "bi-2019-03-600-2\n"


def test_add_source_then_extract_and_add_round_trip(data_dir: Path, tmp_path: Path) -> None:
    text = tmp_path / "update.txt"
    text.write_text(NEW_TEXT, encoding="utf-8")
    result = run_cli("add-source", str(text), *args(GOOD_SOURCE, data_dir))
    assert result.exit_code == 0, result.output
    assert (data_dir / "sources" / "co-2019-04.txt").read_bytes() == text.read_bytes()
    extracted = run_cli("extract", "--source", "co-2019-04", "--data", str(data_dir), "--format", "csv")
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(extracted.stdout)))
    assert [(r["value"], r["unit"], r["qualifier"]) for r in rows] == [
        ("1400", "people", "over"),
        ("23", "people", "exact"),
        ("6", "percent", "under"),
    ]
    crossing, share = rows[0], rows[2]
    added = []
    for row, dataset, start, end in (
        (crossing, "defections", "2019-02-23", "2019-04-02"),
        (share, "guard_share", "2018", "2018"),
    ):
        result = run_cli(
            "add", "--dataset", dataset, "--measure", row["measure"] or "share of the guard", "--value", row["value"],
            "--unit", row["unit"], "--qualifier", row["qualifier"], "--period-start", start, "--period-end", end,
            "--claimant", row["claimant"] or "a leaked report", "--source", "co-2019-04", "--quote", row["quote"],
            "--data", str(data_dir),
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        added.append(result.stdout.strip())
    assert added == ["co-2019-04-1400", "co-2019-04-6"]
    assert run_cli("validate", "--data", str(data_dir)).exit_code == 0
    store = PackageStore(data_dir)
    page = render_page(store, "/")
    assert "chart-defection-rates" in ids_in(page)
    tables = store.current().tables
    assert tables is not None
    charts = {chart.name: chart for chart in available(tables)}
    rates = charts["defection-rates"].build(tables)
    assert "co-2019-04-1400" in figure_ids(rates.plot)
    share_fig = export_figure(charts["guard-share"], tables, 1000, 620, __import__("datetime").date(2026, 1, 1))
    assert "co-2019-04-6" in figure_ids(share_fig)
    assert "co-2019-04-6" in str([a.text for a in share_fig.layout.annotations])


# The catalogue: (changed options, expected file:line:column, expected problem code). Files must not change.
ADD_CASES = [
    ({"--value": "4,300"}, "figures.csv:6:value", Code.TYPE),
    ({"--value": "six hundred"}, "figures.csv:6:value", Code.TYPE),
    ({"--value": "-600"}, "figures.csv:6:value", Code.MINIMUM),
    ({"--value": "700"}, "figures.csv:6:value", Code.VALUE_NOT_IN_QUOTE),
    ({"--unit": "soldiers"}, "figures.csv:6:unit", Code.ENUM),
    ({"--unit": "percent"}, "figures.csv:6:unit", Code.UNIT_NOT_IN_QUOTE),
    ({"--qualifier": "roughly"}, "figures.csv:6:qualifier", Code.ENUM),
    ({"--dataset": "Defections 2019"}, "figures.csv:6:dataset", Code.PATTERN),
    ({"--period-end": "2019/03/01"}, "figures.csv:6:period_end", Code.DATE),
    ({"--period-end": "2019-13"}, "figures.csv:6:period_end", Code.DATE),
    ({"--period-end": "2019-02-29"}, "figures.csv:6:period_end", Code.DATE),
    ({"--period-end": ""}, "figures.csv:6:period_end", Code.REQUIRED),
    ({"--period-start": "2019-03-05"}, "figures.csv:6:period_start", Code.PERIOD_ORDER),
    ({"--source": "ap-2019"}, "figures.csv:6:source_id", Code.FOREIGN_KEY),
    ({"--source": "../../etc/passwd"}, "figures.csv:6:source_id", Code.PATTERN),
    ({"--quote": "600 soldiers defected"}, "figures.csv:6:quote", Code.QUOTE_NOT_IN_SOURCE),
    ({"--quote": ""}, "figures.csv:6:quote", Code.REQUIRED),
    ({"--claimant": "   "}, "figures.csv:6:claimant", Code.REQUIRED),
    ({"--measure": ""}, "figures.csv:6:measure", Code.REQUIRED),
    ({"--id": "bi-2019-600"}, "figures.csv:6:figure_id", Code.UNIQUE),
    ({"--id": "Bad Id"}, "figures.csv:6:figure_id", Code.PATTERN),
]
SOURCE_CASES = [
    ({"--id": "Bad Id"}, "sources.csv:3:source_id", Code.PATTERN),
    ({"--id": "bi-2019-03"}, "sources.csv:3:source_id", Code.UNIQUE),
    ({"--url": "ftp://example.org/x"}, "sources.csv:3:url", Code.PATTERN),
    ({"--url": "javascript:alert(1)"}, "sources.csv:3:url", Code.PATTERN),
    ({"--published": "March 2019"}, "sources.csv:3:published", Code.DATE),
    ({"--published": "2019-02-30"}, "sources.csv:3:published", Code.DATE),
    ({"--accessed": "yesterday"}, "sources.csv:3:accessed", Code.DATE),
    ({"--title": ""}, "sources.csv:3:title", Code.REQUIRED),
    ({"--publisher": " "}, "sources.csv:3:publisher", Code.REQUIRED),
]


def _codes_at(error: DataError, where: str, data_dir: Path) -> set[Code]:
    return {found.code for found in error.problems if str(found).startswith(f"{data_dir}/{where}: ")}


@pytest.mark.parametrize(("changes", "where", "code"), ADD_CASES)
def test_add_rejects(data_dir: Path, changes: dict[str, str], where: str, code: Code) -> None:
    before = snapshot(data_dir)
    result = run_cli("add", *args({**GOOD_ADD, **changes}, data_dir))
    assert result.exit_code == 1, result.output
    assert f"{data_dir}/{where}: " in result.stdout, result.stdout
    assert "nothing was changed" in result.stderr
    assert snapshot(data_dir) == before
    names = {"--source": "source_id", "--id": "figure_id"}
    row = {"note": "", "series": ""} | {
        names.get(k, k[2:].replace("-", "_")): v for k, v in {**GOOD_ADD, **changes}.items()
    }
    with pytest.raises(DataError) as refused:
        add_figures(data_dir, str(data_dir), [row])
    assert code in _codes_at(refused.value, where, data_dir)
    assert snapshot(data_dir) == before


@pytest.mark.parametrize(("changes", "where", "code"), SOURCE_CASES)
def test_add_source_rejects(data_dir: Path, tmp_path: Path, changes: dict[str, str], where: str, code: Code) -> None:
    text = tmp_path / "text.txt"
    text.write_text(NEW_TEXT, encoding="utf-8")
    before = snapshot(data_dir)
    result = run_cli("add-source", str(text), *args({**GOOD_SOURCE, **changes}, data_dir))
    assert result.exit_code == 1, result.output
    if changes.get("--title") == "":  # a text file gives no title: the command names what to give
        assert "not given, and not in the file: title; give --title" in result.stderr, result.output
    else:
        assert f"{data_dir}/{where}: " in result.stdout, result.stdout
    assert snapshot(data_dir) == before
    row = {"author": "", "accessed": "", "note": "", "archive_url": ""} | {
        ("source_id" if k == "--id" else k[2:].replace("-", "_")): v for k, v in {**GOOD_SOURCE, **changes}.items()
    }
    with pytest.raises(DataError) as refused:
        add_source(data_dir, str(data_dir), row, text.read_bytes(), str(text))
    assert code in _codes_at(refused.value, where, data_dir)
    assert snapshot(data_dir) == before


def test_add_source_rejects_text_that_is_not_utf8(data_dir: Path, tmp_path: Path) -> None:
    text = tmp_path / "latin1.txt"
    text.write_bytes("Bogot\u00e1\n1,400 soldiers".encode("latin-1"))
    before = snapshot(data_dir)
    result = run_cli("add-source", str(text), *args(GOOD_SOURCE, data_dir))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{text}:1: byte 0xe1 is not UTF-8 text")
    assert snapshot(data_dir) == before


def test_add_source_refuses_to_overwrite_a_text(data_dir: Path, tmp_path: Path) -> None:
    (data_dir / "sources" / "co-2019-04.txt").write_text("other", encoding="utf-8")
    text = tmp_path / "text.txt"
    text.write_text(NEW_TEXT, encoding="utf-8")
    before = snapshot(data_dir)
    result = run_cli("add-source", str(text), *args(GOOD_SOURCE, data_dir))
    assert result.exit_code == 1
    assert f"{data_dir}/sources/co-2019-04.txt: a text file of this name is already there" in result.stdout
    assert snapshot(data_dir) == before


@pytest.mark.parametrize(
    "argv",
    [
        ["add", "--dataset", "defections"],  # missing options
        ["add-source", "no-such-file.txt", "--id", "x", "--title", "t", "--publisher", "p", "--url", "https://e.org",
         "--published", "2019", "--language", "en"],
        ["validate", "--data", "no-such-folder"],
    ],
)  # fmt: skip
def test_usage_errors_exit_2(argv: list[str]) -> None:
    assert run_cli(*argv).exit_code == 2


def test_add_into_an_invalid_package_is_refused(data_dir: Path) -> None:
    path = data_dir / "figures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",people,exact,", ",people,sure,", 1), encoding="utf-8")
    before = snapshot(data_dir)
    result = run_cli("add", *args(GOOD_ADD, data_dir))
    assert result.exit_code == 1
    assert f"{data_dir}/figures.csv:2:qualifier: 'sure' is not one of" in result.stdout
    assert snapshot(data_dir) == before


WRITER_START_S = 60
WRITER = """
import sys
from pathlib import Path
from dashboard.update import add_figure
folder, worker, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
base = dict(dataset="defections", measure="military personnel who defected", value="600", unit="people",
            qualifier="exact", period_start="2019-02-23", period_end="2019-03-01", claimant="Juan Guaido",
            source_id="bi-2019-03", quote="600 military personnel had defected", note="")
for number in range(count):
    add_figure(folder, str(folder), dict(base, figure_id=f"w{worker}-{number}"))
"""


def _writer(data_dir: Path, worker: str, count: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir), worker, str(count)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.mark.slow
def test_four_writers_at_once_all_land(data_dir: Path) -> None:
    writers = [_writer(data_dir, str(worker), 50) for worker in range(4)]
    assert [writer.wait(timeout=300) for writer in writers] == [0, 0, 0, 0]
    ids = [row["figure_id"] for row in read_rows(data_dir / "figures.csv")]
    assert len(ids) == 4 + 200
    assert {f"w{w}-{n}" for w in range(4) for n in range(50)} <= set(ids)
    assert validate(read_package(data_dir)) == []


@pytest.mark.slow
def test_a_writer_killed_mid_write_leaves_a_valid_file(data_dir: Path) -> None:
    figures = data_dir / "figures.csv"
    for attempt in range(5):
        landed = figures.stat().st_mtime_ns
        writer = _writer(data_dir, f"k{attempt}", 1000)
        deadline = time.monotonic() + WRITER_START_S  # the writer's imports take about a second, more on a busy machine
        while figures.stat().st_mtime_ns == landed and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.05 * attempt)  # then killed at a different point of its writes each time
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        lock = data_dir / "figures.csv.lock"
        assert validate(read_package(data_dir)) == [], f"attempt {attempt}"
        if lock.exists():
            lock.unlink()  # filelock's lock is released by the kernel with the process; the file may stay
    assert len(read_rows(data_dir / "figures.csv")) > 4


ARTICLE_FIGURE = {"dataset": "defections", "measure": "members of the armed forces who crossed into Colombia",
                  "value": "1400", "unit": "people", "qualifier": "over", "period_start": "2019-02-23",
                  "period_end": "2019-04-02", "claimant": "Migracion Colombia", "source_id": "co-2019-04",
                  "quote": "more than 1,400 members of Venezuela's armed forces", "note": "", "series": ""}  # fmt: skip
ARTICLE_SOURCE = {"source_id": "co-2019-04", "title": "Migration update", "publisher": "Migracion Colombia",
                  "author": "", "url": "https://example.org/update", "published": "2019-04-02", "accessed": "",
                  "note": "", "language": "en", "archive_url": ""}  # fmt: skip


def test_an_article_adds_its_source_and_figures_together(data_dir: Path) -> None:
    from dashboard.update import add_article

    target, ids = add_article(data_dir, str(data_dir), ARTICLE_SOURCE, NEW_TEXT.encode(), "article.txt",
                              [ARTICLE_FIGURE, {**ARTICLE_FIGURE, "figure_id": "co-23", "value": "23",
                                                "qualifier": "exact", "quote": "23 were officers",
                                                "measure": "officers who crossed into Colombia"}])  # fmt: skip
    assert target.read_bytes() == NEW_TEXT.encode() and ids == ["co-2019-04-1400", "co-23"]
    assert validate(read_package(data_dir)) == []
    assert {row["figure_id"] for row in read_rows(data_dir / "figures.csv")} >= set(ids)


def test_an_article_with_one_wrong_figure_adds_nothing(data_dir: Path) -> None:
    from dashboard.update import add_article

    before = snapshot(data_dir)
    wrong = {**ARTICLE_FIGURE, "value": "1500"}  # the quote says 1,400
    with pytest.raises(DataError) as refused:
        add_article(data_dir, str(data_dir), ARTICLE_SOURCE, NEW_TEXT.encode(), "article.txt", [wrong])
    assert Code.VALUE_NOT_IN_QUOTE in {found.code for found in refused.value.problems}
    assert snapshot(data_dir) == before  # not the source either
