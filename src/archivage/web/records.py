"""A record's page (every value with its page, the scan beside it, downloads, the text, its file's
other documents), page images, corrections with their history, and the "À vérifier" queue."""

from __future__ import annotations

import re

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, PlainTextResponse, RedirectResponse

from .. import pageimages
from ..corrections import CorrectionError
from ..search import find
from .app import check_csrf, flash, flash_query, need, render

router = APIRouter(include_in_schema=False)
FIELD_LABELS = {"type": "Type", "date": "Date", "title": "Titre", "signatories": "Signataires",
                "addressees": "Destinataires", "dates": "Dates citées", "figures": "Chiffres", "review": "Vérifié",
                "text": "Texte", "record": "Document", "entities": "Entités", "sections": "Sections"}


def record_or_404(request: Request, record_id: str) -> dict:
    record = request.app.state.store.get(record_id)
    if record is None:
        raise HTTPException(404, "Aucun document n'a cet identifiant.")
    return record


def siblings(store, sha256: str) -> list[dict]:
    """The documents of one source file, in the order of their pages."""
    rows = store._rows("SELECT id, type, title, date, first_page FROM records WHERE sha256 = ? "
                       "ORDER BY first_page, id", (sha256,))
    return [dict(zip(("id", "type", "title", "date", "first_page"), r, strict=True)) for r in rows]


@router.get("/document/{record_id}")
def record_page(request: Request, record_id: str, valeur: str = "", page: int = 0):
    need(request, "lecteur")
    settings, store = request.app.state.settings, request.app.state.store
    record = record_or_404(request, record_id)
    sha = record["source"]["sha256"]
    values = pageimages.value_fields(record)
    chosen = values.get(valeur)
    pages = record["source"].get("pages") or []
    shown = chosen["page"] if chosen else (page if page in pages else (pages[0] if pages else 0))
    boxes, located = [], None
    if chosen:
        boxes = pageimages.outline(pageimages.page_words(settings, store, sha, shown),
                                   pageimages.value_text(record, chosen))
        located = bool(boxes)
    originals = store._rows("SELECT pages FROM originals WHERE sha256 = ?", (sha,))
    return render(request, "record.html", {
        "r": record, "values": values, "valeur": valeur if chosen else "", "chosen": chosen, "shown": shown,
        "boxes": [{"left": f"{b[0] * 100:.3f}", "top": f"{b[1] * 100:.3f}", "width": f"{b[2] * 100:.3f}",
                   "height": f"{b[3] * 100:.3f}"} for b in boxes], "located": located,
        "has_original": bool(originals), "has_pdf": pageimages.searchable(settings, sha) is not None,
        "siblings": siblings(store, sha), "history": store.corrections(record_id),
        "labels": FIELD_LABELS, "figure_lines": figure_lines(record), "date_lines": date_lines(record),
        "message": flash(request)[0], "error": flash(request)[1],
    })


@router.get("/image/{sha256}/{number}/{width}.png")
def image(request: Request, sha256: str, number: int, width: int):
    need(request, "lecteur")
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise HTTPException(404, "Ce fichier n'est pas dans l'archive.")
    try:
        path = pageimages.page_image(request.app.state.settings, request.app.state.store, sha256, number, width)
    except pageimages.NotInArchive as e:
        raise HTTPException(404, str(e)) from None
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "private, max-age=86400"})


def _download_name(name: str, suffix: str = "") -> str:
    base = re.sub(r"[^\w.\- ]", "_", name or "document").strip() or "document"
    return base if not suffix else re.sub(r"(\.pdf)?$", suffix, base, count=1, flags=re.I)


@router.get("/document/{record_id}/original")
def download_original(request: Request, record_id: str):
    need(request, "lecteur")
    record = record_or_404(request, record_id)
    try:
        path = pageimages.original(request.app.state.store, record["source"]["sha256"])
    except pageimages.NotInArchive as e:
        raise HTTPException(404, str(e)) from None
    return FileResponse(path, filename=_download_name(record["source"]["file"]))


@router.get("/document/{record_id}/pdf")
def download_searchable(request: Request, record_id: str):
    need(request, "lecteur")
    record = record_or_404(request, record_id)
    path = pageimages.searchable(request.app.state.settings, record["source"]["sha256"])
    if path is None:
        raise HTTPException(404, "Aucune copie PDF cherchable n'a été faite pour ce fichier.")
    return FileResponse(path, media_type="application/pdf",
                        filename=_download_name(record["source"]["file"], "-cherchable.pdf"))


@router.get("/document/{record_id}/texte")
def text(request: Request, record_id: str):
    need(request, "lecteur")
    return PlainTextResponse(record_or_404(request, record_id).get("text") or "")


# -- corrections -----------------------------------------------------------------------------------

def date_lines(record: dict) -> str:
    return "\n".join(d.get("value", "") for d in record.get("dates") or [])


def figure_lines(record: dict) -> str:
    return "\n".join(" ; ".join(str(x if x is not None else "") for x in
                                (f"{f.get('value'):g}" if isinstance(f.get("value"), (int, float)) else f.get("value"),
                                 f.get("kind"), f.get("unit"), f.get("subject"))) for f in record.get("figures") or [])


def form_value(record: dict, field: str, form) -> object:
    """The value a correction form sends for ``field``, in the record's form (existing values keep their page)."""
    if field in ("type", "date", "title"):
        return form.get("valeur", "").strip()
    if field in ("signatories", "addressees"):
        old = record.get(field) or []
        out = []
        rows = str(form.get("lignes", "0"))
        for i in range(min(int(rows), 200) if rows.isdigit() else 0):
            name = form.get(f"nom_{i}", "").strip()
            if not name:
                continue
            base = dict(old[i]) if i < len(old) else {}
            out.append({**base, "name": name, "function": form.get(f"fonction_{i}", "").strip() or None})
        return out
    if field == "dates":
        old = {d.get("value"): d for d in record.get("dates") or []}
        return [old.get(v) or v for v in (line.strip() for line in form.get("valeur", "").splitlines()) if v]
    if field == "figures":
        old = record.get("figures") or []
        out = []
        for i, line in enumerate(x for x in form.get("valeur", "").splitlines() if x.strip()):
            parts = [p.strip() for p in line.split(";")] + ["", "", "", ""]
            kind = {v: k for k, v in _KINDS_FR.items()}.get(parts[1].lower(), parts[1].lower())
            base = dict(old[i]) if i < len(old) else {"text": parts[0]}
            out.append({**base, "value": parts[0], "kind": kind, "unit": parts[2] or None, "subject": parts[3] or None})
        return out
    raise CorrectionError(f"The field {field!r} cannot be corrected.")


# What a refused correction must look like, in the interface's language (the library's sentences are English).
FIELD_RULES = {
    "type": "Choisissez un type de la liste.",
    "date": "Une date s'écrit 2019, 2019-03 ou 2019-03-15 (une date qui existe).",
    "title": "Un titre tient sur une ligne de 500 caractères au plus.",
    "signatories": "Chaque signataire a un nom.",
    "addressees": "Chaque destinataire a un nom.",
    "dates": "Chaque date s'écrit 2019, 2019-03 ou 2019-03-15, une par ligne.",
    "figures": "Chaque ligne s'écrit : valeur ; money, percent, count, duration ou measure ; unité ; sujet.",
}

_KINDS_FR = {"money": "montant", "percent": "pourcentage", "count": "nombre", "duration": "durée", "measure": "mesure"}


@router.post("/document/{record_id}/corriger")
async def correct(request: Request, record_id: str):
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    who = need(request, "archiviste")
    record = record_or_404(request, record_id)
    field = str(form.get("champ", ""))
    if field not in FIELD_RULES:
        return _back(record_id, error="Ce champ ne peut pas être corrigé.")
    try:
        value = form_value(record, field, form)
        request.app.state.store.correct(record_id, field, value, by=who["name"])
    except CorrectionError:
        return _back(record_id, error=f"{FIELD_LABELS[field]} non corrigé : {FIELD_RULES[field]}")
    return _back(record_id, ok=f"{FIELD_LABELS.get(field, field)} corrigé.")


def _back(record_id: str, *, ok: str = "", error: str = "") -> RedirectResponse:
    from urllib.parse import quote

    return RedirectResponse(f"/document/{quote(record_id, safe='')}?{flash_query(ok=ok, erreur=error)}#corrections",
                            status_code=303)


@router.post("/document/{record_id}/valider")
async def validate(request: Request, record_id: str):
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    who = need(request, "archiviste")
    record_or_404(request, record_id)
    field = str(form.get("champ", ""))
    try:
        request.app.state.store.correct(record_id, "review", field, by=who["name"])
    except CorrectionError:
        return _back(record_id, error="Ce document n'a rien à vérifier sur ce champ.")
    if form.get("retour") == "file":
        return RedirectResponse("/a-verifier", status_code=303)
    return _back(record_id, ok=f"{FIELD_LABELS.get(field, field)} vérifié.")


@router.get("/a-verifier")
def review_queue(request: Request, page: int = 1):
    need(request, "lecteur")
    page = max(1, page)
    results = find(request.app.state.store, review=True, sort="oldest", page=page, limit=20, count=True)
    pages = -(-(results.total or 0) // 20)
    return render(request, "review.html", {"results": results, "page": page, "pages": pages, "labels": FIELD_LABELS})
