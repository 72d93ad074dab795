"""Throughput of segmentation + extraction on one core, the spaCy pipeline loaded once.

    python benchmarks/extract_speed.py [--words 50000]

The seed dossier's text is cut into pages of ~350 words and repeated until it holds about
``--words`` words, as a long scanned dossier would; the script prints words per second for
``segment`` + ``extract`` over all of it (the target is 3,000 words/s on one core).
"""

from __future__ import annotations

import os

# One core, one thread: what a single OCR worker machine slot gets.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[var] = "1"
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

import argparse  # noqa: E402
import pathlib  # noqa: E402
import time  # noqa: E402

from archivage.model import Page  # noqa: E402

SEED = pathlib.Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "dossier-securite-18e-2019.txt"


def pages_of(text: str, words_per_page: int = 350) -> list[str]:
    """Cut at paragraph breaks into pages of about ``words_per_page`` words."""
    pages, current, count = [], [], 0
    for para in text.split("\n\n"):
        current.append(para)
        count += len(para.split())
        if count >= words_per_page:
            pages.append("\n\n".join(current))
            current, count = [], 0
    if current:
        pages.append("\n\n".join(current))
    return pages


def run_pipeline(pages: list[Page]) -> int:
    """Segment and extract; fall back to the extraction functions alone if segment/extract are missing."""
    try:
        from archivage.extract import extract
        from archivage.segment import segment
    except ImportError:
        from archivage.extract.dates import find_dates
        from archivage.extract.entities import find_entities
        from archivage.extract.figures import find_figures

        for p in pages:
            find_dates(p.text), find_figures(p.text), find_entities(p.text)
        return len(pages)
    docs = segment(pages)
    for doc in docs:
        extract(doc)
    return len(docs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=50_000)
    ap.add_argument("--seed", type=pathlib.Path, default=SEED)
    a = ap.parse_args()

    from archivage.extract.nlp import get_nlp

    t0 = time.perf_counter()
    get_nlp()
    load = time.perf_counter() - t0

    seed = a.seed.read_text(encoding="utf-8")
    repeats = max(1, round(a.words / len(seed.split())))
    texts = pages_of(seed) * repeats
    pages = [Page(number=i + 1, text=t, method="text_layer") for i, t in enumerate(texts)]
    words = sum(len(t.split()) for t in texts)

    run_pipeline(pages[: len(pages_of(seed))])  # warm-up: regex compilation, first NER batch
    t0 = time.perf_counter()
    docs = run_pipeline(pages)
    elapsed = time.perf_counter() - t0
    print(f"model load {load:.1f} s; {len(pages)} pages, {words} words, {docs} documents")
    print(f"segment + extract: {elapsed:.1f} s, {words / elapsed:,.0f} words/s on one core")


if __name__ == "__main__":
    main()
