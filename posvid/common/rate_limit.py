"""Token buckets per client, in memory: how often a client may call an endpoint.

A :class:`RateLimiter` keeps one bucket per key (the client's address): it holds up to
``burst`` requests and refills at ``per_minute`` requests a minute, on an injected
:class:`crypto.Clock`. :meth:`RateLimiter.admit` answers 0 when a request may go on, else
the seconds to wait (the ``Retry-After`` of a 429). Buckets live in the process: with several
workers each keeps its own, so a client may make up to that many times the rate. At most
``max_clients`` buckets are kept; beyond it the least recently seen client's is forgotten.

:class:`Every` spaces out housekeeping: ``due()`` is true once in ``n`` calls.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Collection

from crypto import Clock

from .errors import TooManyRequests

__all__ = ["Every", "RateLimiter", "TooManyRequests"]


class RateLimiter:
    """Up to ``burst`` requests at once per key, then ``per_minute`` a minute."""

    def __init__(
        self,
        clock: Clock,
        *,
        per_minute: float,
        burst: int,
        exempt: Collection[str] = (),
        max_clients: int = 65_536,
    ) -> None:
        self._clock = clock
        self._rate = per_minute / 60
        self._burst = float(burst)
        self._exempt = frozenset(exempt)
        self._max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, int]] = OrderedDict()  # tokens, at
        self._lock = threading.Lock()

    def admit(self, key: str) -> int:
        """0 when ``key`` may make one more request now (it is counted), else seconds to wait."""
        if key in self._exempt:
            return 0
        now = self._clock.now()
        with self._lock:
            tokens, at = self._buckets.pop(key, (self._burst, now))
            tokens = min(self._burst, tokens + max(0, now - at) * self._rate)
            wait = 0 if tokens >= 1 else max(1, math.ceil((1 - tokens) / self._rate))
            self._buckets[key] = (tokens - 1 if wait == 0 else tokens, now)
            while len(self._buckets) > self._max_clients:
                self._buckets.popitem(last=False)
            return wait

    def check(self, key: str, what: str) -> None:
        """Count one request of ``key``; :class:`TooManyRequests` when it must wait."""
        wait = self.admit(key)
        if wait:
            raise TooManyRequests(f"too many {what} requests: retry in {wait} s", retry_after=wait)


class Every:
    """True once every ``n`` calls of :meth:`due` (the ``n``-th, the ``2n``-th, ...)."""

    def __init__(self, n: int) -> None:
        self._n = n
        self._calls = 0
        self._lock = threading.Lock()

    def due(self) -> bool:
        """Count a call; whether it is the one in ``n``."""
        with self._lock:
            self._calls = (self._calls + 1) % self._n
            return self._calls == 0
