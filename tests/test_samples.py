"""The committed sample PDFs are what samples/make_samples.py says they are."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
sys.path.insert(0, str(SAMPLES))
import degrade  # noqa: E402
import make_samples  # noqa: E402

SCAN = SAMPLES / "dossier-securite-18e-2019.pdf"
BORN_DIGITAL = SAMPLES / "dossier-securite-18e-2019-born-digital.pdf"


@pytest.fixture(scope="session")
def layout():
    return make_samples.layout(make_samples.SOURCE.read_text(encoding="utf-8"))


def test_scan_is_image_only_300_dpi_and_small(layout):
    assert SCAN.stat().st_size < 5_000_000
    with pdfplumber.open(SCAN) as pdf:
        assert len(pdf.pages) == len(layout)
        for page in pdf.pages:
            assert page.chars == []
            [image] = page.images
            assert round(image["srcsize"][0] / (page.width / 72)) == 300


def test_born_digital_has_the_same_pages_as_real_text(layout):
    with pdfplumber.open(BORN_DIGITAL) as pdf:
        texts = [p.extract_text() for p in pdf.pages]
    assert len(texts) == len(layout)
    for got, lines in zip(texts, layout, strict=True):
        assert got.split() == make_samples.page_text(lines).split()


def test_documents_and_headings_start_pages(layout):
    firsts = [page[0].text for page in layout]
    assert firsts[0].startswith("TRANQUILLITÉ PUBLIQUE")
    for heading in ("LETTRE D'ERIC LEJOINDRE", "L'INTERIEUR, CHRISTOPHE CASTANER", "VOEU VOTÉ",
                    "COMMUNIQUÉ DE PRESSE PRÉSENTANT LE \"PLAN CRACK\" (SUITE)"):
        assert any(f.startswith(heading) for f in firsts), heading
    # The letterhead opens a page; the same name signing the letter does not.
    assert firsts.count("Colombe BROSSEL") == 1
    assert sum(line.text == "Colombe BROSSEL" for page in layout for line in page) == 2
    for page in layout:
        assert all(not make_samples.is_heading(line.text) or line.bold for line in page)


def test_is_heading_is_about_capitals_not_this_text():
    assert make_samples.is_heading("ARRÊTÉ DU MAIRE PORTANT INTERDICTION DE STATIONNER")
    assert not make_samples.is_heading("N/REF./CAB/EL/mte")
    assert not make_samples.is_heading("•••••••")
    assert not make_samples.is_heading("PARIS CEDEX")  # short


def test_degraded_profiles_are_deterministic_and_shaped(layout):
    first = layout[:1]
    for profile in degrade.PROFILES:
        [(data, dpi)] = degrade.profile_jpegs(first, profile)
        assert degrade.profile_jpegs(first, profile) == [(data, dpi)]
        img = Image.open(io.BytesIO(data))
        portrait = img.height > img.width
        assert portrait is (profile != "rot90"), profile
        assert dpi == (200 if profile == "jpeg200" else 300)
