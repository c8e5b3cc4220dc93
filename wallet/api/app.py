"""The wallet's local web page: unlock, documents, accept an offer, present, history (uk/en).

Served on loopback only; the unlocked wallet lives in memory behind a random session
cookie (``SameSite=Strict``, ``HttpOnly``) and locks again after the idle time
(``page_idle_seconds``, on the wallet's clock). Nothing is built at import.
"""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from crypto import Clock
from posvid.common.vocabulary import VERSION

from ..service import Wallet
from ..settings import WalletSettings
from . import problems
from .routes import cards, history, unlock
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
    app = FastAPI(title="Posvid wallet", version=VERSION, docs_url=None, redoc_url=None)
    app.state.wallet = wallet
    app.state.sessions = PageSessions(wallet.clock, wallet.settings.page_idle_seconds)
    problems.install(app)
    app.include_router(unlock.router)
    app.include_router(cards.router)
    app.include_router(history.router)
    return app
