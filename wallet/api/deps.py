"""Request dependencies: the wallet folder, the page sessions, the unlocked wallet, the language."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ..service import UnlockedWallet, Wallet
from .pages import lang_of
from .problems import Locked
from .sessions import COOKIE, PageSessions


def get_wallet(request: Request) -> Wallet:
    return request.app.state.wallet  # type: ignore[no-any-return]


def get_sessions(request: Request) -> PageSessions:
    return request.app.state.sessions  # type: ignore[no-any-return]


SessionsDep = Annotated[PageSessions, Depends(get_sessions)]


def unlocked(request: Request, sessions: SessionsDep) -> UnlockedWallet:
    """The wallet of the request's session; :class:`Locked` when there is none."""
    wallet = sessions.resume(request.cookies.get(COOKIE, ""))
    if wallet is None:
        raise Locked
    return wallet


WalletDep = Annotated[Wallet, Depends(get_wallet)]
UnlockedDep = Annotated[UnlockedWallet, Depends(unlocked)]
LangDep = Annotated[str, Depends(lang_of)]
