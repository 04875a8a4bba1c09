"""A fourth dataset, as a user would add one: a module of its own (its chart, its table, its words: the part of this
file above the tests) and one entry in the registry. The page shows its section and chart, and its data downloads
and exports like any other's."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import datasets
from dashboard.app import create_app
from dashboard.charts import framing
from dashboard.datasets import ChartSpec, DatasetSpec
from dashboard.formatting import value_phrase
from dashboard.store import PackageStore
from dashboard.tables import Tidy
from dashboard.views import render_page
from tests.conftest import read_rows, run_cli, write_rows
from tests.test_app import ids_in, texts_in

ASYLUM = "asylum_requests"  # a fictional dataset: requests for asylum, by who counted them
TITLE = "Asylum requests, by who counted them"


def asylum_rows(tables: Tidy) -> pd.DataFrame:
    figures = tables.figures[tables.figures["dataset"] == ASYLUM]
    return figures[["figure_id", "measure", "value", "qualifier", "unit", "claimant"]].rename(
        columns={"measure": "what"}
    )


def asylum_chart(tables: Tidy) -> framing.Drawn:
    """One bar per figure, its claimant beside it."""
    figures = tables.figures[tables.figures["dataset"] == ASYLUM].reset_index(drop=True)
    fig = go.Figure(
        go.Bar(x=figures["value"], y=list(range(len(figures))), orientation="h", width=framing.BAR_WIDTH,
               customdata=framing.hover_data(figures), hovertemplate=framing.hover_template())
    )  # fmt: skip
    framing.label_rows(fig, [framing.wrapped(claimant) for claimant in figures["claimant"]])
    footer = [framing.source_line(tables, figures["figure_id"])]
    return framing.drawn(fig, TITLE, "Each count as its claimant gave it", footer, left=framing.ROW_LEFT,
                         rows=len(figures))  # fmt: skip


def asylum_phrases(rows: pd.DataFrame) -> list[str]:
    return [f"{value_phrase(row.value, row.qualifier, row.unit)}, {row.claimant}" for row in rows.itertuples()]


SPEC = DatasetSpec(
    ASYLUM,
    "Asylum requests",
    (ChartSpec("asylum-requests", TITLE, asylum_chart, asylum_rows, asylum_phrases),),
    lambda tables: tables.figures[tables.figures["dataset"] == ASYLUM],
)


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Path:
    """The registry with the fourth dataset's entry, and a package with one figure of it."""
    monkeypatch.setattr(datasets, "REGISTRY", (*datasets.REGISTRY, SPEC))
    rows = read_rows(data_dir / "figures.csv")
    rows.append(dict(rows[0], figure_id="asylum-600", dataset=ASYLUM, series=""))
    write_rows(data_dir / "figures.csv", rows)
    return data_dir


def test_its_section_and_chart_are_on_the_page(registered: Path) -> None:
    page = render_page(PackageStore(registered), "/")
    ids = ids_in(page)
    assert "section-asylum-requests" in ids and "chart-asylum-requests" in ids
    assert "section-asylum-requests-over-time" not in ids and "chart-asylum-requests-over-time" not in ids
    text = texts_in(page)
    assert "Asylum requests" in text and TITLE in text
    sections = [part.id for part in page if str(getattr(part, "id", "")).startswith("section-")]
    assert sections[-3:] == ["section-emigration", "section-asylum-requests", "section-sources"]  # registry order


def test_its_data_downloads(registered: Path) -> None:
    client = create_app(registered).server.test_client()
    csv = client.get("/download/asylum-requests.csv")
    assert csv.status_code == 200 and b"asylum-600" in csv.data
    bundle = client.get("/download/venezuela-defections-data.zip")
    with zipfile.ZipFile(io.BytesIO(bundle.data)) as archive:
        names = archive.namelist()
        [table] = [name for name in names if name.endswith(f"{ASYLUM}.csv")]
        assert b"asylum-600" in archive.read(table)
        [other] = [name for name in names if name.endswith("other.csv")]
        assert b"asylum-600" not in archive.read(other)


def test_it_exports(registered: Path, tmp_path: Path) -> None:
    listed = run_cli("export", "--data", str(registered), "--list")
    assert "asylum-requests" in listed.stdout.split()
    result = run_cli("export", "--data", str(registered), "--out", str(tmp_path), "--chart", "asylum-requests",
                     "--format", "svg")  # fmt: skip
    assert result.exit_code == 0, result.output
    svg = (tmp_path / "asylum-requests.svg").read_text(encoding="utf-8")
    assert "Asylum requests, by who counted them" in svg and "Business Insider" in svg
