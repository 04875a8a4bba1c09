"""extract on realistic news paragraphs: exact candidate lists, and nothing taken from dates, times or ages."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from dashboard.extract import candidates
from dashboard.paths import SHIPPED_DATA
from tests.conftest import run_cli

PARAGRAPHS = {
    "migration": (
        "Migracion Colombia said on Tuesday that more than 1,400 members of Venezuela's armed forces had crossed "
        "into Colombia since February 23. Of those, 23 were officers. Officials expect up to 2,000 by the end of "
        "March 2019."
    ),
    "agencies": (
        "By Dec. 21, an estimated 3.4 million Venezuelans were living abroad, according to the UN refugee agency "
        "and the International Organization for Migration. Peru hosts roughly 700,000 of them, and at least "
        "1.1 million are in Colombia."
    ),
    "percent": (
        "Nearly 6 percent of the national guard deserted in 2018, a leaked report said. Fewer than 10% of the "
        "deserters were officers, while about 60 percent were conscripts."
    ),
    "words": (
        "Eight soldiers, aged 19 to 25, crossed the bridge at 4:30 a.m. on February 23rd. One million people "
        "signed the petition, and twelve generals have defected since 2017, said Juan Guaido. One of them, a "
        "34-year-old, spoke first."
    ),
}

IOM = "International Organization for Migration"
EXPECTED = {
    "migration": [
        (1400, "people", "over", "members of Venezuela's armed forces", "Migracion Colombia", ""),
        (23, "people", "exact", "", "", ""),
        (2000, "people", "at_most", "", "", "2019-03"),
    ],
    "agencies": [
        (3_400_000, "people", "about", "Venezuelans", f"UN refugee agency and the {IOM}", ""),
        (700_000, "people", "about", "of them", "", ""),
        (1_100_000, "people", "at_least", "", "", ""),
    ],
    "percent": [
        (6, "percent", "under", "of the national guard", "", "2018"),
        (10, "percent", "under", "of the deserters", "", ""),
        (60, "percent", "about", "", "", ""),
    ],
    "words": [
        (8, "people", "exact", "soldiers", "", ""),
        (1_000_000, "people", "exact", "people signed the petition", "Juan Guaido", ""),
        (12, "people", "exact", "generals", "Juan Guaido", ""),
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", list(PARAGRAPHS))
def test_candidates_in_news_paragraphs(name: str) -> None:
    text = PARAGRAPHS[name]
    found = candidates(text)
    assert [(c.value, c.unit, c.qualifier, c.measure, c.claimant, c.period_end) for c in found] == EXPECTED[name]
    for candidate in found:
        assert candidate.quote in text  # a verbatim sentence
        assert candidate.quote[-1] in '.!?"”'


def test_sentences_do_not_break_at_abbreviations() -> None:
    [first, *_] = candidates(PARAGRAPHS["agencies"])
    assert first.quote.startswith("By Dec. 21, an estimated 3.4 million")
    [eight, *_] = candidates(PARAGRAPHS["words"])
    assert eight.quote == "Eight soldiers, aged 19 to 25, crossed the bridge at 4:30 a.m. on February 23rd."


@pytest.mark.parametrize(
    "text",
    [
        "Since 2014, the guard has shrunk.",
        "It happened on February 23.",
        "It happened on February 23rd.",
        "It happened on 23 February.",
        "By Dec. 21 it was over.",
        "They met at 10:30 and left at 3 p.m.",
        "The soldier, aged 34, spoke.",
        "A 34-year-old soldier spoke.",
        "He was the first to leave, one of the few.",
        "The 3rd battalion left.",
    ],
)
def test_numbers_that_are_not_figures(text: str) -> None:
    assert candidates(text) == []


def test_the_article_gives_its_figures_and_the_interview_count() -> None:
    text = (SHIPPED_DATA / "sources" / "bi-2019-03.txt").read_text(encoding="utf-8")
    found = [(c.value, c.unit, c.qualifier, c.claimant) for c in candidates(text)]
    assert found == [
        (600, "people", "exact", "Juan Guaido"),
        (4300, "people", "about", "document signed by the guard's commander in December"),
        (6, "percent", "about", "document signed by the guard's commander in December"),
        (3_000_000, "people", "over", "Geoff Ramsey"),
        (9, "people", "exact", ""),  # the AP's interviewees: a candidate for a person to judge, not a figure
    ]


def test_extract_csv_from_a_file(tmp_path: Path) -> None:
    file = tmp_path / "news.txt"
    file.write_text(PARAGRAPHS["migration"], encoding="utf-8")
    result = run_cli("extract", str(file), "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:4] == ["value", "unit", "qualifier", "quote"]
    assert [(r["value"], r["qualifier"]) for r in rows] == [("1400", "over"), ("23", "exact"), ("2000", "at_most")]
    assert rows[0]["quote"].startswith("Migracion Colombia said on Tuesday that more than 1,400")


def test_extract_table_from_a_source_and_usage_errors(tmp_path: Path) -> None:
    result = run_cli("extract", "--source", "bi-2019-03")
    assert result.exit_code == 0 and "line 1: 600 people (exact) — military personnel" in result.stdout
    assert run_cli("extract").exit_code == 2
    assert run_cli("extract", "--source", "nope").exit_code == 2
    assert run_cli("extract", "--source", "../etc").exit_code == 2
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 1,400 soldiers")
    result = run_cli("extract", str(bad))
    assert result.exit_code == 1 and f"{bad}:1: byte 0xe9 is not UTF-8 text" in result.stdout


# Spanish news paragraphs, written for these tests: the agencies, officials and figures are invented.
PARRAFOS = {
    "fronteras": (
        "Según la Oficina de Fronteras del Norte, más de 1.400 efectivos de la fuerza armada cruzaron la frontera "
        "desde el 23 de febrero. Entre ellos había 23 oficiales. Las autoridades esperan hasta 2.000 a finales de "
        "marzo de 2019."
    ),
    "agencias": (
        "Unos 3,4 millones de venezolanos vivían en el extranjero en diciembre de 2018, informó la Agencia Regional "
        "de Migración. El país vecino acoge a cerca de 1,6 millones, y al menos medio millón está en la región "
        "andina."
    ),
    "porcentajes": (
        "Casi el 6% de la Guardia Nacional desertó en 2018, según un informe filtrado. Menos del 10 por ciento de "
        "los desertores eran oficiales, mientras que unos 60 de cada 100 eran reclutas."
    ),
    "palabras": (
        "Ocho soldados, de entre 19 y 25 años, cruzaron el puente a las 4:30 del 23 de febrero. Un millón de "
        "personas firmaron la petición, y doce generales han desertado desde 2017, dijo ayer el diputado Mateo "
        "Orellana. Uno de ellos, de 34 años, habló primero."
    ),
    "fechas": (
        "El 1 de enero de 2016 la Agencia Regional de Migración contaba 695.000 emigrantes; en 2018 eran ya 3 "
        "millones. Más de medio millar de militares pidieron refugio, dijo ayer el Consejo de Naciones del Sur."
    ),
}
AGENCIA = "Agencia Regional de Migración"
ESPERADO = {
    "fronteras": [
        (1400, "people", "over", "efectivos de la fuerza armada", "Oficina de Fronteras del Norte", ""),
        (23, "people", "exact", "oficiales", "", ""),
        (2000, "people", "at_most", "", "", "2019-03"),
    ],
    "agencias": [
        (3_400_000, "people", "about", "venezolanos", AGENCIA, "2018-12"),
        (1_600_000, "people", "about", "", "", ""),
        (500_000, "people", "at_least", "", "", ""),
    ],
    "porcentajes": [
        (6, "percent", "under", "Guardia Nacional", "", "2018"),
        (10, "percent", "under", "desertores", "", ""),
    ],
    "palabras": [
        (8, "people", "exact", "soldados", "", ""),
        (1_000_000, "people", "exact", "personas firmaron la petición", "Mateo Orellana", ""),
        (12, "people", "exact", "generales", "Mateo Orellana", ""),
    ],
    "fechas": [
        (695_000, "people", "exact", "emigrantes", "", "2016-01"),
        (3_000_000, "people", "exact", "", "", "2016-01"),
        (500, "people", "over", "militares pidieron refugio", "Consejo de Naciones del Sur", ""),
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", list(PARRAFOS))
def test_candidates_in_spanish_news_paragraphs(name: str) -> None:
    text = PARRAFOS[name]
    found = candidates(text, "es")
    assert [(c.value, c.unit, c.qualifier, c.measure, c.claimant, c.period_end) for c in found] == ESPERADO[name]
    for candidate in found:
        assert candidate.quote in text


@pytest.mark.parametrize(
    "text",
    [
        "Ocurrió el 23 de febrero.",
        "Ocurrió el pasado 23 de febrero.",
        "El 1 de enero de 2016 todo cambió.",
        "Desde 2018 la guardia se redujo.",
        "Se reunieron a las 10:30 y salieron a las 3 de la tarde.",
        "El soldado, de 34 años, habló.",
        "Uno de cada cinco se fue.",
        "Fue uno de los primeros en irse.",
        "Llegó una carta.",
    ],
)
def test_spanish_numbers_that_are_not_figures(text: str) -> None:
    assert candidates(text, "es") == []


def test_extract_reads_a_file_in_the_language_asked_for(tmp_path: Path) -> None:
    file = tmp_path / "noticia.txt"
    file.write_text(PARRAFOS["agencias"], encoding="utf-8")
    spanish = run_cli("extract", str(file), "--language", "es", "--format", "csv")
    assert spanish.exit_code == 0, spanish.output
    assert [row["value"] for row in csv.DictReader(io.StringIO(spanish.stdout))] == ["3400000", "1600000", "500000"]
    english = run_cli("extract", str(file), "--format", "csv")  # read as English, 3,4 and 1,6 are no numbers
    assert [row["value"] for row in csv.DictReader(io.StringIO(english.stdout))] == []
    assert run_cli("extract", str(file), "--language", "xx-nowhere").exit_code == 2
