"""Citation files for readers' own tools: CITATION.cff (Citation File Format 1.2.0) for the package, and CSL-JSON,
which reference managers read, with one item per source."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import yaml

from dashboard.precision import parse_date
from dashboard.tables import Tidy

CFF_VERSION = "1.2.0"
CFF_MESSAGE = "If you use these figures, please cite the package as below, and each figure's source (references.json)."
CSL_TYPE = "article-newspaper"  # every source is a news article, an agency's release or a report quoted by news


def _authors(descriptor: dict[str, Any]) -> list[dict[str, str]]:
    """CFF authors from the descriptor's contributors (entities by their title); CFF needs at least one."""
    authors = [
        {"name": str(person["title"])}
        for person in descriptor.get("contributors", [])
        if isinstance(person, dict) and person.get("title")
    ]
    return authors or [{"name": str(descriptor.get("title") or descriptor.get("name") or "data package")}]


def citation_cff(descriptor: dict[str, Any], tables: Tidy, on: date) -> str:
    """CITATION.cff for the package as it is downloaded on ``on``: its title, version, licence and date, and each
    source as a reference."""
    licences = [
        str(entry["name"]) for entry in descriptor.get("licenses", []) if isinstance(entry, dict) and "name" in entry
    ]
    cff: dict[str, Any] = {
        "cff-version": CFF_VERSION,
        "message": CFF_MESSAGE,
        "type": "dataset",
        "title": str(descriptor.get("title") or descriptor.get("name")),
        "authors": _authors(descriptor),
        "date-released": on.isoformat(),
    }
    if descriptor.get("version"):
        cff["version"] = str(descriptor["version"])
    if licences:
        cff["license"] = licences[0] if len(licences) == 1 else licences
    if descriptor.get("description"):
        cff["abstract"] = str(descriptor["description"])
    references = [_cff_reference(row) for row in tables.sources.to_dict("records")]
    if references:
        cff["references"] = references
    return yaml.safe_dump(cff, allow_unicode=True, sort_keys=False, width=120)


def _cff_reference(source: dict[str, Any]) -> dict[str, Any]:
    """A source as a CFF reference: a news article, its publisher as author when no author is named."""
    published = parse_date(source["published"])
    reference: dict[str, Any] = {
        "type": "article",
        "title": source["title"],
        "authors": [{"name": source["author"] or source["publisher"]}],
        "journal": source["publisher"],
        "year": published.first.year,
        "url": source["url"],
    }
    if published.precision == "day":
        reference["date-published"] = published.first.isoformat()
    elif published.precision == "month":
        reference["month"] = published.first.month
    if source.get("language"):
        reference["languages"] = [source["language"]]
    return reference


def _date_parts(text: str) -> dict[str, list[list[int]]]:
    """A date as CSL's date-parts, to its precision: 2019-03 -> [[2019, 3]]."""
    bounds = parse_date(text)
    parts = [bounds.first.year, bounds.first.month, bounds.first.day]
    return {"date-parts": [parts[: {"year": 1, "month": 2, "day": 3}[bounds.precision]]]}


def csl_item(source: dict[str, Any]) -> dict[str, Any]:
    """One source as a CSL-JSON item. The archived copy's address is in archive_location, as CSL has no field of
    its own for it."""
    item: dict[str, Any] = {
        "id": source["source_id"],
        "type": CSL_TYPE,
        "title": source["title"],
        "container-title": source["publisher"],
        "publisher": source["publisher"],
        "issued": _date_parts(source["published"]),
        "URL": source["url"],
        "language": source.get("language") or "",
    }
    if source.get("author"):
        item["author"] = [{"literal": source["author"]}]
    if source.get("accessed"):
        item["accessed"] = _date_parts(source["accessed"])
    if source.get("archive_url"):
        item["archive"] = "archived copy"
        item["archive_location"] = source["archive_url"]
    return {key: value for key, value in item.items() if value != ""}


def references_json(tables: Tidy) -> str:
    """references.json: every source as a CSL-JSON item."""
    items = [csl_item(row) for row in tables.sources.to_dict("records")]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
