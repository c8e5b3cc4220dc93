"""Injected time: every check that depends on "now" takes a :class:`Clock`."""

from __future__ import annotations

import time
from typing import Protocol

__all__ = ["Clock", "FixedClock", "SystemClock"]


class Clock(Protocol):
    """Anything that tells the current time in whole seconds since the epoch."""

    def now(self) -> int:
        """Return the current time as seconds since the epoch."""
        ...


class SystemClock:
    """The machine's clock."""

    def now(self) -> int:
        """Return the current time as seconds since the epoch."""
        return int(time.time())


class FixedClock:
    """A clock that stands still until told to move (for tests and replays)."""

    def __init__(self, at: int) -> None:
        self.at = at

    def now(self) -> int:
        """Return the fixed time."""
        return self.at

    def advance(self, seconds: int) -> None:
        """Move the clock forward (or back, with a negative number)."""
        self.at += seconds
