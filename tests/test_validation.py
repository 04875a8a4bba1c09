"""One failing fixture per validation rule, each asserting its line, column and message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from dashboard.loader import read_package
from dashboard.problems import Code
from dashboard.validation import validate
from tests.conftest import read_rows, write_rows

Edit = Callable[..., None]
Validate = Callable[[], Result]


def problems(result: Result) -> list[str]:
    assert result.exit_code == 1, result.output
    return [line for line in result.stdout.splitlines() if line]


def only_problem(result: Result) -> str:
    lines = problems(result)
    assert len(lines) == 1, lines
    return lines[0]


def where(data_dir: Path, file: str, line: int, column: str) -> str:
    return f"{data_dir}/{file}:{line}:{column}: "


# (table, row index, column, bad value, expected line, expected message fragment, expected code)
CELL_RULES = [
    ("figures", 0, "claimant", "", 2, "claimant is required; fill it in", Code.REQUIRED),
    (
        "figures",
        1,
        "figure_id",
        "BI 2019",
        3,
        "'BI 2019' is not allowed here: Identifier: lowercase letters",
        Code.PATTERN,
    ),
    ("figures", 0, "dataset", "Defections!", 2, "'Defections!' is not allowed here", Code.PATTERN),
    ("figures", 0, "unit", "soldiers", 2, "'soldiers' is not one of people, percent", Code.ENUM),
    ("figures", 2, "qualifier", "approximately", 4, "'approximately' is not one of exact, about, over", Code.ENUM),
    ("figures", 1, "value", "4,300", 3, "'4,300' is not a plain number; write digits only, like 4300", Code.TYPE),
    ("figures", 1, "value", "about 4300", 3, "is not a plain number", Code.TYPE),
    ("figures", 0, "value", "-600", 2, "value must be at least 0", Code.MINIMUM),
    (
        "figures",
        0,
        "period_end",
        "2019/03/01",
        2,
        "'2019/03/01' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD",
        Code.DATE,
    ),
    ("figures", 0, "period_start", "2019-02-30", 2, "'2019-02-30' has day 30; that month has 28 days", Code.DATE),
    ("figures", 3, "period_end", "2019-13", 5, "'2019-13' has month 13; months run 01 to 12", Code.DATE),
    ("figures", 0, "period_end", "", 2, "period_end is required", Code.REQUIRED),
    (
        "figures",
        0,
        "period_start",
        "2019-03-02",
        2,
        "period_start 2019-03-02 comes after period_end 2019-03-01",
        Code.PERIOD_ORDER,
    ),
    (
        "figures",
        0,
        "source_id",
        "ap-2019",
        2,
        "source 'ap-2019' is not in sources.csv; add the source first",
        Code.FOREIGN_KEY,
    ),
    (
        "figures",
        0,
        "quote",
        "600 soldiers had defected",
        2,
        "the quote is not in the text of source 'bi-2019-03'",
        Code.QUOTE_NOT_IN_SOURCE,
    ),
    (
        "figures",
        0,
        "value",
        "700",
        2,
        "the quote does not state 700; the value must be the number the quote gives",
        Code.VALUE_NOT_IN_QUOTE,
    ),
    (
        "figures",
        2,
        "unit",
        "people",
        4,
        "the quote gives 6 as a percentage; set unit to percent",
        Code.UNIT_NOT_IN_QUOTE,
    ),
    (
        "sources",
        0,
        "url",
        "ftp://example.org/a",
        2,
        "'ftp://example.org/a' is not allowed here: The source's address",
        Code.PATTERN,
    ),
    (
        "sources",
        0,
        "url",
        "javascript:alert(1)",
        2,
        "is not allowed here: The source's address: http or https only",
        Code.PATTERN,
    ),
    ("sources", 0, "published", "March 2019", 2, "'March 2019' is not a date", Code.DATE),
    ("sources", 0, "accessed", "2019-02-29", 2, "that month has 28 days", Code.DATE),
    ("sources", 0, "title", "  ", 2, "title is required", Code.REQUIRED),
    ("sources", 0, "language", "xx-nowhere", 2, "is not a language CLDR knows", Code.LANGUAGE),
    ("sources", 0, "language", "", 2, "language is required", Code.REQUIRED),
]


@pytest.mark.parametrize(("table", "row", "column", "value", "line", "message", "code"), CELL_RULES)
def test_cell_rule(
    data_dir: Path,
    edit: Edit,
    validate_dir: Validate,
    table: str,
    row: int,
    column: str,
    value: str,
    line: int,
    message: str,
    code: Code,
) -> None:
    edit(table, row, **{column: value})
    problem = only_problem(validate_dir()) if table == "figures" else problems(validate_dir())[0]
    assert problem.startswith(where(data_dir, f"{table}.csv", line, column)), problem
    assert message in problem
    found = {p.where: p for p in validate(read_package(data_dir))}
    assert found[code, f"{data_dir}/{table}.csv", line, column].value == value


def test_numbers_are_read_in_their_source_language(data_dir: Path, edit: Edit) -> None:
    """Read as Spanish, the English article's '3 million' is 3 ("million" is no Spanish word): that figure is
    refused. Its 4,300 still reads 4300 as a count, which is never a fraction (see dashboard.numerals)."""
    edit("sources", 0, language="es")
    found = [(p.code, p.line, p.column) for p in validate(read_package(data_dir))]
    values = {row["value"]: line for line, row in enumerate(read_rows(data_dir / "figures.csv"), start=2)}
    assert found == [(Code.VALUE_NOT_IN_QUOTE, values["3000000"], "value")]


def test_percent_at_most_100(data_dir: Path, edit: Edit, validate_dir: Validate) -> None:
    with (data_dir / "sources" / "bi-2019-03.txt").open("a", encoding="utf-8") as text:
        text.write("\nDesertions rose 150% in a year.\n")
    edit("figures", 2, value="150", quote="Desertions rose 150% in a year.")
    problem = only_problem(validate_dir())
    assert problem == f"{data_dir}/figures.csv:4:value: a percentage must be at most 100"


def test_unique_figure_id(data_dir: Path, edit: Edit, validate_dir: Validate) -> None:
    edit("figures", 3, figure_id="bi-2019-600")
    problem = only_problem(validate_dir())
    assert problem == (
        f"{data_dir}/figures.csv:5:figure_id: figure_id 'bi-2019-600' is already used on line 2; ids must be unique"
    )


def test_missing_source_text(data_dir: Path, validate_dir: Validate) -> None:
    (data_dir / "sources" / "bi-2019-03.txt").unlink()
    problem = only_problem(validate_dir())
    assert problem.startswith(where(data_dir, "sources.csv", 2, "source_id"))
    assert f"there is no text file {data_dir}/sources/bi-2019-03.txt" in problem


def test_source_text_not_utf8(data_dir: Path, validate_dir: Validate) -> None:
    text = data_dir / "sources" / "bi-2019-03.txt"
    text.write_bytes(text.read_bytes().replace("—".encode(), b"\x97"))
    problem = only_problem(validate_dir())
    assert problem.startswith(where(data_dir, "sources.csv", 2, "source_id"))
    assert "byte 0x97 is not UTF-8 text" in problem
    assert "sources/bi-2019-03.txt:2:" in problem


def test_figures_not_utf8(data_dir: Path, validate_dir: Validate) -> None:
    path = data_dir / "figures.csv"
    path.write_bytes(path.read_bytes().replace("—".encode(), b"\x97"))
    problem = only_problem(validate_dir())
    assert problem.startswith(f"{data_dir}/figures.csv:3: byte 0x97 is not UTF-8 text; save the file as UTF-8")


def test_missing_column(data_dir: Path, validate_dir: Validate) -> None:
    rows = read_rows(data_dir / "figures.csv")
    for row in rows:
        del row["claimant"]
    write_rows(data_dir / "figures.csv", rows)
    problem = only_problem(validate_dir())
    assert problem == f"{data_dir}/figures.csv:claimant: column 'claimant' is missing; add it"


def test_duplicate_column(data_dir: Path, validate_dir: Validate) -> None:
    path = data_dir / "figures.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = lines[0].rstrip("\n") + ",quote\n"
    path.write_text("".join(lines), encoding="utf-8")
    problem = only_problem(validate_dir())
    assert problem == (
        f"{data_dir}/figures.csv:1:quote: column 'quote' appears twice (columns 11 and 14); rename or delete one"
    )


def test_short_record(data_dir: Path, validate_dir: Validate) -> None:
    path = data_dir / "figures.csv"
    path.write_text(path.read_text(encoding="utf-8") + "bi-x,emigration,3\n", encoding="utf-8")
    problem = only_problem(validate_dir())
    assert problem == (
        f"{data_dir}/figures.csv:6: this record has 3 fields but the header has 13; "
        "look for a missing or extra comma, or a quote that is not closed"
    )


def test_long_record(data_dir: Path, validate_dir: Validate) -> None:
    path = data_dir / "figures.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].rstrip("\n") + ",extra\n"
    path.write_text("".join(lines), encoding="utf-8")
    problem = only_problem(validate_dir())
    assert problem.startswith(f"{data_dir}/figures.csv:3: this record has 14 fields but the header has 13")


def test_missing_descriptor(data_dir: Path, validate_dir: Validate) -> None:
    (data_dir / "datapackage.json").unlink()
    problem = only_problem(validate_dir())
    assert problem == f"{data_dir}/datapackage.json: the package descriptor not found; create it or check --data"


def test_descriptor_not_json(data_dir: Path, validate_dir: Validate) -> None:
    (data_dir / "datapackage.json").write_text('{\n  "name": "x",\n  oops\n}', encoding="utf-8")
    problem = only_problem(validate_dir())
    assert problem.startswith(f"{data_dir}/datapackage.json:3: not valid JSON")


def test_descriptor_path_outside_the_folder(data_dir: Path, validate_dir: Validate) -> None:
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][1]["path"] = "../figures.csv"
    (data_dir / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    lines = problems(validate_dir())
    assert lines[0] == (
        f"{data_dir}/datapackage.json: resources[1].path: '../figures.csv' is not inside the package folder; "
        "write a relative path such as figures.csv"
    )


def test_every_problem_is_reported_not_the_first(data_dir: Path, edit: Edit, validate_dir: Validate) -> None:
    edit("figures", 0, unit="soldiers", qualifier="roughly")
    edit("figures", 3, value="3,000,000")
    edit("sources", 0, url="not a url")
    lines = problems(validate_dir())
    assert [line.split(": ")[0] for line in lines] == [
        f"{data_dir}/figures.csv:2:qualifier",
        f"{data_dir}/figures.csv:2:unit",
        f"{data_dir}/figures.csv:5:value",
        f"{data_dir}/sources.csv:2:url",
    ]


def test_validate_writes_nothing(data_dir: Path, edit: Edit, validate_dir: Validate) -> None:
    edit("figures", 0, value="x")
    before = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    validate_dir()
    after = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    assert before == after


def test_every_problem_code_has_a_message() -> None:
    from dashboard.problems import TEMPLATES

    assert set(TEMPLATES) == set(Code)
