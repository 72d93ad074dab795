"""Build the exported record (the contract in DESIGN.md) from a document and its fields."""

from __future__ import annotations

from collections import Counter

from .model import Document, Page

TYPES = ["lettre", "voeu", "communique", "compte_rendu", "note", "deliberation", "arrete", "autre"]
FIGURE_KINDS = ["money", "percent", "count", "duration", "measure"]
RECORD_KEYS = ["id", "source", "type", "title", "date", "signatories", "addressees", "dates",
               "figures", "entities", "voeu", "sections", "text", "ocr", "review", "corrections"]
# what a key added to the schema after a record was stored means for that record
LATER_KEYS = {"sections": [], "review": [], "corrections": []}


def complete(record: dict) -> dict:
    """A stored record with the keys added to the schema since it was stored, in schema order."""
    if all(k in record for k in LATER_KEYS):
        return record
    out = {k: record[k] if k in record else LATER_KEYS.get(k) for k in RECORD_KEYS if k in record or k in LATER_KEYS}
    out.update({k: v for k, v in record.items() if k not in out})
    return out


def record_ids(sha256: str, documents: list[Document]) -> list[str]:
    """Stable across runs and unique by construction: the original's content hash, the document's
    first page and, for a second or later document beginning on that page, its rank there
    ("…-p3", then "…-p3.2"): two documents can begin on one page."""
    seen: Counter[int] = Counter()
    ids = []
    for doc in documents:
        first = doc.pages[0] if doc.pages else 1
        seen[first] += 1
        rank = seen[first]
        ids.append(f"{sha256[:16]}-p{first}" + (f".{rank}" if rank > 1 else ""))
    return ids


def ocr_summary(doc: Document, pages: list[Page]) -> dict:
    mine = [p for p in pages if p.number in set(doc.pages)]
    confs = [p.confidence for p in mine if p.method == "ocr" and p.confidence is not None]
    return {
        "pages_ocr": sum(p.method == "ocr" for p in mine),
        "pages_text_layer": sum(p.method == "text_layer" for p in mine),
        "mean_confidence": round(sum(confs) / len(confs), 1) if confs else None,
        "flagged_pages": sorted({p.number for p in mine if p.flags}),
    }


def build_record(doc: Document, fields: dict, *, record_id: str, file: str, sha256: str,
                 pages: list[Page]) -> dict:
    record = {
        "id": record_id,
        "source": {"file": file, "sha256": sha256, "pages": doc.pages},
        "type": "autre", "title": None, "date": None,
        "signatories": [], "addressees": [], "dates": [], "figures": [], "entities": [],
        "voeu": None, "sections": [], "review": [], "corrections": [],
    }
    record.update({k: v for k, v in fields.items() if k in RECORD_KEYS})
    record["text"] = doc.text
    record["ocr"] = ocr_summary(doc, pages)
    weak = sorted({p.number for p in pages if p.number in set(doc.pages)
                   and ("low_confidence" in p.flags or "ocr_timeout" in p.flags)})
    if weak:
        where = ("pages " if len(weak) > 1 else "page ") + ", ".join(map(str, weak))
        record["review"] = [*record["review"], {"field": "text", "reason": f"low OCR confidence on {where}"}]
    return {k: record[k] for k in RECORD_KEYS}


def fallback_record(record: dict, reason: str) -> dict:
    """What is kept of a document whose fields could not be extracted or stored: its place in the file and
    its text, typed ``autre``, with the reason first in its review list. Nothing read is lost."""
    keep = {"id": record["id"], "source": record["source"], "text": record.get("text") or "",
            "ocr": record.get("ocr") or {}}
    out = {"type": "autre", "title": None, "date": None, "signatories": [], "addressees": [], "dates": [],
           "figures": [], "entities": [], "voeu": None, "sections": [], **keep,
           "review": [{"field": "record", "reason": reason}], "corrections": []}
    return {k: out[k] for k in RECORD_KEYS}
