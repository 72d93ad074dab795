"""Source files: the status page (waiting, done, failed with a retry), upload into the inbox, a file's page."""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse

from ..config import Settings
from ..intake import _free_name, fail, is_candidate
from ..sniff import sniff
from .app import check_csrf, flash, flash_query, need, render

router = APIRouter(include_in_schema=False)
MAX_UPLOAD = int(os.environ.get("ARCHIVAGE_UPLOAD_MAX_MB", "200")) * 1024 * 1024
_RUN_LOCK = threading.Lock()


class UploadError(Exception):
    """A dropped file refused (too large, wrong type, bad name); the message is for the user, in French."""


def safe_name(name: str) -> str:
    """The last part of a browser's file name, without control characters, separators or a leading dot."""
    name = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().lstrip(".")
    name = re.sub(r"[^\w.\- ()'&,+]", "_", name)[:150]
    if not name or not is_candidate(Path(name)):
        raise UploadError("Ce nom de fichier ne convient pas : renommez le fichier et déposez-le à nouveau.")
    return name


async def receive(settings: Settings, upload) -> dict:
    """Write a browser's file into the inbox (size limit; a hidden name until complete); a file whose
    content is no PDF, TIFF, PNG or JPEG goes to ``_failed/`` with the reason, as from the folder."""
    name = safe_name(upload.filename)
    settings.ensure()
    tmp = settings.inbox / f".upload-{os.getpid()}-{threading.get_ident()}-{os.urandom(4).hex()}"
    size = 0
    try:
        with open(tmp, "wb") as out:
            while chunk := await upload.read(1 << 20):
                size += len(chunk)
                if size > MAX_UPLOAD:
                    raise UploadError(f"{name} dépasse la taille permise ({MAX_UPLOAD // (1024 * 1024)} Mo).")
                out.write(chunk)
        if size == 0:
            raise UploadError(f"{name} est vide (0 octet).")
        dest = _free_name(settings.inbox, name)
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    if sniff(dest) is None:
        reason = f"{dest.name} is not a PDF, TIFF, PNG or JPEG file (its content says otherwise, whatever its name)."
        fail(dest, settings, reason)
        return {"name": dest.name, "status": "failed",
                "message": f"{dest.name} n'est ni un PDF, ni une image TIFF, PNG ou JPEG : il a été mis dans _failed."}
    return {"name": dest.name, "status": "waiting", "size": size,
            "message": f"{dest.name} est déposé ; il sera traité au prochain passage."}


ORIGINAL_KEYS = ("sha256", "file", "stored_path", "size", "pages", "status", "added_at")


def originals(store, *, sha256: str | None = None, limit: int = 200) -> list[dict]:
    """Stored originals, newest first (at most ``limit``), or the one of ``sha256``; with their duplicates' names."""
    if store.empty:
        return []
    where, params = ("WHERE sha256 = ?", (sha256,)) if sha256 else ("", ())
    rows = store._rows(f"SELECT {', '.join(ORIGINAL_KEYS)} FROM originals {where} "
                       f"ORDER BY added_at DESC, file LIMIT {int(limit)}", params)
    out = [dict(zip(ORIGINAL_KEYS, row, strict=True)) for row in rows]
    for o in out:
        o["duplicates"] = [n for (n,) in store._rows("SELECT file FROM duplicates WHERE sha256 = ? ORDER BY id",
                                                      (o["sha256"],))]
    return out


def inbox_state(settings: Settings, store) -> dict:
    """What waits in the inbox, what is done, what failed and why."""
    from ..intake import scan_inbox

    waiting = [{"name": str(p.relative_to(settings.inbox)), "size": p.stat().st_size} for p in scan_inbox(settings)]
    failed = []
    if settings.failed.is_dir():
        for sidecar in sorted(settings.failed.glob("*.error.txt")):
            lines = sidecar.read_text(encoding="utf-8", errors="replace").splitlines()
            failed.append({"name": sidecar.name[:-len(".error.txt")], "reason": lines[0] if lines else "",
                           "at": lines[1] if len(lines) > 1 else ""})
    done = originals(store)
    return {"waiting": waiting, "failed": failed, "done": done, "running": _RUN_LOCK.locked() or _ingest_running(settings),
            "stats": store.stats()}


def _ingest_running(settings: Settings) -> bool:
    """Whether an ingest run (``archivage watch`` or ``ingest``, any process) holds the inbox's lock now."""
    from ..intake import batch_lock

    with batch_lock(settings, block=False) as mine:
        return not mine


def retry(settings: Settings, name: str) -> str:
    """Put a failed file back into the inbox; ``name`` must be one of ``_failed/``'s files (no path)."""
    names = {p.name for p in settings.failed.iterdir()} if settings.failed.is_dir() else set()
    if name not in names or name.endswith(".error.txt"):
        raise UploadError("Ce fichier n'est pas parmi les fichiers en échec.")
    dest = _free_name(settings.inbox, name)
    os.replace(settings.failed / name, dest)
    (settings.failed / f"{name}.error.txt").unlink(missing_ok=True)
    return dest.name


def run_now(settings: Settings, store) -> bool:
    """Start one ingest pass over the inbox in the background (False when one is already running)."""
    if not _RUN_LOCK.acquire(blocking=False):
        return False

    def work():
        try:
            from ..intake import ingest_inbox

            ingest_inbox(settings, store, wait=0.5)
        finally:
            _RUN_LOCK.release()

    threading.Thread(target=work, name="archivage-web-ingest", daemon=True).start()
    return True


def prefect_runs(api_url: str) -> tuple[list[dict], bool]:
    """The flow runs a Prefect server is running or about to run, each with its page in the Prefect UI;
    (runs, reachable). The server is asked with a short timeout: the status page never waits for it."""
    import httpx

    api = api_url.rstrip("/")
    ui = api.removesuffix("/api")
    try:
        r = httpx.post(f"{api}/flow_runs/filter", timeout=2.0, json={
            "flow_runs": {"state": {"type": {"any_": ["RUNNING", "PENDING", "SCHEDULED"]}}},
            "sort": "EXPECTED_START_TIME_DESC", "limit": 20})
        r.raise_for_status()
        runs = r.json()
    except (httpx.HTTPError, ValueError):
        return [], False
    states = {"RUNNING": "en cours", "PENDING": "sur le point de démarrer", "SCHEDULED": "programmé"}
    return [{"name": run.get("name", ""), "state": states.get((run.get("state") or {}).get("type"), ""),
             "url": f"{ui}/runs/flow-run/{run['id']}"} for run in runs if run.get("id")], True


@router.get("/suivi")
def status_page(request: Request):
    need(request, "lecteur")
    state = inbox_state(request.app.state.settings, request.app.state.store)
    api = os.environ.get("PREFECT_API_URL", "")
    runs, reachable = prefect_runs(api) if api else ([], False)
    return render(request, "status.html", {**state, "message": flash(request)[0], "prefect": api.rstrip("/").removesuffix("/api"),
                                           "prefect_runs": runs, "prefect_reachable": reachable})


@router.post("/suivi/traiter")
async def process_now(request: Request):
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    need(request, "archiviste")
    started = run_now(request.app.state.settings, request.app.state.store)
    msg = "Traitement lancé." if started else "Un traitement est déjà en cours."
    return RedirectResponse("/suivi?" + flash_query(ok=msg), status_code=303)


@router.post("/suivi/reessayer")
async def retry_failed(request: Request):
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    need(request, "archiviste")
    try:
        name = retry(request.app.state.settings, str(form.get("nom", "")))
    except UploadError as e:
        raise HTTPException(404, str(e)) from None
    return RedirectResponse("/suivi?" + flash_query(ok=f"{name} est remis dans la boîte de dépôt."), status_code=303)


@router.get("/depot")
def upload_page(request: Request):
    need(request, "archiviste")
    return render(request, "upload.html", {"results": [], "max_mb": MAX_UPLOAD // (1024 * 1024)})


@router.post("/depot")
async def upload(request: Request):
    need(request, "archiviste")
    form = await request.form(max_files=50, max_part_size=MAX_UPLOAD + 1)
    check_csrf(request, form.get("csrf"))
    results = []
    for item in form.getlist("fichiers"):
        if not hasattr(item, "read"):
            continue
        try:
            results.append(await receive(request.app.state.settings, item))
        except UploadError as e:
            results.append({"name": getattr(item, "filename", ""), "status": "refused", "message": str(e)})
    if not results:
        results.append({"name": "", "status": "refused", "message": "Choisissez au moins un fichier."})
    return render(request, "upload.html", {"results": results, "max_mb": MAX_UPLOAD // (1024 * 1024)})


@router.get("/fichier/{sha256}")
def file_page(request: Request, sha256: str):
    from .records import siblings

    need(request, "lecteur")
    store = request.app.state.store
    found = originals(store, sha256=sha256)
    if not found:
        raise HTTPException(404, "Ce fichier n'est pas dans l'archive.")
    docs = siblings(store, sha256)
    records = store.get_many([d["id"] for d in docs])
    for d in docs:
        d["pages"] = records.get(d["id"], {}).get("source", {}).get("pages", [])
        m = re.search(r"-p(\d+)(?:\.(\d+))?$", d["id"])
        d["key"] = f"{m.group(1)}-{m.group(2) or 1}" if m else ""
    return render(request, "file.html", {"f": found[0], "docs": docs, "ok": flash(request)[0],
                                         "error": flash(request)[1]})


def _recut(request: Request, sha256: str, form, **change) -> RedirectResponse:
    from ..recut import CutError, recut

    who = need(request, "archiviste")
    try:
        records = recut(request.app.state.settings, request.app.state.store, sha256, by=who["name"], **change)
    except CutError as e:
        return RedirectResponse(f"/fichier/{sha256}?" + flash_query(erreur=(
            "Ce changement ne modifie pas le découpage du fichier." if "does not alter" in str(e)
            else "Ce document ou cette page n'est pas dans ce fichier.")),
                                status_code=303)
    msg = f"Découpage corrigé : le fichier compte maintenant {len(records)} document{'s' if len(records) > 1 else ''}."
    return RedirectResponse(f"/fichier/{sha256}?" + flash_query(ok=msg), status_code=303)


@router.post("/fichier/{sha256}/joindre")
async def join_documents(request: Request, sha256: str):
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    m = re.fullmatch(r"(\d+)-(\d+)", str(form.get("cle", "")))
    if not m:
        raise HTTPException(404, "Ce document n'est pas dans ce fichier.")
    return _recut(request, sha256, form, join_key=(int(m.group(1)), int(m.group(2))))


@router.post("/fichier/{sha256}/couper")
async def split_document(request: Request, sha256: str):
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    page = str(form.get("page", ""))
    if not page.isdigit():
        raise HTTPException(404, "Cette page n'est pas dans ce fichier.")
    return _recut(request, sha256, form, split_page=int(page))
