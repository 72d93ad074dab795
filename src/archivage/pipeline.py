"""The stages chained as plain functions: what the CLI and the Prefect flows both call."""

from __future__ import annotations

from .model import Page
from .records import build_record


def records_from_pages(pages: list[Page], *, file: str, sha256: str) -> list[dict]:
    """Segment the pages of one original into documents and extract one record per document."""
    from .extract import extract
    from .segment import segment

    return [
        build_record(doc, extract(doc), file=file, sha256=sha256, pages=pages)
        for doc in segment(pages)
    ]
