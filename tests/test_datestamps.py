"""Date stamps in coloured ink read again on their own, through the page stage of a real scanned PDF.

A préfecture's letter dated by a rubber stamp beside "Vesoul, le", digits spaced ("1 8 NOV. 2022"), scanned in
colour at 200 dpi: tesseract alone reads "8 NOV. 2022" (the 8th) or nothing; the stamp read apart gives the
date, and the record says that the stamp was read two ways.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from fpdf import FPDF

from archivage import ocr
from archivage.pages import read_pages
from archivage.pipeline import records_from_pages

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "samples"))
import make_samples  # noqa: E402
from stamps import BLUE, RED, VIOLET, stamped_scan  # noqa: E402


def scanned_pdf(path: Path, stamps: list[tuple[str, str, tuple[int, int, int], float]], colour: bool = True) -> Path:
    """The letter with its stamps, scanned in colour at 200 dpi, saved as a JPEG page of a PDF."""
    buf = io.BytesIO()
    stamped_scan(stamps, colour).save(buf, "JPEG", quality=35, dpi=(200, 200))
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
    ("1 8 NOV. 2022", BLUE, 4, "2022-11-18"),
    ("2 3 MARS 2023", RED, -3, "2023-03-23"),
    ("0 5 JANV. 2023", VIOLET, 6, "2023-01-05"),
])
def test_a_letter_dated_by_a_coloured_stamp(tmp_path, text, ink, angle, date):
    rec = record(scanned_pdf(tmp_path / "lettre.pdf", [("Vesoul", text, ink, angle)]), tmp_path)
    assert rec["date"] == date
    assert date in {d["value"] for d in rec["dates"]}
    # whatever OCR made of the stamp in the date line, no other day of that month is cited
    assert not {d["value"] for d in rec["dates"]} & {date[:8] + f"{n:02d}" for n in range(1, 32)} - {date}


def test_a_stamp_read_two_ways_is_said(tmp_path):
    rec = record(scanned_pdf(tmp_path / "lettre.pdf", [("Vesoul", "1 8 NOV. 2022", BLUE, 4)]), tmp_path)
    assert rec["review"] == [{"field": "date", "reason": "stamp read as 2022-11-18 and 2022-11-08"}]


def test_a_reception_stamp_does_not_date_the_letter(tmp_path):
    pdf = scanned_pdf(tmp_path / "lettre.pdf", [("Vesoul", "1 8 NOV. 2022", BLUE, 4),
                                               ("Monsieur le Maire", "2 9 NOV. 2022", RED, -2)])
    rec = record(pdf, tmp_path)
    assert rec["date"] == "2022-11-18"


def test_a_black_and_white_scan_costs_no_second_reading(tmp_path):
    pdf = scanned_pdf(tmp_path / "lettre.pdf", [], colour=False)
    before = ocr.runs["ocr"]
    [page] = read_pages(pdf, dpi=200, workers=1)
    assert ocr.runs["ocr"] - before == 1 and page.stamps == []
