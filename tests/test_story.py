"""Many sources, one story (the fictional package of tests/story.py): series of readings, repeated reports drawn
once, disagreeing claims side by side, rates between successive readings, and the cards a reader sees first."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import charts
from dashboard.claims import disagreements, latest_claims
from dashboard.loader import read_package
from dashboard.problems import Code
from dashboard.store import PackageStore
from dashboard.tables import Tidy
from dashboard.validation import validate
from tests.conftest import read_rows, write_rows
from tests.story import make_story


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
    assert len(tables.claims) == len(tables.figures) - 2


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
    assert rates.loc["r-326", "rate_formula"].startswith("(326 − 100) ÷ 2 days")
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
    lines = [trace for trace in built["defections-over-time"].data if trace.meta == "series:registry"]
    assert len(lines) == 2  # the focus panel (the readings of its days) and the whole-period panel (every one)
    order = ["r-60", "r-100", "r-326", "r-411", "r-567", "r-1000", "r-1400"]
    focus, whole = ([entry[0] for entry in trace.customdata] for trace in lines)
    assert whole == order and focus == order[: len(focus)] and len(focus) >= 5
    stocks = [trace for trace in built["emigration"].data if trace.meta == "series:agency-stock"]
    assert len(stocks) == 1
    assert list(stocks[0].y) == [695000, 690000, 3000000, 3400000, 3929560]
