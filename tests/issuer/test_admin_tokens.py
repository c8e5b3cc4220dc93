"""Admin tokens expire and can be revoked; a clerk's session ends at logout and when idle."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from issuer import errors as e
from issuer.clock import utc
from issuer.storage.models import AdminToken

from .conftest import NOW


def test_a_clerk_token_expires_after_12_hours_by_the_clock(service, clock):
    token = service.create_admin_token("clerk", "desk 4")
    assert service.authenticate(token).label == "desk 4"
    clock.advance(12 * 3600 - 1)
    service.authenticate(token)
    clock.advance(1)
    with pytest.raises(e.Unauthorized, match="expired"):
        service.authenticate(token)
    assert [t["state"] for t in service.list_admin_tokens()] == ["expired"]


def test_a_token_lives_as_long_as_asked_and_an_admin_token_30_days(service, clock):
    short = service.create_admin_token("clerk", "an hour", hours=1)
    admin = service.create_admin_token("admin", "ops")
    clock.advance(3600)
    with pytest.raises(e.Unauthorized):
        service.authenticate(short)
    clock.advance(29 * 86400)
    assert service.authenticate(admin, need="admin").role == "admin"
    with pytest.raises(e.InvalidDocument):
        service.create_admin_token("clerk", "forever", hours=0)


def test_a_revoked_token_is_refused_and_listed_without_its_value(service):
    token = service.create_admin_token("clerk", "desk 4")
    listing = service.list_admin_tokens()
    assert token not in repr(listing)
    (entry,) = listing
    assert entry["role"] == "clerk"
    assert entry["state"] == "active"
    assert entry["expires_at"] == utc(NOW + 12 * 3600).isoformat()
    service.revoke_admin_token(entry["id"])
    with pytest.raises(e.Unauthorized, match="revoked"):
        service.authenticate(token)
    assert service.list_admin_tokens()[0]["state"] == "revoked"
    with pytest.raises(e.NotFound):
        service.revoke_admin_token("no such id")


def test_logout_ends_the_session_and_its_cookie(service):
    session_id = service.open_clerk_session(service.create_admin_token("clerk", "desk"))
    assert service.clerk_session(session_id).label == "desk"
    service.close_clerk_session(session_id)
    with pytest.raises(e.Unauthorized, match="ended"):
        service.clerk_session(session_id)


def test_an_idle_session_ends_and_activity_keeps_it(service, clock):
    idle = service.settings.clerk_idle_seconds
    session_id = service.open_clerk_session(service.create_admin_token("clerk", "desk"))
    for _ in range(3):
        clock.advance(idle - 1)
        service.clerk_session(session_id)  # each request counts as activity
    clock.advance(idle)
    with pytest.raises(e.Unauthorized, match="idle"):
        service.clerk_session(session_id)
    with pytest.raises(e.Unauthorized, match="ended"):
        service.clerk_session(session_id)


def test_a_session_ends_with_its_token(service):
    from issuer.storage.models import ClerkSession

    token = service.create_admin_token("clerk", "desk")
    session_id = service.open_clerk_session(token)
    with service.sessions() as session:
        token_id = session.scalars(select(AdminToken.id)).one()
        assert session_id not in repr(session.scalars(select(ClerkSession.id_hash)).all())
    service.revoke_admin_token(token_id)
    with pytest.raises(e.Unauthorized):
        service.clerk_session(session_id)
