"""Bearer tokens of the admin API (roles clerk and admin), and the clerk page's sessions.

A token is stored as its SHA-256 only; it expires (by default 12 hours for a clerk, 30 days
for an admin: ``POSVID_ISSUER_CLERK_TOKEN_TTL_HOURS`` / ``..._ADMIN_TOKEN_TTL_HOURS``) and can be
revoked (``posvid-issuer token list|revoke``). The JSON admin API takes it as a bearer token.

The clerk page never holds the token: signing in with it opens a server-side session whose
random id is the cookie (stored hashed too). The session ends at logout, after
``clerk_idle_seconds`` without a request, and with its token (expired or revoked).
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from typing import Any, Final

from sqlalchemy import select

from .clock import aware
from .context import IssuerContext, sha256_hex
from .errors import Forbidden, InvalidDocument, NotFound, Unauthorized
from .storage.models import AdminToken, ClerkSession

ROLES: Final = ("clerk", "admin")


def create_admin_token(
    ctx: IssuerContext, role: str, label: str, *, actor: str = "cli", hours: float | None = None
) -> str:
    """A new bearer token for the admin API; only its hash is stored."""
    if role not in ROLES:
        raise InvalidDocument(f"must be one of {', '.join(ROLES)}", field="role")
    if hours is None:
        settings = ctx.settings
        hours = (
            settings.admin_token_ttl_hours if role == "admin" else settings.clerk_token_ttl_hours
        )
    if not 0 < hours <= 24 * 366:
        raise InvalidDocument("must be more than 0 and at most a year of hours", field="hours")
    raw = "pvi_" + secrets.token_urlsafe(32)
    now = ctx.now()
    record = AdminToken(
        id=str(uuid.uuid4()),
        token_hash=sha256_hex(raw),
        role=role,
        label=label[:80],
        created_at=now,
        expires_at=now + dt.timedelta(hours=hours),
    )
    with ctx.sessions.begin() as session:
        session.add(record)
        ctx.audit(session, actor, "token.create", f"token={record.id} role={role}")
    return raw


def _live(ctx: IssuerContext, record: AdminToken | None) -> AdminToken:
    """The token unless it is unknown, revoked or expired."""
    if record is None or record.revoked_at is not None:
        raise Unauthorized("unknown or revoked admin token")
    if aware(record.expires_at) <= ctx.now():
        raise Unauthorized("the admin token has expired: ask for a new one")
    return record


def _role(record: AdminToken, need: str) -> AdminToken:
    if need == "admin" and record.role != "admin":
        raise Forbidden("this needs an admin token")
    return record


def authenticate(ctx: IssuerContext, raw: str | None, *, need: str = "clerk") -> AdminToken:
    """The admin token behind a bearer value, checked for the role ``need``."""
    if not raw:
        raise Unauthorized("send an admin bearer token (posvid-issuer token create)")
    with ctx.sessions() as session:
        record = session.scalar(select(AdminToken).where(AdminToken.token_hash == sha256_hex(raw)))
    return _role(_live(ctx, record), need)


def list_tokens(ctx: IssuerContext) -> list[dict[str, Any]]:
    """Every token with its role, label and state (never the token)."""
    now = ctx.now()
    with ctx.sessions() as session:
        records = session.scalars(select(AdminToken).order_by(AdminToken.created_at)).all()
    return [
        {
            "id": r.id,
            "role": r.role,
            "label": r.label,
            "created_at": aware(r.created_at).isoformat(),
            "expires_at": aware(r.expires_at).isoformat(),
            "state": "revoked"
            if r.revoked_at
            else ("expired" if aware(r.expires_at) <= now else "active"),
        }
        for r in records
    ]


def revoke_token(ctx: IssuerContext, token_id: str, *, actor: str = "cli") -> None:
    """Revoke a token by its id; its clerk sessions end with it."""
    now = ctx.now()
    with ctx.sessions.begin() as session:
        record = session.get(AdminToken, token_id)
        if record is None:
            raise NotFound("no such admin token", field="token_id")
        record.revoked_at = record.revoked_at or now
        for open_session in session.scalars(
            select(ClerkSession).where(
                ClerkSession.token_id == token_id, ClerkSession.ended_at.is_(None)
            )
        ):
            open_session.ended_at = now
        ctx.audit(session, actor, "token.revoke", f"token={token_id}")


def open_clerk_session(ctx: IssuerContext, raw_token: str) -> str:
    """Sign a clerk in with a token: a new session's id (the cookie's value)."""
    token = authenticate(ctx, raw_token)
    session_id = secrets.token_urlsafe(32)
    now = ctx.now()
    with ctx.sessions.begin() as session:
        session.add(
            ClerkSession(
                id_hash=sha256_hex(session_id), token_id=token.id, created_at=now, last_seen_at=now
            )
        )
        ctx.audit(session, f"token:{token.id}", "session.open", f"token={token.id}")
    return session_id


def clerk_session(ctx: IssuerContext, session_id: str | None) -> AdminToken:
    """The token of a live clerk session, which counts as seen now; else :class:`Unauthorized`."""
    if not session_id:
        raise Unauthorized("sign in")
    now = ctx.now()
    idle = dt.timedelta(seconds=ctx.settings.clerk_idle_seconds)
    with ctx.sessions.begin() as session:
        found = session.get(ClerkSession, sha256_hex(session_id))
        if found is None or found.ended_at is not None:
            raise Unauthorized("the session has ended: sign in again")
        if aware(found.last_seen_at) + idle <= now:
            found.ended_at = now
            token = None
        else:
            found.last_seen_at = now
            token = session.get(AdminToken, found.token_id)
    if token is None:
        raise Unauthorized("the session was idle too long: sign in again")
    return _live(ctx, token)


def close_clerk_session(ctx: IssuerContext, session_id: str | None) -> None:
    """End a clerk session (logout); its cookie is refused from now on."""
    if not session_id:
        return
    with ctx.sessions.begin() as session:
        found = session.get(ClerkSession, sha256_hex(session_id))
        if found is not None and found.ended_at is None:
            found.ended_at = ctx.now()
            ctx.audit(session, f"token:{found.token_id}", "session.close", "")
