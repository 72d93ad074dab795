"""OCR quality of the page stage: character error rate per degraded-scan profile and on a real scan.

    python benchmarks/ocr_quality.py [--pages 4] [--profile noise ...] [--real PDF --groundtruth TXT]

For each profile of ``samples/degrade.py`` (clean300, jpeg200, skew3, rot90, rot180, noise) the first
``--pages`` pages of the seed dossier are rendered, read by ``read_pages`` (no cache) and compared
with the text that was drawn. Then the real scan ``../shared/realdocs/aiglun-…`` is compared with its
ground truth. CER = Levenshtein distance / reference length, on texts whose runs of whitespace are
folded to one space. A second column also folds typographic quotes and dashes (’ → ', – — → -),
which the ground truth of the real scan uses and tesseract does not output.
Targets: CER <= 2 % on every profile, <= 1 % on the real scan. Prints figures; not a test.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from archivage import ocr
from archivage.pages import read_pages

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "samples"))
import degrade  # noqa: E402
import make_samples  # noqa: E402

REAL = ROOT.parent / "shared" / "realdocs" / "aiglun-2015-11-04-compte-rendu.pdf"


def normalise(text: str, fold: bool = False) -> str:
    if fold:
        text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    return " ".join(text.split())


def cer(got: str, expected: str, fold: bool = False) -> float:
    got, expected = normalise(got, fold), normalise(expected, fold)
    return Levenshtein.distance(got, expected) / max(len(expected), 1)


def measure(pdf: Path, expected_pages: list[str], workers: int) -> dict:
    runs = dict(ocr.runs)
    start = time.perf_counter()
    pages = read_pages(pdf, workers=workers)
    seconds = time.perf_counter() - start
    got = "\n\n".join(p.text for p in pages)
    expected = "\n\n".join(expected_pages)
    flags = sorted({f for p in pages for f in p.flags})
    return {
        "pages": len(pages),
        "cer": cer(got, expected),
        "cer_folded": cer(got, expected, fold=True),
        "worst_page": max(cer(p.text, e) for p, e in zip(pages, expected_pages, strict=False)) if expected_pages and
        len(expected_pages) == len(pages) else float("nan"),
        "confidence": sum(p.confidence or 0 for p in pages) / len(pages),
        "flags": ",".join(flags) or "-",
        "tesseract_runs": sum(ocr.runs.values()) - sum(runs.values()),
        "seconds": seconds,
    }


def row(name: str, m: dict) -> str:
    return (f"{name:<10} {m['pages']:>5} {m['cer'] * 100:>7.2f}% {m['cer_folded'] * 100:>8.2f}% "
            f"{m['worst_page'] * 100:>7.2f}% {m['confidence']:>6.1f} {m['tesseract_runs']:>5} "
            f"{m['seconds']:>7.1f}s  {m['flags']}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=4, help="pages of the seed per profile (0: all 14)")
    parser.add_argument("--profile", action="append", choices=degrade.PROFILES, help="default: all")
    parser.add_argument("--real", type=Path, default=REAL)
    parser.add_argument("--groundtruth", type=Path, default=None, help="default: the PDF's .groundtruth.txt")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)

    layout = make_samples.layout(make_samples.SOURCE.read_text(encoding="utf-8"))
    if args.pages:
        layout = layout[: args.pages]
    print(f"{len(layout)} seed pages per profile, {args.workers} workers, load average {os.getloadavg()[0]:.1f}")
    print(f"{'profile':<10} {'pages':>5} {'CER':>8} {'folded':>9} {'worst':>8} {'conf':>6} {'runs':>5} {'time':>8}  flags")
    with tempfile.TemporaryDirectory(prefix="archivage-quality-") as tmp:
        for profile in args.profile or degrade.PROFILES:
            pdf = degrade.write_profile(layout, profile, Path(tmp))
            expected = [make_samples.page_text(lines) for lines in layout]
            print(row(profile, measure(pdf, expected, args.workers)), flush=True)
    if args.real.exists():
        truth = args.groundtruth or args.real.with_name(args.real.name.replace(".pdf", ".groundtruth.txt"))
        expected = truth.read_text(encoding="utf-8", errors="replace")
        m = measure(args.real, [expected], args.workers)
        m["worst_page"] = m["cer"]  # the ground truth is not cut into pages
        print(row("real scan", m), f"({args.real.name})")
    else:
        print(f"real scan not found: {args.real}")


if __name__ == "__main__":
    main()
