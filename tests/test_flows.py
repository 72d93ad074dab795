"""The ``ingest`` flow in a real Prefect flow run: the seed scan OCRed by tesseract, once."""

from __future__ import annotations

import shutil
from pathlib import Path

from archivage.intake import sha256_file

SCAN = Path(__file__).resolve().parent.parent / "samples" / "dossier-securite-18e-2019.pdf"


def test_the_flow_ingests_the_scan_and_rejects_the_bad_file(flow_run):
    settings, store, summary = flow_run
    sha = sha256_file(SCAN)

    assert (summary["ingested"], summary["failed"], summary["skipped"]) == (1, 1, 0)
    records = [r for r in store.records() if r["source"]["sha256"] == sha]
    assert len(records) == summary["records"] >= 3  # a dossier of several documents
    assert all(r["ocr"]["pages_ocr"] >= 1 for r in records)  # image-only scan: read by tesseract
    text = " ".join(r["text"] for r in records)
    assert "Castaner" in text and "Chapelle" in text
    assert summary["pages"] == 14 and summary["pages_cached"] == 0
    assert (settings.originals / sha[:2] / f"{sha}.pdf").read_bytes() == SCAN.read_bytes()

    # the searchable archival copy: PDF/A, and its invisible text is the text of the records
    import pdfplumber
    import pikepdf
    from rapidfuzz.fuzz import ratio

    copy = settings.searchable / f"{sha}.pdf"
    with pikepdf.open(copy) as pdf:
        assert pdf.open_metadata().pdfa_status == "2B"
    with pdfplumber.open(copy) as pdf:
        layer = " ".join((page.extract_text() or "") for page in pdf.pages)
    assert ratio(" ".join(layer.split()), " ".join(" ".join(r["text"] for r in records).split())) > 90

    assert [p.name for p in settings.inbox.iterdir()] == ["_failed"]
    assert (settings.failed / "ordre-du-jour.pdf").exists()
    reason = (settings.failed / "ordre-du-jour.pdf.error.txt").read_text(encoding="utf-8")
    assert "not a PDF" in reason
    assert [f["file"] for f in store.failures()] == ["ordre-du-jour.pdf"]


def test_a_second_run_does_no_ocr(flow_run, tmp_path):
    """Same archive, database rebuilt from scratch: every page comes from the task cache."""
    from archivage.store import Store
    from flows.ingest import ingest

    settings, store, first = flow_run
    assert ingest(home=str(settings.home))["pages"] == 0  # the inbox is empty now

    shutil.copyfile(SCAN, settings.inbox / "le-meme-dossier.pdf")
    fresh = f"sqlite:///{tmp_path / 'rebuilt.db'}"
    again = ingest(home=str(settings.home), database_url=fresh)

    assert again["ingested"] == 1
    assert again["pages"] == again["pages_cached"] == 14
    rebuilt = list(Store(fresh).records())
    assert [r["id"] for r in rebuilt] == [r["id"] for r in store.records()]
