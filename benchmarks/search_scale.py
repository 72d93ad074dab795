"""Search and storage at scale: fill an archive through the public Store API, then time searches.

    python benchmarks/search_scale.py [--records N] [--database-url URL] [--json] [--reuse]

The records are varied copies of the records the pipeline makes from the born-digital sample
(``samples/dossier-securite-18e-2019-born-digital.pdf``): people, places, years, amounts and
types are drawn from lists with skewed (Zipf) frequencies, paragraphs are dropped at random,
and each record gets a paragraph of words drawn with their frequencies in the held-out texts
of ``eval/`` plus a reference number of its own, so that the vocabulary grows as a real
archive's does. The same seed (``--seed``) gives the same records.

It prints the fill rate per tenth, the bytes per record (database over the records' own JSON),
the p50/p95 of each query shape in process (search with its total and facet counts, which is
what a web page shows) and as a whole ``archivage search`` process. ``--json`` prints one object
instead. Beside each wall-clock figure is the CPU time the process itself used (on SQLite, all of
the work; on PostgreSQL the server's is not in it): on a shared machine, the wall clock also
counts the time spent waiting for a core, and the load average is printed with the figures. ``--reuse`` measures an archive filled before (nothing is written to it).

It runs on the current code and on older checkouts (their ``search`` + ``facets``), so that
before/after figures come from one script: ``PYTHONPATH=/old/checkout/src python …``.
PostgreSQL: create an empty database first (it needs the ``unaccent`` extension for old code).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from bisect import bisect
from itertools import accumulate, permutations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "dossier-securite-18e-2019-born-digital.pdf"

FIRST = ["Marie", "Jean", "Anne", "Pierre", "Sophie", "Michel", "Isabelle", "Philippe", "Catherine", "Alain",
         "Nathalie", "Patrick", "Christine", "Nicolas", "Sylvie", "Christophe", "Valérie", "Éric", "Sandrine",
         "François", "Colombe", "Ian", "Hélène", "Laurent", "Céline", "Olivier", "Aurélie", "Thierry", "Émilie",
         "Stéphane", "Julie", "Frédéric", "Claire", "Julien", "Camille", "David", "Léa", "Bruno", "Manon", "Didier"]
SURNAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
            "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
            "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez",
            "Hidalgo", "Castaner", "Lejoindre", "Brossel", "Brossat", "Nuñez", "Lallement", "Legrand", "Garnier",
            "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin"]
SYLLABLES = ["ker", "van", "bo", "lu", "mar", "tin", "gal", "ric", "do", "né", "quer", "zel", "pha", "lon",
             "bri", "sau", "vil", "mé", "ra", "got", "ty", "nec", "hal", "jou", "pel", "cor", "dan", "fi"]
PLACES = ["Goutte d'Or", "Château Rouge", "Barbès", "Porte Montmartre", "Porte de la Chapelle",
          "Porte d'Aubervilliers", "place de Clichy", "rue Myrha", "square Léon", "boulevard Ney",
          "rue Marx-Dormoy", "La Chapelle", "Marcadet", "Montmartre", "Pigalle", "Belleville", "Ménilmontant",
          "Gare du Nord", "Stalingrad", "rue de Tanger", "Jardins d'Éole", "Porte de Clignancourt",
          "Simplon", "Grandes-Carrières", "Clignancourt", "Batignolles", "Épinettes", "Villette", "Combat",
          "Amérique", "Saint-Ouen", "Aubervilliers", "Saint-Denis", "Pantin", "Clichy"]
TYPES = ["lettre", "voeu", "communique", "compte_rendu", "note", "deliberation", "arrete", "autre"]
KEEP_PLACES = {"paris", "état", "etat", "la ville"}


def zipf(items: list, s: float = 1.0) -> tuple[list, list[float]]:
    return items, list(accumulate(1.0 / (rank ** s) for rank in range(1, len(items) + 1)))


def draw(rng: random.Random, table: tuple[list, list[float]]):
    items, cum = table
    return items[min(bisect(cum, rng.random() * cum[-1]), len(items) - 1)]


def seed_records() -> list[dict]:
    """The records the pipeline makes from the born-digital sample (text layer: no OCR)."""
    from archivage.pages import read_pages
    from archivage.pipeline import records_from_pages

    sha = hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    return records_from_pages(read_pages(SAMPLE), file=SAMPLE.name, sha256=sha)


def vocabulary() -> tuple[list, list[float]]:
    """Words of the held-out texts with their counts, as cumulative weights."""
    counts: dict[str, int] = {}
    for path in sorted((ROOT / "eval").glob("*/*.txt")):
        for word in re.findall(r"[^\W\d_][\w'-]*", path.read_text(encoding="utf-8")):
            counts[word] = counts.get(word, 0) + 1
    words = sorted(counts, key=lambda w: (-counts[w], w))
    return words, list(accumulate(counts[w] for w in words))


class Generator:
    def __init__(self, seed: int = 8):
        self.rng = random.Random(seed)
        self.seeds = seed_records()
        tail = ["".join(p).capitalize() for p in permutations(SYLLABLES, 3)]  # 19,656 made-up names
        random.Random(seed).shuffle(tail)
        self.surnames = zipf(SURNAMES + tail)
        self.firsts = zipf(FIRST, 0.6)
        self.places = zipf(PLACES, 1.0)
        self.vocab = vocabulary()
        self.rare = tail[18000]  # drawn ~1 time in 10^6
        self.common = SURNAMES[2]

    def person(self) -> str:
        return f"{draw(self.rng, self.firsts)} {draw(self.rng, self.surnames)}"

    def original(self, n: int) -> tuple[dict, list[dict]]:
        rng = self.rng
        sha = hashlib.sha256(f"bench-{n}".encode()).hexdigest()
        file = f"dossier-{n:07d}.pdf"
        records, page = [], 1
        for _ in range(rng.choice([1, 1, 2, 3, 4, 5, 5, 6, 8])):
            record = self.record(rng.choice(self.seeds), sha, file, page)
            page = record["source"]["pages"][-1] + 1
            records.append(record)
        meta = {"sha256": sha, "file": file, "stored_path": f"/archive/{sha}.pdf", "size": 100_000 * page,
                "pages": page - 1}
        return meta, records

    def record(self, seed: dict, sha: str, file: str, first_page: int) -> dict:
        rng = self.rng
        record = json.loads(json.dumps(seed))
        paragraphs = record["text"].split("\n\n")
        kept = [p for i, p in enumerate(paragraphs) if i == 0 or rng.random() > 0.25]
        text = "\n\n".join(kept)
        mapping: dict[str, str] = {}
        for p in record["signatories"] + record["addressees"]:
            mapping.setdefault(p["name"], self.person())
        for e in record["entities"]:
            if e["label"] == "PER":
                mapping.setdefault(e["text"], self.person())
            elif e["label"] == "LOC" and e["text"].lower() not in KEEP_PLACES:
                mapping.setdefault(e["text"], draw(rng, self.places))
        year = str(rng.randint(2000, 2025))
        for old in sorted(mapping, key=len, reverse=True):
            new = mapping[old].upper() if old.isupper() else mapping[old]
            mapping[old] = new
            text = re.sub(re.escape(old), new, text, flags=re.IGNORECASE)
        text = text.replace("2019", year)
        words = [draw(rng, self.vocab) for _ in range(rng.randint(40, 200))]
        text += "\n\n" + " ".join(words) + f"\n\nRéférence : {rng.getrandbits(40):010x}-{year}"

        def moved(item: dict, key: str) -> dict:
            value = mapping.get(item[key], item[key])
            start = text.find(value)
            return {**item, key: value, "start": max(start, 0), "end": max(start, 0) + len(value)}

        pages = [first_page + i for i in range(len(record["source"]["pages"]))]
        record["id"] = f"{sha[:16]}-p{first_page}"
        record["source"] = {"file": file, "sha256": sha, "pages": pages}
        if rng.random() < 0.4:
            record["type"] = rng.choice(TYPES)
        for key in ("title", "date"):
            if record.get(key):
                record[key] = record[key].replace("2019", year)
                for old, new in mapping.items():
                    record[key] = record[key].replace(old, new)
        record["signatories"] = [moved(p, "name") for p in record["signatories"]]
        record["addressees"] = [moved(p, "name") for p in record["addressees"]]
        record["entities"] = [moved(e, "text") for e in record["entities"]]
        record["dates"] = [{**d, "value": d["value"].replace("2019", year)} for d in record["dates"]]
        for f in record["figures"]:
            f["value"] = round(f["value"] * rng.lognormvariate(-1, 1.5), 2)
        record["text"] = text
        record["review"] = ([{"field": "date", "reason": f"stamp read as {year}-11-18 and {year}-11-15"}]
                            if rng.random() < 0.05 else [])
        return record


def shapes(gen: Generator) -> list[tuple[str, dict]]:
    return [
        ("common word (sécurité)", {"query": "sécurité"}),
        ('phrase ("porte de la chapelle")', {"query": '"porte de la chapelle"'}),
        ("common word + type + dates", {"query": "sécurité", "type": "lettre", "date_from": "2010-01",
                                        "date_to": "2019-12"}),
        ("money >= 1,000,000", {"figure_kind": "money", "figure_min": 1_000_000}),
        ("crack OR drogue", {"query": "crack OR drogue"}),
        (f"rare name ({gen.rare})", {"query": gen.rare}),
        ("--place chapelle", {"place": "chapelle"}),
        (f"--person {gen.common.lower()}", {"person": gen.common.lower()}),
        ("no text, newest first", {}),
    ]


CLI_SHAPES = [("nothing matches", ["zzyzxq"]), ("rare name", None), ("common word", ["sécurité"]),
              ("--place chapelle", ["--place", "chapelle"])]


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return round(statistics.median(ordered) * 1000, 1), round(p95 * 1000, 1)


def database_bytes(store, url: str) -> int:
    if store.engine.dialect.name == "sqlite":
        path = Path(store.engine.url.database)
        return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
    with store.engine.connect() as conn:
        return int(conn.exec_driver_sql(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
            "AND c.relkind IN ('r', 'm')").scalar())


def fill(store, gen: Generator, n: int, say) -> dict:
    """Save originals until n records; time only the saves (not the making of the records)."""
    json_bytes, done, number = 0, 0, 0
    tenth = max(1, n // 10)
    per_tenth, spent, marker = [], 0.0, 0
    while done < n:
        meta, records = gen.original(number)
        number += 1
        records = records[:n - done]
        meta["pages"] = records[-1]["source"]["pages"][-1]
        json_bytes += sum(len(json.dumps(r, ensure_ascii=False).encode()) for r in records)
        t0 = time.perf_counter()
        store.save_original(**meta, records=records)
        spent += time.perf_counter() - t0
        done += len(records)
        while done >= (len(per_tenth) + 1) * tenth and len(per_tenth) < 10:
            per_tenth.append(spent * 1000 / (done - marker))
            say(f"  tenth {len(per_tenth)}: {per_tenth[-1]:.2f} ms/record ({done:,} records, "
                f"load {os.getloadavg()[0]:.1f})")
            spent, marker = 0.0, done
    return {"per_tenth_ms": [round(t, 3) for t in per_tenth], "json_bytes": json_bytes}


def measure(store, gen: Generator, repeats: int, say) -> list[dict]:
    import archivage.search as search_module

    find = getattr(search_module, "find", None)
    out = []
    for label, kwargs in shapes(gen):
        times, cpu, total = [], [], None
        for i in range(repeats + 1):
            t0, c0 = time.perf_counter(), time.process_time()
            if find is not None:
                result = find(store, limit=20, facets=True, **kwargs)
                total, exact = result.total, result.total_exact
            else:
                hits = search_module.search(store, limit=20, **kwargs)
                counts = search_module.facets(store, **kwargs)
                total, exact, _ = sum(counts["type"].values()), True, hits
            if i:  # the first run warms the caches
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
        p50, p95 = percentiles(times)
        cpu50, cpu95 = percentiles(cpu)
        out.append({"label": label, "p50_ms": p50, "p95_ms": p95, "cpu_p50_ms": cpu50, "cpu_p95_ms": cpu95,
                    "matches": total, "exact": exact})
        say(f"  {label:<34} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  (this process's CPU: {cpu50:.1f} / {cpu95:.1f})  "
            f"{'' if exact else 'about '}{total:,} matches")
    return out


def measure_cli(url: str, gen: Generator, repeats: int, say) -> list[dict]:
    import compileall

    import archivage

    # An installed package comes with its bytecode; a checkout run under PYTHONDONTWRITEBYTECODE
    # would compile every module at each start (~40 ms), which no user pays.
    compileall.compile_dir(Path(archivage.__file__).parent, quiet=1)
    env = {**os.environ, "ARCHIVAGE_DATABASE_URL": url}
    out = []
    for label, argv in CLI_SHAPES:
        argv = argv or [gen.rare]
        times, cpu = [], []
        for i in range(repeats + 1):
            t0, c0 = time.perf_counter(), _children_cpu()
            done = subprocess.run([sys.executable, "-m", "archivage.cli", "--home", tempfile.gettempdir(),
                                   "search", *argv], env=env, capture_output=True, text=True)
            if done.returncode:
                raise SystemExit(f"archivage search failed: {done.stderr.strip()}")
            if i:
                times.append(time.perf_counter() - t0)
                cpu.append(_children_cpu() - c0)
        p50, p95 = percentiles(times)
        cpu50, cpu95 = percentiles(cpu)
        out.append({"label": label, "p50_ms": p50, "p95_ms": p95, "cpu_p50_ms": cpu50, "cpu_p95_ms": cpu95})
        say(f"  {label:<34} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  (its CPU: {cpu50:.1f} / {cpu95:.1f})")
    return out


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--database-url", help="an empty database (default: a new SQLite file in a temp folder)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--reuse", action="store_true", help="measure an archive filled before")
    ap.add_argument("--repeats", type=int, default=20, help="runs of each query shape")
    ap.add_argument("--cli-repeats", type=int, default=5)
    ap.add_argument("--seed", type=int, default=8)
    args = ap.parse_args()

    def say(message: str) -> None:
        print(message, file=sys.stderr if args.json else sys.stdout, flush=True)

    import archivage.search as search_module
    from archivage.store import Store

    say(f"code: {Path(search_module.__file__).parent}")
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='search-scale-')}/archivage.db"
    gen = Generator(args.seed)
    store = _open(Store, url)
    result: dict = {"records": args.records, "database": _shown(url), "load": os.getloadavg()[0]}
    if args.reuse:
        say(f"reusing {_shown(url)}")
        fill_info = json.loads(Path(_sidecar(url)).read_text()) if Path(_sidecar(url)).exists() else {}
    else:
        say(f"filling {_shown(url)} with {args.records:,} records")
        fill_info = fill(store, gen, args.records, say)
        Path(_sidecar(url)).write_text(json.dumps(fill_info))
    size = database_bytes(store, url)
    tenths = fill_info.get("per_tenth_ms") or [None]
    result["fill"] = {"first_tenth_ms": tenths[0], "last_tenth_ms": tenths[-1], "per_tenth_ms": tenths,
                      "bytes_per_record": round(size / args.records),
                      "json_bytes_per_record": round(fill_info.get("json_bytes", 0) / args.records)}
    say(f"size: {size / 1e6:,.1f} MB, {size / args.records:,.0f} bytes per record "
        f"(JSON {result['fill']['json_bytes_per_record']:,} bytes per record)")
    say("in process (search + total + facets), ms:")
    result["queries"] = measure(store, gen, args.repeats, say)
    store.close()
    say("archivage search as a process, ms:")
    result["cli"] = measure_cli(url, gen, args.cli_repeats, say)
    result["load_after"] = os.getloadavg()[0]
    if args.json:
        print(json.dumps(result, ensure_ascii=False))


def _open(Store, url: str):
    store = Store(url)
    migrate = getattr(store, "migrate", None)
    if migrate is not None:
        migrate()
    return store


def _shown(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def _sidecar(url: str) -> str:
    return os.path.join(tempfile.gettempdir(), "search-scale-" + hashlib.sha1(url.encode()).hexdigest()[:12] + ".json")


if __name__ == "__main__":
    main()
