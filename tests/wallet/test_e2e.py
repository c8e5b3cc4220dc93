"""Done-when of the wallet issue: the real issuer, the wallet, QR PNGs verified by others."""

from __future__ import annotations

import time

import pytest
from jwcrypto.jwk import JWK
from sd_jwt.verifier import SDJWTVerifier

from crypto import (
    IssuerKeys,
    Jwks,
    KeyBindingExpectations,
    PresentationRequest,
    SystemClock,
    VcPolicy,
    decode_qr_payload,
    jwk_thumbprint,
    verify_sd_jwt_vc,
)
from posvid.common.qr_render import render_png
from posvid.common.qr_scan import scan_image
from posvid.common.vocabulary import OFFLINE_AUDIENCE
from tests.support.roles import CITIZEN, PIN
from wallet import errors as e
from wallet.presenting import PORTRAIT_SHOWN
from wallet.service import Wallet
from wallet.settings import WalletSettings
from wallet.views import StatusResult

pytestmark = pytest.mark.e2e


def trust_of(base: str) -> IssuerKeys:
    import httpx

    return IssuerKeys(
        {base: Jwks.from_dict(httpx.get(f"{base}/.well-known/jwt-vc-issuer").json()["jwks"])}
    )


def scan_and_verify(payload: str, keys: IssuerKeys, tmp_path, aud=OFFLINE_AUDIENCE, nonce=None):
    path = tmp_path / "shown.png"
    path.write_bytes(render_png(payload))
    text = decode_qr_payload(scan_image(path.read_bytes()).payloads[0])
    policy = VcPolicy(KeyBindingExpectations(aud=aud, nonce=nonce))
    return text, verify_sd_jwt_vc(text, keys=keys, policy=policy, clock=SystemClock())


def test_accept_present_each_preset_and_verify(issuer, offer, wallet, tmp_path):
    base, _, _ = issuer
    unlocked = wallet.unlock(PIN)
    card = unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=3)
    assert card.unused_credentials == {"id-card": 3, "id-card-border": 3, "id-card-age": 3}
    assert card.display_name["en"] == "Ukrainian ID card"
    keys = trust_of(base)

    border = unlocked.present(card.id, preset="border")
    _, verified = scan_and_verify(border.payload, keys, tmp_path)
    assert (
        verified.vct == "urn:ua:posvid:id-card-border:1"
    )  # the smallest credential that covers it
    assert set(verified.claims) >= {"family_name_latin", "document_number", "expiry_date"}
    assert "tax_number" not in verified.claims

    age = unlocked.present(card.id, preset="age18")
    _, verified = scan_and_verify(age.payload, keys, tmp_path)
    assert verified.vct == "urn:ua:posvid:id-card-age:1"
    assert verified.claims["age_equal_or_over"] == {"18": True}
    assert len(age.payload) < len(border.payload)

    full = unlocked.present(card.id, preset="full")
    _text, verified = (
        scan_and_verify(full.payload, keys, tmp_path)
        if len(full.payload) < 2900
        else (
            full.sd_jwt,
            verify_sd_jwt_vc(
                full.sd_jwt,
                keys=keys,
                clock=SystemClock(),
                policy=VcPolicy(KeyBindingExpectations(aud=OFFLINE_AUDIENCE)),
            ),
        )
    )
    assert verified.vct == "urn:ua:posvid:id-card:1"
    assert verified.claims["record_number"] == "19900315-01234"
    assert "the portrait is disclosed" in full.warnings

    # the reference implementation verifies the SD-JWT part of what the wallet showed
    reference = SDJWTVerifier(
        border.sd_jwt,
        lambda iss, header: JWK.from_pyca(keys.resolve(iss, header["kid"])),
        expected_aud=border.audience,
        expected_nonce=border.nonce,
    )
    assert reference.get_verified_payload()["given_name_latin"] == "Olena"

    history = unlocked.history()
    assert [h.claims for h in history][::-1][:2] == [border.claims, ("age_equal_or_over.18",)]
    assert unlocked.status() == [StatusResult(card.id, "id-card", "valid")]


def test_each_presentation_uses_a_fresh_credential_then_warns(issuer, offer, wallet, tmp_path):
    base, _, _ = issuer
    unlocked = wallet.unlock(PIN)
    card = unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=3)
    keys = trust_of(base)
    holders, types = set(), []
    for _ in range(6):
        shown = unlocked.present(card.id, preset="age18")
        assert shown.warnings == ()
        _, verified = scan_and_verify(shown.payload, keys, tmp_path)
        holders.add(jwk_thumbprint(verified.sd_jwt.payload["cnf"]["jwk"]))
        types.append(verified.vct.split(":")[-2])
    assert len(holders) == 6  # verifiers cannot link them by key
    # the smallest credential first; an unused bigger one before reusing a small one
    assert types == ["id-card-age"] * 3 + ["id-card"] * 3
    again = unlocked.present(card.id, preset="age18")
    assert "could link" in again.warnings[0]


def test_two_way_request(issuer, offer, wallet, tmp_path):
    base, _, _ = issuer
    unlocked = wallet.unlock(PIN)
    card = unlocked.accept(offer.credential_offer_uri, offer.tx_code)
    request = PresentationRequest(
        "https://bank.posvid.example",
        "cmVxdWVzdC1ub25jZS0xMjM0NTY",
        ("given_name", "family_name"),
        int(time.time()) + 120,
    )
    shown = unlocked.present(card.id, request=request.encode())
    _, verified = scan_and_verify(
        shown.payload, trust_of(base), tmp_path, aud=request.aud, nonce=request.nonce
    )
    assert set(verified.claims) & {"given_name", "family_name", "birth_date"} == {
        "given_name",
        "family_name",
    }
    assert unlocked.history()[0].audience == "https://bank.posvid.example"
    expired = PresentationRequest(request.aud, request.nonce, request.claims, int(time.time()) - 1)
    with pytest.raises(e.RequestError, match="expired"):
        unlocked.present(card.id, request=expired.encode())
    with pytest.raises(e.RequestError):
        unlocked.present(card.id, request="PVQ1:not base45 ~~")


def test_revocation_shows_in_status(issuer, wallet):
    _base, service, _ = issuer
    person = service.enrol_person(
        {
            **CITIZEN,
            "tax_number": None,
            "record_number": "19900315-09999",
        },
        actor="t",
    )
    document = service.add_document(
        person.id,
        "id-card",
        {"document_number": "777888999", "issue_date": "2021-01-01", "issuing_authority": "0512"},
        actor="t",
    )
    offer = service.create_offer(document.id, actor="t")
    unlocked = wallet.unlock(PIN)
    card = unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=1)
    service.set_document_status(document.id, 1, actor="t")
    assert unlocked.status()[0].status == "revoked"
    assert unlocked.card_summary(card.id).status == "revoked"


def test_offer_from_a_photo_of_its_qr(issuer, offer, wallet, tmp_path):
    picture = tmp_path / "offer.png"
    picture.write_bytes(render_png(offer.credential_offer_uri, module_px=6))
    card = wallet.unlock(PIN).accept(str(picture), offer.tx_code, batch=1)
    assert card.type == "id-card"
    assert card.vct == "urn:ua:posvid:id-card:1"


def test_wrong_tx_code_and_missing_tx_code(issuer, offer, wallet):
    unlocked = wallet.unlock(PIN)
    with pytest.raises(e.OfferError, match="transaction code"):
        unlocked.accept(offer.credential_offer_uri, None)
    with pytest.raises(e.OfferError, match="invalid_grant"):
        unlocked.accept(
            offer.credential_offer_uri, "000000" if offer.tx_code != "000000" else "111111"
        )
    assert unlocked.cards() == []


def test_a_bad_credential_means_nothing_is_kept(issuer, offer, wallet, monkeypatch):
    from wallet import client

    original = client.check_credential
    calls = {"n": 0}

    def sometimes(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 5:
            raise e.CredentialRejected(
                "a credential is not bound to this wallet's key", field="cnf"
            )
        return original(*args, **kwargs)

    monkeypatch.setattr(client, "check_credential", sometimes)
    unlocked = wallet.unlock(PIN)
    with pytest.raises(e.CredentialRejected, match="bound"):
        unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=3)
    assert unlocked.cards() == []


def test_backup_restore_round_trip(issuer, offer, wallet, tmp_path):
    unlocked = wallet.unlock(PIN)
    card = unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=2)
    unlocked.present(card.id, preset="border")
    backup = tmp_path / "wallet.backup"
    assert unlocked.export_backup(backup, "a long backup passphrase") == 1
    assert b"Kovalenko" not in backup.read_bytes()

    other = Wallet(WalletSettings(home=tmp_path / "new-phone"), http=wallet.http)
    other.init("975310")
    restored = other.unlock("975310")
    with pytest.raises(e.WrongPassphrase):
        restored.import_backup(backup, "not the passphrase")
    damaged = tmp_path / "damaged.backup"
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged.write_bytes(bytes(data))
    with pytest.raises(e.BackupError):
        restored.import_backup(damaged, "a long backup passphrase")
    (tmp_path / "junk").write_bytes(b"hello")
    with pytest.raises(e.BackupError, match="not a Posvid wallet backup"):
        restored.import_backup(tmp_path / "junk", "a long backup passphrase")
    assert restored.cards() == []
    assert restored.import_backup(backup, "a long backup passphrase") == 1
    assert restored.cards() == unlocked.cards()
    assert restored.history() == unlocked.history()
    assert restored.show(card.id).claims == unlocked.show(card.id).claims
    assert restored.present(card.id, preset="age18").payload.startswith("PV2:")
    other.close()


def test_renewing_a_qr_on_screen_keeps_its_credential_and_history_entry(
    issuer, offer, wallet, tmp_path
):
    base, _, _ = issuer
    unlocked = wallet.unlock(PIN)
    card = unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=3)
    first = unlocked.present(card.id, preset="border")
    renewed = unlocked.present(card.id, preset="border", renew=first.credential_id)
    assert renewed.credential_id == first.credential_id
    assert renewed.warnings == (PORTRAIT_SHOWN,)  # never REUSED; the card's photo is shown
    assert renewed.nonce != first.nonce
    assert len(unlocked.history()) == 1
    _, verified = scan_and_verify(renewed.payload, trust_of(base), tmp_path)
    assert verified.vct == "urn:ua:posvid:id-card-border:1"
    other = unlocked.present(card.id, preset="border")
    assert other.credential_id != first.credential_id
    assert len(unlocked.history()) == 2
