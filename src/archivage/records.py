"""Build the exported record (the contract in DESIGN.md) from a document and its fields."""

from __future__ import annotations

from .model import Document, Page

RECORD_KEYS = ["id", "source", "type", "title", "date", "signatories", "addressees", "dates",
               "figures", "entities", "voeu", "text", "ocr"]


def record_id(sha256: str, first_page: int) -> str:
    """Stable across runs: the original's content hash and the document's first page."""
    return f"{sha256[:16]}-p{first_page}"


def ocr_summary(doc: Document, pages: list[Page]) -> dict:
    mine = [p for p in pages if p.number in set(doc.pages)]
    confs = [p.confidence for p in mine if p.method == "ocr" and p.confidence is not None]
    return {
        "pages_ocr": sum(p.method == "ocr" for p in mine),
        "pages_text_layer": sum(p.method == "text_layer" for p in mine),
        "mean_confidence": round(sum(confs) / len(confs), 1) if confs else None,
        "flagged_pages": sorted({p.number for p in mine if p.flags}),
    }


def build_record(doc: Document, fields: dict, *, file: str, sha256: str, pages: list[Page]) -> dict:
    record = {
        "id": record_id(sha256, doc.pages[0] if doc.pages else 1),
        "source": {"file": file, "sha256": sha256, "pages": doc.pages},
        "type": "autre", "title": None, "date": None,
        "signatories": [], "addressees": [], "dates": [], "figures": [], "entities": [],
        "voeu": None,
    }
    record.update({k: v for k, v in fields.items() if k in RECORD_KEYS})
    record["text"] = doc.text
    record["ocr"] = ocr_summary(doc, pages)
    return {k: record[k] for k in RECORD_KEYS}
