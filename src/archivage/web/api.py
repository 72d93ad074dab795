"""The REST API under /api (JSON; its OpenAPI description at /api/openapi.json).

Scripts authenticate with ``Authorization: Bearer TOKEN`` (``archivage user token NAME``); a browser's
session works too, with its CSRF token in the ``X-CSRF-Token`` header for anything that writes.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse

from .. import accounts
from ..corrections import CorrectionError
from ..search import QueryError, find
from .app import user

router = APIRouter(prefix="/api", tags=["api"])


def caller(request: Request, role: str = "lecteur") -> dict:
    """Who calls: a token's account, a signed-in browser (CSRF header to write), or the local user."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        who = accounts.token_user(request.app.state.store, header[7:].strip())
        if who is None:
            raise HTTPException(401, "Unknown or revoked API token.", headers={"WWW-Authenticate": "Bearer"})
    else:
        who = user(request)
        if who is None:
            raise HTTPException(401, "Authentication needed: send Authorization: Bearer TOKEN.",
                                headers={"WWW-Authenticate": "Bearer"})
        if request.method not in ("GET", "HEAD") and who.get("csrf"):
            sent = request.headers.get("x-csrf-token", "")
            if not secrets.compare_digest(sent, who["csrf"]):
                raise HTTPException(403, "Missing or wrong X-CSRF-Token header.")
    if not accounts.can(who["role"], role):
        raise HTTPException(403, f"The role {who['role']} cannot do this; it needs {role}.")
    return who


@router.get("/search", summary="Search the records (the query language and filters of `archivage search`)")
def api_search(request: Request, q: str = "", type: str | None = None,
               date_from: str | None = Query(None, alias="from"), date_to: str | None = Query(None, alias="to"),
               signatory: str | None = None, addressee: str | None = None, person: str | None = None,
               place: str | None = None, org: str | None = None, figure_kind: str | None = None,
               min: float | None = None, max: float | None = None, review: bool | None = None,
               sort: Literal["relevance", "newest", "oldest"] = "relevance", page: int = Query(1, ge=1),
               limit: int = Query(20, ge=1, le=200), facets: bool = False) -> dict:
    caller(request)
    try:
        result = find(request.app.state.store, q[:1000], type=type, date_from=date_from, date_to=date_to,
                      signatory=signatory, addressee=addressee, person=person, place=place, org=org,
                      figure_kind=figure_kind, figure_min=min, figure_max=max, review=review or None, sort=sort,
                      page=page, limit=limit, count=True, facets=facets)
    except QueryError as e:
        raise HTTPException(400, str(e)) from None
    return JSONResponse(result.to_dict())  # plain JSON already: no need for FastAPI's recursive encoder


@router.get("/records/{record_id}", summary="One record (the schema of DESIGN.md) with its corrections")
def api_record(request: Request, record_id: str) -> dict:
    caller(request)
    record = request.app.state.store.get(record_id)
    if record is None:
        raise HTTPException(404, f"No record has the id {record_id!r}.")
    return JSONResponse(record)




@router.patch("/records/{record_id}", summary="Correct fields of a record (kept in its history)")
def api_patch(request: Request, record_id: str, changes: Annotated[dict[str, Any], Body(examples=[{"date": "2019-02-27"}])]) -> dict:
    who = caller(request, "archiviste")
    store = request.app.state.store
    if store.get(record_id) is None:
        raise HTTPException(404, f"No record has the id {record_id!r}.")
    if not changes:
        raise HTTPException(400, "Send at least one field to correct.")
    record = None
    for field, value in changes.items():
        try:
            record = store.correct(record_id, field, value, by=who["name"])
        except CorrectionError as e:
            raise HTTPException(400, str(e)) from None
    return record


@router.get("/records/{record_id}/history", summary="A record's corrections: field, before, after, by, at")
def api_history(request: Request, record_id: str) -> list[dict]:
    caller(request)
    return request.app.state.store.corrections(record_id)


@router.get("/files", summary="The source files: the 200 latest originals stored, those waiting, those failed")
def api_files(request: Request) -> dict:
    from .files import inbox_state

    caller(request)
    state = inbox_state(request.app.state.settings, request.app.state.store)
    return {k: state[k] for k in ("done", "waiting", "failed")}


@router.get("/files/{sha256}", summary="One source file and its documents in order")
def api_file(request: Request, sha256: str) -> dict:
    from .files import originals
    from .records import siblings

    caller(request)
    store = request.app.state.store
    found = originals(store, sha256=sha256)
    if not found:
        raise HTTPException(404, "No such file in the archive.")
    return {**found[0], "documents": siblings(store, sha256)}


@router.post("/upload", summary="Drop files into the inbox (size limit, type check)")
async def api_upload(request: Request, files: Annotated[list[UploadFile], File()]) -> list[dict]:
    from .files import UploadError, receive

    caller(request, "archiviste")
    out = []
    for f in files:
        try:
            out.append(await receive(request.app.state.settings, f))
        except UploadError as e:
            out.append({"name": f.filename, "status": "refused", "message": str(e)})
    return out


@router.get("/status", summary="What the archive holds, what waits and what failed")
def api_status(request: Request) -> dict:
    from .files import inbox_state

    caller(request)
    state = inbox_state(request.app.state.settings, request.app.state.store)
    return {"archive": state["stats"], "waiting": len(state["waiting"]), "failed": state["failed"],
            "processing": state["running"]}
