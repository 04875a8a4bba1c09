"""Update speed: one `add` into a 100,000-row package against `validate` of the same package, and `extract`
throughput on a 1 MB text."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from benchmarks.common import Result, best_of
from benchmarks.synthetic import make_package
from dashboard.extract import candidates
from dashboard.loader import read_package
from dashboard.update import add_figure
from dashboard.validation import validate

ROWS = 100_000
REPEATS = 3
TEXT_BYTES = 1_000_000
TARGET_ADD = "<= 1.5"
TARGET_EXTRACT = ">= 1"


def _news_text(size: int) -> str:
    """About ``size`` bytes of news-like prose with figures, dates, times and ages among the numbers."""
    from benchmarks.synthetic import _number, _sentence

    rng = random.Random(7)
    parts: list[str] = []
    length = 0
    while length < size:
        unit = "percent" if rng.random() < 0.2 else "people"
        sentence = _sentence(rng, unit, _number(rng, unit)[0])
        extra = rng.choice(
            ["", " On February 23, 2019, at 10:30 a.m., a 34-year-old sergeant spoke.", " Since 2014 the guard shrank."]
        )
        parts.append(sentence + extra)
        length += len(sentence) + len(extra) + 1
    return " ".join(parts)


SPANISH_SENTENCES = (  # invented agencies and officials, written for this benchmark
    "Según la Oficina de Fronteras del Norte, {hedge} {count} efectivos cruzaron la frontera el {day} de {month}.",
    "{hedge} {count} venezolanos vivían en el extranjero en {month} de {year}, informó la Agencia Regional de "
    "Migración.",
    "Casi el {share}% de la Guardia Nacional desertó en {year}, según un informe filtrado.",
    "Un sargento de {age} años habló a las {hour}:30 del {day} de {month}; {hedge} {millions} millones se fueron.",
    "Más de medio millar de militares pidieron refugio, dijo ayer el diputado Mateo Orellana.",
)
HEDGES = ("más de", "unos", "alrededor de", "cerca de", "casi", "al menos", "hasta", "")
MONTHS_ES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto")


def _spanish_news_text(size: int) -> str:
    """About ``size`` bytes of Spanish news-like prose: numbers grouped with dots, decimal commas, millions in words,
    hedges, dates, times and ages."""
    rng = random.Random(11)
    parts: list[str] = []
    length = 0
    while length < size:
        count = rng.randint(10, 999_999)
        sentence = rng.choice(SPANISH_SENTENCES).format(
            hedge=rng.choice(HEDGES), count=f"{count:,}".replace(",", ".") if count >= 10_000 else str(count),
            day=rng.randint(1, 28), month=rng.choice(MONTHS_ES), year=rng.randint(2014, 2020),
            share=rng.randint(1, 40), age=rng.randint(18, 60), hour=rng.randint(1, 12),
            millions=f"{rng.randint(1, 9)},{rng.randint(1, 9)}",
        ).strip()  # fmt: skip
        parts.append(sentence[0].upper() + sentence[1:])
        length += len(sentence.encode("utf-8")) + 1
    return " ".join(parts)


def _throughput(text: str, language: str) -> tuple[float, int, float]:
    """MB, candidates found and MB/s of ``extract`` on ``text`` read as ``language``."""
    size = len(text.encode("utf-8"))
    begin = time.perf_counter()
    found = candidates(text, language)
    seconds = time.perf_counter() - begin
    return size / 1e6, len(found), size / 1e6 / seconds


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_package(Path(tmp) / "large", ROWS)
        row = {"dataset": "defections", "measure": "people counted", "unit": "people", "qualifier": "exact",
               "period_start": "2019-01", "period_end": "2019-03-01", "claimant": "the migration agency"}  # fmt: skip
        figures = read_package(folder).tables["figures"].frame
        sample = figures.iloc[0]
        row.update(source_id=sample["source_id"], quote=sample["quote"], value=sample["value"], unit=sample["unit"])
        counter = iter(range(1_000_000))

        def add() -> None:
            add_figure(folder, str(folder), dict(row, figure_id=f"bench-{next(counter)}"))

        def check() -> None:
            assert validate(read_package(folder)) == []

        times = best_of({"validate": check, "add": add}, REPEATS)
    english, spanish = _throughput(_news_text(TEXT_BYTES), "en"), _throughput(_spanish_news_text(TEXT_BYTES), "es")
    print(
        f"update: validate {ROWS:,} rows {times['validate'] * 1000:.0f} ms, add one figure "
        f"{times['add'] * 1000:.0f} ms; extract {english[0]:.2f} MB of English at {english[2]:.2f} MB/s "
        f"({english[1]:,} candidates), {spanish[0]:.2f} MB of Spanish at {spanish[2]:.2f} MB/s "
        f"({spanish[1]:,} candidates)"
    )
    return [
        Result("add one figure ÷ validate (100k rows)", times["add"] / times["validate"], TARGET_ADD),
        Result("extract throughput on 1 MB of news text", english[2], TARGET_EXTRACT, " MB/s"),
        Result("extract throughput on 1 MB of Spanish news text", spanish[2], TARGET_EXTRACT, " MB/s"),
    ]


if __name__ == "__main__":
    from benchmarks.common import table

    print(table(run()))
