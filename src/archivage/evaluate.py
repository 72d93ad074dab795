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
from .records import FIGURE_KINDS, TYPES


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


HEADLINE = ["segmentation", "type", "date", "signatories", "addressees", "dates", "figures"]


def _source_counts(gold: dict, pdocs: list[dict]) -> list[tuple[dict | None, dict, dict]]:
    """(gold document or None, its record or {}, {field: (tp, fp, fn)}) for one source, counted as the
    reference scorer counts (its own functions do the pairing and the comparisons); a record that matches
    no gold document comes with None."""
    gdocs = gold["documents"]
    gmap = scoring.align(gdocs, pdocs)
    matched = set(gmap.values())
    everywhere = set.intersection(*(scoring.scored(g) for g in gdocs)) if gdocs else set(scoring.FIELDS)
    out = []
    for gi, g in enumerate(gdocs):
        p = pdocs[gmap[gi]] if gi in gmap else {}
        fields = scoring.scored(g)
        c: dict[str, tuple[int, int, int]] = {}
        if "segmentation" in fields:
            c["segmentation"] = (int(gi in gmap), 0, int(gi not in gmap))
        for key in ("type", "date"):
            if key in fields:
                ok = p.get(key) == g[key]
                c[key] = (int(ok), 0, int(not ok))
        for role in ("signatories", "addressees"):
            if role in fields:
                pr = [x for x in scoring.as_list(p.get(role)) if isinstance(x, dict)]
                c[role] = scoring.score_people(g[role], g.get("optional_" + role, []), pr, scoring.Counts())
        if "dates" in fields:
            pd = {v for v in map(scoring.date_value, scoring.as_list(p.get("dates"))) if v}
            c["dates"] = scoring.score_sets(set(g["dates"]), set(g.get("optional_dates", [])), pd)
        if "figures" in fields:
            pf = {k for k in map(scoring.figure_key, scoring.as_list(p.get("figures"))) if k}
            c["figures"] = scoring.score_sets({scoring.figure_key(x) for x in g["figures"]},
                                              {scoring.figure_key(x) for x in g.get("optional_figures", [])}, pf)
        out.append((g, p, c))
    for pi, p in enumerate(pdocs):
        if pi in matched:
            continue
        c = {"segmentation": (0, 1, 0)} if "segmentation" in everywhere else {}
        for key in ("signatories", "addressees", "dates", "figures"):
            if key in everywhere:
                c[key] = (0, len(scoring.as_list(p.get(key))), 0)
        out.append((None, p, c))
    return out


def scanned(records: list[dict]) -> bool:
    """A source is a scan when any of its pages had to be OCRed."""
    return any((r.get("ocr") or {}).get("pages_ocr") for r in records)


def breakdown(gold_dir: Path, records: list[dict]) -> dict[str, dict[str, dict]]:
    """F1 per field by document type (the gold's type; a record matching no gold document counts under the
    type it was given) and by input (scanned or born-digital), counted as the reference scorer counts:
    the groups of each breakdown add up to its totals.

    {"type": {"lettre": {"documents": 4, "segmentation": f1, …}, …}, "input": {"scanned": {…}, …}}
    """
    by_source: dict[str, list[dict]] = {}
    for r in records:
        by_source.setdefault(Path((r.get("source") or {}).get("file") or "").stem, []).append(r)
    groups: dict[str, dict[str, dict]] = {"type": {}, "input": {}}

    def add(kind: str, key: str, counts: dict, document: bool) -> None:
        g = groups[kind].setdefault(key, {"documents": 0, **{f: [0, 0, 0] for f in HEADLINE}})
        g["documents"] += document
        for field, (tp, fp, fn) in counts.items():
            if field in g:
                g[field] = [g[field][0] + tp, g[field][1] + fp, g[field][2] + fn]

    for gf in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        pdocs = by_source.get(gold["source"], [])
        where = "scanned" if scanned(pdocs) else "born-digital"
        for g, p, counts in _source_counts(gold, pdocs):
            add("type", g["type"] if g else p.get("type") or "autre", counts, g is not None)
            add("input", where, counts, g is not None)
    for kind in groups.values():
        for g in kind.values():
            for field in HEADLINE:
                tp, fp, fn = g[field]
                c = scoring.Counts()
                c.add(tp, fp, fn)
                g[field] = {"f1": round(c.prf()[2], 4), "tp": tp, "fp": fp, "fn": fn}
    return groups


def breakdown_table(groups: dict[str, dict[str, dict]]) -> str:
    """The breakdown as two small tables (F1 per field, "–" where a group has nothing to score)."""
    short = {"segmentation": "segm", "type": "type", "date": "date", "signatories": "sign",
             "addressees": "addr", "dates": "dates", "figures": "figs"}
    lines = []
    for kind, title in (("type", "by document type"), ("input", "by input")):
        lines.append(f"{title:<20}{'docs':>6}" + "".join(f"{short[f]:>7}" for f in HEADLINE))
        for key in sorted(groups[kind]):
            g = groups[kind][key]
            cells = "".join(f"{g[f]['f1']:>7.2f}" if sum((g[f]['tp'], g[f]['fp'], g[f]['fn'])) else f"{'–':>7}"
                            for f in HEADLINE)
            lines.append(f"  {key:<18}{g['documents']:>6}{cells}")
    return "\n".join(lines)


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
        groups = breakdown(scored_dir, records)
        report += "\n\n" + breakdown_table(groups)
        if missing:
            report += f"\nnot scored (no document in {pdf_dir}): {', '.join(missing)}"
        return {"scores": score(scored_dir, records), "breakdown": groups, "report": report,
                "records": records, "missing": missing}


# -- gold files -------------------------------------------------------------------------------

GOLD_KEYS = {"type", "title", "date", "signatories", "optional_signatories", "addressees", "optional_addressees",
             "dates", "optional_dates", "figures", "optional_figures", "voeu", "text", "anchor", "scored_fields",
             "notes", "pages"}
# the key each scored field reads in a gold document
_NEEDS = {"type": "type", "date": "date", "signatories": "signatories", "addressees": "addressees",
          "dates": "dates", "figures": "figures"}


def check_gold(gold: object) -> list[str]:
    """What is wrong with one gold file's content (GUIDELINES.md), one sentence each; [] when it is sound."""
    from .store import date_range

    if not isinstance(gold, dict) or not isinstance(gold.get("source"), str) or not gold.get("source"):
        return ["it needs a \"source\" (the PDF's file stem) and \"documents\"."]
    docs = gold.get("documents")
    if not isinstance(docs, list) or not docs:
        return ["\"documents\" must be a non-empty list."]
    problems = []

    def iso(value) -> bool:
        return isinstance(value, str) and date_range(value) != (None, None)

    for n, doc in enumerate(docs, 1):
        at = f"document {n}"
        if not isinstance(doc, dict):
            problems.append(f"{at} is not an object.")
            continue
        unknown = sorted(set(doc) - GOLD_KEYS)
        if unknown:
            problems.append(f"{at} has unknown keys {unknown}.")
        fields = doc.get("scored_fields")
        if fields is not None and (not isinstance(fields, list) or set(fields) - set(scoring.FIELDS)):
            problems.append(f"{at}: scored_fields must list fields among {scoring.FIELDS}.")
            continue
        text, anchor = doc.get("text"), doc.get("anchor")
        if not (isinstance(text, str) and text.strip()) and not (isinstance(anchor, str) and len(anchor.split()) >= 6):
            problems.append(f"{at} needs its \"text\", or an \"anchor\" sentence of six words or more.")
        for field in scoring.scored(doc):
            key = _NEEDS.get(field)
            if key and key not in doc:
                problems.append(f"{at} scores {field} but has no \"{key}\".")
        if "type" in doc and doc["type"] not in TYPES:
            problems.append(f"{at}: type {doc['type']!r} is not one of {TYPES}.")
        if doc.get("date") is not None and not iso(doc["date"]):
            problems.append(f"{at}: date {doc['date']!r} is not an ISO date (2019, 2019-03 or 2019-03-15).")
        for key in ("dates", "optional_dates"):
            bad = [d for d in doc.get(key) or [] if not iso(d)]
            if not isinstance(doc.get(key, []), list) or bad:
                problems.append(f"{at}: {key} must be ISO dates; not {bad}.")
        for key in ("figures", "optional_figures"):
            for f in doc.get(key) or []:
                ok = isinstance(f, dict) and isinstance(f.get("value"), int | float) \
                    and not isinstance(f.get("value"), bool) and f.get("kind") in FIGURE_KINDS
                if not ok:
                    problems.append(f"{at}: {key} entry {f!r} needs a numeric value and a kind among {FIGURE_KINDS}.")
        for key in ("signatories", "optional_signatories", "addressees", "optional_addressees"):
            for p in doc.get(key) or []:
                if not isinstance(p, dict) or not isinstance(p.get("name"), str) or not p["name"].strip():
                    problems.append(f"{at}: {key} entry {p!r} needs a name.")
    return problems


def check_dossier(gold: dict, dossier: str) -> list[str]:
    """A held-out set's gold against the dossier text it was cut from: each document's text is the next
    part of the dossier, in order, with nothing but blank space between them and nothing left over."""
    at = 0
    problems = []
    for n, doc in enumerate(gold["documents"], 1):
        text = doc.get("text") or ""
        found = dossier.find(text, at)
        if not text or found < 0:
            problems.append(f"document {n}'s text is not the next part of the dossier.")
            return problems
        if dossier[at:found].strip():
            problems.append(f"the dossier text before document {n} belongs to no document: "
                            f"{dossier[at:found].strip()[:60]!r}.")
        at = found + len(text)
    if dossier[at:].strip():
        problems.append(f"the end of the dossier belongs to no document: {dossier[at:].strip()[:60]!r}.")
    return problems
