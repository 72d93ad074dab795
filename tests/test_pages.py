"""The page stage on real files with the real tesseract: PDFs (text layer, scan, mixed, garbage
layer), multi-page TIFF, PNG, bad inputs, the cache and the searchable copy."""

from __future__ import annotations

import hashlib
import io
import random
import sys
from pathlib import Path

import numpy as np
import pdfplumber
import pikepdf
import pytest
from fpdf import FPDF
from PIL import Image
from rapidfuzz.distance import Levenshtein

from archivage import ocr
from archivage.errors import BadInput
from archivage.pages import assemble_searchable, looks_like_text, page_count, read_page, read_pages
from archivage.sniff import sniff

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "samples"))
import make_samples  # noqa: E402

LETTRE = """Monsieur le Président,

Par courrier du 12 septembre 2024, vous avez sollicité une subvention de 4 500 euros pour l'association des jardins partagés du quartier Pelleport.

J'ai le plaisir de vous informer que le conseil d'arrondissement a donné un avis favorable lors de sa séance du 7 octobre 2024.

Je vous prie d'agréer, Monsieur le Président, l'expression de mes salutations distinguées."""

COMPTE_RENDU = """COMPTE RENDU DU CONSEIL DE QUARTIER SAINT-BLAISE

Séance du mardi 19 novembre 2019, salle des fêtes de la mairie, 42 habitants présents.

Le budget participatif a retenu trois projets : la végétalisation de la place, un terrain de pétanque et l'éclairage du passage.

La prochaine réunion plénière aura lieu le 21 janvier 2020 à 19 heures."""


def cer(got: str, expected: str) -> float:
    got, expected = " ".join(got.split()), " ".join(expected.split())
    return Levenshtein.distance(got, expected) / max(len(expected), 1)


def _page(text: str) -> list[make_samples.Line]:
    pages = make_samples.layout(text, extra_breaks=[])
    assert len(pages) == 1
    return pages[0]


def _scan_jpeg(lines, dpi=300, seed=1) -> bytes:
    img = make_samples.scan_look(make_samples.draw_page(lines, dpi), random.Random(seed), 0.6)
    return make_samples.jpeg_bytes(img, 70, dpi)


def _pdf(pages: list[tuple[str, object]], out: Path) -> Path:
    """A PDF from ("text", lines) pages (real text layer), ("scan", jpeg) pages (image only) and
    ("garbage", jpeg) pages (a scan under an invisible layer of junk glyphs, as broken OCR leaves)."""
    pdf = FPDF(unit="pt", format=(make_samples.PAGE_W, make_samples.PAGE_H))
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVuSerif", "", str(make_samples.REGULAR))
    rng = random.Random(5)
    for kind, content in pages:
        pdf.add_page()
        if kind == "text":
            pdf.set_font("DejaVuSerif", "", make_samples.SIZE)
            for line in content:
                pdf.text(line.x, line.y, line.text)
            continue
        pdf.image(io.BytesIO(content), x=0, y=0, w=make_samples.PAGE_W, h=make_samples.PAGE_H)
        if kind == "garbage":
            pdf.set_font("DejaVuSerif", "", 10)
            pdf.text_mode = "INVISIBLE"
            junk = "ÞþÐðßŁłÆæ¤§¶¦#@%&*^~qxzkjwv0123456789"
            for row in range(40):
                line = " ".join("".join(rng.choice(junk) for _ in range(rng.randint(2, 9))) for _ in range(9))
                pdf.text(60, 60 + row * 18, line)
            pdf.text_mode = "FILL"
    pdf.output(str(out))
    return out


@pytest.fixture(scope="session")
def files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("pages")
    lettre, compte_rendu = _page(LETTRE), _page(COMPTE_RENDU)
    out = {
        "mixed": _pdf([("text", lettre), ("scan", _scan_jpeg(compte_rendu))], d / "mixed.pdf"),
        "garbage": _pdf([("garbage", _scan_jpeg(lettre, seed=2))], d / "garbage.pdf"),
    }
    frames = [make_samples.draw_page(p, 300) for p in (lettre, compte_rendu)]
    frames[0].save(d / "scan.tif", save_all=True, append_images=frames[1:], compression="tiff_lzw", dpi=(300, 300))
    out["tiff"] = d / "scan.tif"
    make_samples.draw_page(compte_rendu, 300).save(d / "page.png", dpi=(300, 300))
    out["png"] = d / "page.png"
    # Bad inputs, each under a name that looks fine.
    (d / "empty.pdf").write_bytes(b"")
    (d / "notes.pdf").write_text("Ceci est une note, pas un PDF.\n", encoding="utf-8")
    good = out["mixed"].read_bytes()
    (d / "truncated.pdf").write_bytes(good[: len(good) // 3])
    with pikepdf.open(out["mixed"]) as pdf:
        pdf.save(d / "locked.pdf", encryption=pikepdf.Encryption(user="secret", owner="secret"))
    (d / "broken.png").write_bytes((d / "page.png").read_bytes()[:5000])
    for name in ("empty.pdf", "notes.pdf", "truncated.pdf", "locked.pdf", "broken.png"):
        out[name] = d / name
    out["expected"] = {"lettre": make_samples.page_text(lettre), "compte_rendu": make_samples.page_text(compte_rendu)}
    return out


@pytest.fixture(scope="session")
def mixed_run(files, tmp_path_factory):
    """The mixed PDF read once with a cache and a searchable dir; counts tesseract runs."""
    d = tmp_path_factory.mktemp("mixed-run")
    before = ocr.runs["ocr"]
    pages = read_pages(files["mixed"], cache_dir=d / "cache", searchable_dir=d / "searchable", workers=2)
    return {"pages": pages, "cache": d / "cache", "searchable": d / "searchable", "runs": ocr.runs["ocr"] - before}


def test_mixed_pdf_uses_the_text_layer_where_there_is_one_and_ocr_elsewhere(files, mixed_run):
    pages = mixed_run["pages"]
    assert [p.method for p in pages] == ["text_layer", "ocr"]
    assert mixed_run["runs"] == 1
    assert pages[0].text == files["expected"]["lettre"]  # exact, with its paragraph breaks
    assert pages[0].confidence is None and pages[0].words[0].text == "Monsieur"
    assert cer(pages[1].text, files["expected"]["compte_rendu"]) < 0.02
    assert pages[1].confidence > 85 and pages[1].flags == []
    assert pages[1].text.startswith("COMPTE RENDU DU CONSEIL DE QUARTIER SAINT-BLAISE\n\nSéance du mardi")


def test_a_garbage_text_layer_is_ocred_instead(files):
    [page] = read_pages(files["garbage"])
    assert page.method == "ocr"
    assert cer(page.text, files["expected"]["lettre"]) < 0.02


def test_multipage_tiff_and_png(files):
    assert sniff(files["tiff"]) == "tiff" and page_count(files["tiff"]) == 2
    pages = read_pages(files["tiff"], workers=2)
    assert [p.number for p in pages] == [1, 2] and {p.method for p in pages} == {"ocr"}
    assert cer(pages[0].text, files["expected"]["lettre"]) < 0.02
    assert cer(pages[1].text, files["expected"]["compte_rendu"]) < 0.02
    assert sniff(files["png"]) == "png" and page_count(files["png"]) == 1
    png = read_page(files["png"], 1)
    assert png.text == pages[1].text  # the same raster gives the same text, whatever the container


def _colour_scan_jpeg(lines) -> bytes:
    """Dark blue ink on cream paper, as a colour scanner gives a typed page."""
    grey = np.asarray(make_samples.scan_look(make_samples.draw_page(lines, 300), random.Random(3), 0.3),
                      dtype=np.float32)[..., None] / 255
    rgb = grey * np.array([250, 243, 215]) + (1 - grey) * np.array([20, 30, 110])
    return make_samples.jpeg_bytes(Image.fromarray(rgb.astype(np.uint8), "RGB"), 80, 300)


def test_scanned_pdf_pages_in_colour_turned_or_stamped_read_correctly(tmp_path):
    """A scanner's page is decoded as stored (colour included); a page displayed turned by /Rotate
    and a scan stamped with a line of real text are rendered as shown."""
    lettre, compte_rendu = _page(LETTRE), _page(COMPTE_RENDU)
    sideways = Image.open(io.BytesIO(_scan_jpeg(lettre, seed=4))).rotate(90, expand=True)
    pdf = FPDF(unit="pt", format=(make_samples.PAGE_W, make_samples.PAGE_H))
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVuSerif", "", str(make_samples.REGULAR))
    pdf.add_page()
    pdf.image(io.BytesIO(_colour_scan_jpeg(compte_rendu)), x=0, y=0, w=make_samples.PAGE_W, h=make_samples.PAGE_H)
    pdf.add_page(format=(make_samples.PAGE_H, make_samples.PAGE_W))
    pdf.image(io.BytesIO(make_samples.jpeg_bytes(sideways, 75, 300)), x=0, y=0, w=make_samples.PAGE_H,
              h=make_samples.PAGE_W)
    pdf.add_page()
    pdf.image(io.BytesIO(_scan_jpeg(lettre, seed=5)), x=0, y=0, w=make_samples.PAGE_W, h=make_samples.PAGE_H)
    pdf.set_font("DejaVuSerif", "", 8)
    pdf.text(40, 20, "Courrier reçu en mairie le 14 octobre 2024 et enregistré sous le numéro 2024-1187.")
    pdf.output(str(tmp_path / "scans.pdf"))
    with pikepdf.open(tmp_path / "scans.pdf", allow_overwriting_input=True) as doc:
        doc.pages[1].Rotate = 90  # shown upright: the raster was stored a quarter turn to the left
        doc.save(tmp_path / "scans.pdf")

    before = ocr.runs["ocr"]
    colour, turned, stamped = read_pages(tmp_path / "scans.pdf", workers=2)
    assert ocr.runs["ocr"] - before == 3  # every page upright at the first pass: no retry
    assert cer(colour.text, make_samples.page_text(compte_rendu)) < 0.02 and colour.flags == []
    assert cer(turned.text, make_samples.page_text(lettre)) < 0.02 and turned.width < turned.height
    assert stamped.method == "ocr" and "Par courrier du 12 septembre 2024" in stamped.text


def test_the_picture_of_a_letter_under_a_caption_is_read(tmp_path):
    """An exhibit (a court's "Production n° 5", an annex) shows a scanned letter as a picture inside a
    born-digital page whose only text is the caption: the picture is read too. A born-digital letter with a
    photograph keeps its text layer."""
    lettre = _page(LETTRE)
    pdf = FPDF(unit="pt", format=(make_samples.PAGE_W, make_samples.PAGE_H))
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVuSerif", "", str(make_samples.REGULAR))
    pdf.add_page()
    pdf.set_font("DejaVuSerif", "", 14)
    pdf.text(60, 60, "Production n° 5")
    # the letter shrunk to a third of the page's area, as exhibits and annexes show it
    pdf.image(io.BytesIO(_scan_jpeg(lettre, seed=6)), x=60, y=80, w=make_samples.PAGE_W * 0.8,
              h=make_samples.PAGE_H * 0.8)
    pdf.set_font("DejaVuSerif", "", 9)
    pdf.text(60, make_samples.PAGE_H * 0.8 + 100, "Figure 1 – Lettre reçue par la commune, pièce jointe au dossier.")
    pdf.add_page()
    pdf.set_font("DejaVuSerif", "", 11)
    pdf.image(io.BytesIO(_scan_jpeg(lettre, seed=7)), x=60, y=40, w=make_samples.PAGE_W * 0.3,
              h=make_samples.PAGE_H * 0.3)  # a picture beside the text (a photograph in a newsletter)
    pdf.set_xy(40, make_samples.PAGE_H * 0.3 + 60)
    pdf.multi_cell(make_samples.PAGE_W - 80, 14, LETTRE)
    pdf.output(str(tmp_path / "exhibit.pdf"))

    exhibit, letter = read_pages(tmp_path / "exhibit.pdf", workers=2)
    assert exhibit.method == "ocr" and "Production" in exhibit.text
    body = exhibit.text[exhibit.text.index("Monsieur"):exhibit.text.index("Figure 1")].strip()
    assert cer(body, make_samples.page_text(lettre)) < 0.02
    assert letter.method == "text_layer"


def test_a_png_with_a_transparent_background_reads_as_black_on_white(tmp_path):
    text = "La séance est ouverte à 18 h 15 par Monsieur le Maire.\n\nLe procès-verbal est adopté à l'unanimité."
    lines = _page(text)
    ink = 255 - np.asarray(make_samples.draw_page(lines, 300))
    rgba = np.zeros(ink.shape + (4,), np.uint8)
    rgba[..., 3] = ink  # black ink on a fully transparent page, as exported screenshots are
    Image.fromarray(rgba, "RGBA").save(tmp_path / "export.png", dpi=(300, 300))
    assert read_page(tmp_path / "export.png", 1).text == make_samples.page_text(lines)


@pytest.mark.parametrize("name, message", [
    ("empty.pdf", "is empty"),
    ("notes.pdf", "is not a PDF, TIFF, PNG or JPEG file"),
    ("truncated.pdf", "is damaged or truncated"),
    ("locked.pdf", "is encrypted with a password"),
    ("broken.png", "is damaged or truncated"),
])
def test_bad_inputs_are_refused_with_one_sentence(files, name, message):
    for call in (page_count, read_pages):
        with pytest.raises(BadInput) as caught:
            call(files[name])
        text = str(caught.value)
        assert name in text and message in text
        assert text.endswith(".") and text.count(". ") == 0 and "\n" not in text


def test_the_cache_prevents_a_second_ocr(files, mixed_run):
    before = dict(ocr.runs)
    again = read_pages(files["mixed"], cache_dir=mixed_run["cache"])
    assert dict(ocr.runs) == before
    assert again == mixed_run["pages"]
    # Another language setting is another cache entry: that one is OCRed.
    read_page(files["mixed"], 2, languages="fra+eng", cache_dir=mixed_run["cache"])
    assert ocr.runs["ocr"] == before["ocr"] + 1


def test_searchable_copy_has_the_page_texts_and_leaves_the_original_alone(files, mixed_run, tmp_path):
    original = files["mixed"].read_bytes()
    out = assemble_searchable(files["mixed"], mixed_run["pages"], tmp_path / "mixed.pdf", mixed_run["searchable"])
    assert out == tmp_path / "mixed.pdf"
    assert files["mixed"].read_bytes() == original
    assert hashlib.sha256(out.read_bytes()).hexdigest() != hashlib.sha256(original).hexdigest()
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 2
        extracted = [p.extract_text() for p in pdf.pages]
    for got, page in zip(extracted, mixed_run["pages"], strict=True):
        assert cer(got, page.text) < 0.03, got


def test_searchable_copy_as_pdfa(files, mixed_run, tmp_path):
    searchable = tmp_path / "searchable"
    pages = read_pages(files["mixed"], cache_dir=mixed_run["cache"], searchable_dir=searchable)  # cached
    out = assemble_searchable(files["mixed"], pages, tmp_path / "mixed-a.pdf", searchable, pdfa=True)
    with pikepdf.open(out) as pdf:
        assert pdf.open_metadata().pdfa_status == "2B"
    with pdfplumber.open(out) as pdf:
        assert cer(pdf.pages[1].extract_text(), pages[1].text) < 0.03


def test_searchable_copy_is_skipped_when_every_page_has_text(tmp_path):
    born_digital = Path(__file__).resolve().parents[1] / "samples" / "dossier-securite-18e-2019-born-digital.pdf"
    pages = read_pages(born_digital)
    assert {p.method for p in pages} == {"text_layer"}
    assert assemble_searchable(born_digital, pages, tmp_path / "copy.pdf", tmp_path) is None
    assert not (tmp_path / "copy.pdf").exists()


@pytest.mark.parametrize("text, real", [
    ("Le conseil d'arrondissement a adopté le vœu à l'unanimité des votants, le 28 mai 2019.", True),
    ("Considérant la hausse de 12,5 % des cambriolages en 2018 ; les élus demandent des renforts.", True),
    ("The council approved the budget for the new library and the park on 4 March.", True),
    ("Þþ§¶ #@%& ÐðßŁ łÆæ¤ ¦#@% &*^~ qxzk jwv0 1234 Þþ§¶ ÐðßŁ łÆæ¤ ¦#@% &*^~ qxzk", False),
    ("Lf dpotfjm e'bssoejttfnfou b bepqué mf wœv à m'vobojnjuê eft wpubout, mf 28 nbj 2019.", False),
    ("Page 3", False),
])
def test_real_text_layers_are_told_from_garbage(text, real):
    assert looks_like_text(text * 2) is real


def test_an_image_too_large_to_read_safely_is_refused_with_one_sentence(tmp_path):
    huge = tmp_path / "plan.png"
    Image.new("1", (14000, 14000), 1).save(huge)  # 196 million pixels, a few kilobytes on disk
    with pytest.raises(BadInput, match=r"plan\.png is too large an image to read safely.*lower resolution"):
        page_count(huge)


def test_a_poster_sized_page_is_read_at_a_resolution_that_fits_in_memory(tmp_path):
    """A 97-inch page at 300 dpi would be 850 million pixels (several GB): it is read lower."""
    side = 7000  # points
    text = FPDF(unit="pt", format=(side, side))
    text.add_font("serif", fname=str(make_samples.REGULAR))
    text.add_page()
    text.set_font("serif", size=60)
    text.set_xy(500, 500)
    text.multi_cell(6000, 80, "AVIS AU PUBLIC\n\nEnquête publique du 4 au 22 mai 2020.")
    import pypdfium2 as pdfium

    rendered = pdfium.PdfDocument(bytes(text.output())).get_page(0).render(scale=0.5).to_pil().convert("L")
    buf = io.BytesIO()
    rendered.save(buf, format="JPEG", quality=70)
    scan = FPDF(unit="pt", format=(side, side))
    scan.add_page()
    scan.image(io.BytesIO(buf.getvalue()), x=0, y=0, w=side, h=side)
    poster = tmp_path / "affiche.pdf"
    scan.output(str(poster))

    page = read_page(poster, 1)
    assert page.method == "ocr"
    assert page.width * page.height <= ocr.MAX_PIXELS * 1.01
    assert "AVIS AU PUBLIC" in page.text and "22 mai 2020" in page.text
