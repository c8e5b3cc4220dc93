"""The nonce endpoint: a fresh ``c_nonce``, valid a short while, good for one credential request."""

from __future__ import annotations

import datetime as dt
import secrets

from ..context import IssuerContext, sha256_hex
from ..storage.models import Nonce


def new_nonce(ctx: IssuerContext) -> dict[str, str]:
    """A fresh ``c_nonce`` for key proofs (only its hash is stored)."""
    value = secrets.token_urlsafe(32)
    expires = ctx.now() + dt.timedelta(seconds=ctx.settings.nonce_ttl_seconds)
    with ctx.sessions.begin() as session:
        ctx.relaxed(session)
        session.add(Nonce(value_hash=sha256_hex(value), expires_at=expires))
    return {"c_nonce": value}
