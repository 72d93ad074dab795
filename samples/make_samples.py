"""Render the seed dossier text into sample PDFs: a scanned-looking one and a born-digital one.

    python samples/make_samples.py            # writes the two PDFs next to the text

Both PDFs have the same pages, laid out once by :func:`layout`:

* A4, DejaVu Serif 11 pt, margins 2 cm, paragraphs wrapped, a blank line between paragraphs;
* a new page before every heading line (a line in capitals longer than 20 characters, e.g.
  "LETTRE D'…", "VOEU VOTÉ…", "COMMUNIQUÉ…", their "(SUITE)" and a running header), before the
  first occurrence of each line listed in ``EXTRA_BREAKS`` (``--break-before``), and when a page is full.

The scan is image-only (no text layer): each page is drawn at 300 dpi in grey levels, skewed by
0.5-1 degree, lightly blurred and noised, and embedded as a JPEG. The born-digital copy draws the
same lines as real text with fpdf2. Everything is seeded, so a rerun gives the same pages.
"""

from __future__ import annotations

import argparse
import io
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "dossier-securite-18e-2019.txt"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
REGULAR = FONTS / "DejaVuSerif.ttf"
BOLD = FONTS / "DejaVuSerif-Bold.ttf"

PAGE_W, PAGE_H = 595.28, 841.89  # A4 in points
MARGIN = 56.7  # 2 cm
SIZE = 11.0  # font size in points
LEADING = 1.3 * SIZE

# Lines that open a document without being a heading in capitals (a letterhead). Only the first
# occurrence breaks: the same name signs the letter further down.
EXTRA_BREAKS = ["Colombe BROSSEL"]


@dataclass
class Line:
    text: str
    x: float  # left, points
    y: float  # baseline, points from the top
    bold: bool = False


def is_heading(line: str) -> bool:
    """A line in capitals longer than 20 characters: a document heading or a running header."""
    letters = [c for c in line if c.isalpha()]
    return len(line) > 20 and bool(letters) and all(c.isupper() for c in letters)


def _font(bold: bool, size_px: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(BOLD if bold else REGULAR), size=max(1, round(size_px)))


def wrap(text: str, bold: bool, width: float) -> list[str]:
    """Greedy word wrap at ``width`` points, measured with the real font metrics."""
    font = _font(bold, SIZE * 10)  # measure at 10x, points * 10 = pixels at 720 dpi
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and font.getlength(candidate) / 10 > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def paragraphs(text: str) -> list[str]:
    """Every non-empty source line is a paragraph; runs of blank lines are one break."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def layout(text: str, extra_breaks: list[str] = EXTRA_BREAKS) -> list[list[Line]]:
    pages: list[list[Line]] = [[]]
    y = MARGIN + SIZE
    bottom = PAGE_H - MARGIN
    pending = list(extra_breaks)
    for para in paragraphs(text):
        bold = is_heading(para)
        forced = para in pending
        if forced:
            pending.remove(para)
        if (bold or forced) and pages[-1]:
            pages.append([])
            y = MARGIN + SIZE
        for line in wrap(para, bold, PAGE_W - 2 * MARGIN):
            if y > bottom:
                pages.append([])
                y = MARGIN + SIZE
            pages[-1].append(Line(line, MARGIN, y, bold))
            y += LEADING
        y += LEADING  # the blank line between paragraphs
    return pages


def page_text(lines: list[Line]) -> str:
    """The expected text of a page: lines of a paragraph joined by newlines, paragraphs by a blank line."""
    out: list[str] = []
    previous = None
    for line in lines:
        if previous is not None:
            out.append("\n\n" if line.y - previous.y > LEADING * 1.5 else "\n")
        out.append(line.text)
        previous = line
    return "".join(out)


def draw_page(lines: list[Line], dpi: int = 300) -> Image.Image:
    """A clean grey-level raster of the page."""
    scale = dpi / 72
    img = Image.new("L", (round(PAGE_W * scale), round(PAGE_H * scale)), 255)
    draw = ImageDraw.Draw(img)
    fonts = {b: _font(b, SIZE * scale) for b in (False, True)}
    for line in lines:
        draw.text((line.x * scale, line.y * scale), line.text, fill=20, font=fonts[line.bold], anchor="ls")
    return img


def scan_look(img: Image.Image, rng: random.Random, skew: float, noise: float = 2.0) -> Image.Image:
    """Make a clean raster look scanned: off-white paper, a slight skew, a little blur and noise."""
    img = img.rotate(skew, resample=Image.BICUBIC, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(0.7))
    arr = np.asarray(img, dtype=np.float32) * (240 / 255) + 8
    nprng = np.random.default_rng(rng.randrange(2**32))
    arr += nprng.normal(0, noise, arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")


def jpeg_bytes(img: Image.Image, quality: int, dpi: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)
    return buf.getvalue()


def image_pdf(jpegs: list[bytes], out: Path) -> None:
    """Embed each JPEG unchanged as one full page sized from its dpi: an image-only PDF, like a scanner writes."""
    pdf = FPDF(unit="pt", format=(PAGE_W, PAGE_H))
    pdf.set_auto_page_break(False)
    pdf.set_creator("archivage samples/make_samples.py")
    for data in jpegs:
        with Image.open(io.BytesIO(data)) as img:
            dpi = img.info.get("dpi", (300, 300))[0]
            w, h = img.width * 72 / dpi, img.height * 72 / dpi
        pdf.add_page(format=(w, h))
        pdf.image(io.BytesIO(data), x=0, y=0, w=w, h=h)
    _save(pdf, out)


def text_pdf(pages: list[list[Line]], out: Path) -> None:
    """The same pages drawn as real text: a born-digital PDF with a text layer."""
    pdf = FPDF(unit="pt", format=(PAGE_W, PAGE_H))
    pdf.set_auto_page_break(False)
    pdf.set_creator("archivage samples/make_samples.py")
    pdf.add_font("DejaVuSerif", "", str(REGULAR))
    pdf.add_font("DejaVuSerif", "B", str(BOLD))
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.set_font("DejaVuSerif", "B" if line.bold else "", SIZE)
            pdf.text(line.x, line.y, line.text)
    _save(pdf, out)


def _save(pdf: FPDF, out: Path) -> None:
    # A fixed creation date keeps the file identical from one run to the next.
    import datetime as dt

    pdf.set_creation_date(dt.datetime(2019, 7, 1, tzinfo=dt.UTC))
    out.write_bytes(bytes(pdf.output()))


def scan(pages: list[list[Line]], seed: int = 18, dpi: int = 300, quality: int = 45) -> list[bytes]:
    rng = random.Random(seed)
    out = []
    for lines in pages:
        skew = rng.uniform(0.5, 1.0) * rng.choice((-1, 1))
        out.append(jpeg_bytes(scan_look(draw_page(lines, dpi), rng, skew), quality, dpi))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out-dir", type=Path, default=HERE)
    parser.add_argument("--break-before", action="append", default=None,
                        help="a line before whose first occurrence a page starts (repeatable); "
                             f"default: {EXTRA_BREAKS}")
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args(argv)
    pages = layout(args.source.read_text(encoding="utf-8"), args.break_before or EXTRA_BREAKS)
    stem = args.source.stem
    image_pdf(scan(pages, args.seed), args.out_dir / f"{stem}.pdf")
    text_pdf(pages, args.out_dir / f"{stem}-born-digital.pdf")
    print(f"{len(pages)} pages -> {args.out_dir / stem}.pdf, {stem}-born-digital.pdf")


if __name__ == "__main__":
    main()
