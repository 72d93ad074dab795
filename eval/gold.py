"""One tool for every gold set of eval/: check the gold files, start a new one.

    python eval/gold.py check [DIR ...]           # every set under eval/ by default
    python eval/gold.py new FILE.pdf [-o DIR]     # a gold skeleton for FILE (one document per page range to fill)

Gold files are plain JSON in the format of the evaluation kit's GUIDELINES.md (and of the project's
copy, eval/GUIDELINES.md, which adds the rules real documents needed). A set of written dossiers
(eval/heldout*) keeps each dossier's text beside its gold (NAME.txt): `check` verifies that the
documents' texts are that dossier cut in order, nothing left over. A set of real documents (eval/real,
its gold in dev/ and test/) keeps a manifest of where each PDF comes from: `check` verifies that every gold
file names a PDF of the manifest. Run from the repository with its virtual environment (`.venv/bin/python eval/gold.py …`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from archivage.evaluate import check_dossier, check_gold

EVAL = Path(__file__).resolve().parent


def gold_dirs() -> list[Path]:
    return sorted({p.parent for p in EVAL.rglob("*.json") if p.name != "manifest.json"})


def check_dir(folder: Path) -> list[str]:
    """Every problem of the gold files in ``folder``, each prefixed with its file's name."""
    problems = []
    manifest = next((m for m in (folder / "manifest.json", folder.parent / "manifest.json") if m.exists()),
                    folder / "manifest.json")
    known = None
    if manifest.exists():
        known = {Path(m["file"]).stem for m in json.loads(manifest.read_text(encoding="utf-8"))}
    for gf in sorted(folder.glob("*.json")):
        if gf.name == "manifest.json":
            continue
        try:
            gold = json.loads(gf.read_text(encoding="utf-8"))
        except ValueError as e:
            problems.append(f"{gf.name}: not JSON ({e}).")
            continue
        found = check_gold(gold)
        txt = folder / f"{gf.stem}.txt"
        if not found and txt.exists():
            found = check_dossier(gold, txt.read_text(encoding="utf-8"))
        if not found and known is not None and gold["source"] not in known:
            found = [f"its source {gold['source']!r} is not in {manifest.name}."]
        if not found and gold["source"] != gf.stem:
            found = [f"its source {gold['source']!r} differs from the file's name."]
        shown = gf.relative_to(EVAL) if gf.is_relative_to(EVAL) else gf
        problems += [f"{shown}: {p}" for p in found]
    return problems


def skeleton(pdf: Path) -> dict:
    """One document covering the whole file, every field empty: the annotator splits and fills it."""
    return {"source": pdf.stem, "documents": [{
        "pages": [1, 1], "type": "autre", "title": None, "date": None,
        "signatories": [], "optional_signatories": [], "addressees": [], "optional_addressees": [],
        "dates": [], "optional_dates": [], "figures": [], "optional_figures": [],
        "anchor": "", "scored_fields": ["segmentation", "type", "date", "signatories", "addressees",
                                        "dates", "figures"],
        "notes": ""}]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="check gold files (every set under eval/ by default)")
    c.add_argument("dirs", nargs="*", type=Path)
    n = sub.add_parser("new", help="write a gold skeleton for a PDF")
    n.add_argument("pdf", type=Path)
    n.add_argument("-o", "--output", type=Path, default=Path("."), help="folder of the gold file")
    a = ap.parse_args(argv)
    if a.command == "check":
        dirs = a.dirs or gold_dirs()
        problems = [p for d in dirs for p in check_dir(d)]
        print("\n".join(problems) if problems else f"{len(dirs)} gold folder(s): no problem found.")
        return 1 if problems else 0
    out = a.output / f"{a.pdf.stem}.json"
    if out.exists():
        print(f"{out} exists already; not overwritten.", file=sys.stderr)
        return 1
    out.write_text(json.dumps(skeleton(a.pdf), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
