"""Plain data passed between stages."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass
class Word:
    """One OCR word with its box (pixels of the page raster) and confidence (0-100)."""

    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int


@dataclass
class Page:
    """The text of one page and how it was obtained."""

    number: int  # 1-based, in the source file
    text: str
    method: str  # "text_layer" or "ocr"
    confidence: float | None = None  # mean word confidence, OCR pages only
    words: list[Word] = field(default_factory=list)
    width: int | None = None
    height: int | None = None
    flags: list[str] = field(default_factory=list)  # e.g. "low_confidence", "retried"
    # date stamps in coloured ink read again on their own: {"line": the OCR line beside it, "text": the
    # stamp's reading, "box": [left, top, width, height]} (see datestamps)
    stamps: list[dict] = field(default_factory=list)


@dataclass
class Document:
    """One document cut out of a source file: its text and where each part came from.

    ``page_starts`` holds ``(offset, page_number)`` pairs sorted by offset: the text from
    ``offset`` up to the next pair's offset comes from ``page_number``.
    """

    text: str
    page_starts: list[tuple[int, int]]
    # lines repeated at the edge of several pages of the file (running headers, footers, letterhead lines):
    # (start, end, "top" | "bottom"); no figure, person or entity is read there
    furniture: list[tuple[int, int, str]] = field(default_factory=list)
    # what a date stamp beside a line says, read on its own: (offset of that line in the text, the reading)
    stamps: list[tuple[int, str]] = field(default_factory=list)

    @property
    def pages(self) -> list[int]:
        return sorted({p for _, p in self.page_starts})

    def page_at(self, offset: int) -> int:
        offsets = [o for o, _ in self.page_starts]
        i = bisect.bisect_right(offsets, offset) - 1
        return self.page_starts[max(i, 0)][1]
