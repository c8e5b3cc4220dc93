"""The nonce endpoint: a fresh ``c_nonce``, valid a short while, good for one credential request.

Every call adds a row, so this is where expired rows are purged now and then
(:func:`issuer.purge.purge_now_and_then`).
"""

from __future__ import annotations

import datetime as dt
import secrets

from .. import purge  # the module: issuer.purge imports this package's proofs
from ..context import IssuerContext, sha256_hex
from ..storage.models import Nonce


def new_nonce(ctx: IssuerContext) -> dict[str, str]:
    """A fresh ``c_nonce`` for key proofs (only its hash is stored)."""
    value = secrets.token_urlsafe(32)
    expires = ctx.now() + dt.timedelta(seconds=ctx.settings.nonce_ttl_seconds)
    with ctx.sessions.begin() as session:
        ctx.relaxed(session)
        session.add(Nonce(value_hash=sha256_hex(value), expires_at=expires))
    purge.purge_now_and_then(ctx)
    return {"c_nonce": value}
