"""Web interface latency: the search page, the API and a record page with its page image, at scale.

    python benchmarks/web_latency.py [--records N] [--database-url URL] [--repeats R] [--json]

Fills an archive with the varied records of ``search_scale.py`` (same generator, same seed), adds
the born-digital sample through the real pipeline (a real original, so that page images can be
rendered), serves ``archivage.web`` with uvicorn on a local port and times real HTTP requests
(httpx, one kept-alive connection, as a browser does):

- the search page (``/recherche``: hits, total and facet counts rendered) for each query shape of
  ``search_scale.py``, and the same searches through ``/api/search?facets=true``;
- ``find()`` itself in this process for the same searches (what the pages add is the difference);
- a record page of the sample, then its first page image at 1000 px, cold (the image cache
  emptied before each run) and cached.

p50/p95 in ms, the first run of each shape left out (it warms the caches). The targets of the
issue: p95 < 150 ms for the page and < 80 ms for the API at 100,000 records on SQLite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_scale import SAMPLE, Generator, fill, percentiles, shapes  # noqa: E402

PAGE_PARAMS = {"query": "q", "type": "type", "date_from": "du", "date_to": "au", "figure_kind": "chiffre",
               "figure_min": "min", "place": "lieu", "person": "personne"}
API_PARAMS = {"query": "q", "type": "type", "date_from": "from", "date_to": "to", "figure_kind": "figure_kind",
              "figure_min": "min", "place": "place", "person": "person"}


def timed(client, url: str, repeats: int, before=None) -> tuple[float, float, int]:
    times = []
    for i in range(repeats + 1):
        if before:
            before()
        t0 = time.perf_counter()
        r = client.get(url)
        elapsed = time.perf_counter() - t0
        r.raise_for_status()
        if i:
            times.append(elapsed)
    p50, p95 = percentiles(times)
    return p50, p95, len(r.content)


def find_times(store, kwargs: dict, repeats: int) -> tuple[float, float]:
    """The query layer alone, in this process, for the same search: what the web adds is the rest."""
    from archivage.search import find

    times = []
    for i in range(repeats + 1):
        t0 = time.perf_counter()
        find(store, limit=20, count=True, facets=True, **kwargs)
        if i:
            times.append(time.perf_counter() - t0)
    return percentiles(times)


def serve(settings, store):
    import uvicorn

    from archivage.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings, store=store), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--database-url", help="an empty database (default: a new SQLite file in a temp folder)")
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    say = (lambda m: print(m, file=sys.stderr, flush=True)) if args.json else (lambda m: print(m, flush=True))

    import httpx

    from archivage.config import load_settings
    from archivage.intake import ingest_paths
    from archivage.store import Store

    home = Path(tempfile.mkdtemp(prefix="web-latency-"))
    settings = load_settings(home, database_url=args.database_url).ensure()
    store = Store(settings.database_url)
    store.migrate()
    gen = Generator(args.seed)
    say(f"filling {store.where} with {args.records:,} records")
    fill(store, gen, args.records, lambda m: None)
    [outcome] = ingest_paths([SAMPLE], settings, store)
    assert outcome.status == "ingested", outcome.reason
    server, base = serve(settings, store)
    result = {"records": args.records, "backend": store.backend, "load": os.getloadavg()[0], "page": [], "api": []}
    with httpx.Client(base_url=base, timeout=60) as client:
        for label, kwargs in shapes(gen):
            page = {PAGE_PARAMS[k]: v for k, v in kwargs.items()}
            api = {API_PARAMS[k]: v for k, v in kwargs.items()} | {"facets": "true"}
            p50, p95, size = timed(client, "/recherche?" + httpx.QueryParams(page).__str__(), args.repeats)
            a50, a95, _ = timed(client, "/api/search?" + httpx.QueryParams(api).__str__(), args.repeats)
            f50, f95 = find_times(store, kwargs, args.repeats)
            result["page"].append({"label": label, "p50_ms": p50, "p95_ms": p95, "bytes": size})
            result["api"].append({"label": label, "p50_ms": a50, "p95_ms": a95})
            result.setdefault("find", []).append({"label": label, "p50_ms": f50, "p95_ms": f95})
            say(f"  {label:<34} page p50 {p50:7.1f} p95 {p95:7.1f} ms   api p50 {a50:7.1f} p95 {a95:7.1f} ms   "
                f"(find() alone p50 {f50:7.1f} p95 {f95:7.1f})")
        rid = next(r["id"] for r in store.records() if r["source"]["sha256"] == outcome.sha256)
        record = store.get(rid)
        image = f"/image/{outcome.sha256}/{record['source']['pages'][0]}/1000.png"
        p50, p95, _ = timed(client, f"/document/{rid}", args.repeats)
        images = settings.cache / "images"
        c50, c95, size = timed(client, image, max(5, args.repeats // 4),
                               before=lambda: shutil.rmtree(images, ignore_errors=True))
        h50, h95, _ = timed(client, image, args.repeats)
        result["record"] = {"page_p50_ms": p50, "page_p95_ms": p95, "image_cold_p50_ms": c50, "image_cold_p95_ms": c95,
                            "image_cached_p50_ms": h50, "image_cached_p95_ms": h95, "image_bytes": size}
        say(f"  record page                        p50 {p50:7.1f} p95 {p95:7.1f} ms")
        say(f"  first page image, cold             p50 {c50:7.1f} p95 {c95:7.1f} ms ({size // 1024} KB)")
        say(f"  first page image, cached           p50 {h50:7.1f} p95 {h95:7.1f} ms")
    worst = lambda rows: max(r["p95_ms"] for r in rows)  # noqa: E731
    say(f"worst p95: page {worst(result['page'])} ms, api {worst(result['api'])} ms (load {os.getloadavg()[0]:.1f})")
    server.should_exit = True
    store.close()
    shutil.rmtree(home, ignore_errors=True)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
