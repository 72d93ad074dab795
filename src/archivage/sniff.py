"""What kind of file this is, from its first bytes: the extension is only a hint a user can get wrong."""

from __future__ import annotations

import hashlib
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


def sha256_file(path: str | os.PathLike) -> str:
    """The content hash that names an original everywhere (archive, cache, record ids)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fp:
        while chunk := fp.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
