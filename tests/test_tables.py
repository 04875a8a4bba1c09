"""The loader's tidy tables, asserted against the article's own words."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.datasets import present
from dashboard.derivations import defection_rate, force_formula
from dashboard.downloads import tidy_frames
from dashboard.loader import load_package
from dashboard.paths import SHIPPED_DATA
from dashboard.problems import DataError
from dashboard.tables import Tidy, tidy
from tests.conftest import read_rows, write_rows

ARTICLE = SHIPPED_DATA / "sources" / "bi-2019-03.txt"
ARTICLE_SHA256 = "d56d24acb2c834ac2abcb8c2ae36c4413a85cb89f045dde861d10da453154018"


@pytest.fixture(scope="module")
def tables() -> Tidy:
    return tidy(load_package(SHIPPED_DATA))


def test_article_text_is_kept_byte_for_byte() -> None:
    import hashlib

    assert hashlib.sha256(ARTICLE.read_bytes()).hexdigest() == ARTICLE_SHA256  # the seed article's own hash


def test_every_quote_is_in_the_article_verbatim(tables: Tidy) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    for quote in tables.figures["quote"]:
        assert quote in text


def test_defections(tables: Tidy) -> None:
    d = tables.defections.set_index("figure_id")
    # "600 military personnel had defected in the week since ..." claimed by Guaido on Friday 1 March 2019
    week = d.loc["bi-2019-600"]
    assert (week["count"], week["qualifier"], week["claimant"]) == (600, "exact", "Juan Guaido")
    assert (week["first_day"], week["last_day"]) == (pd.Timestamp("2019-02-23"), pd.Timestamp("2019-03-01"))
    assert week["rate"] == pytest.approx(600 / 7)
    assert week["rate_low"] == week["rate_high"] == pytest.approx(85.714, abs=1e-3)
    rows = {row.figure_id: row for row in tables.defections.itertuples(index=False)}
    assert "600 ÷ 7 days" in defection_rate(rows["bi-2019-600"])
    assert week["rate_inputs"] == ("bi-2019-600",)
    # "Since 2014, some 4,300 members of the country's national guard ... have deserted", document of December
    guard = d.loc["bi-2019-4300"]
    assert (guard["count"], guard["qualifier"]) == (4300, "about")
    assert (guard["first_day"], guard["last_day"]) == (pd.Timestamp("2014-01-01"), pd.Timestamp("2018-12-31"))
    assert guard["rate_low"] == pytest.approx(4300 / 1826)  # about 2.35 a day over the longest span
    assert guard["rate_high"] == pytest.approx(4300 / 1432)  # about 3.0 a day over the shortest
    assert guard["rate_low"] < guard["rate"] < guard["rate_high"]
    assert "commander" in guard["claimant"]


def test_guard_share_is_tied_to_the_count_in_its_sentence(tables: Tidy) -> None:
    share = tables.guard_share.set_index("figure_id").loc["bi-2019-6pct"]
    assert (share["share"], share["share_low"], share["share_high"]) == (6, 5.5, 6.5)
    assert share["count_figure_id"] == "bi-2019-4300"
    assert share["force"] == pytest.approx(71_667, abs=1)  # 4,300 ÷ 6%
    assert share["force_low"] == pytest.approx(4250 / 0.065)
    assert share["force_high"] == pytest.approx(4350 / 0.055)
    assert share["force_inputs"] == ("bi-2019-4300", "bi-2019-6pct")
    [row] = [row for row in tables.guard_share.itertuples(index=False) if row.figure_id == "bi-2019-6pct"]
    assert "4,300 ÷ 6% ≈ 71,667" in force_formula(row)


def test_emigration(tables: Tidy) -> None:
    row = tables.emigration.set_index("figure_id").loc["bi-2019-3m"]
    # "the over 3 million Venezuelans who have fled the country", as of the article's March 2019
    assert (row["count"], row["qualifier"], row["as_of"]) == (3_000_000, "over", "2019-03")
    assert (row["low"], row["high"]) == (3_000_000, 4_000_000)
    assert row["claimant"] == "Geoff Ramsey, Washington Office on Latin America"
    assert row["period_start"] == ""


def test_rows_keep_provenance(tables: Tidy) -> None:
    for table in (tables.defections, tables.guard_share, tables.emigration):
        assert {"figure_id", "source_id", "quote", "claimant"} <= set(table.columns)
        assert (table["source_id"] == "bi-2019-03").all()


def test_no_count_of_interviewed_guardsmen(tables: Tidy) -> None:
    assert not (tables.figures["value"] == 9).any()


def test_unknown_dataset_goes_to_other(data_dir: Path) -> None:
    rows = read_rows(data_dir / "figures.csv")
    rows.append(dict(rows[0], figure_id="bi-2019-600-all", dataset="military_defections"))
    write_rows(data_dir / "figures.csv", rows)
    tables = tidy(load_package(data_dir))
    other = tidy_frames(tables)["other"]  # the bundle's other.csv
    assert other["figure_id"].tolist() == ["bi-2019-600-all"]
    assert other["value_high"].tolist() == [600]
    assert "military_defections" in tables.datasets()
    assert [spec.id for spec in present(tables)][-1] == "military_defections"  # charted after the known ones


def test_share_without_a_count_in_its_sentence(data_dir: Path) -> None:
    rows = read_rows(data_dir / "figures.csv")
    rows = [row for row in rows if row["figure_id"] != "bi-2019-4300"]
    write_rows(data_dir / "figures.csv", rows)
    share = tidy(load_package(data_dir)).guard_share.iloc[0]
    assert share["count_figure_id"] == ""
    assert pd.isna(share["force"])


def test_load_package_raises_with_every_problem(data_dir: Path) -> None:
    rows = read_rows(data_dir / "figures.csv")
    rows[0]["unit"] = "x"
    rows[1]["value"] = "y"
    write_rows(data_dir / "figures.csv", rows)
    with pytest.raises(DataError) as caught:
        load_package(data_dir)
    assert len(caught.value.problems) == 2


def test_frictionless_finds_the_package_valid() -> None:
    from frictionless import validate

    report = validate(str(SHIPPED_DATA / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
