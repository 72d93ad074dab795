"""Date stamps in coloured ink read again on their own, through the page stage of a real scanned PDF.

A préfecture's letter dated by a rubber stamp beside "Vesoul, le", digits spaced ("1 8 NOV. 2022"), scanned in
colour at 200 dpi: tesseract alone reads "8 NOV. 2022" (the 8th) or nothing; the stamp read apart gives the
date, and the record says that the stamp was read two ways.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from archivage import ocr
from archivage.pages import read_pages
from archivage.pipeline import records_from_pages

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "samples"))
import make_samples  # noqa: E402

LETTER = """PRÉFET DE LA HAUTE-SAÔNE

Vesoul, le

Monsieur le Maire,

Par courrier du 12 octobre 2022, vous avez sollicité l'autorisation d'organiser une manifestation sportive sur
la route départementale 13 pendant l'hiver 2022-2023. J'ai l'honneur de vous faire connaître que cette
autorisation vous est accordée sous réserve du respect des prescriptions jointes.

Je vous prie d'agréer, Monsieur le Maire, l'expression de ma considération distinguée.

Pour le Préfet et par délégation,
le Secrétaire général,
Jean-Marc DUPONT"""


def stamp(img: Image.Image, x: int, y: int, text: str, colour: tuple[int, int, int], angle: float) -> None:
    """A rubber stamp: a frame and a date in coloured ink, applied askew."""
    font = ImageFont.truetype(str(make_samples.BOLD), 60)
    mark = Image.new("RGBA", (560, 110), (0, 0, 0, 0))
    draw = ImageDraw.Draw(mark)
    draw.rectangle([2, 2, 557, 107], outline=colour + (230,), width=6)
    draw.text((28, 18), text, font=font, fill=colour + (235,))
    mark = mark.rotate(angle, expand=True)
    img.paste(mark, (x, y), mark)


def scanned_pdf(path: Path, stamps: list[tuple[str, str, tuple[int, int, int], float]], colour: bool = True) -> Path:
    """The letter at 300 dpi with its stamps (beside the line starting with the given words), scanned in colour
    at 200 dpi: blurred, noisy, JPEG."""
    lines = make_samples.layout(LETTER, extra_breaks=[])[0]
    img = make_samples.draw_page(lines, 300).convert("RGB")
    px = 300 / 72
    for beside, text, ink, angle in stamps:
        line = next(ln for ln in lines if ln.text.startswith(beside))
        stamp(img, int((line.x + 40) * px), int(line.y * px - 70), text, ink, angle)
    img = img.resize((img.width * 2 // 3, img.height * 2 // 3)).filter(ImageFilter.GaussianBlur(1.2))
    noisy = np.asarray(img, np.float32) + np.random.default_rng(3).normal(0, 12, (img.height, img.width, 3))
    img = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))
    if not colour:
        img = img.convert("L")
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=35, dpi=(200, 200))
    pdf = FPDF(unit="pt", format=(make_samples.PAGE_W, make_samples.PAGE_H))
    pdf.add_page()
    pdf.image(io.BytesIO(buf.getvalue()), x=0, y=0, w=make_samples.PAGE_W, h=make_samples.PAGE_H)
    pdf.output(str(path))
    return path


def record(pdf: Path, tmp_path: Path) -> dict:
    pages = read_pages(pdf, dpi=200, cache_dir=tmp_path / "cache", workers=1)
    [rec] = records_from_pages(pages, file=pdf.name, sha256="5" * 64)
    return rec


@pytest.mark.parametrize("text, ink, angle, date", [
    ("1 8 NOV. 2022", (40, 60, 170), 4, "2022-11-18"),
    ("2 3 MARS 2023", (190, 30, 40), -3, "2023-03-23"),
    ("0 5 JANV. 2023", (110, 40, 150), 6, "2023-01-05"),
])
def test_a_letter_dated_by_a_coloured_stamp(tmp_path, text, ink, angle, date):
    rec = record(scanned_pdf(tmp_path / "lettre.pdf", [("Vesoul", text, ink, angle)]), tmp_path)
    assert rec["date"] == date
    assert date in {d["value"] for d in rec["dates"]}
    # whatever OCR made of the stamp in the date line, no other day of that month is cited
    assert not {d["value"] for d in rec["dates"]} & {date[:8] + f"{n:02d}" for n in range(1, 32)} - {date}


def test_a_stamp_read_two_ways_is_said(tmp_path):
    rec = record(scanned_pdf(tmp_path / "lettre.pdf", [("Vesoul", "1 8 NOV. 2022", (40, 60, 170), 4)]), tmp_path)
    assert rec["review"] == [{"field": "date", "reason": "stamp read as 2022-11-18 and 2022-11-08"}]


def test_a_reception_stamp_does_not_date_the_letter(tmp_path):
    pdf = scanned_pdf(tmp_path / "lettre.pdf", [("Vesoul", "1 8 NOV. 2022", (40, 60, 170), 4),
                                               ("Monsieur le Maire", "2 9 NOV. 2022", (190, 30, 40), -2)])
    rec = record(pdf, tmp_path)
    assert rec["date"] == "2022-11-18"


def test_a_black_and_white_scan_costs_no_second_reading(tmp_path):
    pdf = scanned_pdf(tmp_path / "lettre.pdf", [], colour=False)
    before = ocr.runs["ocr"]
    [page] = read_pages(pdf, dpi=200, workers=1)
    assert ocr.runs["ocr"] - before == 1 and page.stamps == []
