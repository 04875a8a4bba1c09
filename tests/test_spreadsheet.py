"""Files as spreadsheets save them still load: BOM, CRLF, blank lines at the end, quoted cells, any column order."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from dashboard.loader import read_package
from dashboard.tables import tidy
from dashboard.validation import validate
from tests.conftest import read_rows, write_rows


def assert_valid(data_dir: Path) -> None:
    package = read_package(data_dir)
    assert validate(package) == []


def test_bom_crlf_and_trailing_blank_lines(data_dir: Path) -> None:
    for name in ("figures.csv", "sources.csv"):
        path = data_dir / name
        text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8") + b"\r\n\r\n,,,\r\n")
    assert_valid(data_dir)
    assert next(iter(read_package(data_dir).tables["figures"].frame.columns)) == "figure_id"


def test_columns_in_another_order_and_extra_columns_kept(data_dir: Path) -> None:
    rows = read_rows(data_dir / "figures.csv")
    for row in rows:
        row["checked_by"] = "desk"
    header = list(reversed(list(rows[0])))
    write_rows(data_dir / "figures.csv", rows, header)
    assert_valid(data_dir)
    frame = read_package(data_dir).tables["figures"].frame
    assert frame["checked_by"].tolist() == ["desk"] * 4
    assert tidy(read_package(data_dir)).figures["figure_id"].tolist() == [r["figure_id"] for r in rows]


def test_quoted_cells_with_commas_and_line_breaks(data_dir: Path) -> None:
    rows = read_rows(data_dir / "figures.csv")
    rows[0]["note"] = 'First line, with a comma\nsecond line "quoted"\nthird line'
    write_rows(data_dir / "figures.csv", rows)
    assert_valid(data_dir)
    assert read_package(data_dir).tables["figures"].frame["note"].iat[0] == rows[0]["note"]


def test_lines_count_physical_lines_after_a_multiline_cell(
    data_dir: Path, edit: Callable[..., None], validate_dir: Callable[[], Result]
) -> None:
    edit("figures", 0, note="one\ntwo\nthree")
    edit("figures", 2, qualifier="roughly")
    result = validate_dir()
    assert result.stdout.startswith(f"{data_dir}/figures.csv:6:qualifier: 'roughly' is not one of")


def test_blank_line_in_the_middle(
    data_dir: Path, edit: Callable[..., None], validate_dir: Callable[[], Result]
) -> None:
    path = data_dir / "figures.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines[:2], "\n", *lines[2:]]), encoding="utf-8")
    assert_valid(data_dir)
    edit("figures", 1, unit="x")  # rewrites without the blank line
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines[:2], "\n", *lines[2:]]), encoding="utf-8")
    assert validate_dir().stdout.startswith(f"{data_dir}/figures.csv:4:unit:")


def test_typographic_quote_matches_plain_source(data_dir: Path, edit: Callable[..., None]) -> None:
    quote = "Since 2014, some 4,300 members of the country\u2019s national guard \u2014  all non-commissioned"
    edit("figures", 1, quote=quote)
    assert_valid(data_dir)


def test_excel_style_quoting_everywhere(data_dir: Path) -> None:
    rows = read_rows(data_dir / "figures.csv")
    with (data_dir / "figures.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    assert_valid(data_dir)
