"""Command line: ingest, watch, deploy, worker, search, show, export, eval, status, migrate.

Every command works on one home folder (``--home`` or ``ARCHIVAGE_HOME``, default ``./data``)
holding ``inbox/``, ``archive/`` and the SQLite database. Errors a user can cause print one
sentence and exit 1; heavy imports (Prefect, spaCy) happen only in the commands that need them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .config import SEDA_SETTINGS, Settings, load_settings
from .errors import ArchivageError

TYPES = ["lettre", "voeu", "communique", "compte_rendu", "note", "deliberation", "arrete", "autre"]
FIGURE_KINDS = ["money", "percent", "count", "duration", "measure"]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="archivage", description=__doc__.split("\n")[0])
    p.add_argument("--home", help="home folder with inbox/, archive/ and the database "
                   "(default: $ARCHIVAGE_HOME or ./data)")
    p.add_argument("--database-url", help="SQLAlchemy URL (default: $ARCHIVAGE_DATABASE_URL or "
                   "sqlite:///HOME/archivage.db)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("ingest", help="run the ingest flow once over the inbox, or over the given files")
    s.add_argument("paths", nargs="*", type=Path,
                   help="files to ingest from anywhere (left where they are); default: the inbox")
    s.add_argument("--languages", help="tesseract languages (default: $ARCHIVAGE_OCR_LANGUAGES or fra)")
    s.add_argument("--no-prefect", action="store_true",
                   help="run the stages directly, without a Prefect flow run")

    s = sub.add_parser("watch", help="serve the scheduled ingest flow over the inbox until stopped")
    s.add_argument("--interval", type=int, help="seconds between runs (default: $ARCHIVAGE_INTERVAL or 30)")
    s.add_argument("--languages", help="tesseract languages")

    s = sub.add_parser("deploy", help="register the scan-inbox and ingest-file flows on the Prefect server "
                       "at $PREFECT_API_URL, for workers on several machines")
    s.add_argument("--pool", default="archivage", help="work pool (process type, created if missing; "
                   "default: archivage)")
    s.add_argument("--interval", type=int, help="seconds between inbox scans (default: $ARCHIVAGE_INTERVAL or 30)")

    s = sub.add_parser("worker", help="run a Prefect worker on this machine for the deployed flows "
                       "(prefect worker start --pool POOL)")
    s.add_argument("--pool", default="archivage", help="work pool to poll (default: archivage)")
    s.add_argument("--pages", type=int, help="OCR pages at once on this machine, a Prefect concurrency limit "
                   "(default: $ARCHIVAGE_WORKERS or one per core)")
    s.add_argument("--runs", type=int, help="files (flow runs) at once on this machine (default: --pages)")
    s.add_argument("--name", help="worker name shown by the server (default: Prefect's)")
    s.add_argument("--languages", help="tesseract languages")

    s = sub.add_parser("search", help="full-text and metadata search")
    s.add_argument("query", nargs="?", default="", help='words, "a phrase"; accents and case do not matter')
    add_filters(s)
    s.add_argument("--sort", choices=["relevance", "newest", "oldest"], default="relevance",
                   help="best match first (default; newest first without words), or by document date")
    s.add_argument("--page", type=int, default=1, help="page of results (from 1)")
    s.add_argument("--limit", type=int, default=20, help="results per page")
    s.add_argument("--facets", action="store_true", help="also print the number of matches and facet counts")
    s.add_argument("--json", action="store_true", help="print results as JSON")

    s = sub.add_parser("show", help="print one record with the page of each value")
    s.add_argument("id")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("export", help="write records (JSON lines, CSV, a SEDA transfer package), or a searchable PDF")
    s.add_argument("--format", choices=["jsonl", "csv", "seda", "pdf"], default="jsonl",
                   help="seda: a SEDA 2.3 transfer package (zip) for an archives service")
    s.add_argument("--id", action="append", metavar="ID",
                   help="a record id, or an original's sha256 for all its records (repeatable); "
                        "with --format pdf: the one record or original whose searchable PDF to write")
    s.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    add_filters(s, query=False)
    s.add_argument("--query", default="", metavar="WORDS",
                   help="only records matching these words (the search language)")
    for _, option, variable, what in SEDA_SETTINGS:
        s.add_argument(option, metavar="ID", help=f"with --format seda: {what} (default: ${variable})")

    s = sub.add_parser("eval", help="run the pipeline on gold-annotated PDFs and score it")
    s.add_argument("gold_dir", type=Path)
    s.add_argument("--pdf-dir", type=Path, required=True, help="folder holding SOURCE.pdf for each gold file")
    s.add_argument("--records", type=Path, help="also write the records (JSON lines) here")
    s.add_argument("--verbose", action="store_true", help="list every miss and false alarm")
    s.add_argument("--json", action="store_true")

    sub.add_parser("status", help="what the archive holds and what failed")

    sub.add_parser("migrate", help="bring the database schema up to date (ingest and watch do it at start)")

    s = sub.add_parser("serve", help="serve the web interface (search, records, corrections, upload, API)")
    s.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; another one needs an account first)")
    s.add_argument("--port", type=int, default=8000, help="port (default 8000)")

    s = sub.add_parser("user", help="accounts of the web interface")
    user_sub = s.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    u = user_sub.add_parser("add", help="add an account (or change its role and password)")
    u.add_argument("name")
    u.add_argument("--role", choices=["lecteur", "archiviste", "admin"], default="lecteur",
                   help="lecteur reads, archiviste also corrects and uploads, admin also manages accounts")
    user_sub.add_parser("list", help="list the accounts")
    u = user_sub.add_parser("remove", help="remove an account, its sessions and its API tokens")
    u.add_argument("name")
    u = user_sub.add_parser("token", help="print a new API token for an account (shown once)")
    u.add_argument("name")
    u.add_argument("--label", default="", help="what the token is for")
    return p


def add_filters(s: argparse.ArgumentParser, query: bool = True) -> None:
    """The search filters, shared by ``search`` and ``export``."""
    s.add_argument("--type", choices=TYPES)
    s.add_argument("--from", dest="date_from", metavar="DATE", help="document date from (2019, 2019-03, 2019-03-01)")
    s.add_argument("--to", dest="date_to", metavar="DATE", help="document date up to")
    s.add_argument("--signatory")
    s.add_argument("--addressee")
    s.add_argument("--person")
    s.add_argument("--place")
    s.add_argument("--org")
    s.add_argument("--figure-kind", choices=FIGURE_KINDS)
    s.add_argument("--min", dest="figure_min", type=float, help="with --figure-kind: smallest value")
    s.add_argument("--max", dest="figure_max", type=float, help="with --figure-kind: largest value")
    s.add_argument("--review", action="store_true", help="only records with something to review")


FILTERS = ["type", "date_from", "date_to", "signatory", "addressee", "person", "place", "org", "figure_kind",
           "figure_min", "figure_max", "review"]


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(args.home, database_url=args.database_url,
                                 languages=getattr(args, "languages", None),
                                 interval=getattr(args, "interval", None))
        return COMMANDS[args.command](args, settings)
    except ArchivageError as e:
        print(f"archivage: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("archivage: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader (`| head`) went away: not an error worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def open_store(settings: Settings, *, write: bool = False):
    """The archive's store; ``write``: run the pending migrations first (commands that write)."""
    from .store import Store

    settings.ensure()
    store = Store(settings.database_url)
    if write:
        store.migrate()
    return store


def cmd_ingest(args, settings: Settings) -> int:
    settings.ensure()
    paths = [str(p.resolve()) for p in args.paths]
    for p in args.paths:
        if not p.exists():
            raise ArchivageError(f"{p} does not exist.")
    if args.no_prefect:
        from .intake import ingest_inbox, ingest_paths, summarise
        from .progress import say

        store = open_store(settings, write=True)
        outcomes = (ingest_paths(args.paths, settings, store, progress=say) if paths
                    else ingest_inbox(settings, store, progress=say))
        summary = summarise(outcomes)
    else:
        from flows.ingest import ingest

        summary = ingest(home=str(settings.home), paths=paths or None,
                         database_url=settings.database_url, languages=settings.languages)
    print_summary(summary)
    return 0 if not summary.get("failed") else 2


def print_summary(summary: dict) -> None:
    print(f"{summary.get('ingested', 0)} file(s) ingested, {summary.get('records', 0)} document(s) extracted, "
          f"{summary.get('duplicates', 0)} duplicate(s), {summary.get('failed', 0)} failed, "
          f"{summary.get('skipped', 0)} left for later (still being copied).")
    for f in summary.get("failures", []):
        print(f"  failed: {f['file']}: {f['reason']}")


def cmd_watch(args, settings: Settings) -> int:
    from flows.serve import watch

    open_store(settings, write=True).close()
    print(f"Watching {settings.inbox} every {settings.interval} s (Ctrl-C to stop).", flush=True)
    watch(settings, interval=settings.interval)
    return 0


def cmd_deploy(args, settings: Settings) -> int:
    from flows.scale import api_url, deploy

    api_url()  # before anything else: without a server there is nothing to deploy to
    open_store(settings, write=True).close()
    if settings.database_url.startswith("sqlite"):
        print("note: a SQLite database serves workers on this machine only; machines that share "
              "the work need a shared PostgreSQL (--database-url).", file=sys.stderr)
    names = deploy(pool=args.pool, interval=settings.interval)
    print(f"Deployed {', '.join(names)} in work pool {args.pool!r}; scan every {settings.interval} s.\n"
          f"On each machine: archivage worker --pool {args.pool} (with ARCHIVAGE_HOME, "
          f"ARCHIVAGE_DATABASE_URL and PREFECT_API_URL set).")
    return 0


def cmd_worker(args, settings: Settings) -> int:
    from flows.scale import api_url, worker
    from flows.serve import export_settings

    api_url()
    open_store(settings, write=True).close()
    export_settings(settings)  # the worker's runs read them from the environment
    worker(pool=args.pool, pages=args.pages or settings.workers or None, runs=args.runs, name=args.name)
    return 0  # not reached: the worker replaces this process


def cmd_search(args, settings: Settings) -> int:
    from .search import find

    store = open_store(settings)
    result = find(store, args.query, type=args.type, date_from=args.date_from, date_to=args.date_to,
                  signatory=args.signatory, addressee=args.addressee, person=args.person,
                  place=args.place, org=args.org, figure_kind=args.figure_kind,
                  figure_min=args.figure_min, figure_max=args.figure_max, review=args.review or None,
                  sort=args.sort, page=args.page, limit=args.limit, count=args.facets, facets=args.facets)
    hits = result.hits
    if args.json:
        out = result.to_dict() if args.facets else [h.to_dict() for h in hits]
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    if args.facets:
        print_facets(result)
    if not hits:
        if not store.has_records():
            print(f"The archive holds no document yet: drop scans into {settings.inbox} "
                  "or run `archivage ingest FILE`.")
        else:
            print("No document matches." if result.offset == 0 else "No more documents.")
        return 0
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    for n, h in enumerate(hits, result.offset + 1):
        pages = ",".join(map(str, h.pages)) if h.pages else "?"
        review = "  (à vérifier)" if h.review else ""
        print(f"{n:>2}. [{h.type}] {h.date or 'sans date'}  {h.title or '(sans titre)'}{review}")
        print(f"    id {h.id}  {h.file} p. {pages}")
        if h.passage:
            print("    " + flat(h.snippet_markup("\033[1;33m", "\033[0m") if colour else h.snippet))
    return 0


def print_facets(result) -> None:
    about = "" if result.total_exact else "about "
    print(f"{about}{result.total:,} document(s) match" + ("" if result.total_exact else " (estimated from a sample)"))
    for name, counts in (result.facets or {}).items():
        if counts:
            print(f"  {name}: " + ", ".join(f"{value} {about and '~'}{n}" for value, n in counts.items()))
    print()


def cmd_show(args, settings: Settings) -> int:
    store = open_store(settings)
    record = store.get(args.id)
    if record is None:
        raise ArchivageError(f"No record has the id {args.id!r}; `archivage search` lists ids.")
    if args.json:
        print(json.dumps(record, ensure_ascii=False, indent=1))
    else:
        print(format_record(record))
    return 0


def format_record(r: dict) -> str:
    src = r["source"]
    lines = [f"{r['id']}  [{r['type']}]  {r.get('title') or '(sans titre)'}",
             f"  source: {src['file']} pages {', '.join(map(str, src['pages']))} (sha256 {src['sha256'][:12]}…)",
             f"  date: {r.get('date') or '—'}"]
    for role, label in (("signatories", "signataire"), ("addressees", "destinataire")):
        for p in r.get(role) or []:
            extra = f", {p['function']}" if p.get("function") else ""
            addr = f" — {p['address']}" if p.get("address") else ""
            lines.append(f"  {label}: {p['name']}{extra}{addr}  (p. {p.get('page')})")
    dates: dict[str, list] = {}
    for d in r.get("dates") or []:
        dates.setdefault(d["value"], []).append(d.get("page"))
    if dates:
        lines.append("  dates: " + ", ".join(f"{v} (p. {','.join(map(str, sorted(set(p))))})"
                                             for v, p in dates.items()))
    for f in r.get("figures") or []:
        unit = f" {f['unit']}" if f.get("unit") else ""
        subject = f" — {f['subject']}" if f.get("subject") else ""
        lines.append(f"  chiffre: {f['value']:g}{unit} ({f['kind']}){subject} «{flat(f['text'])}» p.{f.get('page')}")
    ents = r.get("entities") or []
    if ents:
        seen = dict.fromkeys(f"{e['text']} ({e['label']})" for e in ents)
        lines.append("  entités: " + ", ".join(seen))
    for s in r.get("sections") or []:
        lines.append(f"  section {s['number']}: {s['title']}  (p. {s.get('page')})")
    if r.get("voeu"):
        v = r["voeu"]
        lines.append(f"  vœu: {len(v.get('considerants') or [])} considérants, "
                     f"{len(v.get('demandes') or [])} demandes, vote: {v.get('vote') or '—'}")
    ocr = r.get("ocr") or {}
    lines.append(f"  ocr: {ocr.get('pages_ocr', 0)} page(s) OCR, {ocr.get('pages_text_layer', 0)} text layer, "
                 f"mean confidence {ocr.get('mean_confidence')}")
    for item in r.get("review") or []:
        lines.append(f"  to check: {item.get('field')}: {item.get('reason')}")
    return "\n".join(lines)


def flat(text: str) -> str:
    return " ".join(text.split())


def cmd_export(args, settings: Settings) -> int:
    store = open_store(settings)
    if args.format == "pdf":
        return export_pdf(args, settings, store)
    filters = {name: getattr(args, name) for name in FILTERS}
    if args.format == "seda":
        return export_seda(args, settings, store, filters)
    from .export import selected_records, write_csv, write_jsonl

    writer = write_jsonl if args.format == "jsonl" else write_csv
    records = selected_records(store, ids=args.id, query=args.query, filters=filters)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as fp:
            n = writer(records, fp)
        print(f"{n} record(s) written to {args.output}.", file=sys.stderr)
    else:
        writer(records, sys.stdout)
    return 0


def export_seda(args, settings: Settings, store, filters: dict) -> int:
    from .progress import say
    from .seda import agencies, export_seda

    chosen = agencies({name: getattr(args, name) for name, *_ in SEDA_SETTINGS})  # a missing one: say so first
    if not args.output:
        raise ArchivageError("--format seda needs -o PACKAGE.zip.")
    done = export_seda(store, settings, args.output, chosen, ids=args.id, query=args.query, filters=filters,
                       progress=say)
    print(f"Transfer package {done['message_identifier']} written to {args.output}: {done['records']} "
          f"document(s) from {done['files']} file(s), {done['bytes']:,} bytes of content.", file=sys.stderr)
    return 0


def export_pdf(args, settings: Settings, store) -> int:
    import shutil

    if not args.id or len(args.id) != 1 or not args.output:
        raise ArchivageError("--format pdf needs one --id (a record id or sha256) and -o OUTPUT.pdf.")
    sha = args.id[0]
    record = store.get(sha)
    if record is not None:
        sha = record["source"]["sha256"]
    candidates = sorted(settings.searchable.glob(f"{sha}*.pdf"))
    if not candidates:
        raise ArchivageError(f"No searchable PDF is stored for {args.id[0]!r}.")
    shutil.copyfile(candidates[0], args.output)
    print(f"Searchable PDF written to {args.output}.", file=sys.stderr)
    return 0


def cmd_eval(args, settings: Settings) -> int:
    from .evaluate import evaluate_pdfs
    from .progress import say

    result = evaluate_pdfs(args.gold_dir, args.pdf_dir, settings, records_out=args.records,
                           verbose=args.verbose, progress=say)
    if result["missing"] and args.json:
        say(f"not scored (no document in {args.pdf_dir}): {', '.join(result['missing'])}")
    if args.json:  # the reference scorer's figures, and the same counts by document type and by input
        print(json.dumps({**result["scores"], "breakdown": result["breakdown"]}, indent=1))
    else:
        print(result["report"])
    return 0


def cmd_migrate(args, settings: Settings) -> int:
    from .store.migrations import SCHEMA_VERSION

    store = open_store(settings)
    new = store.empty
    before, after = store.migrate()
    if new:
        print(f"A new archive was set up (schema {after}).")
    elif before == after:
        print(f"The archive is up to date (schema {after}).")
    else:
        print(f"The archive was upgraded from schema {before} to {after}.")
    store.close()
    return 0 if after == SCHEMA_VERSION else 1


LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def cmd_serve(args, settings: Settings) -> int:
    import uvicorn

    from .accounts import has_users
    from .web import create_app

    store = open_store(settings, write=True)
    if args.host not in LOCAL_HOSTS and not has_users(store):
        raise ArchivageError(f"Refusing to listen on {args.host} while no account exists: anyone on the network "
                             "could read and change the archive. Add one with `archivage user add NAME --role admin`.")
    app = create_app(settings, store=store)
    print(f"Serving {settings.home} on http://{args.host}:{args.port}/ (Ctrl-C to stop).", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def cmd_user(args, settings: Settings) -> int:
    from . import accounts

    store = open_store(settings, write=True)
    if args.user_command == "list":
        for u in accounts.users(store):
            print(f"{u['name']}\t{u['role']}\t{u['created_at']}")
        return 0
    if args.user_command == "token":
        print(accounts.new_token(store, args.name, args.label))
        return 0
    if args.user_command == "remove":
        accounts.remove_user(store, args.name)
        print(f"Account {args.name} removed, with its sessions and API tokens.")
        return 0
    password = os.environ.get("ARCHIVAGE_PASSWORD")
    if not password:
        import getpass

        if not sys.stdin.isatty():
            raise ArchivageError("No password: type it at the prompt, or set ARCHIVAGE_PASSWORD.")
        password = getpass.getpass(f"Password for {args.name}: ")
        if getpass.getpass("Again: ") != password:
            raise ArchivageError("The two passwords differ; nothing was changed.")
    accounts.add_user(store, args.name, args.role, password)
    print(f"Account {args.name} ({args.role}) saved.")
    return 0


def cmd_status(args, settings: Settings) -> int:
    store = open_store(settings)
    stats = store.stats()
    print(f"home: {settings.home}")
    print(f"database: {settings.database_url}")
    for k, v in stats.items():
        print(f"{k}: {v}")
    waiting = [p for p in settings.inbox.iterdir() if p.is_file()] if settings.inbox.exists() else []
    failed = sorted(settings.failed.glob("*.error.txt")) if settings.failed.exists() else []
    print(f"inbox: {len(waiting)} file(s) waiting")
    print(f"failed: {len(failed)} file(s) in {settings.failed}")
    for f in failed:
        print(f"  {f.name[:-len('.error.txt')]}: {f.read_text(encoding='utf-8').strip().splitlines()[0]}")
    return 0


COMMANDS = {"ingest": cmd_ingest, "watch": cmd_watch, "deploy": cmd_deploy, "worker": cmd_worker,
            "search": cmd_search, "show": cmd_show,
            "export": cmd_export, "eval": cmd_eval, "status": cmd_status, "migrate": cmd_migrate,
            "serve": cmd_serve, "user": cmd_user}


if __name__ == "__main__":
    sys.exit(main())
