"""The page stage: a stored original (PDF, TIFF, PNG, JPEG) → the text of each page, with provenance.

Per page, the PDF text layer is used when it is real text; otherwise the page is rasterised and
OCRed (:mod:`archivage.ocr`). Results are cached on disk by (file sha256, page, languages, dpi,
pipeline version), so a second run over the same pages does no OCR. OCR pages also leave a
one-page PDF (image + invisible text) that :func:`assemble_searchable` binds into a searchable copy.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import cv2
import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, UnidentifiedImageError

from archivage import ocr
from archivage.errors import BadInput
from archivage.model import Page, Word
from archivage.sniff import sha256_file, sniff

log = logging.getLogger("archivage.pages")

PIPELINE_VERSION = 6  # bump when a change to this stage or to ocr.py changes page texts

# PDFium is not thread-safe: every call into it, from any thread, goes through this lock. It is
# held only for parsing and decoding or rasterising (~0.02 s for a scanner's page, ~0.13 s when a
# 300 dpi page must be rendered), never during tesseract.
_PDFIUM = threading.Lock()


# ---------------------------------------------------------------------------------------------
# Public API


def page_count(path: Path) -> int:
    """Number of pages; raises BadInput with one sentence for a file we cannot read."""
    with _Source(Path(path)) as source:
        return source.count


def read_page(path: Path, number: int, *, languages: str = "fra", dpi: int = 300,
              cache_dir: Path | None = None, searchable_dir: Path | None = None) -> Page:
    """Text of page ``number`` (1-based). Thread-safe: one call per page may run in parallel
    (e.g. Prefect mapped tasks); ``read_pages`` is faster for a whole file (opens it once).

    ``dpi`` is the resolution PDF pages are rasterised at; OCR itself works near 300 dpi (images
    under 255 dpi are enlarged, over 450 dpi reduced). ``cache_dir``: where page results are kept
    (None: no cache). ``searchable_dir``: where OCR pages leave their one-page PDF for
    :func:`assemble_searchable` (None: not needed)."""
    with _Source(Path(path)) as source:
        return _read(source, number, languages, dpi, cache_dir, searchable_dir)


def read_pages(path: Path, *, languages: str = "fra", dpi: int = 300, cache_dir: Path | None = None,
               searchable_dir: Path | None = None, workers: int = 0,
               progress: Callable[[int], None] | None = None) -> list[Page]:
    """Text of every page, in order. ``workers`` pages are OCRed at once (0: one per core);
    ``progress(1)`` is called as each page is done (``tqdm.update`` fits)."""
    ocr.check_languages(languages)
    with _Source(Path(path)) as source:
        pool = ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1, thread_name_prefix="archivage-page")
        try:
            # Threads are enough: a page's work is in the tesseract subprocess. Only page numbers
            # are queued, so at most `workers` rasters are in memory at once. The heaviest pages
            # go first, so that the page left running alone at the end is a light one.
            futures = {n: pool.submit(_read, source, n, languages, dpi, cache_dir, searchable_dir)
                       for n in source.heaviest_first()}
            for future in as_completed(futures.values()):
                future.result()  # the first failure stops the run (queued pages are cancelled)
                if progress:
                    progress(1)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return [futures[n].result() for n in range(1, source.count + 1)]


def assemble_searchable(path: Path, pages: list[Page], out: Path, searchable_dir: Path, *,
                        pdfa: bool = False) -> Path | None:
    """Bind the OCR pages' PDFs (left in ``searchable_dir`` by ``read_page(s)``) and the original
    text-layer pages into ``out``, a searchable copy; the original is not touched.

    ``pdfa``: rewrite the copy as PDF/A-2 with ghostscript (about 0.2 s a page; not checked by a
    validator here). Returns None when there is nothing to add (every page already has a text
    layer: the original is the searchable copy) or when an OCR page's PDF is missing (re-read
    with a searchable_dir)."""
    path, out = Path(path), Path(out)
    if all(p.method == "text_layer" for p in pages):
        return None
    sha = file_sha256(path)
    page_dir = _page_pdf_dir(searchable_dir, sha)
    parts = {p.number: page_dir / f"{p.number:04d}.pdf" for p in pages if p.method == "ocr"}
    if not all(part.exists() for part in parts.values()):
        return None
    original = pikepdf.open(path) if sniff(path) == "pdf" else None
    opened: list[pikepdf.Pdf] = []
    try:
        result = pikepdf.new()
        for page in sorted(pages, key=lambda p: p.number):
            if page.number in parts:
                opened.append(pikepdf.open(parts[page.number]))
                result.pages.append(opened[-1].pages[0])
            elif original is not None:
                result.pages.append(original.pages[page.number - 1])
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.tmp")
        result.save(tmp)
        if pdfa and shutil.which("gs"):
            _to_pdfa(tmp)
        elif pdfa:
            log.warning("ghostscript (gs) is not installed: %s is searchable but not PDF/A", out.name)
        os.replace(tmp, out)
    finally:
        for pdf in opened + ([original] if original is not None else []):
            pdf.close()
    shutil.rmtree(page_dir, ignore_errors=True)
    return out


def _to_pdfa(pdf: Path) -> None:
    """Rewrite ``pdf`` in place as PDF/A-2b with ghostscript (JPEG images passed through)."""
    converted = pdf.with_name(pdf.name + ".pdfa")
    run = subprocess.run(
        ["gs", "-q", "-dPDFA=2", "-dBATCH", "-dNOPAUSE", "-dNOOUTERSAVE", "-dPDFACompatibilityPolicy=1",
         "-sColorConversionStrategy=RGB", "-sDEVICE=pdfwrite", f"-sOutputFile={converted}", str(pdf)],
        capture_output=True, text=True,
    )
    if run.returncode != 0:
        converted.unlink(missing_ok=True)
        raise RuntimeError(f"ghostscript could not write PDF/A: {run.stderr.strip()[-300:]}")
    os.replace(converted, pdf)


# ---------------------------------------------------------------------------------------------
# One source file


class _Source:
    """An open input file: its kind, sha256, page count and (for a PDF) the PDFium document."""

    def __init__(self, path: Path):
        self.path = path
        self.doc: pdfium.PdfDocument | None = None
        if not path.is_file():
            raise BadInput(f"{path.name} does not exist or is not a file.")
        if path.stat().st_size == 0:
            raise BadInput(f"{path.name} is empty (0 bytes).")
        self.kind = sniff(path)
        if self.kind is None:
            raise BadInput(f"{path.name} is not a PDF, TIFF, PNG or JPEG file.")
        self.count = self._open_pdf() if self.kind == "pdf" else self._check_image()
        if self.count == 0:
            self.close()
            raise BadInput(f"{path.name} has no pages.")
        self.sha = file_sha256(path)

    def _open_pdf(self) -> int:
        with _PDFIUM:
            try:
                self.doc = pdfium.PdfDocument(str(self.path))
            except pdfium.PdfiumError as e:
                if "password" in str(e).lower():
                    raise BadInput(f"{self.path.name} is encrypted with a password; "
                                   "drop a copy without the password.") from None
                raise BadInput(f"{self.path.name} is damaged or truncated and cannot be read as a PDF.") from None
            return len(self.doc)

    def _check_image(self) -> int:
        try:
            with Image.open(self.path) as img:
                img.load()  # decode the first page now: a truncated image fails here, not mid-run
                return getattr(img, "n_frames", 1)
        except Image.DecompressionBombError:
            raise BadInput(f"{self.path.name} is too large an image to read safely (over "
                           f"{Image.MAX_IMAGE_PIXELS * 2 // 1_000_000} million pixels): scan it at a lower "
                           "resolution or split it.") from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise BadInput(f"{self.path.name} is damaged or truncated and cannot be read as an image.") from None

    def close(self) -> None:
        if self.doc is not None:
            with _PDFIUM:
                self.doc.close()
            self.doc = None

    def __enter__(self) -> _Source:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def heaviest_first(self) -> list[int]:
        """Page numbers, those with the most image data first: a scan's compressed size grows with
        the text on it, and so does OCR time (~1 ms a page to ask PDFium). Images: in order."""
        if self.doc is None:
            return list(range(1, self.count + 1))
        weights = {}
        with _PDFIUM:
            for n in range(1, self.count + 1):
                try:
                    page = self.doc[n - 1]
                except pdfium.PdfiumError:
                    weights[n] = 0  # reading the page will say what is wrong with it
                    continue
                try:
                    weights[n] = sum(pdfium_c.FPDFImageObj_GetImageDataRaw(obj, None, 0) for obj in
                                     page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1))
                finally:
                    page.close()
        return sorted(weights, key=lambda n: -weights[n])  # a stable sort: ties keep page order

    def text_layer(self, number: int, dpi: int) -> Page | None:
        """The page from its text layer, or None when it has no real text (scan, garbage)."""
        if self.doc is None:
            return None
        with _PDFIUM:
            page = self.doc[number - 1]
            try:
                textpage = page.get_textpage()
                text = textpage.get_text_range() if textpage.count_chars() else ""
                # PDFium marks a hyphen that breaks a word at a line end as U+0002.
                text = text.replace("\x02", "-")
                if not looks_like_text(text):
                    return None
                boxes = [textpage.get_charbox(i) for i in range(len(text))]
                if _scanned_with_label(page, text, boxes):
                    return None
                width, height = page.get_size()
            finally:
                page.close()
        return _layer_page(number, text, boxes, width, height, dpi)

    def image(self, number: int, dpi: int) -> tuple[Image.Image | np.ndarray, float | None, np.ndarray | None]:
        """The page as an image (a grey array for a PDF page), its resolution (None when the
        file does not say) and, for a colour scan in a PDF, its colour pixels (None otherwise)."""
        if self.doc is not None:
            with _PDFIUM:
                page = self.doc[number - 1]
                try:
                    dpi = _capped_dpi(page, dpi)
                    scanned = _scan_image(page, dpi)
                    img, tint = scanned if scanned is not None else (None, None)
                    if img is None:
                        bitmap = page.render(scale=dpi / 72, grayscale=True)
                        # A copy: the bitmap's buffer belongs to PDFium and is freed with it.
                        img = np.array(bitmap.to_numpy())
                        bitmap.close()
                except pdfium.PdfiumError:
                    raise BadInput(f"Page {number} of {self.path.name} is damaged and cannot be rendered.") from None
                finally:
                    page.close()
            return img, dpi, tint
        try:
            with Image.open(self.path) as img:
                img.seek(number - 1)
                info_dpi = img.info.get("dpi", (None, None))[0]
                # Colour and transparency are left to ocr.to_gray (transparent means paper, not black).
                return img.copy(), (float(info_dpi) if info_dpi else None), None
        except (OSError, EOFError, ValueError):
            raise BadInput(f"Page {number} of {self.path.name} is damaged and cannot be read.") from None


def _capped_dpi(page: pdfium.PdfPage, dpi: int) -> int:
    """``dpi``, lowered for a page so large (a plan, a poster) that its raster would pass
    ``ocr.MAX_PIXELS``."""
    width, height = page.get_size()  # points
    pixels = (width * dpi / 72) * (height * dpi / 72)
    if pixels <= ocr.MAX_PIXELS:
        return dpi
    return max(int(dpi * (ocr.MAX_PIXELS / pixels) ** 0.5), 1)


_GRAY_FROM = {pdfium_c.FPDFBitmap_BGR: cv2.COLOR_BGR2GRAY, pdfium_c.FPDFBitmap_BGRx: cv2.COLOR_BGRA2GRAY,
              pdfium_c.FPDFBitmap_BGRA: cv2.COLOR_BGRA2GRAY}


def _scan_image(page: pdfium.PdfPage, dpi: int) -> tuple[np.ndarray, np.ndarray | None] | None:
    """The page's image decoded as it is stored, when the page is one upright image filling the
    page at ``dpi`` (a scanner's PDF): the same pixels rendering would give, without resampling,
    for a fifth of the CPU (~25 ms instead of ~130 ms a page), with its chroma when it is in colour (for
    ``datestamps``). None for anything else.

    PDFium decodes it (filters, colour space, /Decode arrays); a soft mask is not applied, which
    is harmless for a page-filling scan."""
    if page.get_rotation():
        return None
    objects = list(page.get_objects(max_depth=1))
    if len(objects) != 1 or objects[0].type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
        return None
    image = objects[0]
    a, b, c, d, _, _ = image.get_matrix().get()
    if b or c or a <= 0 or d <= 0:  # turned, sheared or mirrored: let PDFium render it
        return None
    page_box, bounds = page.get_bbox(), image.get_bounds()
    if any(abs(p - q) > 1 for p, q in zip(page_box, bounds, strict=True)):  # not the whole page
        return None
    width, height = image.get_px_size()
    scale = dpi / 72
    if abs(width - a * scale) > 0.01 * width or abs(height - d * scale) > 0.01 * height:
        return None  # another resolution: rendering resamples it to dpi
    bitmap = image.get_bitmap(render=False)
    pixels = bitmap.to_numpy()
    # Copies: the buffer belongs to PDFium, freed (under the caller's lock) when the bitmap is
    # dropped here. Not bitmap.close(), which warns that views of the buffer may outlive it.
    tint = None
    if bitmap.format == pdfium_c.FPDFBitmap_Gray:
        gray = np.array(pixels)
    elif bitmap.format in _GRAY_FROM:
        gray = cv2.cvtColor(pixels, _GRAY_FROM[bitmap.format])
        tint = np.array(pixels[..., :3])  # a colour scan: its stamps' ink is read apart (datestamps)
    else:
        gray = None
    del pixels, bitmap
    return None if gray is None else (gray, tint)


def _read(source: _Source, number: int, languages: str, dpi: int,
          cache_dir: Path | None, searchable_dir: Path | None) -> Page:
    if not 1 <= number <= source.count:
        raise ValueError(f"page {number} out of range 1..{source.count} in {source.path.name}")
    cached = _cache_load(cache_dir, source.sha, number, languages, dpi)
    if cached is not None:
        page, pdf = cached
        if page.method == "text_layer" or searchable_dir is None or pdf is not None:
            if pdf is not None and searchable_dir is not None:
                _write_page_pdf(searchable_dir, source.sha, number, pdf)
            return page
    page = source.text_layer(number, dpi)
    pdf = None
    if page is None:
        img, img_dpi, tint = source.image(number, dpi)
        want_pdf = cache_dir is not None or searchable_dir is not None
        # A PDF page is rendered at a resolution we chose: true whatever the page size (a plan,
        # a poster). An image file's own dpi tag is often wrong and is only a hint.
        result = ocr.ocr_image(img, img_dpi, languages, want_pdf=want_pdf, exact_dpi=source.doc is not None,
                               colour=tint)
        del img, tint
        page = Page(number=number, text=result.text, method="ocr", confidence=result.confidence,
                    words=result.words, width=result.width, height=result.height, flags=result.flags,
                    stamps=[{"line": s.line, "text": s.text, "box": list(s.box)} for s in result.stamps])
        pdf = result.pdf
    if searchable_dir is not None and pdf is not None:
        _write_page_pdf(searchable_dir, source.sha, number, pdf)
    _cache_store(cache_dir, source.sha, number, languages, dpi, page, pdf)
    return page


# ---------------------------------------------------------------------------------------------
# Text layers


_COMMON = frozenset(
    "le la les l de des du d un une et à a au aux en pour par sur dans que qui ne pas est il elle nous "
    "vous ce cette se sa son ses avec ou plus the of and to in is for on that with der die und das el "
    "los las y di che".split()
)
_VOWELS = set("aeiouyàâäéèêëîïôöùûüÿœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŸŒÆ")
_LETTERS = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?")
_NUMBER = re.compile(r"[+-]?[\d][\d\s.,:/%€$°hH-]*")
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZ]{5,}")


def looks_like_text(text: str) -> bool:
    """Whether a text layer is real text rather than nothing or garbage (glyphs without a usable
    encoding, a few stray labels): enough characters, mostly word-shaped, some common words."""
    tokens = [t.strip("()[]{}«»\"“”'’,;:!?…•*·-–—") for t in text.split()]
    tokens = [t for t in tokens if t]
    chars = sum(len(t) for t in tokens)
    if chars < 40:
        return False
    good = sum(len(t) for t in tokens if _wordlike(t))
    # Prose in French (or English...) is a third function words; tables of names and figures
    # have fewer, so only a tenth of the non-numeric tokens is asked for.
    words = [t for t in tokens if not _NUMBER.fullmatch(t)]
    common = sum(1 for t in words if t.lower().rstrip(".") in _COMMON)
    return good >= 0.7 * chars and common >= max(1, 0.1 * len(words))


def _wordlike(token: str) -> bool:
    if _NUMBER.fullmatch(token):
        return True
    if not _LETTERS.fullmatch(token):
        return False
    return len(token) <= 3 or (any(c in _VOWELS for c in token) and not _CONSONANT_RUN.search(token))


def _scanned_with_label(page: pdfium.PdfPage, text: str, boxes: list | None = None) -> bool:
    """A scan carrying only a little real text (a stamp, a file name, an exhibit's caption around the picture of
    a letter): the image needs OCR. Either images cover half the page, or one large image (a sixth of the page
    or more) has no character of the text layer over it."""
    if len(text) >= 600:
        return False
    width, height = page.get_size()
    covered = 0.0
    bare = False
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = obj.get_bounds()
        area = max(0.0, right - left) * max(0.0, top - bottom)
        covered += area
        if area >= width * height / 6 and boxes is not None and not any(
                left <= (b[0] + b[2]) / 2 <= right and bottom <= (b[1] + b[3]) / 2 <= top for b in boxes):
            bare = True
    return (len(text) < 300 and covered >= 0.5 * width * height) or bare


def _layer_page(number: int, text: str, boxes: list, width: float, height: float, dpi: int) -> Page:
    """Lines from PDFium's text (lines end with CR LF), with a blank line where the gap above a
    line is much larger than the usual line pitch; word boxes in pixels at ``dpi``."""
    scale = dpi / 72
    lines: list[tuple[str, float, list[Word]]] = []  # text, top (points from the top), words
    for match in re.finditer(r"[^\r\n]+", text):
        words = []
        for w in re.finditer(r"\S+", match.group()):
            lo, hi = match.start() + w.start(), match.start() + w.end()
            xs = [b for b in boxes[lo:hi] if b[2] > b[0] or b[3] > b[1]]
            if not xs:
                continue
            left, right = min(b[0] for b in xs), max(b[2] for b in xs)
            bottom, top = min(b[1] for b in xs), max(b[3] for b in xs)
            words.append(Word(w.group(), 100.0, round(left * scale), round((height - top) * scale),
                              round((right - left) * scale), round((top - bottom) * scale)))
        if words:
            lines.append((" ".join(w.text for w in words), min(w.top for w in words) / scale, words))
    pitch = _line_pitch(lines, [max(w.height for w in ws) / scale for _, _, ws in lines])
    out: list[str] = []
    for i, (line, top, _) in enumerate(lines):
        if i:
            gap = top - lines[i - 1][1]
            out.append("\n\n" if pitch and gap > 1.5 * pitch else "\n")
        out.append(line)
    return Page(number=number, text="".join(out), method="text_layer", confidence=None,
                words=[w for _, _, ws in lines for w in ws],
                width=round(width * scale), height=round(height * scale))


def _line_pitch(lines: list[tuple[str, float, list[Word]]], heights: list[float]) -> float:
    """The usual distance between the tops of two lines of one paragraph.

    A low percentile of the pitches, so pages made mostly of paragraph gaps do not set it; but if
    even that is wider than 2.5 line heights, every line is its own paragraph: use 1.5 heights."""
    pitches = sorted(b[1] - a[1] for a, b in zip(lines, lines[1:], strict=False) if b[1] > a[1])
    if not pitches:
        return 0.0
    low = pitches[len(pitches) // 5]
    height = sorted(heights)[len(heights) // 2]
    return low if low <= 2.5 * height else 1.5 * height


# ---------------------------------------------------------------------------------------------
# Hashing, cache, page PDFs


_SHA_MEMO: dict[tuple[str, int, int], str] = {}
_SHA_LOCK = threading.Lock()


def file_sha256(path: Path) -> str:
    """sha256 of the file, remembered while its size and mtime do not change (one hash per file,
    not one per page, when mapped tasks read pages one by one)."""
    st = os.stat(path)
    key = (str(Path(path).resolve()), st.st_size, st.st_mtime_ns)
    with _SHA_LOCK:
        if key in _SHA_MEMO:
            return _SHA_MEMO[key]
    digest = sha256_file(path)
    with _SHA_LOCK:
        _SHA_MEMO[key] = digest
    return digest


def _cache_base(cache_dir: Path, sha: str, number: int, languages: str, dpi: int) -> Path:
    return Path(cache_dir) / sha[:2] / sha / f"{number:04d}-{languages}-{dpi}dpi-v{PIPELINE_VERSION}"


def _cache_load(cache_dir, sha, number, languages, dpi) -> tuple[Page, bytes | None] | None:
    if cache_dir is None:
        return None
    base = _cache_base(cache_dir, sha, number, languages, dpi)
    try:
        data = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    data["words"] = [Word(**w) for w in data.get("words", [])]
    pdf_path = base.with_suffix(".pdf")
    return Page(**data), (pdf_path.read_bytes() if pdf_path.exists() else None)


def _cache_store(cache_dir, sha, number, languages, dpi, page: Page, pdf: bytes | None) -> None:
    if cache_dir is None:
        return
    base = _cache_base(cache_dir, sha, number, languages, dpi)
    base.parent.mkdir(parents=True, exist_ok=True)
    if pdf is not None:
        _atomic_write(base.with_suffix(".pdf"), pdf)
    # The JSON last: its presence means the entry is complete.
    _atomic_write(base.with_suffix(".json"), json.dumps(dataclasses.asdict(page), ensure_ascii=False).encode())


def _page_pdf_dir(searchable_dir: Path, sha: str) -> Path:
    return Path(searchable_dir) / ".pages" / sha


def _write_page_pdf(searchable_dir: Path, sha: str, number: int, pdf: bytes) -> None:
    target = _page_pdf_dir(searchable_dir, sha) / f"{number:04d}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(target, pdf)


def _atomic_write(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(fd, "wb") as f:
        os.fchmod(f.fileno(), 0o644)  # mkstemp makes 0600 files; the archive is shared
        f.write(data)
    os.replace(tmp, target)
