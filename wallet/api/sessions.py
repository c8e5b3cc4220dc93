"""Page sessions: an unlocked wallet in memory behind a random cookie, locked again when idle.

Idle time is measured on the wallet's clock.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from crypto import Clock

from ..service import UnlockedWallet

COOKIE = "posvid_session"


@dataclass
class PageSessions:
    """The open sessions of one page; each ends ``idle`` seconds after its last use."""

    clock: Clock
    idle: int
    _open: dict[str, tuple[UnlockedWallet, int]] = field(default_factory=dict)

    def start(self, wallet: UnlockedWallet) -> str:
        """A new session for ``wallet``: its cookie value."""
        key = secrets.token_urlsafe(32)
        self._open[key] = (wallet, self.clock.now())
        return key

    def resume(self, key: str) -> UnlockedWallet | None:
        """The session's wallet, its idle time reset; ``None`` when unknown or idle too long."""
        entry = self._open.get(key)
        now = self.clock.now()
        if entry is None or now - entry[1] > self.idle:
            self._open.pop(key, None)
            return None
        self._open[key] = (entry[0], now)
        return entry[0]

    def end(self, key: str) -> None:
        """Lock the session now (the page's lock button)."""
        self._open.pop(key, None)
