"""The issuer's time, always from its injected clock (:class:`crypto.Clock`), as datetimes."""

from __future__ import annotations

import datetime as dt


def utc(seconds: int) -> dt.datetime:
    """Seconds since the epoch as an aware UTC datetime."""
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def aware(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes (stored as UTC); PostgreSQL aware ones."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
