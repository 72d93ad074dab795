"""Helpers for the annotate.py of each held-out set: a gold file is built from a dossier's text and
its annotations, so the document texts in the gold can never drift from the dossier.

    python eval/heldoutN/annotate.py      # rewrites that set's gold JSON files
"""

from __future__ import annotations

import json
from pathlib import Path

FIELDS = ["type", "title", "date", "signatories", "optional_signatories", "addressees", "optional_addressees",
          "dates", "optional_dates", "figures", "optional_figures", "voeu"]


def fig(*pairs):
    return [{"value": v, "kind": k} for v, k in pairs]


def person(name, function):
    return {"name": name, "function": function}


def build(name: str, annotations: list[dict], here: Path) -> dict:
    """The gold of ``name`` from ``here/<name>.txt``: each annotation's ``start`` is where its document
    begins (its first occurrence after the previous document's start)."""
    text = (here / f"{name}.txt").read_text(encoding="utf-8")
    starts: list[int] = []
    for a in annotations:
        at = text.find(a["start"], starts[-1] + 1 if starts else 0)
        if at < 0:
            raise SystemExit(f"{name}: start {a['start']!r} not found after the previous document")
        starts.append(at)
    if starts[0] != 0:
        raise SystemExit(f"{name}: the first document must start the text")
    docs = []
    for i, a in enumerate(annotations):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        doc = {f: a[f] for f in FIELDS if f in a}
        for f in ("optional_dates", "optional_figures"):
            doc.setdefault(f, [])
        doc["text"] = text[starts[i]:end].strip()
        docs.append(doc)
    return {"source": name, "documents": docs}


def write(dossiers: dict[str, list[dict]], here: Path) -> None:
    for name, notes in dossiers.items():
        gold = build(name, notes, here)
        (here / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{name}: {len(gold['documents'])} documents")
