"""The verifier's FastAPI application: ``create_app(settings)``; nothing is built at import.

The officer's page and ``POST /api/verify``: everything served from here, works offline.
"""

from __future__ import annotations

from fastapi import FastAPI

from crypto import Clock
from posvid.common.vocabulary import VERSION

from ..service import Verifier
from ..settings import VerifierSettings
from . import problems
from .routes import officer, trust, verify


def create_app(
    settings: VerifierSettings | None = None,
    *,
    verifier: Verifier | None = None,
    clock: Clock | None = None,
) -> FastAPI:
    """Build the verifier app over ``verifier``, else a new one for ``settings`` and ``clock``."""
    verifier = verifier or Verifier(settings, clock=clock)
    app = FastAPI(
        title="Posvid verifier",
        version=VERSION,
        description="Verify Posvid presentations. Every check is listed in the verdict.",
    )
    app.state.verifier = verifier
    problems.install(app)
    app.include_router(verify.router)
    app.include_router(officer.router)
    app.include_router(trust.router)
    return app
