"""Train a text classifier of document types (spaCy ``textcat``, bag of words) on the gold of eval/, and compare it
with the rules.

    python scripts/train_doctype.py [--real-records RECORDS.jsonl] [--out models/doctype] [--compare RECORDS.jsonl]

Training documents: every gold document of the written sets (eval/dev, eval/heldout*: its text and its type),
and, with ``--real-records``, the documents of eval/real/dev, their text taken from the records the pipeline made
of them (the gold gives the type; the record holding its anchor gives the text). The test part is never used.
``--compare`` scores the rules and the classifier on the gold documents of a records file's part (eval/real/test
by default): the type each gives, against the gold type, for the documents whose record was paired.

The issue that asked for it: "where rules for a field keep multiplying, try a trained component … and keep
whichever does better on the test part". The model is written to ``--out`` (loaded from models/, never
downloaded).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import spacy
from spacy.training import Example

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from archivage import scoring  # noqa: E402
from archivage.extract.doctype import doctype  # noqa: E402
from archivage.records import TYPES  # noqa: E402

MAX_CHARS = 4000  # the head of a document says what it is; the rest is its subject


def written_sets() -> list[tuple[str, str]]:
    out = []
    for gf in sorted((ROOT / "eval").glob("*/*.json")):
        if "real" in gf.parts or gf.name == "manifest.json" or gf.name == "split.json":
            continue
        for doc in json.loads(gf.read_text(encoding="utf-8"))["documents"]:
            if doc.get("text"):
                out.append((doc["text"], doc["type"]))
    return out


def paired(gold_dir: Path, records: list[dict]) -> list[tuple[str, str, str]]:
    """(record text, gold type, record type) for each gold document of gold_dir paired with a record."""
    by_source: dict[str, list[dict]] = {}
    for r in records:
        by_source.setdefault(Path(r["source"]["file"]).stem, []).append(r)
    out = []
    for gf in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        preds = by_source.get(gold["source"], [])
        for gi, pi in scoring.align(gold["documents"], preds).items():
            out.append((preds[pi]["text"], gold["documents"][gi]["type"], preds[pi]["type"]))
    return out


def train(docs: list[tuple[str, str]], seed: int = 7, epochs: int = 20):
    nlp = spacy.blank("fr")
    textcat = nlp.add_pipe("textcat", config={"model": {"@architectures": "spacy.TextCatBOW.v3",
                                                        "exclusive_classes": True, "ngram_size": 2,
                                                        "no_output_layer": False}})
    for label in TYPES:
        textcat.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(text[:MAX_CHARS]), {"cats": {t: float(t == kind) for t in TYPES}})
                for text, kind in docs]
    random.Random(seed).shuffle(examples)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(epochs):
        random.shuffle(examples)
        for batch in spacy.util.minibatch(examples, size=8):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    return nlp


def classify(nlp, text: str) -> str:
    cats = nlp(text[:MAX_CHARS]).cats
    return max(cats, key=cats.get)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--real-records", type=Path, help="records of eval/real/dev made by the pipeline")
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "doctype")
    ap.add_argument("--compare", type=Path, help="records of a part to compare rules and classifier on")
    ap.add_argument("--part", default="test", help="the part of eval/real the --compare records belong to")
    a = ap.parse_args(argv)
    docs = written_sets()
    if a.real_records:
        records = [json.loads(line) for line in a.real_records.read_text(encoding="utf-8").splitlines()]
        docs += [(text, kind) for text, kind, _ in paired(ROOT / "eval" / "real" / "dev", records)]
    print(f"{len(docs)} training documents")
    nlp = train(docs)
    nlp.to_disk(a.out)
    print(f"model written to {a.out}")
    if a.compare:
        records = [json.loads(line) for line in a.compare.read_text(encoding="utf-8").splitlines()]
        rows = paired(ROOT / "eval" / "real" / a.part, records)
        rules = sum(doctype(text) == gold for text, gold, _ in rows)
        model = sum(classify(nlp, text) == gold for text, gold, _ in rows)
        print(f"{a.part}: {len(rows)} paired documents; type right by the rules {rules}, by the classifier {model}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
