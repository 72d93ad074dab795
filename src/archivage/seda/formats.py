"""What a stored file is, for the package's FormatIdentification: MIME type, PRONOM id, a name.

Read from the file itself (the magic bytes, a PDF's version and PDF/A claim, a JPEG's JFIF
version, a PNG's chunks), the way DROID or Siegfried would place it, without their signature
files: archivage only stores PDF, TIFF, PNG and JPEG. An id is given only when the file says
enough to choose one; a format we cannot place keeps its MIME type and name alone.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ..sniff import sniff

# PRONOM (The National Archives) ids
PDF_VERSIONS = {"1.0": "fmt/14", "1.1": "fmt/15", "1.2": "fmt/16", "1.3": "fmt/17", "1.4": "fmt/18",
                "1.5": "fmt/19", "1.6": "fmt/20", "1.7": "fmt/276", "2.0": "fmt/1129"}
PDFA_LEVELS = {"1A": "fmt/95", "1B": "fmt/354", "2A": "fmt/476", "2B": "fmt/477", "2U": "fmt/478",
               "3A": "fmt/479", "3B": "fmt/480", "3U": "fmt/481"}
JFIF_VERSIONS = {(1, 0): "fmt/42", (1, 1): "fmt/43", (1, 2): "fmt/44"}
PNG_VERSIONS = {"1.0": "fmt/11", "1.1": "fmt/12", "1.2": "fmt/13"}
TIFF = "fmt/353"
MIME = {"pdf": "application/pdf", "tiff": "image/tiff", "png": "image/png", "jpeg": "image/jpeg"}
EXTENSIONS = {"pdf": ".pdf", "tiff": ".tif", "png": ".png", "jpeg": ".jpg"}


@dataclass(frozen=True)
class Format:
    mime: str
    pronom: str | None  # None: the file does not say enough to choose an id
    name: str  # FormatLitteral, e.g. "Acrobat PDF/A - Portable Document Format 2b"
    kind: str | None = None  # "pdf", "tiff", "png", "jpeg"


def identify(path: str | os.PathLike) -> Format:
    kind = sniff(path)
    if kind == "pdf":
        return _pdf(path)
    if kind == "tiff":
        return Format(MIME["tiff"], TIFF, "Tagged Image File Format", kind)
    if kind == "png":
        version = _png_version(path)
        return Format(MIME["png"], PNG_VERSIONS.get(version), f"Portable Network Graphics {version}", kind)
    if kind == "jpeg":
        jfif = _jfif_version(path)
        if jfif in JFIF_VERSIONS:
            return Format(MIME["jpeg"], JFIF_VERSIONS[jfif], f"JPEG File Interchange Format {jfif[0]}.{jfif[1]:02d}",
                          kind)
        return Format(MIME["jpeg"], None, "JPEG", kind)
    return Format("application/octet-stream", None, "unknown", None)


def _pdf(path) -> Format:
    """The version a reader would use (the catalog's /Version wins over the header) and the PDF/A
    part and conformance the XMP metadata claims (what DROID's PDF/A signatures look for)."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            version = pdf.pdf_version
            with pdf.open_metadata() as meta:
                pdfa = (meta.pdfa_status or "").upper()
    except Exception:  # pikepdf.PdfError and friends: a damaged file still is a PDF
        version, pdfa = _pdf_header_version(path), ""
    if pdfa in PDFA_LEVELS:
        return Format(MIME["pdf"], PDFA_LEVELS[pdfa], f"Acrobat PDF/A - Portable Document Format {pdfa.lower()}",
                      "pdf")
    version = (version or "").strip()
    return Format(MIME["pdf"], PDF_VERSIONS.get(version), f"Acrobat PDF {version} - Portable Document Format",
                  "pdf")


def _pdf_header_version(path) -> str | None:
    with open(path, "rb") as f:
        m = re.search(rb"%PDF-(\d\.\d)", f.read(1024))
    return m.group(1).decode() if m else None


def _jfif_version(path) -> tuple[int, int] | None:
    with open(path, "rb") as f:
        head = f.read(32)
    # SOI, then an APP0 segment: FF E0, length, "JFIF\0", major, minor
    if head[2:4] == b"\xff\xe0" and head[6:11] == b"JFIF\x00":
        return head[11], head[12]
    return None


def _png_version(path) -> str:
    """PNG 1.2 added iTXt; 1.1 sRGB, iCCP and sPLT (the chunks DROID's signatures tell apart)."""
    chunks = set()
    with open(path, "rb") as f:
        f.seek(8)
        while len(header := f.read(8)) == 8:
            length, name = int.from_bytes(header[:4], "big"), header[4:].decode("latin-1")
            if name in ("IDAT", "IEND"):
                break
            chunks.add(name)
            f.seek(length + 4, os.SEEK_CUR)
    if "iTXt" in chunks:
        return "1.2"
    if chunks & {"sRGB", "iCCP", "sPLT"}:
        return "1.1"
    return "1.0"
