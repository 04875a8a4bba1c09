"""A package of many sources telling one story, for tests only: every text below is fictional, written for these
tests (invented outlets, officials and agencies), and never kept under data/.

Its shape is the one real reporting has: one authority's running total read day after day and reported by several
outlets in English and in Spanish; a competing claim in the same week; a count over years; an agency's series of
stocks whose baseline a later release revises; and an analyst's lower bound beside it.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from dashboard.package import FIGURE_COLUMNS
from dashboard.paths import SHIPPED_DATA

FICTION = "Fictional text written for the dashboard's tests; no such outlet or official exists."

# source id: (publisher, title, published, language, text)
SOURCES = {
    "ledger-0224": ("The Harbour Ledger", "Registry counts 60 crossings", "2019-02-24", "en",
                    "The Border Registry said 60 members of the security forces crossed the bridge on February 23, "
                    "the first day of the aid standoff. " + FICTION),
    "wire-0225": ("Northgate Wire", "Crossings pass 100", "2019-02-25", "en",
                  "By Sunday the Border Registry had counted just over 100 security force members who crossed. "
                  + FICTION),
    "ledger-0227": ("The Harbour Ledger", "326 now in the registry", "2019-02-27", "en",
                    "The Border Registry counted 326 security force members who had crossed since February 23. "
                    + FICTION),
    "valle-0227": ("Diario del Valle", "Suben a 326 los uniformados", "2019-02-27", "es",
                   "El Registro Fronterizo contó 326 uniformados que cruzaron desde el 23 de febrero. " + FICTION),
    "wire-0228": ("Northgate Wire", "Registry: 411 crossings", "2019-02-28", "en",
                  "The registry's tally reached 411 security force members on Wednesday, officials said. " + FICTION),
    "ledger-0301": ("The Harbour Ledger", "567 crossings in a week", "2019-03-01", "en",
                    "In all, 567 security force members had crossed by February 28, the Border Registry said. "
                    "Senator Ada Quill said on Friday that 600 soldiers had deserted that week. " + FICTION),
    "valle-0301": ("Diario del Valle", "Ya son 567", "2019-03-01", "es",
                   "Según el Registro Fronterizo, los 567 uniformados cruzaron hasta el 28 de febrero. " + FICTION),
    "wire-0318": ("Northgate Wire", "About 1,000 crossings", "2019-03-18", "en",
                  "The Border Registry now counts about 1,000 security force members who have crossed. " + FICTION),
    "ledger-0510": ("The Harbour Ledger", "Crossings top 1,400", "2019-05-10", "en",
                    "More than 1,400 security force members have crossed since February, the Border Registry said. "
                    "A leaked memo counts some 4,300 guardsmen who deserted between 2014 and 2018. " + FICTION),
    "valle-0511": ("Diario del Valle", "Más de 1.400 uniformados", "2019-05-11", "es",
                   "Más de 1.400 uniformados han cruzado desde febrero, según el Registro Fronterizo. " + FICTION),
    "agency-1811": ("Migration Agency of the Northern Region", "Stock report, November 2018", "2018-11-08", "en",
                    "At the end of 2015 the number of emigrants stood at 695,000. By November 2018 it had reached 3 "
                    "million. " + FICTION),
    "agency-1902": ("Migration Agency of the Northern Region", "Stock report, February 2019", "2019-02-22", "en",
                    "The stock of emigrants reached 3.4 million in February 2019. " + FICTION),
    "agency-1906": ("Migration Agency of the Northern Region", "Stock report, June 2019", "2019-06-07", "en",
                    "By June 2019 the stock was 3,929,560. Revised data put the end-2015 figure at 690,000. "
                    + FICTION),
    "review-0315": ("Quarterly Border Review", "An analyst's view", "2019-03-15", "en",
                    "Over 3 million people have left, analyst Tomas Reed said. " + FICTION),
}  # fmt: skip

FIELDS = list(FIGURE_COLUMNS)
REGISTRY = "the Border Registry"
AGENCY = "Migration Agency of the Northern Region"

# figure id, dataset, measure, value, qualifier, start, end, claimant, source, quote, series
FIGURES = [
    ("r-60", "defections", "security force members who crossed", "60", "exact", "2019-02-23", "2019-02-23",
     REGISTRY, "ledger-0224", "60 members of the security forces crossed the bridge on February 23", "registry"),
    ("r-100", "defections", "security force members who crossed", "100", "over", "2019-02-23", "2019-02-24",
     REGISTRY, "wire-0225", "just over 100 security force members who crossed", "registry"),
    ("r-326", "defections", "security force members who crossed", "326", "exact", "2019-02-23", "2019-02-26",
     REGISTRY, "ledger-0227", "326 security force members who had crossed since February 23", "registry"),
    ("r-326-es", "defections", "security force members who crossed", "326", "exact", "2019-02-23", "2019-02-26",
     REGISTRY, "valle-0227", "326 uniformados que cruzaron desde el 23 de febrero", "registry"),
    ("r-411", "defections", "security force members who crossed", "411", "exact", "2019-02-23", "2019-02-27",
     REGISTRY, "wire-0228", "411 security force members on Wednesday", "registry"),
    ("r-567", "defections", "security force members who crossed", "567", "exact", "2019-02-23", "2019-02-28",
     REGISTRY, "ledger-0301", "567 security force members had crossed by February 28", "registry"),
    ("r-567-es", "defections", "security force members who crossed", "567", "exact", "2019-02-23", "2019-02-28",
     REGISTRY, "valle-0301", "los 567 uniformados cruzaron hasta el 28 de febrero", "registry"),
    ("r-1000", "defections", "security force members who crossed", "1000", "about", "2019-02-23", "2019-03",
     REGISTRY, "wire-0318", "about 1,000 security force members who have crossed", "registry"),
    ("r-1400", "defections", "security force members who crossed", "1400", "over", "2019-02-23", "2019-05",
     REGISTRY, "ledger-0510", "More than 1,400 security force members have crossed since February", "registry"),
    ("r-1400-es", "defections", "security force members who crossed", "1400", "over", "2019-02-23", "2019-05",
     REGISTRY, "valle-0511", "Más de 1.400 uniformados han cruzado desde febrero", "registry"),
    ("quill-600", "defections", "soldiers who deserted", "600", "exact", "2019-02-23", "2019-03-01",
     "Senator Ada Quill", "ledger-0301", "600 soldiers had deserted that week", ""),
    ("memo-4300", "defections", "guardsmen who deserted", "4300", "about", "2014", "2018",
     "a leaked memo", "ledger-0510", "some 4,300 guardsmen who deserted between 2014 and 2018", ""),
    ("a-695k", "emigration", "emigrants", "695000", "exact", "", "2015-12", AGENCY, "agency-1811",
     "At the end of 2015 the number of emigrants stood at 695,000", "agency-stock"),
    ("a-3m", "emigration", "emigrants", "3000000", "exact", "", "2018-11", AGENCY, "agency-1811",
     "By November 2018 it had reached 3 million", "agency-stock"),
    ("a-3-4m", "emigration", "emigrants", "3400000", "exact", "", "2019-02", AGENCY, "agency-1902",
     "The stock of emigrants reached 3.4 million in February 2019", "agency-stock"),
    ("a-3-93m", "emigration", "emigrants", "3929560", "exact", "", "2019-06", AGENCY, "agency-1906",
     "By June 2019 the stock was 3,929,560", "agency-stock"),
    ("a-690k", "emigration", "emigrants", "690000", "exact", "", "2015-12", AGENCY, "agency-1906",
     "Revised data put the end-2015 figure at 690,000", "agency-stock"),
    ("reed-3m", "emigration", "people who have left", "3000000", "over", "", "2019-03", "analyst Tomas Reed",
     "review-0315", "Over 3 million people have left", ""),
]  # fmt: skip


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def make_story(folder: Path) -> Path:
    """Write the fictional package into ``folder`` (created) and return it."""
    (folder / "sources").mkdir(parents=True)
    shutil.copy(SHIPPED_DATA / "datapackage.json", folder / "datapackage.json")
    sources = []
    for source_id, (publisher, title, published, language, text) in SOURCES.items():
        (folder / "sources" / f"{source_id}.txt").write_text(text + "\n", encoding="utf-8")
        archived = f"https://archive.example.net/{source_id}" if source_id.startswith("ledger") else ""
        row = [
            source_id,
            title,
            publisher,
            "",
            f"https://example.org/{source_id}",
            published,
            "",
            "",
            language,
            archived,
        ]
        sources.append(row)
    header = ["source_id", "title", "publisher", "author", "url", "published", "accessed", "note", "language",
              "archive_url"]  # fmt: skip
    _write(folder / "sources.csv", header, sources)
    figures = [
        [figure_id, dataset, measure, value, "people", qualifier, start, end, claimant, source, quote, "", series]
        for figure_id, dataset, measure, value, qualifier, start, end, claimant, source, quote, series in FIGURES
    ]
    _write(folder / "figures.csv", FIELDS, figures)
    _write(folder / "remarks.csv", ["remark_id", "dataset", "source_id", "quote", "speaker", "note"], [])
    return folder
