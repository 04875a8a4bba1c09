"""Property-based tests: whatever the files or the text hold, the loader, validation and extract answer with
problems or candidates, never with an exception; and a valid row survives add then load unchanged."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.extract import candidates
from dashboard.loader import load_package, read_package
from dashboard.numerals import find_numbers
from dashboard.paths import SHIPPED_DATA
from dashboard.problems import DataError
from dashboard.update import add_figure
from dashboard.validation import validate
from tests.conftest import FIGURES_HEADER, read_rows, write_rows

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
LINE_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40).filter(
    lambda text: text.strip() != ""
)


@contextmanager
def package_copy() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "data"
        shutil.copytree(SHIPPED_DATA, target)
        yield target


@SETTINGS
@given(data=st.binary(max_size=400), name=st.sampled_from(["figures.csv", "sources.csv", "datapackage.json"]))
def test_arbitrary_bytes_give_problems_not_exceptions(data: bytes, name: str) -> None:
    with package_copy() as folder:
        (folder / name).write_bytes(data)
        problems = validate(read_package(folder))
        assert all(str(problem) for problem in problems)


@SETTINGS
@given(rows=st.lists(st.fixed_dictionaries({column: TEXT for column in FIGURES_HEADER}), max_size=5))
def test_arbitrary_rows_give_problems_not_exceptions(rows: list[dict[str, str]]) -> None:
    with package_copy() as folder:
        write_rows(folder / "figures.csv", rows, FIGURES_HEADER)
        try:
            load_package(folder)
        except DataError as error:
            assert all(problem.path.endswith(("figures.csv", "sources.csv")) for problem in error.problems)


@SETTINGS
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_arbitrary_text_gives_candidates_not_exceptions(text: str) -> None:
    found = candidates(text)
    assert all(candidate.quote.strip() in text for candidate in found)
    assert all(match.text in text for match in find_numbers(text))


@SETTINGS
@given(
    count=st.integers(min_value=1, max_value=10**9),
    qualifier=st.sampled_from(["exact", "about", "over", "at_least", "under", "at_most"]),
    dataset=st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True),
    measure=LINE_TEXT,
    claimant=LINE_TEXT,
    note=TEXT,
)
def test_a_valid_row_survives_add_then_load(
    count: int, qualifier: str, dataset: str, measure: str, claimant: str, note: str
) -> None:
    sentence = f"Officials said {count:,} soldiers crossed the border in March 2019."
    with package_copy() as folder:
        with (folder / "sources" / "bi-2019-03.txt").open("a", encoding="utf-8") as text:
            text.write("\n" + sentence + "\n")
        row = {
            "figure_id": "", "dataset": dataset, "measure": measure, "value": str(count), "unit": "people",
            "qualifier": qualifier, "period_start": "2019-03", "period_end": "2019-03", "claimant": claimant,
            "source_id": "bi-2019-03", "quote": sentence, "note": note, "series": "",
        }  # fmt: skip
        new_id = add_figure(folder, str(folder), row)
        package = load_package(folder)
        stored = package.tables["figures"].frame.iloc[-1].to_dict()
        assert stored == {**row, "figure_id": new_id}
        assert read_rows(folder / "figures.csv")[-1]["figure_id"] == new_id
