"""Export records: JSON Lines (the full contract of DESIGN.md) or a flat CSV for spreadsheets.

CSV columns, one row per record (lists are joined with " ; " or " | " as noted):

    id, file, sha256, pages           pages as "1-2" or "3"
    type, title, date                 the document's own date (ISO, may be partial)
    signatories, addressees           "Name (function)" joined with " ; "
    n_dates, dates                    every date cited, ISO values joined with " ; "
    n_figures, figures                "value kind unit [subject]" joined with " ; "
    people, places, organisations     entity texts (PER, LOC/GPE, ORG), distinct, joined with " ; "
    vote                              the vœu's vote, if any
    ocr_pages, mean_confidence        pages that needed OCR, their mean tesseract confidence
    excerpt                           the first 300 characters of the text, on one line
    review                            what a person should check first, "field: reason" joined with " ; "
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from .errors import ArchivageError
from .records import complete

CSV_COLUMNS = ["id", "file", "sha256", "pages", "type", "title", "date", "signatories", "addressees",
               "n_dates", "dates", "n_figures", "figures", "people", "places", "organisations", "vote",
               "ocr_pages", "mean_confidence", "excerpt", "review"]

EXCERPT_CHARS = 300
SELECT_BATCH = 500  # records read from the store at a time
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def selected_records(store, *, ids: list[str] | None = None, query: str = "",
                     filters: dict | None = None) -> Iterator[dict]:
    """The records to export: every record (store order: file, then first page), or the records of
    ``ids`` (record ids, or an original's sha256 for all its records), or those matching the search
    (``query`` and the filters of ``search.find``), oldest first. A few hundred at a time."""
    from .search import find

    filters = {k: v for k, v in (filters or {}).items() if v not in (None, False, "")}
    if ids and (query or filters):
        raise ArchivageError("Give record ids or search filters, not both.")
    if ids:
        shas = {i for i in ids if _SHA256.match(i)}
        wanted = list(dict.fromkeys(i for i in ids if i not in shas))
        found = store.get_many(wanted)
        unknown = [i for i in wanted if i not in found]
        if unknown:
            raise ArchivageError(f"No record has the id {unknown[0]!r}; `archivage search` lists ids.")
        yield from (found[i] for i in wanted)
        if shas:
            seen = set()
            for record in store.records():
                sha = record["source"]["sha256"]
                if sha in shas and record["id"] not in found:
                    seen.add(sha)
                    yield record
            if shas - seen:
                raise ArchivageError(f"No record comes from an original with the sha256 {sorted(shas - seen)[0]}.")
    elif query or filters:
        page, seen = 1, set()
        while True:
            hits = find(store, query, **filters, sort="oldest", page=page, limit=SELECT_BATCH, count=False).hits
            fresh = [h.id for h in hits if h.id not in seen]  # a page boundary inside a tie: never twice
            seen.update(fresh)
            batch = store.get_many(fresh)
            yield from (batch[i] for i in fresh if i in batch)
            if len(hits) < SELECT_BATCH:
                break
            page += 1
    else:
        yield from store.records()


def write_jsonl(records: Iterable[dict], fp: TextIO) -> int:
    """One JSON object per line, keys in schema order, accents kept readable. Returns the count."""
    n = 0
    for record in records:
        fp.write(json.dumps(complete(record), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(records: Iterable[dict], fp: TextIO) -> int:
    """A header and one row per record (columns in the module docstring). Returns the count."""
    writer = csv.DictWriter(fp, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    n = 0
    for record in records:
        writer.writerow(csv_row(record))
        n += 1
    return n


def csv_row(record: dict) -> dict:
    source = record.get("source") or {}
    ocr = record.get("ocr") or {}
    figures = record.get("figures") or []
    dates = record.get("dates") or []
    return {
        "id": record["id"],
        "file": source.get("file"),
        "sha256": source.get("sha256"),
        "pages": _pages(source.get("pages") or []),
        "type": record.get("type"),
        "title": record.get("title") or "",
        "date": record.get("date") or "",
        "signatories": _people(record.get("signatories")),
        "addressees": _people(record.get("addressees")),
        "n_dates": len(dates),
        "dates": " ; ".join(str(d.get("value")) for d in dates),
        "n_figures": len(figures),
        "figures": " ; ".join(_figure(f) for f in figures),
        "people": _entities(record, {"PER", "PERSON"}),
        "places": _entities(record, {"LOC", "GPE"}),
        "organisations": _entities(record, {"ORG"}),
        "vote": ((record.get("voeu") or {}).get("vote") or ""),
        "ocr_pages": ocr.get("pages_ocr", ""),
        "mean_confidence": "" if ocr.get("mean_confidence") is None else ocr["mean_confidence"],
        "excerpt": re.sub(r"\s+", " ", record.get("text") or "").strip()[:EXCERPT_CHARS],
        "review": " ; ".join(f"{r.get('field')}: {r.get('reason')}" for r in record.get("review") or []),
    }


def _pages(pages: list[int]) -> str:
    if not pages:
        return ""
    if pages == list(range(pages[0], pages[-1] + 1)) and len(pages) > 1:
        return f"{pages[0]}-{pages[-1]}"
    return ",".join(str(p) for p in pages)


def _people(people: list[dict] | None) -> str:
    return " ; ".join(f"{p['name']} ({p['function']})" if p.get("function") else p["name"]
                      for p in people or [] if p.get("name"))


def _figure(figure: dict) -> str:
    value = figure.get("value")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    parts = [str(value), figure.get("kind") or "", figure.get("unit") or ""]
    text = " ".join(p for p in parts if p)
    return f"{text} [{figure['subject']}]" if figure.get("subject") else text


def _entities(record: dict, labels: set[str]) -> str:
    seen: dict[str, None] = {}
    for entity in record.get("entities") or []:
        if entity.get("label") in labels:
            seen.setdefault(re.sub(r"\s+", " ", entity["text"]).strip(), None)
    return " ; ".join(seen)
