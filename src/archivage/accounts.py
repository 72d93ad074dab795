"""Accounts of the web interface: users with a role, browser sessions and API tokens.

Plain functions over the store (the web package and the CLI call them). Passwords are kept as argon2
hashes; session and API secrets as their sha256 (a copy of the database opens no session). Roles:
``lecteur`` reads, ``archiviste`` also corrects and uploads, ``admin`` also manages accounts.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta

from .errors import ArchivageError

ROLES = ("lecteur", "archiviste", "admin")
SESSION_DAYS = 7
_NAME = re.compile(r"^[A-Za-z0-9._@-]{1,80}$")


class AccountError(ArchivageError):
    """An account that cannot be made or used (bad name, role, password)."""


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def _now() -> datetime:
    return datetime.now(UTC)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def can(role: str | None, need: str) -> bool:
    """Whether ``role`` has at least the rights of ``need``."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(need)


def add_user(store, name: str, role: str, password: str) -> None:
    """A new account, or a new role and password for an existing one."""
    import sqlalchemy as sa

    from .store.tables import users_table

    if not _NAME.match(name or ""):
        raise AccountError("A user name has 1 to 80 letters, digits or . _ @ -.")
    if role not in ROLES:
        raise AccountError(f"The role must be one of {', '.join(ROLES)}, not {role!r}.")
    if len(password or "") < 8:
        raise AccountError("A password has at least 8 characters.")
    store._writable()
    row = {"role": role, "password_hash": _hasher().hash(password)}
    with store._write() as conn:
        t = users_table.c
        if conn.execute(sa.update(users_table).where(t.name == name).values(**row)).rowcount == 0:
            conn.execute(users_table.insert().values(name=name, created_at=_now().isoformat(timespec="seconds"), **row))


def remove_user(store, name: str) -> None:
    """Remove an account with its sessions and API tokens (the corrections it made keep its name).

    The last administrator cannot be removed while other accounts remain: nobody could manage them from
    the browser any more."""
    import sqlalchemy as sa

    from .store.tables import api_tokens_table, sessions_table, users_table

    role = role_of(store, name) if has_users(store) else None
    if role is None:
        raise AccountError(f"No account is named {name!r}; `archivage user list` shows them.")
    admins = [u for u in users(store) if u["role"] == "admin"]
    if role == "admin" and len(admins) == 1 and len(users(store)) > 1:
        raise AccountError(f"{name} is the last admin account; give another account the admin role first.")
    store._writable()
    with store._write() as conn:
        conn.execute(sessions_table.delete().where(sessions_table.c.username == name))
        conn.execute(api_tokens_table.delete().where(api_tokens_table.c.username == name))
        conn.execute(sa.delete(users_table).where(users_table.c.name == name))


def users(store) -> list[dict]:
    if store.empty:
        return []
    store.check()
    return [{"name": n, "role": r, "created_at": c}
            for n, r, c in store._rows("SELECT name, role, created_at FROM users ORDER BY name")]


def has_users(store) -> bool:
    if store.empty:
        return False
    store.check()
    return bool(store._rows("SELECT 1 FROM users LIMIT 1"))


def role_of(store, name: str) -> str | None:
    rows = store._rows("SELECT role FROM users WHERE name = ?", (name,))
    return rows[0][0] if rows else None


def authenticate(store, name: str, password: str) -> str | None:
    """The user's role when the password is right, else None (the same time either way)."""
    from argon2.exceptions import InvalidHashError, VerifyMismatchError

    rows = store._rows("SELECT password_hash, role FROM users WHERE name = ?", (name,)) if has_users(store) else []
    # an unknown name still costs one verification, so timing does not tell which names exist
    stored = rows[0][0] if rows else _DUMMY_HASH()
    try:
        _hasher().verify(stored, password or "")
    except (VerifyMismatchError, InvalidHashError):
        return None
    return rows[0][1] if rows else None


_dummy: list[str] = []


def _DUMMY_HASH() -> str:  # noqa: N802
    if not _dummy:
        _dummy.append(_hasher().hash(secrets.token_hex(8)))
    return _dummy[0]


def open_session(store, name: str) -> tuple[str, str]:
    """A new session for ``name``: (the cookie's secret, the CSRF token of its forms)."""
    from .store.tables import sessions_table

    secret, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = (_now() + timedelta(days=SESSION_DAYS)).isoformat(timespec="seconds")
    with store._write() as conn:
        conn.execute(sessions_table.delete().where(sessions_table.c.expires_at < _now().isoformat(timespec="seconds")))
        conn.execute(sessions_table.insert().values(token_hash=_digest(secret), username=name, csrf=csrf,
                                                    expires_at=expires))
    return secret, csrf


def session(store, secret: str | None) -> dict | None:
    """{"name", "role", "csrf"} of a live session, or None."""
    if not secret or store.empty:
        return None
    rows = store._rows("SELECT s.username, u.role, s.csrf, s.expires_at FROM sessions s JOIN users u ON u.name = s.username "
                       "WHERE s.token_hash = ?", (_digest(secret),))
    if not rows or rows[0][3] < _now().isoformat(timespec="seconds"):
        return None
    name, role, csrf, _ = rows[0]
    return {"name": name, "role": role, "csrf": csrf}


def close_session(store, secret: str) -> None:
    from .store.tables import sessions_table

    with store._write() as conn:
        conn.execute(sessions_table.delete().where(sessions_table.c.token_hash == _digest(secret)))


def new_token(store, name: str, label: str = "") -> str:
    """A new API token for ``name`` (shown once: only its hash is kept)."""
    from .store.tables import api_tokens_table

    if role_of(store, name) is None:
        raise AccountError(f"No account is named {name!r}; add it with `archivage user add`.")
    token = "arch_" + secrets.token_urlsafe(32)
    with store._write() as conn:
        conn.execute(api_tokens_table.insert().values(token_hash=_digest(token), username=name, label=label or "",
                                                      created_at=_now().isoformat(timespec="seconds")))
    return token


def token_user(store, token: str | None) -> dict | None:
    """{"name", "role"} of the account an API token belongs to, or None."""
    if not token or store.empty:
        return None
    rows = store._rows("SELECT t.username, u.role FROM api_tokens t JOIN users u ON u.name = t.username "
                       "WHERE t.token_hash = ?", (_digest(token),))
    return {"name": rows[0][0], "role": rows[0][1]} if rows else None
