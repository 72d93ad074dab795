"""Score records against gold annotations, and run the pipeline on plain text to iterate without OCR.

``score`` gives the numbers of the reference scorer (``eval/score.py``, a copy of
``../shared/eval/score.py``): it runs that very script's ``main`` on the records, so the two
can never drift apart.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import json
import tempfile
from pathlib import Path

from .errors import ConfigError
from .model import Page

SCORER = Path(__file__).resolve().parents[2] / "eval" / "score.py"


def _scorer():
    if not SCORER.exists():
        raise ConfigError(f"The reference scorer {SCORER} is missing; evaluation needs the repository checkout.")
    spec = importlib.util.spec_from_file_location("archivage_eval_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(gold_dir: Path, records: list[dict]) -> dict:
    """Per-field precision/recall/F1 and overall_f1, exactly as ``eval/score.py --json`` prints them."""
    scorer = _scorer()
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "records.jsonl"
        pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            scorer.main(["--gold", str(gold_dir), "--pred", str(pred), "--json"])
    return json.loads(out.getvalue())


def pages_from_text(text: str) -> list[Page]:
    """Form feeds separate pages; without any, the text is one page."""
    return [Page(number=n, text=t, method="text_layer") for n, t in enumerate(text.split("\f"), 1)]


def records_from_text(text: str, *, file: str) -> list[dict]:
    """The records the pipeline would export for a PDF named ``file`` holding this text."""
    from .pipeline import records_from_pages

    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return records_from_pages(pages_from_text(text), file=file, sha256=sha)
