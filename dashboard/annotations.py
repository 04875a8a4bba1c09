"""Every figure and remark as a W3C Web Annotation on its source, in one AnnotationCollection (JSON-LD): annotation
tools such as Hypothesis can highlight the quote on the publisher's page from its TextQuoteSelector."""

from __future__ import annotations

import json
from typing import Any

from dashboard import urls
from dashboard.formatting import span_phrase, value_phrase
from dashboard.i18n import _, current
from dashboard.tables import Tidy

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
NAME = urls.ANNOTATIONS  # its file name in an export and in the bundle, as in its address


def _target(tables: Tidy, kind: str, identifier: str, source_id: str) -> dict[str, Any]:
    """The source's page, and the quote in it: its exact words with the words on either side, and its offsets
    (code points) in the source's text as the package stores it."""
    source = tables.source_rows[source_id]
    found = tables.passage(kind, identifier)
    target: dict[str, Any] = {"source": source["url"]}
    if found is not None:
        target["selector"] = [
            {"type": "TextQuoteSelector", "exact": found.exact, "prefix": found.prefix, "suffix": found.suffix},
            {"type": "TextPositionSelector", "start": found.start, "end": found.end},
        ]
    return target


def _annotation(tables: Tidy, kind: str, row: dict[str, Any], statement: str, motivation: str, link: str,
                base: str) -> dict[str, Any]:  # fmt: skip
    """One Web Annotation: what it says of the quote (``statement``), a link into the dashboard, and the quote in
    its source."""
    identifier = row[f"{kind}_id"]
    return {
        "id": f"{urls.absolute(base, urls.ANNOTATIONS)}#{urls.passage_id(kind, identifier)}",
        "type": "Annotation",
        "motivation": motivation,
        "body": [
            {
                "type": "TextualBody",
                "value": statement,
                "format": "text/plain",
                "language": current(),
                "purpose": motivation,
            },
            {"id": urls.absolute(base, link), "type": "Text", "format": "text/html", "purpose": "linking"},
        ],
        "target": _target(tables, kind, identifier, row["source_id"]),
    }


def _figure(tables: Tidy, row: dict[str, Any], base: str) -> dict[str, Any]:
    statement = _("{value} {measure} ({unit}), {span}, according to {claimant}").format(
        value=value_phrase(row["value"], row["qualifier"], row["unit"]), measure=row["measure"],
        unit=_(row["unit"]), span=span_phrase(row["period_start"], row["period_end"]), claimant=row["claimant"],
    )  # fmt: skip
    link = urls.figure_state(tables, row["figure_id"])
    return _annotation(tables, "figure", row, statement, "describing", link, base)


def _remark(tables: Tidy, row: dict[str, Any], base: str) -> dict[str, Any]:
    statement = _("A remark by {speaker} on the {dataset} figures").format(
        speaker=row["speaker"], dataset=row["dataset"]
    )
    link = urls.source(row["source_id"], urls.passage_id("remark", row["remark_id"]))
    return _annotation(tables, "remark", row, statement, "commenting", link, base)


def collection(tables: Tidy, base: str) -> dict[str, Any]:
    """The AnnotationCollection of every figure and remark, its links into the dashboard served at ``base``."""
    items = [_figure(tables, row, base) for row in tables.figures.to_dict("records") if row["source_id"] in
             tables.source_rows]  # fmt: skip
    items += [_remark(tables, row, base) for row in tables.remarks.to_dict("records") if row["source_id"] in
              tables.source_rows]  # fmt: skip
    here = urls.absolute(base, urls.ANNOTATIONS)
    return {
        "@context": CONTEXT,
        "id": here,
        "type": "AnnotationCollection",
        "label": _("Every figure and remark, on the words of its source"),
        "total": len(items),
        "first": {"id": f"{here}#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def annotations_bytes(tables: Tidy, base: str) -> bytes:
    """The collection as UTF-8 JSON-LD."""
    return (json.dumps(collection(tables, base), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
