"""Typed reads of untrusted JSON objects: the one tool of the wallet's parsing boundaries.

Each reader is made with the error its boundary raises (an :class:`OfferError` for an issuer's
JSON, a :class:`BackupError` for a backup, a damaged-record error for sealed values).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from crypto import CryptoError
from crypto.b64 import b64url_decode

from .errors import WalletError

T = TypeVar("T")


class Fields:
    """The fields of one JSON object; ``fail(key)`` is the error for a missing or wrong one."""

    def __init__(self, value: object, fail: Callable[[str], WalletError], key: str = "") -> None:
        if not isinstance(value, dict):
            raise fail(key)
        self.value: dict[str, Any] = value
        self.fail = fail

    def get(self, key: str, kind: type[T]) -> T:
        """``value[key]``, which must be a ``kind`` (a bool is never an int here)."""
        item = self.value.get(key)
        if not isinstance(item, kind) or (isinstance(item, bool) and kind is not bool):
            raise self.fail(key)
        return item

    def text(self, key: str) -> str:
        """A non-empty string."""
        item = self.get(key, str)
        if not item:
            raise self.fail(key)
        return item

    def optional(self, key: str, kind: type[T], default: T) -> T:
        """``value[key]`` when present, else ``default``."""
        return default if key not in self.value else self.get(key, kind)

    def object(self, key: str, default: dict[str, Any] | None = None) -> Fields:
        """A nested object (``default`` when absent, if given)."""
        if default is not None and key not in self.value:
            return Fields(default, self.fail, key)
        return Fields(self.value.get(key), self.fail, key)

    def time(self, key: str) -> dt.datetime:
        """An ISO 8601 time."""
        try:
            return dt.datetime.fromisoformat(self.get(key, str))
        except ValueError:
            raise self.fail(key) from None

    def optional_time(self, key: str) -> dt.datetime | None:
        """An ISO 8601 time, or ``None``."""
        return None if self.value.get(key) is None else self.time(key)

    def base64(self, key: str) -> bytes:
        """base64url bytes."""
        try:
            return b64url_decode(self.get(key, str))
        except CryptoError:
            raise self.fail(key) from None
