"""Dates and figures precision/recall on a gold directory (same set comparison as eval/score.py).

    python benchmarks/extract_quality.py [GOLD_DIR] [--verbose]

Each gold document's text is run through find_dates (ref = the gold own date, else guessed) and
find_figures; optional values are neither required nor penalised.
"""

from __future__ import annotations

import json
import pathlib
import sys

from archivage.extract.dates import find_dates
from archivage.extract.figures import find_figures


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    gold_dir = pathlib.Path(args[0]) if args else pathlib.Path(__file__).resolve().parents[1] / "eval" / "dev"
    counts = {"dates": [0, 0, 0], "figures": [0, 0, 0]}
    for gf in sorted(gold_dir.glob("*.json")):
        for i, g in enumerate(json.loads(gf.read_text(encoding="utf-8"))["documents"], 1):
            text = g["text"]
            pd = {d.value for d in find_dates(text, g["date"])}
            gd, od = set(g["dates"]), set(g.get("optional_dates", []))
            pf = {(round(f.value, 6), f.kind) for f in find_figures(text)}
            gfig = {(round(float(x["value"]), 6), x["kind"]) for x in g["figures"]}
            ofig = {(round(float(x["value"]), 6), x["kind"]) for x in g.get("optional_figures", [])}
            for name, gold, opt, pred in (("dates", gd, od, pd), ("figures", gfig, ofig, pf)):
                pred = {x for x in pred if x not in opt or x in gold}
                c = counts[name]
                c[0] += len(gold & pred)
                c[1] += len(pred - gold)
                c[2] += len(gold - pred)
                if verbose and (pred ^ gold):
                    print(f"{gf.stem}#{i} {name}: missed={sorted(gold - pred)} extra={sorted(pred - gold)}")
    for name, (tp, fp, fn) in counts.items():
        p, r, f = prf(tp, fp, fn)
        print(f"{name:<8} P={p:.3f} R={r:.3f} F1={f:.3f}  tp/fp/fn={tp}/{fp}/{fn}")


if __name__ == "__main__":
    main()
