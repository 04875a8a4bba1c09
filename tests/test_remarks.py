"""Remarks: sentences on a dataset kept as data in remarks.csv, checked against their source, drawn on the
dataset's charts, in the quote panel and on the source page."""

from __future__ import annotations

import json
from pathlib import Path

from dashboard import charts
from dashboard.charts import Drawn
from dashboard.loader import read_package
from dashboard.pages.panel import quote_panel
from dashboard.paths import SHIPPED_DATA
from dashboard.problems import Code
from dashboard.store import PackageStore
from dashboard.validation import validate
from dashboard.views import render_page
from tests.conftest import read_rows, write_rows
from tests.test_app import ids_in, texts_in

RAMSEY = "What is new about this latest wave is the rate of defections."


def remark_texts(built: Drawn) -> str:
    return " ".join(built.texts.remarks)


def test_the_shipped_remark_is_drawn_on_its_datasets_charts_only() -> None:
    tables = PackageStore(SHIPPED_DATA).current().tables
    assert tables is not None
    drawn = {chart.name: remark_texts(chart.build(tables)) for chart in charts.available(tables)}
    assert RAMSEY in drawn["defections-over-time"] and RAMSEY in drawn["defection-rates"]
    assert "Geoff Ramsey, Washington Office on Latin America" in drawn["defection-rates"]
    assert drawn["guard-share"] == "" and drawn["emigration"] == ""


def test_the_quote_panel_and_the_source_page_show_it() -> None:
    store = PackageStore(SHIPPED_DATA)
    panel = quote_panel(store.current().tables, "bi-2019-600")
    assert RAMSEY in texts_in(panel) and "panel-remark-bi-2019-ramsey-rate" in ids_in(panel)
    assert RAMSEY not in texts_in(quote_panel(store.current().tables, "bi-2019-3m"))
    assert "remark-bi-2019-ramsey-rate" in ids_in(render_page(store, "/sources/bi-2019-03"))


def test_a_remark_must_stand_in_its_source(data_dir: Path) -> None:
    rows = read_rows(data_dir / "remarks.csv")
    rows[0]["quote"] = "What is new is the speed."
    rows.append({**rows[0], "remark_id": "elsewhere", "source_id": "ap-2019", "quote": RAMSEY})
    write_rows(data_dir / "remarks.csv", rows)
    found = [problem.where for problem in validate(read_package(data_dir))]
    assert found == [
        (Code.QUOTE_NOT_IN_SOURCE, f"{data_dir}/remarks.csv", 2, "quote"),
        (Code.FOREIGN_KEY, f"{data_dir}/remarks.csv", 3, "source_id"),
    ]


def test_a_user_adds_a_remark_on_another_dataset_by_editing_the_csv(data_dir: Path) -> None:
    rows = read_rows(data_dir / "remarks.csv")
    quote = "Junior officers and rank-and-file troops, however, have no such interests."
    rows.append({"remark_id": "bi-2019-junior", "dataset": "emigration", "source_id": "bi-2019-03", "quote": quote,
                 "speaker": "Business Insider", "note": ""})  # fmt: skip
    write_rows(data_dir / "remarks.csv", rows)
    tables = PackageStore(data_dir).current().tables
    assert tables is not None
    emigration = next(chart for chart in charts.available(tables) if chart.name == "emigration")
    assert quote in remark_texts(emigration.build(tables))


def test_a_package_without_remarks_is_fine(data_dir: Path) -> None:
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "remarks"]
    (data_dir / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (data_dir / "remarks.csv").unlink()
    snapshot = PackageStore(data_dir).current()
    assert snapshot.problems == [] and snapshot.tables is not None
    assert all(remark_texts(chart.build(snapshot.tables)) == "" for chart in charts.available(snapshot.tables))
