"""Many sources, one story (the fictional package of tests/story.py): series of readings, repeated reports drawn
once, disagreeing claims side by side, rates between successive readings, and the cards a reader sees first."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import charts
from dashboard.claims import disagreements, latest_claims
from dashboard.loader import read_package
from dashboard.package import FIGURE_COLUMNS
from dashboard.problems import Code
from dashboard.store import PackageStore
from dashboard.tables import Tidy
from dashboard.validation import validate
from tests.conftest import read_rows, run_cli, write_rows
from tests.story import REGISTRY, make_story


@pytest.fixture
def story(tmp_path: Path) -> Path:
    return make_story(tmp_path / "story")


@pytest.fixture
def tables(story: Path) -> Tidy:
    snapshot = PackageStore(story).current()
    assert snapshot.problems == [], snapshot.problems
    assert snapshot.tables is not None
    return snapshot.tables


def test_repeated_reports_are_one_claim(tables: Tidy) -> None:
    claims = tables.claims.set_index("claim_id")
    assert claims.loc["r-567", "figure_ids"] == ("r-567", "r-567-es")
    assert claims.loc["r-567", "sources"] == 2
    assert claims.loc["r-326", "source_ids"] == ("ledger-0227", "valle-0227")
    assert claims.loc["r-1400", "source_ids"] == ("ledger-0510", "valle-0511")  # 1,400 and 1.400: one claim
    assert len(tables.claims) == len(tables.figures) - 3


def test_a_series_reads_in_date_order_with_its_changes(tables: Tidy) -> None:
    registry = tables.claims[tables.claims["series"] == "registry"]
    assert registry["claim_id"].tolist() == ["r-60", "r-100", "r-326", "r-411", "r-567", "r-1000", "r-1400"]
    claims = tables.claims.set_index("claim_id")
    assert claims.loc["r-567", "previous_id"] == "r-411" and claims.loc["r-567", "change"] == 156
    assert bool(claims.loc["a-690k", "below_previous"])  # the revised baseline is lower, and flagged
    assert not claims["below_previous"].drop("a-690k").any()


def test_the_cards_show_the_latest_reading_of_each_series_and_each_lone_claim(tables: Tidy) -> None:
    assert latest_claims(tables.claims)["claim_id"].tolist() == [
        "r-1400", "quill-600", "memo-4300", "a-3-93m", "reed-3m"
    ]  # fmt: skip


def test_disagreeing_claims_meet_at_their_nearest_reading(tables: Tidy) -> None:
    assert disagreements(tables.claims, "defections") == [["r-567", "quill-600"]]
    assert disagreements(tables.claims, "emigration") == []


def test_rates_between_successive_readings(tables: Tidy) -> None:
    rates = tables.rates.set_index("figure_id")
    assert rates.loc["r-567", "rate"] == pytest.approx((567 - 411) / 1)
    assert rates.loc["r-411", "rate"] == pytest.approx((411 - 326) / 1)
    assert rates.loc["r-326", "rate_inputs"] == ("r-100", "r-326")
    assert rates.loc["quill-600", "rate"] == pytest.approx(600 / 7)  # a lone claim keeps its whole span
    assert "memo-4300" in rates.index


def test_a_series_keeps_one_dataset_unit_and_start(story: Path) -> None:
    rows = read_rows(story / "figures.csv")
    rows[2]["period_start"] = "2019-02-22"
    rows[3]["dataset"] = "emigration"
    write_rows(story / "figures.csv", rows)
    found = [problem.where for problem in validate(read_package(story))]
    assert found == [
        (Code.SERIES, f"{story}/figures.csv", 4, "period_start"),
        (Code.SERIES, f"{story}/figures.csv", 5, "dataset"),
    ]


def test_each_series_is_one_trace_in_date_order(tables: Tidy) -> None:
    built = {chart.name: chart.build(tables) for chart in charts.available(tables)}
    lines = [trace for trace in built["defections-over-time"].plot.data if trace.meta == "series:registry"]
    assert len(lines) == 2  # the focus panel (the readings of its days) and the whole-period panel (every one)
    order = ["r-60", "r-100", "r-326", "r-411", "r-567", "r-1000", "r-1400"]
    focus, whole = ([entry[0] for entry in trace.customdata] for trace in lines)
    assert whole == order and focus == order[: len(focus)] and len(focus) >= 5
    stocks = [trace for trace in built["emigration"].plot.data if trace.meta == "series:agency-stock"]
    assert len(stocks) == 1
    assert list(stocks[0].y) == [695000, 690000, 3000000, 3400000, 3929560]


def _review(story: Path, tmp_path: Path, source: str) -> Path:
    out = tmp_path / f"{source}.csv"
    result = run_cli("extract", "--source", source, "--data", str(story), "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_a_review_file_round_trip(story: Path, tmp_path: Path) -> None:
    out = _review(story, tmp_path, "wire-0318")
    rows = read_rows(out)
    assert list(rows[0]) == [*FIGURE_COLUMNS, "keep"]
    [thousand] = [row for row in rows if row["value"] == "1000"]
    assert thousand["qualifier"] == "about" and thousand["source_id"] == "wire-0318"
    assert thousand["dataset"] == "defections" and thousand["series"] == "registry"  # its claimant's series
    thousand.update(keep="Yes", period_start="2019-02-23", period_end="2019-03", figure_id="r-1000-again",
                    claimant=REGISTRY, measure="security force members who crossed")  # fmt: skip
    write_rows(out, rows)
    before = len(read_rows(story / "figures.csv"))
    result = run_cli("add", "--from", str(out), "--data", str(story))
    assert result.exit_code == 0, result.output
    assert result.stdout == "r-1000-again\n"
    assert len(read_rows(story / "figures.csv")) == before + 1
    assert validate(read_package(story)) == []


def test_a_review_file_is_all_or_nothing(story: Path, tmp_path: Path) -> None:
    out = _review(story, tmp_path, "ledger-0301")
    rows = read_rows(out)
    for row in rows:
        row.update(keep="x", period_start="2019-02-23", period_end="2019-02-28", series="", claimant="someone")
    rows[1]["unit"] = "soldiers"
    write_rows(out, rows)
    before = {path.name: path.read_bytes() for path in story.iterdir() if path.is_file() and path.suffix != ".lock"}
    result = run_cli("add", "--from", str(out), "--data", str(story))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{out}:3:unit: 'soldiers' is not one of people, percent")
    assert {
        path.name: path.read_bytes() for path in story.iterdir() if path.is_file() and path.suffix != ".lock"
    } == before


def test_add_sets_the_series(story: Path) -> None:
    result = run_cli("add", "--dataset", "defections", "--measure", "security force members who crossed",
                     "--value", "567", "--unit", "people", "--qualifier", "exact", "--period-start", "2019-02-23",
                     "--period-end", "2019-02-28", "--claimant", REGISTRY, "--source", "ledger-0301",
                     "--quote", "567 security force members had crossed by February 28", "--series", "registry",
                     "--id", "r-567-again", "--data", str(story))  # fmt: skip
    assert result.exit_code == 0, result.output
    tables = PackageStore(story).current().tables
    assert tables is not None
    assert tables.claim_of["r-567-again"]["claim_id"] == "r-567"  # a third report of the same claim


ADDER = """
import sys
from pathlib import Path
from dashboard.review import kept_rows
from dashboard.update import add_figures
folder, review = Path(sys.argv[1]), Path(sys.argv[2])
rows, origins, problems = kept_rows(review, str(review))
assert not problems, problems
for round_ in range(int(sys.argv[3])):
    add_figures(folder, str(folder), [dict(row, figure_id=f"{row['figure_id']}-{round_}") for row in rows], origins)
"""


@pytest.mark.slow
def test_concurrent_bulk_adds_lose_nothing(story: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    reviews = []
    for worker in range(3):
        out = _review(story, tmp_path, "ledger-0510")
        rows = [dict(row, keep="yes", figure_id=f"w{worker}-{n}", period_start="2019-02-23", period_end="2019-05",
                     measure="security force members who crossed")
                for n, row in enumerate(read_rows(out)) if row["value"] == "1400"]  # fmt: skip
        write_rows(out.with_name(f"w{worker}.csv"), rows)
        reviews.append(out.with_name(f"w{worker}.csv"))
    writers = [
        subprocess.Popen([sys.executable, "-c", ADDER, str(story), str(review), "10"], cwd=root,
                         env={**os.environ, "PYTHONPATH": str(root)})
        for review in reviews
    ]  # fmt: skip
    assert [writer.wait(timeout=300) for writer in writers] == [0, 0, 0]
    ids = {row["figure_id"] for row in read_rows(story / "figures.csv")}
    assert {f"w{w}-0-{r}" for w in range(3) for r in range(10)} <= ids
    assert validate(read_package(story)) == []
