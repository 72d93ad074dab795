"""What kind of file this is, from its first bytes: the extension is only a hint a user can get wrong."""

from __future__ import annotations

import os

KINDS = ("pdf", "tiff", "png", "jpeg")


def sniff(path: str | os.PathLike) -> str | None:
    """"pdf", "tiff", "png" or "jpeg" from the magic bytes, None for anything else (or unreadable)."""
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
    except OSError:
        return None
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    # The PDF header may follow some junk within the first 1024 bytes (PDF 32000-1, 7.5.2 note).
    if b"%PDF-" in head:
        return "pdf"
    return None
