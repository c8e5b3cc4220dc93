"""The wallet's local web page: unlock, documents, accept an offer, present, history (uk/en).

Served on loopback only; the unlocked wallet lives in memory behind a random session
cookie (``SameSite=Strict``, ``HttpOnly``) and locks again after the idle time
(``page_idle_seconds``, on the wallet's clock). Nothing is built at import.

Behind the web guard (``posvid.common.web_guard``): the loopback names at the page's port only
(``allowed_hosts``), every POST — ``/unlock`` included — from this page only (same ``Origin`` and
the form's CSRF token), bodies cut off at ``max_body_bytes`` while they stream. A refused request
never reaches the PIN check: a foreign page can neither guess PINs nor start the slow-down.
"""

from __future__ import annotations

import httpx
from fastapi import Depends, FastAPI

from crypto import Clock
from posvid.common.vocabulary import VERSION
from posvid.common.web_guard import CsrfTokens, WebGuard

from ..service import Wallet
from ..settings import WalletSettings
from . import problems
from .routes import cards, history, present, status, unlock
from .sessions import PageSessions


def create_app(
    settings: WalletSettings | None = None,
    *,
    wallet: Wallet | None = None,
    clock: Clock | None = None,
    http: httpx.Client | None = None,
) -> FastAPI:
    """The web page over one wallet folder (``wallet``, else one made from ``settings``)."""
    wallet = wallet or Wallet(settings, clock=clock, http=http)
    csrf = CsrfTokens()
    app = FastAPI(
        title="Posvid wallet",
        version=VERSION,
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(csrf.check)],
    )
    app.state.wallet = wallet
    app.state.sessions = PageSessions(wallet.clock, wallet.settings.page_idle_seconds)
    app.state.csrf = csrf
    problems.install(app)
    app.add_middleware(
        WebGuard,
        answer=problems.answer,
        max_body=wallet.settings.max_body_bytes,
        allowed_hosts=wallet.settings.allowed_hosts,
    )
    app.include_router(unlock.router)
    app.include_router(cards.router)
    app.include_router(present.router)
    app.include_router(status.router)
    app.include_router(history.router)
    return app
