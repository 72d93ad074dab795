"""The pipeline on the held-out dossiers (eval/heldout): unseen genres, scored by the reference scorer.

Three dossiers written for this set (letters and replies, a Conseil de Paris vœu with a vote count,
municipal and prefectoral arrêtés, minutes of a conseil de quartier, a note, a communiqué) go through
segmentation and extraction on their text (no OCR), as is and with lines wrapped at ~80 characters as
OCR gives them; the reference scorer (score.py) scores the records against the gold. Each field must stay above a floor:
dates and figures at what they reach, the other fields (segmentation, type, own date, people) at a
modest level until their rules settle.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import textwrap
from pathlib import Path

import pytest

from archivage.evaluate import pages_from_text
from archivage.pipeline import records_from_pages

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "eval" / "heldout"
DOSSIERS = sorted(HELDOUT.glob("*.txt"))
# The reference scorer, a verbatim copy of the evaluation kit's score.py, wherever the repo keeps it.
SCORERS = [ROOT / "eval" / "score.py", ROOT / "src" / "archivage" / "scoring.py"]

FLOORS = {
    "dates": 0.98, "figures": 0.98,
    "segmentation": 0.6, "type": 0.6, "date": 0.6, "signatories": 0.6, "addressees": 0.6,
    "signatory_function": 0.6, "addressee_function": 0.6,
}
# Wrapped lines cost the people rules a little more (signature blocks, address blocks).
OCR_FLOORS = {**FLOORS, "dates": 0.97, "figures": 0.97}


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wrap_lines(text: str, width: int = 80) -> str:
    """Text as OCR returns it from a page: long lines broken at about ``width`` characters; short lines
    (address blocks, signatures, list items) stay as they are, as they do on paper."""
    def page(p: str) -> str:
        return "\n".join("\n".join(textwrap.wrap(line, width)) if len(line) > width else line
                         for line in p.split("\n"))
    return "\f".join(page(p) for p in text.split("\f"))


def run_scorer(records: list[dict], tmp: Path) -> dict:
    scorer = _load("heldout_score", next(p for p in SCORERS if p.exists()))
    pred = tmp / "records.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        scorer.main(["--gold", str(HELDOUT), "--pred", str(pred), "--json"])
    return json.loads(out.getvalue())


def records(transform=lambda t: t) -> list[dict]:
    out = []
    for path in DOSSIERS:
        text = transform(path.read_text(encoding="utf-8"))
        out += records_from_pages(pages_from_text(text), file=f"{path.stem}.pdf", sha256=path.stem)
    return out


@pytest.fixture(scope="session")
def heldout_scores(tmp_path_factory) -> dict:
    return run_scorer(records(), tmp_path_factory.mktemp("heldout"))


@pytest.fixture(scope="session")
def heldout_ocr_scores(tmp_path_factory) -> dict:
    return run_scorer(records(wrap_lines), tmp_path_factory.mktemp("heldout_ocr"))


def test_gold_matches_its_texts():
    """The gold files are what annotate.py builds from the texts: no text edited behind the gold's back."""
    annotate = _load("heldout_annotate", HELDOUT / "annotate.py")
    assert DOSSIERS and len(annotate.DOSSIERS) == len(DOSSIERS)
    for name, notes in annotate.DOSSIERS.items():
        built = annotate.build(name, notes)
        assert json.loads((HELDOUT / f"{name}.json").read_text(encoding="utf-8")) == built, name


@pytest.mark.parametrize("field", list(FLOORS))
def test_heldout_field_floor(heldout_scores, field):
    got = heldout_scores[field]
    assert got["f1"] >= FLOORS[field], f"{field}: {got}"


@pytest.mark.parametrize("field", list(OCR_FLOORS))
def test_heldout_wrapped_lines_field_floor(heldout_ocr_scores, field):
    got = heldout_ocr_scores[field]
    assert got["f1"] >= OCR_FLOORS[field], f"{field} (lines wrapped): {got}"


def test_every_gold_document_is_found(heldout_scores):
    """Eleven documents in three dossiers: each has a record of its own."""
    seg = heldout_scores["segmentation"]
    assert seg["tp"] + seg["fn"] == 11
    assert seg["tp"] >= 9, seg
