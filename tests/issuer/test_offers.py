"""An offer's creation and expiry follow the issuer's clock, not the machine's."""

from __future__ import annotations

import datetime as dt

import pytest

from issuer import errors as e
from issuer.clock import aware, utc
from issuer.storage.models import Offer

from .conftest import NOW


def test_offer_expiry_follows_the_clock(service, protocol, document, clock):
    ttl = service.settings.offer_ttl_seconds
    created = service.create_offer(document.id, actor="test")
    assert created.expires_at == utc(NOW + ttl)
    with service.sessions() as session:
        stored = session.get(Offer, created.offer_id)
    assert stored is not None
    assert aware(stored.created_at) == utc(NOW)
    assert aware(stored.expires_at) == utc(NOW + ttl)
    clock.advance(ttl)
    assert protocol.offer(created.offer_id)["credential_issuer"] == service.issuer
    clock.advance(1)
    with pytest.raises(e.NotFound, match="expired"):
        protocol.offer(created.offer_id)


def test_an_expired_document_gets_no_offer_by_the_clock(service, document, clock):
    assert document.expiry_date is not None
    day_after = document.expiry_date + dt.timedelta(days=1)
    clock.at = int(dt.datetime.combine(day_after, dt.time(), dt.UTC).timestamp())
    with pytest.raises(e.Conflict, match="expired"):
        service.create_offer(document.id, actor="test")
