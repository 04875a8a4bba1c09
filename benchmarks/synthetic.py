"""Synthetic data packages of any size, with several sources and quotes cut from their texts, for benchmarks."""

from __future__ import annotations

import csv
import random
import shutil
from pathlib import Path

from dashboard.package import FIGURE_COLUMNS
from dashboard.paths import SHIPPED_DATA

SOURCES = 12
SENTENCES_PER_SOURCE = 300
SEED = 20190301

SUBJECTS = {
    "people": [
        "soldiers crossed the border into Colombia",
        "Venezuelans registered as migrants in Peru",
        "members of the national guard deserted",
        "police officers left their posts",
        "people left through the western crossings",
        "migrants arrived in Cucuta",
        "conscripts failed to report for duty",
        "officers asked for asylum in Brazil",
        "families crossed the Simon Bolivar bridge",
        "troops abandoned their units",
    ],
    "percent": [
        "of the force deserted",
        "of the guard's enlisted personnel left",
        "of the officers interviewed said they would leave",
        "of the migrants surveyed were under 30",
        "of the new arrivals had served in the military",
    ],
}
LEADS = [
    "Officials said that",
    "According to the agency,",
    "Aid groups estimated that",
    "A document showed that",
    "The ministry reported that",
    "Local authorities counted how",
    "In a statement, the office said",
    "Reporters were told that",
    "The United Nations said",
    "Figures released on Monday show that",
]
QUALIFIERS = ["", "some ", "about ", "more than ", "nearly ", "at least ", "roughly "]
TAILS = [
    "in {month}",
    "during {month}",
    "between January and {month}",
    "by the end of {month}",
    "since {month}",
    "over the {month} holiday",
    "in the first week of {month}",
    "before {month}",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]


def _sentence(rng: random.Random, unit: str, written: str) -> str:
    tail = rng.choice(TAILS).format(month=rng.choice(MONTHS))
    return f"{rng.choice(LEADS)} {rng.choice(QUALIFIERS)}{written} {rng.choice(SUBJECTS[unit])} {tail}."


def _number(rng: random.Random, unit: str) -> tuple[str, str]:
    """A number as news writes it, and its plain value."""
    if unit == "percent":
        value = rng.randint(1, 40)
        return (f"{value}%" if rng.random() < 0.5 else f"{value} percent"), str(value)
    kind = rng.random()
    if kind < 0.6:
        value = rng.randint(10, 99_999)
        return f"{value:,}", str(value)
    tenths = rng.randint(11, 99)
    return f"{tenths / 10:g} million", str(tenths * 100_000)


def make_package(folder: Path, rows: int, seed: int = SEED) -> Path:
    """Write a valid package of ``rows`` figures drawn from ``SOURCES`` source texts into ``folder``."""
    rng = random.Random(seed)
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "sources").mkdir(parents=True)
    shutil.copy(SHIPPED_DATA / "datapackage.json", folder / "datapackage.json")
    sentences: dict[str, list[tuple[str, str, str, str]]] = {}
    source_rows = []
    for index in range(SOURCES):
        source_id = f"agency-report-{index:02d}"
        kept = []
        for _ in range(SENTENCES_PER_SOURCE):
            unit = "percent" if rng.random() < 0.2 else "people"
            written, value = _number(rng, unit)
            kept.append((_sentence(rng, unit, written), written, value, unit))
        sentences[source_id] = kept
        text = "\n".join(" ".join(s for s, *_ in kept[i : i + 5]) for i in range(0, len(kept), 5))
        (folder / "sources" / f"{source_id}.txt").write_text(text + "\n", encoding="utf-8")
        source_rows.append(
            [source_id, f"Monthly report {index}", "Migration agency", "", f"https://example.org/r/{index}",
             "2019-03", "2019-04-01", "", "en", ""]
        )  # fmt: skip
    with (folder / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(
            [
                "source_id",
                "title",
                "publisher",
                "author",
                "url",
                "published",
                "accessed",
                "note",
                "language",
                "archive_url",
            ]
        )
        writer.writerows(source_rows)
    with (folder / "remarks.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["remark_id", "dataset", "source_id", "quote", "speaker", "note"])
        first_id = next(iter(sentences))
        writer.writerow(["remark-1", "defections", first_id, sentences[first_id][0][0], "an analyst", ""])
    with (folder / "figures.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(FIGURE_COLUMNS)
        for row in range(rows):
            source_id = rng.choice(list(sentences))
            sentence, written, value, unit = rng.choice(sentences[source_id])
            words = sentence.split(" ")
            first = next(i for i, w in enumerate(words) if w.startswith(written.split(" ")[0]))
            last = first + len(written.split(" ")) - 1
            start = rng.randint(0, first)
            end = rng.randint(last + 1, len(words))
            quote = " ".join(words[start:end])
            dataset = "guard_share" if unit == "percent" else rng.choice(["defections", "emigration"])
            writer.writerow(
                [f"fig-{row:06d}", dataset, "people counted", value, unit, rng.choice(["exact", "about", "over"]),
                 "2019-01", "2019-03-01", "the migration agency", source_id, quote, "", ""]
            )  # fmt: skip
    return folder


if __name__ == "__main__":
    import sys

    print(make_package(Path(sys.argv[1]), int(sys.argv[2])))
