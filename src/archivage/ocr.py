"""OCR of one page image with the tesseract CLI: clean-up, orientation, deskew, retry.

A thin wrapper around ``tesseract``: one subprocess per page writes both the TSV (words, boxes,
confidences) and a one-page PDF with an invisible text layer, so the searchable copy comes from
the same pass. The CPU work is in the subprocess, so callers may run several pages in threads.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from archivage import datestamps
from archivage.errors import ConfigError
from archivage.model import Word

TARGET_DPI = 300
# A page raster is held several times over while it is read (render, grey, deskewed copy, the
# file tesseract reads): measured 1.4 GB peak for a 148-million-pixel poster. Capping a page at
# 100 million pixels (an A0 plan is read at ~250 dpi instead of 300) keeps a worker near 1 GB;
# larger pages are read at a lower resolution instead of exhausting memory.
MAX_PIXELS = 100_000_000
LOW_CONFIDENCE = 70.0  # mean word confidence under which a page is flagged "low_confidence"
WEAK = 50.0  # mean word confidence of a reading that is mostly garbage (a page read upside down)
# A first pass returning fewer characters than this share of the ink blobs on the page missed text.
MIN_TEXT_PER_INK = 0.6
# A normal page takes 2-5 s; pure noise can keep tesseract busy for minutes. Past this, the page
# is given up (empty text, flag "ocr_timeout") rather than stalling the whole file.
TIMEOUT = float(os.environ.get("ARCHIVAGE_OCR_TIMEOUT", 180))

# tesseract's own OpenMP threads fight each other and our page workers: measured on 2 cores,
# 3 pages took 34 s with them and 3.4 s with OMP_THREAD_LIMIT=1.
_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}

# How many times tesseract ran in this process (OCR passes and OSD), for benchmarks and tests.
runs = Counter()
_RUNS_LOCK = threading.Lock()


def _count(kind: str) -> None:
    with _RUNS_LOCK:
        runs[kind] += 1


@dataclass
class OcrResult:
    text: str
    words: list[Word]
    confidence: float | None
    width: int
    height: int
    flags: list[str] = field(default_factory=list)
    pdf: bytes | None = None  # one page with the image and an invisible text layer
    lines: list[tuple[str, tuple[int, int, int, int]]] = field(default_factory=list)  # text, (l, t, w, h)
    stamps: list[datestamps.StampReading] = field(default_factory=list)

    @property
    def score(self) -> float:
        """Confident characters: how much trustworthy text a pass produced, to compare passes."""
        return sum(len(w.text) * max(w.conf, 0.0) for w in self.words) / 100


@functools.cache
def installed_languages() -> frozenset[str]:
    if shutil.which("tesseract") is None:
        raise ConfigError("The tesseract program is not installed (apt-get install tesseract-ocr).")
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, env=_ENV).stdout
    return frozenset(line.strip() for line in out.splitlines()[1:] if line.strip())


def check_languages(languages: str) -> None:
    missing = [lang for lang in languages.split("+") if lang not in installed_languages()]
    if missing:
        raise ConfigError(
            f"Tesseract has no language data for {', '.join(missing)}: install tesseract-ocr-{missing[0]}."
        )


def ocr_image(img: Image.Image | np.ndarray, dpi: float | None = None, languages: str = "fra",
              want_pdf: bool = False, exact_dpi: bool = False, colour: np.ndarray | None = None,
              stamps: bool = True) -> OcrResult:
    """OCR one page image (PIL, or a grey array): rescale to ~300 dpi, deskew, OCR; if the pass
    missed text, fix the orientation (tesseract OSD) or try another segmentation mode, and keep
    the better pass. On a colour page, date stamps in coloured ink are read again on their own
    (``datestamps``; ``stamps=False`` skips them); ``colour`` is the page's RGB pixels when the caller
    decoded a grey array from them."""
    check_languages(languages)
    if colour is None and isinstance(img, Image.Image) and img.mode in ("RGB", "RGBA", "P", "CMYK"):
        colour = np.asarray(img.convert("RGB"))
    gray = to_gray(img)
    if not (exact_dpi and dpi):
        dpi = plausible_dpi(gray, dpi)
    # the stamp's ink goes through the page's own turns only when there is some to read
    tint = None
    if stamps and colour is not None and datestamps.has_stamp_ink(colour, gray, dpi):
        tint = datestamps.chroma(colour)
    del colour
    flags: list[str] = []
    factor = 1.0
    if dpi < TARGET_DPI * 0.85:
        factor = min(TARGET_DPI / dpi, (MAX_PIXELS / gray.size) ** 0.5)
        if factor > 1.05:
            gray = rescale(gray, factor)
        else:
            factor = 1.0
    elif dpi > TARGET_DPI * 1.5:
        # 600 dpi scans: tesseract is no better past ~300 dpi for body text, and 4x slower.
        factor = TARGET_DPI / dpi
        gray = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    dpi *= factor
    if tint is not None and factor != 1.0:
        tint = cv2.resize(tint, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    angle = skew_angle(gray)
    gray = turn(gray, angle, 255)
    if tint is not None:
        tint = turn(tint, angle, 0)
    ink = ink_blobs(gray, dpi)
    best = tesseract(gray, dpi, languages, psm=3, want_pdf=want_pdf)
    if "ocr_timeout" not in best.flags and _missed_text(best, ink):
        rotation = orientation(gray, dpi)
        if rotation:
            gray = deskew(rotate(gray, rotation))
            candidate = tesseract(gray, dpi, languages, psm=3, want_pdf=want_pdf)
            candidate.flags.append("rotated")
            tint = None  # a page read on its side: its stamps are not where the words are any more
        else:
            # Sparse or unusual layouts: assume one uniform block of text, on a cleaned copy.
            candidate = tesseract(clean(gray), dpi, languages, psm=6, want_pdf=want_pdf)
        if candidate.score > best.score:
            best = candidate
        if (best.confidence or 0) < WEAK:
            # OSD unsure or wrong and the text still garbled: a page printed small and turned (a letter reduced
            # on a sheet scanned sideways); the other quarter turns are tried, the best reading kept
            upright = gray if not rotation else rotate(gray, -rotation)
            for turn_by in [t for t in (90, 270, 180) if t != rotation]:
                turned = tesseract(deskew(rotate(upright, turn_by)), dpi, languages, psm=3, want_pdf=want_pdf)
                if turned.score > 1.5 * best.score:
                    turned.flags.append("rotated")
                    best = turned
                    break
        flags.append("retried")
    best.flags = sorted(set(best.flags + flags))
    if best.confidence is not None and best.confidence < LOW_CONFIDENCE:
        best.flags.append("low_confidence")
    if tint is not None and "ocr_timeout" not in best.flags:
        best.stamps = read_stamps(tint, best.lines, dpi, languages)
    return best


def read_stamps(tint: np.ndarray, lines: list[tuple[str, tuple[int, int, int, int]]], dpi: float,
                languages: str) -> list[datestamps.StampReading]:
    """Each coloured stamp read on its own, in a few binarisations, all in one tesseract run (a page of
    crops one under the other), tied to the line it stands beside."""
    boxes = datestamps.stamp_boxes(tint, dpi)[:6]
    if not boxes:
        return []
    crops = [(k, crop) for k, box in enumerate(boxes) for crop in datestamps.stamp_crops(tint, box, dpi)]
    gap = int(60 * dpi / 300)
    width = max(c.shape[1] for _, c in crops) + 2 * gap
    height = sum(c.shape[0] + gap for _, c in crops) + gap
    sheet = np.full((height, width), 255, np.uint8)
    spans = []
    y = gap
    for k, crop in crops:
        sheet[y:y + crop.shape[0], gap:gap + crop.shape[1]] = crop
        spans.append((k, y, y + crop.shape[0]))
        y += crop.shape[0] + gap
    result = tesseract(sheet, dpi, languages, psm=4)
    texts: dict[int, list[str]] = {}
    for text, (_, top, _, h) in result.lines:
        middle = top + h / 2
        k = next((k for k, a, b in spans if a - gap / 2 <= middle <= b + gap / 2), None)
        if k is not None and text.strip():
            texts.setdefault(k, [])
            if text.strip() not in texts[k]:
                texts[k].append(text.strip())
    out = []
    for k, box in enumerate(boxes):
        line = datestamps.attach(box, lines)
        out += [datestamps.StampReading(line, text, box) for text in texts.get(k, [])]
    return out


def _missed_text(result: OcrResult, ink: int) -> bool:
    chars = sum(len(w.text) for w in result.words)
    weak = result.confidence is not None and result.confidence < 60
    return ink >= 100 and (chars < MIN_TEXT_PER_INK * ink or weak)


def to_gray(img: Image.Image | np.ndarray) -> np.ndarray:
    """A grey array; an array (already grey, e.g. a rendered PDF page) is used as it is."""
    if isinstance(img, np.ndarray):
        return img
    if img.mode in ("RGBA", "LA", "P"):
        img = img.convert("RGBA")
        background = Image.new("RGBA", img.size, "white")
        img = Image.alpha_composite(background, img)
    return np.asarray(img.convert("L"))


def plausible_dpi(gray: np.ndarray, dpi: float | None) -> float:
    """The image's dpi if believable, else a guess from its short side as an A4/Letter page.

    Many scanners write 72 or 96 dpi (or nothing) whatever the real resolution."""
    width_in = gray.shape[1] / dpi if dpi else 0
    if dpi and 100 <= dpi <= 1200 and 2.5 <= width_in <= 20:
        return float(dpi)
    short_side = min(gray.shape)
    return max(short_side / 8.27, 50.0)


def rescale(gray: np.ndarray, factor: float) -> np.ndarray:
    # Cubic interpolation then a light median: smooths the blocky JPEG artefacts that upscaling
    # a 200 dpi scan magnifies, without thickening strokes much.
    big = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    return cv2.medianBlur(big, 3)


def rotate(gray: np.ndarray, degrees: int) -> np.ndarray:
    """Turn the page clockwise by a multiple of 90 degrees (tesseract OSD's "Rotate")."""
    turns = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return cv2.rotate(gray, turns[degrees % 360]) if degrees % 360 else gray


def _binary_ink(gray: np.ndarray) -> np.ndarray:
    """1 where there is ink (Otsu threshold)."""
    _, binary = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return binary


def skew_angle(gray: np.ndarray, limit: float = 5.0) -> float:
    """The small rotation (degrees, counter-clockwise) that makes text lines horizontal.

    Projection profile on a copy about 600 px wide: the angle whose row sums of ink are the
    most contrasted (lines and gaps sharp) wins; coarse then fine search."""
    # A whole-number reduction (1/4 at 300 dpi): OpenCV averages blocks of pixels then, about ten
    # times faster than its general INTER_AREA path for a fractional one.
    step = max(1, round(gray.shape[1] / 600))
    small = cv2.resize(gray, None, fx=1 / step, fy=1 / step, interpolation=cv2.INTER_AREA)
    ink = _binary_ink(small)
    if not 0 < ink.mean() < 0.5:  # blank, or no paper showing: nothing to straighten
        return 0.0
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST)
        rows = cv2.reduce(turned, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel().astype(np.float64)
        return float(np.square(np.diff(rows)).sum())

    coarse = np.arange(-limit, limit + 0.01, 0.5)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    best = max(fine, key=sharpness)
    # Keep the page as is unless turning it clearly sharpens the lines (blank or photo pages).
    if abs(best) < 0.15 or sharpness(best) < 1.05 * sharpness(0.0):
        return 0.0
    return float(best)


# Tesseract copes with a skew under about a degree by itself, and reads a rotated raster
# (grey, anti-aliased edges) more slowly: measured +0.1 s a page, for no gain in accuracy.
MIN_SKEW = 1.0


def deskew(gray: np.ndarray) -> np.ndarray:
    return turn(gray, skew_angle(gray), 255)


def turn(img: np.ndarray, angle: float, border: int) -> np.ndarray:
    """Rotate by a small angle found by ``skew_angle`` (nothing under ``MIN_SKEW``)."""
    if abs(angle) < MIN_SKEW:
        return img
    h, w = img.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=border)


def clean(gray: np.ndarray) -> np.ndarray:
    """A denoised, binarised copy for a second pass: median filter then Otsu."""
    _, binary = cv2.threshold(cv2.medianBlur(gray, 3), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return binary


def ink_blobs(gray: np.ndarray, dpi: float) -> int:
    """Roughly how many characters the ink on the page suggests: connected components of
    character size (noise specks and rules/pictures left out)."""
    scale = 0.5  # half resolution is plenty to count glyphs, and 4x faster
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    binary = _binary_ink(small)
    _, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    px = dpi * scale / 300  # stats are in pixels at dpi * scale; thresholds are set for 300 dpi
    h = stats[1:, cv2.CC_STAT_HEIGHT]
    area = stats[1:, cv2.CC_STAT_AREA]
    w = stats[1:, cv2.CC_STAT_WIDTH]
    glyph = (area >= 12 * px * px) & (h >= 6 * px) & (h <= 120 * px) & (w <= 150 * px)
    return int(glyph.sum())


def orientation(gray: np.ndarray, dpi: float) -> int:
    """Clockwise rotation (0, 90, 180, 270) that tesseract's OSD says makes the page upright.

    Half resolution is enough for normal print and twice as fast; a page printed small (a letter reduced to
    half its size on the sheet) is asked again at full resolution when the first answer is not sure."""
    rotate_by, confidence = _osd(cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA), dpi / 2)
    if confidence < 1.0:
        rotate_by, confidence = _osd(gray, dpi)
    # Below ~1 the OSD guess is a coin toss; an upright page must not be turned on it.
    return rotate_by if confidence >= 1.0 else 0


def _osd(gray: np.ndarray, dpi: float) -> tuple[int, float]:
    _count("osd")
    with tempfile.TemporaryDirectory(prefix="archivage-osd-") as tmp:
        image = Path(tmp) / "page.pgm"
        cv2.imwrite(str(image), gray)
        try:
            run = subprocess.run(
                ["tesseract", str(image), "stdout", "--psm", "0", "--dpi", str(round(dpi))],
                capture_output=True, text=True, env=_ENV, timeout=TIMEOUT / 3,
            )
        except subprocess.TimeoutExpired:
            return 0, 0.0
    rotate_by, confidence = 0, 0.0
    for line in run.stdout.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "Rotate":
            rotate_by = int(value)
        elif key.strip() == "Orientation confidence":
            confidence = float(value)
    return rotate_by, confidence


def tesseract(gray: np.ndarray, dpi: float, languages: str, psm: int = 3, want_pdf: bool = False) -> OcrResult:
    """One tesseract run writing TSV (and a PDF page) from the same recognition."""
    _count("ocr")
    with tempfile.TemporaryDirectory(prefix="archivage-ocr-") as tmp:
        image, base = Path(tmp) / "page.pgm", Path(tmp) / "out"
        cv2.imwrite(str(image), gray)  # PGM: no compression to spend time on
        configs = ["tsv", "pdf"] if want_pdf else ["tsv"]
        args = ["tesseract", str(image), str(base), "-l", languages, "--psm", str(psm),
                "--dpi", str(round(dpi)), "-c", "jpg_quality=75", *configs]
        try:
            run = subprocess.run(args, capture_output=True, text=True, env=_ENV, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return OcrResult("", [], None, gray.shape[1], gray.shape[0], ["ocr_timeout"], None)
        if run.returncode != 0:
            raise RuntimeError(f"tesseract failed ({run.returncode}): {run.stderr.strip()[-500:]}")
        tsv = (base.with_suffix(".tsv")).read_text(encoding="utf-8")
        pdf = base.with_suffix(".pdf").read_bytes() if want_pdf else None
    words, text, confidence, lines = read_tsv(tsv)
    return OcrResult(text, words, confidence, gray.shape[1], gray.shape[0], [], pdf, lines)


def parse_tsv(tsv: str) -> tuple[list[Word], str, float | None]:
    """Words, page text and mean word confidence from tesseract's TSV (see ``read_tsv``)."""
    return read_tsv(tsv)[:3]


def read_tsv(tsv: str) -> tuple[list[Word], str, float | None, list[tuple[str, tuple[int, int, int, int]]]]:
    """Words, page text, mean word confidence and the lines (text, box) from tesseract's TSV.

    Text: words joined by spaces, lines by "\\n", paragraphs by a blank line. A paragraph ends
    where tesseract starts a new block or paragraph, or where the gap above a line is large."""
    rows = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    lines: dict[tuple[int, int, int], list[Word]] = {}
    words: list[Word] = []
    for row in rows:
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        word = Word(row["text"].strip(), float(row["conf"]), int(row["left"]), int(row["top"]),
                    int(row["width"]), int(row["height"]))
        words.append(word)
        lines.setdefault((int(row["block_num"]), int(row["par_num"]), int(row["line_num"])), []).append(word)
    if not words:
        return [], "", None, []
    for ws in lines.values():
        fix_superscripts(ws)
    heights = sorted(max(w.height for w in ws) for ws in lines.values())
    line_height = heights[len(heights) // 2]
    out: list[str] = []
    previous: tuple[tuple[int, int, int], int] | None = None
    for key, ws in lines.items():
        top = min(w.top for w in ws)
        bottom = max(w.top + w.height for w in ws)
        if previous is not None:
            (block, par, _), prev_bottom = previous
            new_par = (key[0], key[1]) != (block, par) or top - prev_bottom > 1.2 * line_height
            out.append("\n\n" if new_par else "\n")
        out.append(" ".join(w.text for w in ws))
        previous = (key, bottom)
    confs = [w.conf for w in words if w.conf >= 0]
    boxes = []
    for ws in lines.values():
        left, top = min(w.left for w in ws), min(w.top for w in ws)
        boxes.append((" ".join(w.text for w in ws), (left, top, max(w.left + w.width for w in ws) - left,
                                                     max(w.top + w.height for w in ws) - top)))
    return words, "".join(out), (sum(confs) / len(confs) if confs else None), boxes


# French typesetting raises the ends of abbreviations: M<sup>me</sup>, 1<sup>er</sup>, 2<sup>e</sup>.
# Tesseract reads the small raised letters as quote marks ("M\"" , "1”"); put the letters back when
# the next word shows the context (a capitalised name after M, a lower-case word after a number).
_RAISED = r"[\"”“'*]{1,3}"
_MADAME = re.compile(rf"M{_RAISED}")
_ORDINAL = re.compile(rf"(\d{{1,3}}){_RAISED}")


def fix_superscripts(words: list[Word]) -> None:
    for word, following in zip(words, words[1:], strict=False):
        if _MADAME.fullmatch(word.text) and following.text[:1].isupper():
            word.text = "Mme"
        elif (m := _ORDINAL.fullmatch(word.text)) and following.text[:1].islower():
            word.text = m.group(1) + ("er" if m.group(1) == "1" else "e")
