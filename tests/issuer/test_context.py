"""Every time the issuer stores comes from its one clock (a fixed clock far from the real time)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, select

from crypto import SigningKey
from issuer.clock import aware, utc
from issuer.storage.models import Base
from tests.support.mini_wallet import redeem, request

from .conftest import NOW

LATER = 86400  # seconds after NOW: when the key is rotated and the document suspended
YEAR = 365 * 86400  # the ID card credential's validity


def test_every_stored_time_is_the_clocks(service, protocol, document, clock):
    service.create_admin_token("clerk", "desk")
    access = redeem(protocol, service.create_offer(document.id, batch_size=2, actor="test"))
    request(protocol, access, [SigningKey.generate(), SigningKey.generate()])
    clock.advance(LATER)
    service.keys.rotate()
    service.set_document_status(document.id, 2, actor="test")
    settings = service.settings
    allowed = {
        utc(NOW + offset)
        for offset in (
            0,
            LATER,
            YEAR,
            settings.offer_ttl_seconds,
            settings.access_token_ttl_seconds,
            settings.nonce_ttl_seconds,
            int(settings.clerk_token_ttl_hours * 3600),
        )
    }
    seen: dict[str, list[dt.datetime]] = {}
    with service.sessions() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, DateTime)]
            for column in columns:
                values = session.scalars(select(column).where(column.is_not(None))).all()
                seen[f"{table.name}.{column.name}"] = [aware(v) for v in values]
    for name, values in seen.items():
        if name == "issued_credentials.expires_at":  # a random second of its day: unlinkable
            assert {v.date() for v in values} == {utc(NOW + YEAR).date()}, name
            continue
        assert set(values) <= allowed, name
    for name in (
        "persons.created_at",
        "documents.created_at",
        "offers.created_at",
        "signing_keys.created_at",
        "signing_keys.retired_at",
        "status_lists.created_at",
        "issued_credentials.issued_at",
        "issued_credentials.expires_at",
        "used_proofs.seen_at",
        "nonces.used_at",
        "audit_events.at",
    ):
        assert seen[name], name
