"""Downloads of the data: CSVs safe for spreadsheets, the tidy tables, how to cite each source, and the bundle of it
all with the package itself."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import PurePosixPath

import pandas as pd

from dashboard.annotations import NAME, annotations_bytes
from dashboard.citations import citation_cff, references_json
from dashboard.formatting import date_phrase, day_phrase
from dashboard.i18n import _
from dashboard.package import DESCRIPTOR
from dashboard.tables import Tidy

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ID_SUFFIXES = ("_id", "_inputs")
CSV_MEDIA_TYPE = "text/csv"
BUNDLE_NAME = "venezuela-defections-data.zip"


def is_id_column(name: str) -> bool:
    """Whether a column holds ids (figure_id, source_id, rate_inputs…): kept as they are, so that downloads match
    the package. Ids never start with a formula's first character: their pattern does not allow it."""
    return name.endswith(ID_SUFFIXES) or name == "derived_from"


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Free-text cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) get a leading '."""
    safe = frame.copy()
    for column in safe.columns:
        if is_id_column(str(column)):
            continue
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(
                lambda cell: f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell
            )
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV, safe to open in a spreadsheet; lines end in CRLF (RFC 4180), which also makes the CSV
    writer quote a cell that holds a carriage return of its own."""
    return neutralise(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def tidy_frames(tables: Tidy) -> dict[str, pd.DataFrame]:
    """The tidy tables, each derived number's formula written out beside it and its inputs written as text: every
    figure, a table per dataset of the registry, the figures of every other dataset, and the remarks."""
    from dashboard.datasets import REGISTRY

    known = [spec.id for spec in REGISTRY]
    frames = {
        "figures": tables.figures,
        **{spec.id: spec.table(tables) for spec in REGISTRY},
        "other": tables.figures[~tables.figures["dataset"].isin(known)].reset_index(drop=True),
        "remarks": tables.remarks,
    }
    out = {}
    for name, frame in frames.items():
        frame = frame.copy()
        for column in frame.columns:
            if column.endswith("_inputs"):
                frame[column] = frame[column].map(lambda ids: " ".join(ids) if isinstance(ids, tuple) else "")
        out[name] = frame
    return out


def citation(tables: Tidy, on: date) -> str:
    """CITATION.md: a short and a full citation for every source, and the date of the download."""
    lines = [
        "# " + _("How to cite these figures"),
        "",
        _("Downloaded on {date}. Cite the source of each figure (sources.csv, figures.csv's source_id); every "
          "figure's quote in figures.csv gives the words that state it.").format(date=day_phrase(on)),
        "",
    ]  # fmt: skip
    for row in tables.sources.itertuples(index=False):
        author = f"{row.author}. " if row.author else ""
        accessed = (
            _("Accessed {date}.").format(date=date_phrase(row.accessed))
            if row.accessed
            else _("Access date not recorded.")
        )
        published = date_phrase(row.published)
        lines += [
            f"## {row.source_id}",
            "",
            "- " + _("Short: {publisher}, {date}").format(publisher=row.publisher, date=published),
            "- "
            + _("Full: {citation}").format(
                citation=f"{author}“{row.title}”. {row.publisher}, {published}. {row.url}. {accessed}"
            ),
            "",
        ]
    return "\n".join(lines)


def bundle_bytes(files: dict[str, bytes], tables: Tidy, on: date, base: str) -> bytes:
    """A zip of the package as it was validated (the descriptor, the files it names and the source texts, byte for
    byte, so that it validates as it is), the tidy tables, CITATION.md for people, CITATION.cff and references.json
    (CSL-JSON) for citation tools, and annotations.jsonld, its links into the dashboard served at ``base``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, data in sorted(files.items()):
            archive.writestr(f"data/{PurePosixPath(path).as_posix()}", data)
        for name, frame in tidy_frames(tables).items():
            archive.writestr(f"tidy/{name}.csv", csv_bytes(frame))
        archive.writestr("CITATION.md", citation(tables, on))
        descriptor = json.loads(files.get(DESCRIPTOR, b"{}"))
        archive.writestr("CITATION.cff", citation_cff(descriptor if isinstance(descriptor, dict) else {}, tables, on))
        archive.writestr("references.json", references_json(tables))
        archive.writestr(NAME, annotations_bytes(tables, base))
    return buffer.getvalue()
