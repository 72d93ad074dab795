"""Page images of the archive's originals, and where a record's value lies on them.

Plain functions for the web pages (no web framework here). An image is rendered from the stored
original (never from a path a request names: the original is found by its sha256 in the
database) and cached as PNG under ``archive/cache/images/``. A value's words are found among the
page's word boxes: those tesseract gave (the page cache of the pipeline) for a scan, the text
layer's for a born-digital page; boxes come back as fractions of the page's width and height, so
they outline the value on an image of any size.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from .config import Settings
from .errors import ArchivageError
from .textfold import WORD, fold

WIDTHS = (200, 1000, 1600)  # thumbnails, the page beside the record, a zoom


class NotInArchive(ArchivageError):
    """A file or page the archive does not hold."""


def original(store, sha256: str) -> Path:
    """The stored original of ``sha256``, as the database names it, checked to lie in the archive."""
    rows = store._rows("SELECT stored_path, pages FROM originals WHERE sha256 = ?", (sha256,))
    if not rows:
        raise NotInArchive("Le fichier demandé n'est pas dans l'archive.")
    path = Path(rows[0][0])
    if not path.is_file():
        raise NotInArchive("L'original de ce fichier manque dans l'archive.")
    return path


def searchable(settings: Settings, sha256: str) -> Path | None:
    """The searchable copy of an original, when one was made."""
    path = settings.searchable / f"{sha256}.pdf"
    return path if path.is_file() else None


def page_image(settings: Settings, store, sha256: str, number: int, width: int) -> Path:
    """A PNG of page ``number`` of the original, ``width`` pixels wide (one of ``WIDTHS``), cached."""
    if width not in WIDTHS:
        raise NotInArchive(f"Largeur d'image inconnue : {width}.")
    rows = store._rows("SELECT pages FROM originals WHERE sha256 = ?", (sha256,))
    if not rows or not 1 <= number <= rows[0][0]:
        raise NotInArchive("Cette page n'est pas dans l'archive.")
    target = settings.cache / "images" / sha256[:2] / sha256 / f"{number:04d}-{width}.png"
    if target.is_file():
        return target
    img = _render(original(store, sha256), number, width)
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=width <= 200)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".img.")
    with os.fdopen(fd, "wb") as f:
        f.write(buf.getvalue())
    os.replace(tmp, target)
    return target


def _render(path: Path, number: int, width: int):
    from PIL import Image

    from .sniff import sniff

    if sniff(path) == "pdf":
        import pypdfium2 as pdfium

        from .pages import _PDFIUM

        with _PDFIUM:  # PDFium is not thread-safe (see pages)
            doc = pdfium.PdfDocument(str(path))
            try:
                page = doc[number - 1]
                scale = width / page.get_width()
                img = page.render(scale=scale).to_pil()
                page.close()
            finally:
                doc.close()
        return img.convert("RGB")
    with Image.open(path) as img:
        img.seek(number - 1)
        img = img.convert("RGB")
        return img.resize((width, max(1, round(img.height * width / img.width))))


def page_words(settings: Settings, store, sha256: str, number: int):
    """The page as the pipeline read it (its words with boxes), or None when it cannot be had cheaply:
    from the pipeline's page cache, else from the text layer of a born-digital page (a scan is
    never OCRed again here)."""
    from .pages import _cache_load, _Source

    hit = _cache_load(settings.cache, sha256, number, settings.languages, settings.dpi)
    if hit is not None:
        return hit[0]
    try:
        with _Source(original(store, sha256)) as source:
            return source.text_layer(number, settings.dpi)
    except ArchivageError:
        return None


def value_fields(record: dict) -> dict[str, dict]:
    """Every value of a record that has a page, by a key naming it ("dates.0", "signatories.1"…)."""
    out = {}
    for field in ("signatories", "addressees", "dates", "figures", "entities", "sections"):
        for i, item in enumerate(record.get(field) or []):
            if isinstance(item, dict) and item.get("page"):
                out[f"{field}.{i}"] = item
    return out


def value_text(record: dict, item: dict) -> str:
    """The words of a value as they stand in the document's text (else its own text or name)."""
    text = record.get("text") or ""
    start, end = item.get("start"), item.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        return text[start:end]
    return item.get("text") or item.get("name") or item.get("title") or ""


def outline(page, words_of_value: str) -> list[tuple[float, float, float, float]]:
    """Boxes (left, top, width, height as fractions of the page) of the first run of the page's words
    that reads ``words_of_value`` (accents, case and punctuation ignored)."""
    if page is None or not page.words or not page.width or not page.height:
        return []
    wanted = [fold(w) for w in WORD.findall(words_of_value)]
    if not wanted:
        return []
    tokens = []  # (folded token, word index): a word "l'Intérieur" gives two tokens
    for i, w in enumerate(page.words):
        for token in WORD.findall(w.text):
            tokens.append((fold(token), i))
    for s in range(len(tokens) - len(wanted) + 1):
        if all(tokens[s + k][0] == wanted[k] for k in range(len(wanted))):
            indexes = sorted({tokens[s + k][1] for k in range(len(wanted))})
            return [(w.left / page.width, w.top / page.height, w.width / page.width, w.height / page.height)
                    for w in (page.words[i] for i in indexes)]
    return []
