"""Signing in and out; login attempts are limited per address and per name."""

from __future__ import annotations

import threading
import time
from collections import deque

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from .. import accounts
from .app import SESSION_COOKIE, check_csrf, need, render, user

router = APIRouter(include_in_schema=False)


class LoginLimiter:
    """At most ``attempts`` failed sign-ins per ``window`` seconds for one address, and for one name."""

    def __init__(self, attempts: int = 5, window: float = 600.0):
        self.attempts, self.window = attempts, window
        self._failures: dict[str, deque] = {}
        self._lock = threading.Lock()

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                q = self._failures.get(key)
                while q and now - q[0] > self.window:
                    q.popleft()
                if q and len(q) >= self.attempts:
                    return True
        return False

    def failed(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.setdefault(key, deque()).append(time.monotonic())

    def succeeded(self, name_key: str) -> None:
        with self._lock:
            self._failures.pop(name_key, None)


def _safe_next(target: str | None) -> str:
    """Only a path of this site (no //other.site, no scheme) after signing in."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/recherche"
    return target


@router.get("/connexion")
def login_page(request: Request, suite: str = "/recherche"):
    return render(request, "login.html", {"suite": _safe_next(suite), "error": None})


@router.post("/connexion")
def login(request: Request, nom: str = Form(""), mot_de_passe: str = Form(""), suite: str = Form("/recherche"),
          csrf: str = Form("")):
    check_csrf(request, csrf)
    store, limiter = request.app.state.store, request.app.state.limiter
    keys = (f"ip:{request.client.host if request.client else '?'}", f"name:{nom.lower()}")
    if limiter.blocked(*keys):
        return render(request, "login.html", {"suite": _safe_next(suite), "error": "Trop de tentatives "
                      "de connexion : attendez dix minutes avant de réessayer."}, status=429)
    if accounts.authenticate(store, nom, mot_de_passe) is None:
        limiter.failed(*keys)
        return render(request, "login.html", {"suite": _safe_next(suite),
                      "error": "Nom ou mot de passe incorrect."}, status=401)
    limiter.succeeded(keys[1])
    secret, _ = accounts.open_session(store, nom)
    response = RedirectResponse(_safe_next(suite), status_code=303)
    response.set_cookie(SESSION_COOKIE, secret, httponly=True, samesite="lax", max_age=accounts.SESSION_DAYS * 86400,
                        secure=request.url.scheme == "https")
    return response


@router.post("/deconnexion")
def logout(request: Request, csrf: str = Form("")):
    check_csrf(request, csrf)
    secret = request.cookies.get(SESSION_COOKIE)
    if secret and user(request):
        accounts.close_session(request.app.state.store, secret)
    response = RedirectResponse("/connexion", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/comptes")
def accounts_page(request: Request):
    need(request, "admin")
    return render(request, "accounts.html", {"users": accounts.users(request.app.state.store), "message": "",
                                             "error": "", "token": None})


@router.post("/comptes")
def add_account(request: Request, nom: str = Form(""), role: str = Form(""), mot_de_passe: str = Form(""),
                csrf: str = Form("")):
    check_csrf(request, csrf)
    need(request, "admin")
    store = request.app.state.store
    message, error = "", ""
    try:
        accounts.add_user(store, nom, role, mot_de_passe)
        message = f"Le compte {nom} ({role}) est enregistré."
    except accounts.AccountError:
        error = ("Compte non enregistré : un nom de 1 à 80 lettres, chiffres ou . _ @ -, un rôle de la liste et "
                 "un mot de passe d'au moins 8 caractères.")
    return render(request, "accounts.html", {"users": accounts.users(store), "message": message, "error": error,
                                             "token": None}, status=400 if error else 200)


@router.post("/comptes/supprimer")
def remove_account(request: Request, nom: str = Form(""), csrf: str = Form("")):
    check_csrf(request, csrf)
    who = need(request, "admin")
    store = request.app.state.store
    message, error = "", ""
    if nom == who["name"]:
        error = "Vous ne pouvez pas supprimer votre propre compte : un autre administrateur peut le faire."
    else:
        try:
            accounts.remove_user(store, nom)
            message = f"Le compte {nom} est supprimé, avec ses sessions et ses jetons d'API."
        except accounts.AccountError:
            error = (f"Le compte {nom} n'est pas supprimé : il n'existe pas, ou c'est le dernier compte "
                     "administrateur.")
    return render(request, "accounts.html", {"users": accounts.users(store), "message": message, "error": error,
                                             "token": None}, status=400 if error else 200)


@router.post("/jeton")
def new_token(request: Request, libelle: str = Form(""), csrf: str = Form("")):
    """A new API token for the signed-in user, shown once."""
    check_csrf(request, csrf)
    who = need(request, "lecteur")
    if not who.get("csrf"):
        return render(request, "error.html", {"message": "Connectez-vous avec un compte pour obtenir un jeton.",
                                              "status": 403}, status=403)
    token = accounts.new_token(request.app.state.store, who["name"], libelle[:200])
    return render(request, "token.html", {"token": token})
