"""OCR of page images with the real tesseract: orientation, low resolution, skew, text format."""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from rapidfuzz.distance import Levenshtein

from archivage import ocr

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "samples"))
import make_samples  # noqa: E402

ARRETE = """ARRÊTÉ MUNICIPAL PORTANT RÉGLEMENTATION DU STATIONNEMENT

Le Maire de la commune,

Vu le Code général des collectivités territoriales, notamment ses articles L.2212-1 et L.2213-1,

Considérant que les travaux de voirie prévus rue des Tilleuls du 3 au 14 mars 2025 imposent de libérer la chaussée,

Arrête : le stationnement est interdit rue des Tilleuls, côté pair, entre le n° 12 et le n° 40.

Fait à Montreuil, le 24 février 2025."""


def cer(got: str, expected: str) -> float:
    got, expected = " ".join(got.split()), " ".join(expected.split())
    return Levenshtein.distance(got, expected) / max(len(expected), 1)


@pytest.fixture(scope="session")
def arrete_page() -> tuple[Image.Image, str]:
    pages = make_samples.layout(ARRETE, extra_breaks=[])
    assert len(pages) == 1
    return make_samples.draw_page(pages[0], 300), make_samples.page_text(pages[0])


@pytest.mark.parametrize("turn", [Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_180])
def test_a_page_scanned_sideways_or_upside_down_reads_correctly(arrete_page, turn):
    img, expected = arrete_page
    result = ocr.ocr_image(img.transpose(turn), 300)
    assert cer(result.text, expected) < 0.02, result.text
    assert "rotated" in result.flags
    assert result.width < result.height  # the page was put upright


def test_a_200_dpi_jpeg_scan_is_rescaled_and_read(arrete_page):
    img, expected = arrete_page
    rng = random.Random(7)
    low = make_samples.scan_look(img.resize((img.width * 2 // 3, img.height * 2 // 3)), rng, 0.4)
    data = make_samples.jpeg_bytes(low, 60, 200)
    result = ocr.ocr_image(Image.open(io.BytesIO(data)), 200)
    assert cer(result.text, expected) < 0.02, result.text
    assert abs(result.width - img.width) <= 2  # worked at ~300 dpi, not at 200
    assert result.confidence > 80 and "low_confidence" not in result.flags


def test_text_keeps_lines_and_paragraphs_and_word_boxes(arrete_page):
    img, expected = arrete_page
    result = ocr.ocr_image(img, 300)
    assert result.flags == []
    paragraphs = result.text.split("\n\n")
    assert len(paragraphs) == len(expected.split("\n\n"))
    assert paragraphs[0] == "ARRÊTÉ MUNICIPAL PORTANT RÉGLEMENTATION DU STATIONNEMENT"
    assert paragraphs[-1] == "Fait à Montreuil, le 24 février 2025."
    # A wrapped paragraph keeps its line breaks.
    assert any("\n" in p for p in paragraphs)
    date = next(w for w in result.words if w.text == "Montreuil,")
    # Boxes are pixels of the 300 dpi raster: the last line sits below the first.
    assert date.top > result.words[0].top and 0 < date.left < img.width and date.conf > 80


def test_skew_angle_is_measured_and_undone(arrete_page):
    img, _ = arrete_page
    gray = np.asarray(img.rotate(2.5, resample=Image.BICUBIC, fillcolor=255))
    assert ocr.skew_angle(gray) == pytest.approx(-2.5, abs=0.3)
    assert ocr.skew_angle(ocr.deskew(gray)) == pytest.approx(0, abs=0.3)
    assert ocr.skew_angle(np.full((800, 600), 255, np.uint8)) == 0.0  # blank page left alone


def test_an_unreadable_page_is_flagged_low_confidence():
    # Scanned at about 30 dpi and blown up again: tesseract guesses, with low confidence.
    lines = make_samples.layout(ARRETE, extra_breaks=[])[0]
    img = make_samples.draw_page(lines, 300).resize((248, 351)).resize((2480, 3508))
    result = ocr.ocr_image(img, 300)
    assert cer(result.text, make_samples.page_text(lines)) > 0.1
    assert "low_confidence" in result.flags


def test_missing_language_data_is_a_config_error():
    from archivage.errors import ConfigError

    with pytest.raises(ConfigError, match="klingon"):
        ocr.check_languages("fra+klingon")


@pytest.mark.parametrize("read, fixed", [
    ('Présents : M" Fabienne JOUVE et M"" Danielle DAUBE', "Présents : Mme Fabienne JOUVE et Mme Danielle DAUBE"),
    ("rentrée du 1” septembre, 2\" étage", "rentrée du 1er septembre, 2e étage"),
    ('il a dit "Bonjour" Paul, 12" Pouces', 'il a dit "Bonjour" Paul, 12" Pouces'),
])
def test_raised_abbreviations_read_as_quotes_are_restored(read, fixed):
    words = [ocr.Word(t, 90.0, 0, 0, 10, 10) for t in read.split()]
    ocr.fix_superscripts(words)
    assert " ".join(w.text for w in words) == fixed


def test_a_page_printed_small_and_scanned_sideways_is_turned_upright(arrete_page):
    """A letter reduced to half its size on the sheet, then scanned a quarter turn off: the orientation check
    at half resolution cannot read print that small; the page is still put upright and read."""
    img, expected = arrete_page
    sheet = Image.new("L", img.size, 255)
    sheet.paste(img.resize((img.width // 2, img.height // 2)), (img.width // 4, img.height // 8))
    result = ocr.ocr_image(sheet.transpose(Image.Transpose.ROTATE_90), 300)
    assert "rotated" in result.flags
    assert cer(result.text, expected) < 0.05, result.text
