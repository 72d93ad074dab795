"""Score records against gold annotations, and run the pipeline on plain text to iterate without OCR.

``score`` gives the numbers of the reference scorer: ``scoring.py`` is a verbatim copy of the
evaluation kit's ``score.py`` (a test checks they are the same file), and ``score`` runs its
``main`` on the records, so the two can never drift apart.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import tempfile
from pathlib import Path

from . import scoring
from .config import Settings
from .errors import ArchivageError
from .model import Page


def score(gold_dir: Path, records: list[dict]) -> dict:
    """Per-field precision/recall/F1 and overall_f1, exactly as ``eval/score.py --json`` prints them."""
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "records.jsonl"
        pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            scoring.main(["--gold", str(gold_dir), "--pred", str(pred), "--json"])
    return json.loads(out.getvalue())


def pages_from_text(text: str) -> list[Page]:
    """Form feeds separate pages; without any, the text is one page."""
    return [Page(number=n, text=t, method="text_layer") for n, t in enumerate(text.split("\f"), 1)]


def records_from_text(text: str, *, file: str) -> list[dict]:
    """The records the pipeline would export for a PDF named ``file`` holding this text."""
    from .pipeline import records_from_pages

    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return records_from_pages(pages_from_text(text), file=file, sha256=sha)


def score_report(gold_dir: Path, records: list[dict], *, verbose: bool = False) -> str:
    """The reference scorer's table (and, verbose, its list of misses and false alarms)."""
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "records.jsonl"
        pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            scoring.main(["--gold", str(gold_dir), "--pred", str(pred)] + (["--verbose"] if verbose else []))
    return out.getvalue().rstrip()


def gold_sources(gold_dir: Path, pdf_dir: Path) -> list[tuple[str, Path]]:
    """(source stem, its PDF) for each gold file; one clear sentence when something is missing."""
    gold_files = sorted(Path(gold_dir).glob("*.json"))
    if not gold_files:
        raise ArchivageError(f"{gold_dir} holds no gold file (*.json).")
    out = []
    for gf in gold_files:
        try:
            source = json.loads(gf.read_text(encoding="utf-8"))["source"]
        except (ValueError, KeyError, TypeError) as e:
            raise ArchivageError(f"{gf} is not a gold file (it needs a \"source\" and \"documents\"): {e}.") from e
        matches = [p for p in Path(pdf_dir).glob(f"{source}.*") if p.suffix.lower() in (".pdf", ".tif", ".tiff",
                                                                                             ".png", ".jpg", ".jpeg")]
        if not matches:
            raise ArchivageError(f"No file named {source}.pdf in {pdf_dir} for the gold file {gf.name}.")
        out.append((source, sorted(matches)[0]))
    return out


def evaluate_pdfs(gold_dir: Path, pdf_dir: Path, settings: Settings, *, records_out: Path | None = None,
                  verbose: bool = False, progress=None) -> dict:
    """Run the pipeline (pages, segmentation, extraction; no database) on each gold source and score it."""
    from .pages import read_pages
    from .pipeline import records_from_pages
    from .sniff import sha256_file

    settings.ensure()
    records: list[dict] = []
    for _source, path in gold_sources(gold_dir, pdf_dir):
        if progress:
            progress(f"{path.name}: reading pages")
        pages = read_pages(path, languages=settings.languages, dpi=settings.dpi, cache_dir=settings.cache,
                           workers=settings.workers)
        records += records_from_pages(pages, file=path.name, sha256=sha256_file(path))
    if records_out:
        records_out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                               encoding="utf-8")
    return {"scores": score(gold_dir, records), "report": score_report(gold_dir, records, verbose=verbose),
            "records": records}
