"""The verifier's FastAPI application: ``create_app(settings)``; nothing is built at import.

The officer's page and ``POST /api/verify``: everything served from here, works offline.
Behind the web guard (``posvid.common.web_guard``): the configured host names only, state changes
from this server's own pages only (the pages' forms with their CSRF token; the JSON API without
one), bodies cut off at ``max_image_bytes`` while they stream.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from crypto import Clock
from posvid.common.vocabulary import VERSION
from posvid.common.web_guard import CsrfTokens, WebGuard

from ..service import Verifier
from ..settings import VerifierSettings
from . import problems
from .recent import RecentVerdicts
from .routes import officer, scan, trust, verify

#: the officer page's script (live scanning), served from here like everything else: no CDN
STATIC = Path(__file__).resolve().parents[1] / "static"


def create_app(
    settings: VerifierSettings | None = None,
    *,
    verifier: Verifier | None = None,
    clock: Clock | None = None,
) -> FastAPI:
    """Build the verifier app over ``verifier``, else a new one for ``settings`` and ``clock``."""
    verifier = verifier or Verifier(settings, clock=clock)
    csrf = CsrfTokens(exempt=("/api/",))
    app = FastAPI(
        title="Posvid verifier",
        version=VERSION,
        description="Verify Posvid presentations. Every check is listed in the verdict.",
        dependencies=[Depends(csrf.check)],
    )
    app.state.verifier = verifier
    app.state.recent = RecentVerdicts(verifier.clock, verifier.settings.verdict_keep_seconds)
    app.state.csrf = csrf
    app.state.frames = scan.frame_gate(verifier.clock, verifier.settings.frames_per_second)
    problems.install(app)
    app.add_middleware(
        WebGuard,
        answer=problems.answer,
        max_body=verifier.settings.max_image_bytes,
        allowed_hosts=verifier.settings.allowed_hosts,
    )
    app.include_router(verify.router)
    app.include_router(officer.router)
    app.include_router(trust.router)
    app.include_router(scan.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
