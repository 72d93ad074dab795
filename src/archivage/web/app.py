"""The application: settings, store, templates, who is asking, CSRF, security headers."""

from __future__ import annotations

import secrets
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from .. import accounts
from ..config import Settings
from ..store import Store
from .french import KIND_LABELS, ROLE_LABELS, TYPE_LABELS, date_fr, reason_fr, when_fr

HERE = Path(__file__).parent
SESSION_COOKIE = "archivage_session"
CSRF_COOKIE = "archivage_csrf"
LOCAL_USER = {"name": "local", "role": "archiviste"}  # before any account exists (127.0.0.1 only)

def marked(passage: str, matches) -> Markup:
    """The passage escaped, its matched words in <mark>."""
    out, last = [], 0
    for a, b in matches or []:
        out += [escape(passage[last:a]), Markup("<mark>"), escape(passage[a:b]), Markup("</mark>")]
        last = b
    out.append(escape(passage[last:]))
    return Markup("").join(out)


def create_app(settings: Settings, *, store: Store | None = None) -> FastAPI:
    from . import api, auth, files, records, search

    settings.ensure()
    store = store or Store(settings.database_url)
    store.migrate()  # serve writes (sessions, corrections): its schema must be current
    app = FastAPI(title="archivage", description="API de l'archive : recherche, documents, corrections, "
                  "fichiers, dépôt, suivi.", version="1", docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json")
    app.state.settings = settings
    app.state.store = store
    app.state.limiter = auth.LoginLimiter()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True
    templates.env.filters.update(date_fr=date_fr, when_fr=when_fr, type_fr=lambda t: TYPE_LABELS.get(t, t),
                                 kind_fr=lambda k: KIND_LABELS.get(k, k), reason_fr=reason_fr, role_fr=lambda r: ROLE_LABELS.get(r, r))
    templates.env.globals.update(TYPE_LABELS=TYPE_LABELS, KIND_LABELS=KIND_LABELS, marked=marked)
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        if CSRF_COOKIE not in request.cookies and getattr(request.state, "new_csrf", None):
            response.set_cookie(CSRF_COOKIE, request.state.new_csrf, httponly=True, samesite="strict")
        response.headers.setdefault("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                                    "style-src 'self'; style-src-attr 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if request.url.path.startswith("/api"):
            from fastapi.responses import JSONResponse

            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        if exc.status_code == 401:
            return RedirectResponse("/connexion?suite=" + _quote(request.url.path), status_code=303)
        return render(request, "error.html", {"message": exc.detail, "status": exc.status_code},
                      status=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        if request.url.path.startswith("/api"):
            from fastapi.exception_handlers import request_validation_exception_handler

            return await request_validation_exception_handler(request, exc)
        return render(request, "error.html", {"message": "Cette adresse contient une valeur incorrecte.",
                                              "status": 400}, status=400)

    @app.get("/", include_in_schema=False)
    def home():
        return RedirectResponse("/recherche", status_code=303)

    for module in (auth, search, records, files, api):
        app.include_router(module.router)
    app.add_middleware(HeadAsGet)
    return app


class HeadAsGet:
    """Answer HEAD as GET without the body: link checkers and proxies probe pages with HEAD, and FastAPI's
    routes only list the methods they declare (a plain GET route would answer 405)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def headers_only(message):
            if message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")


# -- who is asking -------------------------------------------------------------------------------

def user(request: Request) -> dict | None:
    """The signed-in user, the local user when no account exists yet, or None."""
    if hasattr(request.state, "user"):
        return request.state.user
    store = request.app.state.store
    found = accounts.session(store, request.cookies.get(SESSION_COOKIE))
    if found is None and not accounts.has_users(store):
        found = dict(LOCAL_USER)
    request.state.user = found
    return found


def need(request: Request, role: str = "lecteur") -> dict:
    """The user, if they have ``role``'s rights: 401 (to sign in) or 403 otherwise."""
    who = user(request)
    if who is None:
        raise HTTPException(401, "Connectez-vous pour continuer.")
    if not accounts.can(who["role"], role):
        raise HTTPException(403, f"Votre rôle ({ROLE_LABELS.get(who['role'], who['role'])}) ne permet pas cette "
                            f"action : il faut être {ROLE_LABELS[role]}.")
    return who


def csrf_token(request: Request) -> str:
    who = user(request)
    if who and who.get("csrf"):
        return who["csrf"]
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not token:
        token = request.state.new_csrf = secrets.token_urlsafe(32)
    return token


def check_csrf(request: Request, sent) -> None:
    """A form's token must be the one its page was given (a form posted from another site has none)."""
    who = user(request)
    expected = who.get("csrf") if who and who.get("csrf") else request.cookies.get(CSRF_COOKIE)
    if not expected or not isinstance(sent, str) or not secrets.compare_digest(expected, sent):
        raise HTTPException(403, "Le formulaire a expiré ou ne vient pas de cette page ; rechargez-la et "
                            "recommencez.")


# Messages shown after a redirect travel in the URL, signed: a link made elsewhere cannot put words on a page.
_FLASH_KEY = secrets.token_bytes(32)


def flash_query(*, ok: str = "", erreur: str = "") -> str:
    """The query string carrying a message to the next page (``ok`` or ``erreur``), with its signature."""
    import hashlib
    import hmac
    from urllib.parse import urlencode

    kind, text = ("ok", ok) if ok else ("erreur", erreur)
    sig = hmac.new(_FLASH_KEY, f"{kind}:{text}".encode(), hashlib.sha256).hexdigest()[:32]
    return urlencode({kind: text, "sig": sig})


def flash(request: Request) -> tuple[str, str]:
    """(message, error) passed by :func:`flash_query`; nothing when the signature does not match."""
    import hashlib
    import hmac

    q = request.query_params
    kind = "ok" if "ok" in q else "erreur"
    text = q.get(kind, "")
    sig = hmac.new(_FLASH_KEY, f"{kind}:{text}".encode(), hashlib.sha256).hexdigest()[:32]
    if not text or not secrets.compare_digest(sig, q.get("sig", "")):
        return "", ""
    return (text, "") if kind == "ok" else ("", text)


def render(request: Request, template: str, context: dict, status: int = 200) -> HTMLResponse:
    who = user(request)
    base = {"request": request, "user": who, "csrf": csrf_token(request),
            "can_edit": bool(who and accounts.can(who["role"], "archiviste")),
            "signed_in": bool(who and who.get("csrf"))}
    return request.app.state.templates.TemplateResponse(request, template, {**base, **context},
                                                        status_code=status)
