"""Injected randomness: salts, nonces and decoys come from a :class:`RandomSource`."""

from __future__ import annotations

import random
import secrets
from typing import Protocol

__all__ = ["RandomSource", "SecureRandom", "SeededRandom"]


class RandomSource(Protocol):
    """Anything that returns ``n`` random bytes."""

    def token_bytes(self, n: int) -> bytes:
        """Return ``n`` random bytes."""
        ...


class SecureRandom:
    """The operating system's CSPRNG (the default everywhere)."""

    def token_bytes(self, n: int) -> bytes:
        """Return ``n`` bytes from :mod:`secrets`."""
        return secrets.token_bytes(n)


class SeededRandom:
    """Reproducible bytes for tests and vectors. Never use it to issue real credentials."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)  # noqa: S311 - deterministic on purpose, tests only

    def token_bytes(self, n: int) -> bytes:
        """Return ``n`` pseudo-random bytes from the seed."""
        return self._rng.randbytes(n)
