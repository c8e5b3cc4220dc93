"""Signing keys are made and retired at the issuer's clock time (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import select

from issuer.clock import aware, utc
from issuer.storage.models import SigningKeyRecord

from .conftest import NOW


def test_key_creation_and_rotation_times_follow_the_clock(service, clock):
    service.keys.ensure()
    clock.advance(3 * 86400)
    service.keys.rotate()
    with service.sessions() as session:
        first, second = session.scalars(
            select(SigningKeyRecord).order_by(SigningKeyRecord.kid)
        ).all()
    assert aware(first.created_at) == utc(NOW)
    assert first.retired_at is not None
    assert aware(first.retired_at) == utc(NOW + 3 * 86400)
    assert aware(second.created_at) == utc(NOW + 3 * 86400)
    assert second.retired_at is None
