"""The officer page's last verdicts, kept in memory under random ids for a few minutes.

After a check the page shows ``/verdict/{id}``: switching language reads the same verdict again
(nothing is checked twice, so it never turns into "shown before"), and the URL carries a random
id, not a payload or a claim. Nothing is written to disk; a verdict is forgotten after
``verdict_keep_seconds`` or when newer ones push it out.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from typing import Final

from crypto import Clock

from ..verdict import Verdict

#: the most verdicts kept at once
MAX_KEPT: Final = 64


class RecentVerdicts:
    """Verdicts by id, each for ``keep_seconds`` by the verifier's clock."""

    def __init__(self, clock: Clock, keep_seconds: int) -> None:
        self._clock = clock
        self._keep = keep_seconds
        self._kept: OrderedDict[str, tuple[float, Verdict]] = OrderedDict()
        self._lock = threading.Lock()

    def keep(self, verdict: Verdict) -> str:
        """Keep ``verdict``; its id (128 random bits)."""
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._forget_old()
            self._kept[key] = (self._clock.now(), verdict)
            while len(self._kept) > MAX_KEPT:
                self._kept.popitem(last=False)
        return key

    def get(self, key: str) -> Verdict | None:
        """The verdict kept under ``key``, unless it is gone."""
        with self._lock:
            self._forget_old()
            kept = self._kept.get(key)
        return kept[1] if kept else None

    def _forget_old(self) -> None:
        horizon = self._clock.now() - self._keep
        while self._kept and next(iter(self._kept.values()))[0] < horizon:
            self._kept.popitem(last=False)
