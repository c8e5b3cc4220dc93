"""OpenID4VCI rules of the issuer service, each refusal on its own (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from crypto import SigningKey
from issuer import errors as e
from posvid.common.vocabulary import PRE_AUTHORIZED_GRANT
from tests.issuer.conftest import ID_CARD, PERSON
from tests.support.mini_wallet import proof, redeem, request


def test_batch_issuance_one_credential_per_key(service, protocol, document):
    offer = service.create_offer(document.id, batch_size=3, actor="test")
    access = redeem(protocol, offer)
    holders = [SigningKey.generate() for _ in range(3)]
    response = request(protocol, access, holders)
    assert len(response["credentials"]) == 3


def test_offer_is_single_use(service, protocol, document):
    offer = service.create_offer(document.id, actor="test")
    code = protocol.offer(offer.offer_id)["grants"][PRE_AUTHORIZED_GRANT]["pre-authorized_code"]
    form = {
        "grant_type": PRE_AUTHORIZED_GRANT,
        "pre-authorized_code": code,
        "tx_code": offer.tx_code,
    }
    protocol.token(form)
    with pytest.raises(e.InvalidGrant):
        protocol.token(form)
    with pytest.raises(e.NotFound):
        protocol.offer(offer.offer_id)


def test_offer_expires(service, protocol, document, clock):
    offer = service.create_offer(document.id, actor="test")
    code = protocol.offer(offer.offer_id)["grants"][PRE_AUTHORIZED_GRANT]["pre-authorized_code"]
    clock.advance(service.settings.offer_ttl_seconds + 1)
    with pytest.raises(e.InvalidGrant, match="expired"):
        protocol.token(
            {
                "grant_type": PRE_AUTHORIZED_GRANT,
                "pre-authorized_code": code,
                "tx_code": offer.tx_code,
            }
        )


def test_wrong_tx_codes_are_counted_and_lock_the_offer(service, protocol, document):
    offer = service.create_offer(document.id, actor="test")
    code = protocol.offer(offer.offer_id)["grants"][PRE_AUTHORIZED_GRANT]["pre-authorized_code"]
    wrong = "000000" if offer.tx_code != "000000" else "111111"
    for left in range(service.settings.max_tx_code_attempts - 1, -1, -1):
        with pytest.raises(e.InvalidGrant, match=f"{left} attempts left"):
            protocol.token(
                {"grant_type": PRE_AUTHORIZED_GRANT, "pre-authorized_code": code, "tx_code": wrong}
            )
    with pytest.raises(e.InvalidGrant, match="too many"):
        protocol.token(
            {
                "grant_type": PRE_AUTHORIZED_GRANT,
                "pre-authorized_code": code,
                "tx_code": offer.tx_code,
            }
        )


def test_unsupported_grant_and_missing_code(protocol):
    with pytest.raises(e.UnsupportedGrantType):
        protocol.token({"grant_type": "authorization_code"})
    with pytest.raises(e.InvalidRequest):
        protocol.token({"grant_type": PRE_AUTHORIZED_GRANT})


def test_unknown_access_token(protocol):
    with pytest.raises(e.InvalidToken):
        request(protocol, "not-a-token", [SigningKey.generate()])
    with pytest.raises(e.InvalidToken):
        protocol.credential(None, {})


def test_access_token_expires(service, protocol, document, clock):
    access = redeem(protocol, service.create_offer(document.id, actor="test"))
    nonce = protocol.nonce()["c_nonce"]
    clock.advance(service.settings.access_token_ttl_seconds + 1)
    with pytest.raises(e.InvalidToken):
        request(protocol, access, [SigningKey.generate()], nonce=nonce, iat=clock.now())


def test_batch_larger_than_offered_is_granted_in_part(service, protocol, document):
    # OpenID4VCI 1.0 §8.3: the issuer may issue fewer credentials than proofs
    access = redeem(protocol, service.create_offer(document.id, batch_size=2, actor="test"))
    holders = [SigningKey.generate() for _ in range(3)]
    answer = request(protocol, access, holders)
    assert len(answer["credentials"]) == 2
    with pytest.raises(e.InvalidCredentialRequest, match="already issued"):
        request(protocol, access, [holders[2]])  # the rest is not owed on this token


def test_same_configuration_twice_on_one_token(service, protocol, document):
    access = redeem(protocol, service.create_offer(document.id, actor="test"))
    request(protocol, access, [SigningKey.generate()])
    with pytest.raises(e.InvalidCredentialRequest, match="already issued"):
        request(protocol, access, [SigningKey.generate()])


def test_unknown_configuration(service, protocol, document):
    access = redeem(protocol, service.create_offer(document.id, actor="test"))
    with pytest.raises(e.UnknownCredentialConfiguration):
        request(protocol, access, [SigningKey.generate()], config="no-such-thing")
    with pytest.raises(e.UnknownCredentialConfiguration):
        request(protocol, access, [SigningKey.generate()], config="driving-licence")


def test_nonce_is_single_use_and_expires(service, protocol, document, clock):
    access = redeem(protocol, service.create_offer(document.id, batch_size=1, actor="test"))
    with pytest.raises(e.InvalidNonce):
        request(protocol, access, [SigningKey.generate()], nonce="made-up")
    nonce = protocol.nonce()["c_nonce"]
    request(protocol, access, [SigningKey.generate()], nonce=nonce)
    access2 = redeem(protocol, service.create_offer(document.id, actor="test"))
    with pytest.raises(e.InvalidNonce):
        request(protocol, access2, [SigningKey.generate()], nonce=nonce)
    stale = protocol.nonce()["c_nonce"]
    clock.advance(service.settings.nonce_ttl_seconds + 1)
    with pytest.raises(e.InvalidNonce):
        request(protocol, access2, [SigningKey.generate()], nonce=stale, iat=clock.now())


def test_proof_rules(service, protocol, document, clock):
    access = redeem(protocol, service.create_offer(document.id, batch_size=2, actor="test"))
    holder = SigningKey.generate()
    with pytest.raises(e.InvalidProof, match="aud"):
        request(protocol, access, [holder], aud="https://other.example")
    with pytest.raises(e.InvalidProof, match="iat"):
        request(protocol, access, [holder], iat=clock.now() - 3600)
    with pytest.raises(e.InvalidProof, match="own holder key"):
        request(protocol, access, [holder, holder])
    nonce = protocol.nonce()["c_nonce"]
    jwts = [
        proof(holder, protocol.issuer, nonce, clock.now()),
        proof(SigningKey.generate(), protocol.issuer, protocol.nonce()["c_nonce"], clock.now()),
    ]
    with pytest.raises(e.InvalidProof, match="same c_nonce"):
        protocol.credential(
            access, {"credential_configuration_id": "id-card", "proofs": {"jwt": jwts}}
        )
    from crypto.jws import sign_compact

    wrong_typ = sign_compact(
        {"aud": protocol.issuer, "iat": clock.now(), "nonce": nonce},
        holder,
        typ="JWT",
        include_kid=False,
        extra_header={"jwk": holder.public_jwk()},
    )
    with pytest.raises(e.InvalidProof, match="typ"):
        protocol.credential(
            access, {"credential_configuration_id": "id-card", "proofs": {"jwt": [wrong_typ]}}
        )
    forged = proof(holder, protocol.issuer, nonce, clock.now())
    head, body, _ = forged.split(".")
    other = proof(SigningKey.generate(), protocol.issuer, nonce, clock.now()).split(".")[2]
    with pytest.raises(e.InvalidProof, match="does not verify"):
        protocol.credential(
            access,
            {
                "credential_configuration_id": "id-card",
                "proofs": {"jwt": [f"{head}.{body}.{other}"]},
            },
        )
    with pytest.raises(e.InvalidCredentialRequest):
        protocol.credential(
            access, {"credential_configuration_id": "id-card", "proof": {"jwt": forged}}
        )


def test_a_proof_is_used_once(service, protocol, document, clock):
    holder = SigningKey.generate()
    nonce = protocol.nonce()["c_nonce"]
    jwt = proof(holder, protocol.issuer, nonce, clock.now())
    access = redeem(protocol, service.create_offer(document.id, actor="test"))
    protocol.credential(
        access, {"credential_configuration_id": "id-card", "proofs": {"jwt": [jwt]}}
    )
    access2 = redeem(protocol, service.create_offer(document.id, actor="test"))
    with pytest.raises((e.InvalidProof, e.InvalidNonce)):
        protocol.credential(
            access2, {"credential_configuration_id": "id-card", "proofs": {"jwt": [jwt]}}
        )


def test_revoked_document_gets_no_offer_and_no_credential(service, protocol, document):
    access = redeem(protocol, service.create_offer(document.id, actor="test"))
    service.set_document_status(document.id, 1, actor="test")
    with pytest.raises(e.CredentialRequestDenied):
        request(protocol, access, [SigningKey.generate()])
    with pytest.raises(e.Conflict):
        service.create_offer(document.id, actor="test")
    with pytest.raises(e.Conflict, match="final"):
        service.set_document_status(document.id, 0, actor="test")


def test_suspend_and_reinstate(service, protocol, document):
    access = redeem(protocol, service.create_offer(document.id, actor="test"))
    request(protocol, access, [SigningKey.generate()])
    assert service.set_document_status(document.id, 2, actor="test") == 1
    assert service.set_document_status(document.id, 0, actor="test") == 1
    with pytest.raises(e.Conflict, match="suspended"):
        service.set_document_status(document.id, 0, actor="test")


def test_key_rotation_keeps_old_keys_published_while_needed(service, protocol, document, clock):
    access = redeem(protocol, service.create_offer(document.id, actor="test"))
    request(protocol, access, [SigningKey.generate()])
    old = service.keys.ensure().kid
    new = service.keys.rotate().kid
    assert new != old
    published = {protocol.jwt_vc_issuer_metadata()["jwks"]["keys"][i]["kid"] for i in range(2)}
    assert published == {old, new}
    clock.advance(366 * 86400)
    kids = {k["kid"] for k in protocol.jwt_vc_issuer_metadata()["jwks"]["keys"]}
    assert kids == {new}


def test_wrong_passphrase_is_a_clear_error(tmp_path, db_url, service):
    from issuer.keyring import KeyRing

    service.keys.ensure()
    wrong = KeyRing(service.sessions, b"not the passphrase", service.clock, "ES256")
    with pytest.raises(e.KeyStoreError, match="PASSPHRASE"):
        wrong.ensure()


def test_duplicates_are_conflicts(service, document):
    with pytest.raises(e.Conflict):
        service.enrol_person(PERSON, actor="test")
    other = service.enrol_person({**PERSON, "record_number": "19851102-00043"}, actor="test")
    with pytest.raises(e.Conflict):
        service.add_document(other.id, "id-card", ID_CARD, actor="test")


def test_audit_events_hold_no_personal_data(service, protocol, document):
    from sqlalchemy import select

    from issuer.storage.models import AuditEvent

    service.create_offer(document.id, actor="test")
    service.set_document_status(document.id, 2, actor="test")
    with service.sessions() as session:
        events = session.scalars(select(AuditEvent)).all()
    text = " ".join(f"{a.actor} {a.action} {a.target}" for a in events)
    assert {"person.enrol", "document.add", "offer.create", "document.suspended"} <= {
        a.action for a in events
    }
    for personal in ("Шевчук", "Тарас", "1985", "123456789", "00042"):
        assert personal not in text
