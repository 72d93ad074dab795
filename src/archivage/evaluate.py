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
import shutil
import tempfile
from pathlib import Path

from . import scoring
from .config import Settings
from .errors import ArchivageError
from .export import write_jsonl
from .model import Page


def _run_scorer(gold_dir: Path, records: list[dict], *flags: str) -> str:
    """What the reference scorer prints for these records and flags."""
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "records.jsonl"
        with open(pred, "w", encoding="utf-8") as fp:
            write_jsonl(records, fp)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            scoring.main(["--gold", str(gold_dir), "--pred", str(pred), *flags])
    return out.getvalue()


def score(gold_dir: Path, records: list[dict]) -> dict:
    """Per-field precision/recall/F1 and overall_f1, exactly as ``score.py --json`` prints them."""
    return json.loads(_run_scorer(gold_dir, records, "--json"))


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
    return _run_scorer(gold_dir, records, *(["--verbose"] if verbose else [])).rstrip()


def gold_sources(gold_dir: Path, pdf_dir: Path) -> list[tuple[Path, Path | None]]:
    """(gold file, the file it names in pdf_dir or None) for each gold file in gold_dir."""
    gold_files = sorted(Path(gold_dir).glob("*.json"))
    if not gold_files:
        raise ArchivageError(f"{gold_dir} holds no gold file (*.json).")
    out = []
    for gf in gold_files:
        try:
            source = json.loads(gf.read_text(encoding="utf-8"))["source"]
        except (ValueError, KeyError, TypeError) as e:
            raise ArchivageError(f"{gf} is not a gold file (it needs a \"source\" and \"documents\"): {e}.") from e
        matches = sorted(p for p in Path(pdf_dir).glob(f"{source}.*") if p.suffix.lower() in DOCUMENT_SUFFIXES)
        out.append((gf, matches[0] if matches else None))
    return out


DOCUMENT_SUFFIXES = (".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg")


def evaluate_pdfs(gold_dir: Path, pdf_dir: Path, settings: Settings, *, records_out: Path | None = None,
                  verbose: bool = False, progress=None) -> dict:
    """Run the pipeline (pages, segmentation, extraction; no database) on each gold source and score it.

    Gold files whose document is not in ``pdf_dir`` are left out of the score (and listed), so a
    folder of gold for several batches can be scored on the part at hand.
    """
    from .pages import read_pages
    from .pipeline import records_from_pages
    from .sniff import sha256_file

    settings.ensure()
    sources = gold_sources(gold_dir, pdf_dir)
    found = [(gf, path) for gf, path in sources if path is not None]
    missing = [gf.name for gf, path in sources if path is None]
    if not found:
        name = json.loads(sources[0][0].read_text(encoding="utf-8"))["source"]
        raise ArchivageError(f"No file named {name}.pdf in {pdf_dir} for the gold file {sources[0][0].name}.")
    records: list[dict] = []
    for _gold, path in found:
        if progress:
            progress(f"{path.name}: reading pages")
        pages = read_pages(path, languages=settings.languages, dpi=settings.dpi, cache_dir=settings.cache,
                           workers=settings.workers)
        records += records_from_pages(pages, file=path.name, sha256=sha256_file(path))
    if records_out:
        with open(records_out, "w", encoding="utf-8") as fp:
            write_jsonl(records, fp)
    with tempfile.TemporaryDirectory() as tmp:
        scored_dir = Path(gold_dir)
        if missing:
            scored_dir = Path(tmp)
            for gf, _ in found:
                shutil.copyfile(gf, scored_dir / gf.name)
        report = score_report(scored_dir, records, verbose=verbose)
        if missing:
            report += f"\nnot scored (no document in {pdf_dir}): {', '.join(missing)}"
        return {"scores": score(scored_dir, records), "report": report, "records": records,
                "missing": missing}
