"""SEDA transfer package: time and peak memory of ``archivage export --format seda`` at N records.

    python benchmarks/seda_export.py [--records 1000 [3000 …]] [--original FILE] [--no-copies] [--json]

For each N, a fresh archive is filled through the public Store API with the varied records of
``search_scale.py`` (people, places, years, types drawn from the seed dossier's records), one to
eight documents per original as in real dossiers. Each original is a real file: ``--original``
(default: the born-digital sample, 52 KB; ``samples/dossier-securite-18e-2019.pdf`` for the
4.7 MB scan) with a line of its own appended, so that every original has its own sha256, and a
searchable copy beside it (the same with another line) unless ``--no-copies``.

The export runs as a whole ``archivage`` process, as an archivist runs it; its wall-clock time,
its CPU time and its peak resident memory (the child's ``VmHWM``) are printed, with the
size of the package and the load average (the machine may be shared: CPU time is the steadier
figure). Peak memory that stays flat as N grows is what streaming means here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]

from search_scale import Generator  # noqa: E402  (the varied records of the search benchmark)

from archivage.config import load_settings  # noqa: E402
from archivage.store import Store  # noqa: E402

SAMPLE = ROOT / "samples" / "dossier-securite-18e-2019-born-digital.pdf"
AGENCIES = {"ARCHIVAGE_SEDA_ARCHIVAL_AGENCY": "FRAD075", "ARCHIVAGE_SEDA_TRANSFERRING_AGENCY": "FR-75118-ARCH",
            "ARCHIVAGE_SEDA_ORIGINATING_AGENCY": "FR-75118-CAB", "ARCHIVAGE_SEDA_AGREEMENT": "CONV-BENCH"}


def fill(home: Path, n: int, original: bytes, copies: bool, gen: Generator) -> dict:
    """An archive of n records whose originals (and searchable copies) exist on disk."""
    settings = load_settings(home).ensure()
    store = Store(settings.database_url)
    store.migrate()
    done, number, files, content = 0, 0, 0, 0
    while done < n:
        meta, records = gen.original(number)
        number += 1
        records = records[:n - done]
        data = original + f"\n% archivage benchmark original {number}\n".encode()
        sha = hashlib.sha256(data).hexdigest()
        path = settings.originals / sha[:2] / f"{sha}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        content += len(data)
        if copies:
            copy = original + f"\n% archivage benchmark searchable copy {number}\n".encode()
            (settings.searchable / f"{sha}.pdf").write_bytes(copy)
            content += len(copy)
        for record in records:
            first = record["source"]["pages"][0]
            record["source"]["sha256"] = sha
            record["id"] = f"{sha[:16]}-p{first}"
        store.save_original(sha256=sha, file=meta["file"], stored_path=str(path), size=len(data),
                            pages=records[-1]["source"]["pages"][-1], records=records)
        done += len(records)
        files += 1
    store.close()
    return {"records": done, "originals": files, "content_bytes": content}


CHILD = """
import json, re, resource, sys
from archivage.cli import main
code = main(sys.argv[1:])
usage = resource.getrusage(resource.RUSAGE_SELF)
# VmHWM, not ru_maxrss: Linux carries the parent's peak (spaCy, loaded to make the records) into
# ru_maxrss across fork and exec; VmHWM is this process's own memory since exec
with open("/proc/self/status") as f:
    status = f.read()
kb = {k: int(re.search(k + r":\\s+(\\d+) kB", status).group(1)) for k in ("VmHWM", "RssAnon", "RssFile")}
print(json.dumps({"code": code, "cpu": usage.ru_utime + usage.ru_stime, "maxrss_kb": kb["VmHWM"],
                  "anon_kb": kb["RssAnon"], "file_kb": kb["RssFile"]}))
"""


def export(home: Path, out: Path) -> dict:
    """One ``archivage export --format seda`` process: wall time, its CPU time and peak memory."""
    env = {**os.environ, **AGENCIES, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, "--home", str(home), "export", "--format", "seda",
                           "-o", str(out)], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"export failed: {done.stderr.strip()}")
    usage = json.loads(done.stdout.strip().splitlines()[-1])
    if usage["code"] != 0:
        raise SystemExit(f"export failed: {done.stderr.strip()}")
    with zipfile.ZipFile(out) as zf:
        entries = zf.infolist()
        manifest = next(e.file_size for e in entries if e.filename == "manifest.xml")
    return {"wall_s": round(wall, 2), "cpu_s": round(usage["cpu"], 2), "peak_rss_mb": round(usage["maxrss_kb"] / 1024, 1),
            # at the end: the process's own memory, and the files it mapped (the SQLite database is read mapped)
            "end_anon_mb": round(usage["anon_kb"] / 1024, 1), "end_file_mb": round(usage["file_kb"] / 1024, 1),
            "package_mb": round(out.stat().st_size / 1e6, 1), "manifest_mb": round(manifest / 1e6, 2),
            "zip_entries": len(entries)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, nargs="+", default=[1000])
    parser.add_argument("--original", type=Path, default=SAMPLE, help="the file each original is a variant of")
    parser.add_argument("--no-copies", action="store_true", help="no searchable copies")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the archives and packages (printed)")
    args = parser.parse_args()
    original = args.original.read_bytes()
    results = []
    for n in sorted(args.records):
        folder = Path(tempfile.mkdtemp(prefix=f"seda-bench-{n}-"))
        try:
            filled = fill(folder / "home", n, original, not args.no_copies, Generator(args.seed))
            measured = export(folder / "home", folder / "versement.zip")
            results.append({**filled, **measured, "load": round(os.getloadavg()[0], 1)})
            if not args.json:
                r = results[-1]
                print(f"{r['records']:>6} records, {r['originals']} originals ({r['content_bytes'] / 1e6:.1f} MB of "
                      f"files): {r['wall_s']} s wall, {r['cpu_s']} s CPU, peak {r['peak_rss_mb']} MB; package "
                      f"{r['package_mb']} MB, manifest {r['manifest_mb']} MB, {r['zip_entries']} entries; at the end "
                      f"{r['end_anon_mb']} MB own + {r['end_file_mb']} MB mapped files "
                      f"(load {r['load']})", flush=True)
        finally:
            if args.keep:
                print(f"  kept in {folder}")
            else:
                shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
