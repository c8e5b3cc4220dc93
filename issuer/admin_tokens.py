"""Bearer tokens of the admin API and the clerk page (roles clerk and admin); stored hashed."""

from __future__ import annotations

import secrets
import uuid
from typing import Final

from sqlalchemy import select

from .context import IssuerContext, sha256_hex
from .errors import Forbidden, InvalidDocument, Unauthorized
from .storage.models import AdminToken

ROLES: Final = ("clerk", "admin")


def create_admin_token(ctx: IssuerContext, role: str, label: str, *, actor: str = "cli") -> str:
    """A new bearer token for the admin API; only its hash is stored."""
    if role not in ROLES:
        raise InvalidDocument(f"must be one of {', '.join(ROLES)}", field="role")
    raw = "pvi_" + secrets.token_urlsafe(32)
    record = AdminToken(
        id=str(uuid.uuid4()),
        token_hash=sha256_hex(raw),
        role=role,
        label=label[:80],
        created_at=ctx.now(),
    )
    with ctx.sessions.begin() as session:
        session.add(record)
        ctx.audit(session, actor, "token.create", f"token={record.id} role={role}")
    return raw


def authenticate(ctx: IssuerContext, raw: str | None, *, need: str = "clerk") -> AdminToken:
    """The admin token behind a bearer value, checked for the role ``need``."""
    if not raw:
        raise Unauthorized("send an admin bearer token (posvid-issuer token create)")
    with ctx.sessions() as session:
        record = session.scalar(
            select(AdminToken).where(
                AdminToken.token_hash == sha256_hex(raw), AdminToken.revoked_at.is_(None)
            )
        )
    if record is None:
        raise Unauthorized("unknown or revoked admin token")
    if need == "admin" and record.role != "admin":
        raise Forbidden("this needs an admin token")
    return record
