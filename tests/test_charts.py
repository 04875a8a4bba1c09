"""Figure builders as plain functions: marks carry figure ids, figures carry their sources, ranges are right."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import charts
from dashboard.charts import Drawn
from dashboard.loader import load_package
from dashboard.paths import SHIPPED_DATA
from dashboard.store import PackageStore, Snapshot
from dashboard.tables import tidy
from tests.conftest import read_rows, write_rows


@pytest.fixture(scope="module")
def shipped() -> Snapshot:
    return PackageStore(SHIPPED_DATA).current()


def build(snapshot: Snapshot, name: str) -> Drawn:
    assert snapshot.tables is not None
    chart = next(c for c in charts.available(snapshot.tables) if c.name == name)
    return chart.build(snapshot.tables)


def footer(built: Drawn) -> str:
    return " ".join(built.texts.footer)


def test_the_shipped_data_gives_four_charts(shipped: Snapshot) -> None:
    assert shipped.tables is not None
    names = [chart.name for chart in charts.available(shipped.tables)]
    assert names == ["defections-over-time", "defection-rates", "guard-share", "emigration"]


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("defections-over-time", ["bi-2019-600", "bi-2019-4300"]),
        ("defection-rates", ["bi-2019-600", "bi-2019-4300"]),
        ("guard-share", ["bi-2019-6pct"]),
        ("emigration", ["bi-2019-3m"]),
    ],
)
def test_every_mark_carries_its_figure_id_and_the_figure_its_source(
    shipped: Snapshot, name: str, ids: list[str]
) -> None:
    built = build(shipped, name)
    assert charts.figure_ids(built.plot) == ids
    assert footer(built).startswith("Source: Business Insider (March 2019)")
    assert built.texts.title and built.texts.subtitle
    assert not built.plot.layout.title.text  # the plot carries none of its texts; an image lays them in:
    assert all(a.name not in ("footer", "remark") for a in built.plot.layout.annotations)
    image, _height = charts.framed(built, charts.WIDTH)
    assert image.layout.title.text and image.layout.title.subtitle.text
    image_footer = next(a.text for a in image.layout.annotations if a.name == "footer")
    assert str(image_footer).replace("<br>", " ").startswith("Source: Business Insider (March 2019)")


def test_rate_chart_shows_rates_with_their_ranges(shipped: Snapshot) -> None:
    built = build(shipped, "defection-rates")
    bar = built.plot.data[0]
    assert list(bar.x) == pytest.approx([600 / 7, 4300 / 1629])
    assert list(bar.x - bar.error_x.arrayminus) == pytest.approx([600 / 7, 4300 / 1826])
    assert list(bar.x + bar.error_x.array) == pytest.approx([600 / 7, 4300 / 1432])
    assert bar.text == ("≈86 a day", "≈2.6 a day")
    notes = footer(built)
    assert "Not strictly comparable: military personnel who defected, according to Juan Guaido against" in notes
    assert "national guard members who deserted, according to a document signed by the national guard's" in notes
    assert "What is new about this latest wave is the rate of defections." in " ".join(built.texts.remarks)
    assert shipped.tables is not None
    [quote] = shipped.tables.remarks["quote"]
    assert quote in (SHIPPED_DATA / "sources" / "bi-2019-03.txt").read_text(encoding="utf-8")


def test_guard_share_shows_the_derivation(shipped: Snapshot) -> None:
    built = build(shipped, "guard-share")
    assert "implied force ≈71,700 (65,400 to 79,100)" in built.texts.subtitle
    assert "Derivation (bi-2019-4300, bi-2019-6pct): force = count ÷ share = 4,300 ÷ 6% ≈ 71,667" in footer(built)
    assert built.plot.data[0].x[0] == 6 and built.plot.data[1].x[0] == 94


def test_a_lone_over_figure_is_a_marked_lower_bound(shipped: Snapshot) -> None:
    built = build(shipped, "emigration")
    trace = built.plot.data[0]
    assert trace.mode == "markers"
    assert list(trace.marker.symbol) == ["triangle-up"]
    assert trace.error_y.array[0] == 1_000_000  # over 3 million: up to 4 million
    assert "lower bound" in footer(built)


def test_several_emigration_figures_draw_a_line(data_dir: Path) -> None:
    text = data_dir / "sources" / "bi-2019-03.txt"
    with text.open("a", encoding="utf-8") as handle:
        handle.write("\nBy June, some 4 million Venezuelans had left.\n")
    rows = read_rows(data_dir / "figures.csv")
    rows.append(
        dict(rows[3], figure_id="later", value="4000000", qualifier="about", period_end="2019-06",
             quote="some 4 million Venezuelans had left", series="ramsey")
    )  # fmt: skip
    rows[3]["series"] = "ramsey"  # successive readings of one quantity by one claimant draw one line
    write_rows(data_dir / "figures.csv", rows)
    snapshot = PackageStore(data_dir).current()
    built = build(snapshot, "emigration")
    assert built.plot.data[0].mode == "lines+markers"
    assert charts.figure_ids(built.plot) == ["bi-2019-3m", "later"]


def test_unknown_dataset_gets_a_generic_chart(data_dir: Path) -> None:
    rows = read_rows(data_dir / "figures.csv")
    rows.append(dict(rows[0], figure_id="all-600", dataset="military_defections"))
    write_rows(data_dir / "figures.csv", rows)
    snapshot = PackageStore(data_dir).current()
    assert snapshot.tables is not None
    chart = charts.available(snapshot.tables)[-1]
    assert (chart.name, chart.title) == ("military-defections-over-time", "Military defections")
    built = chart.build(snapshot.tables)
    assert charts.figure_ids(built.plot) == ["all-600"]
    assert "Source: Business Insider (March 2019)" in footer(built)
    assert built.plot.data[0].customdata[0][2] == "Juan Guaido"
    assert chart.rows(snapshot.tables)["figure_id"].tolist() == ["all-600"]


def test_text_from_data_is_escaped_in_chart_text(data_dir: Path) -> None:
    rows = read_rows(data_dir / "figures.csv")
    rows[0]["claimant"] = '<a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)>'
    write_rows(data_dir / "figures.csv", rows)
    snapshot = Snapshot(tidy(load_package(data_dir)), [], {})
    built = build(snapshot, "defection-rates")
    assert built.plot.data[0].customdata[0][2] == (
        '&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;&lt;img src=x onerror=alert(1)&gt;'
    )
    image, _height = charts.framed(built, charts.WIDTH)  # the page shows the texts as text; an image escapes them
    image_footer = str(next(a.text for a in image.layout.annotations if a.name == "footer"))
    assert "<a href" not in image_footer and "&lt;a href" in image_footer


def test_describe_reads_the_data(shipped: Snapshot) -> None:
    assert shipped.tables is not None
    chart = next(c for c in charts.available(shipped.tables) if c.name == "defection-rates")
    text = chart.describe(shipped.tables)
    assert text.startswith("Rate of defections per day. 2 figures: 600 military personnel who defected")
    assert "1 March 2019: about 86 a day, according to Juan Guaido" in text
    assert "about 2.6 a day (from 2.4 to 3)" in text
