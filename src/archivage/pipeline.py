"""The stages chained as plain functions: what the CLI and the Prefect flows both call."""

from __future__ import annotations

import logging

from .model import Page
from .records import build_record, fallback_record, record_ids

log = logging.getLogger("archivage.pipeline")


def records_from_pages(pages: list[Page], *, file: str, sha256: str, cut: dict | None = None) -> list[dict]:
    """Segment the pages of one original into documents and extract one record per document.

    ``cut``: the joins and splits people made to this file's documents (``recut``), replayed over the
    segmentation. A document whose extraction fails is kept with its text and pages, typed ``autre`` and
    marked for review: one bad document never costs the others of its file.
    """
    from .segment import segment

    docs = segment(pages)
    if cut:
        from .recut import apply

        docs = apply(docs, cut)
    return extract_documents(docs, pages, file=file, sha256=sha256)


def extract_documents(docs: list, pages: list[Page], *, file: str, sha256: str) -> list[dict]:
    """One record per document of a file (see ``records_from_pages``)."""
    from .extract import extract

    records = []
    for doc, rid in zip(docs, record_ids(sha256, docs), strict=True):
        try:
            fields = extract(doc)
        except Exception as exc:  # noqa: BLE001 - reported in the record, never lost
            log.exception("extraction failed on %s, document %s", file, rid)
            bare = build_record(doc, {}, record_id=rid, file=file, sha256=sha256, pages=pages)
            records.append(fallback_record(bare, f"extraction failed ({type(exc).__name__}: {exc})"))
            continue
        records.append(build_record(doc, fields, record_id=rid, file=file, sha256=sha256, pages=pages))
    return records
