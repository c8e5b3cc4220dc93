"""One negative test per rejection rule of RFC 9901 §7 and of our SD-JWT VC profile."""

from __future__ import annotations

import base64
import json

import pytest

from crypto import KeyBindingExpectations, SigningKey, VcPolicy, verify_sd_jwt_vc
from crypto import errors as e
from crypto.b64 import b64url_encode
from crypto.jws import sign_compact
from crypto.sdjwt import SdJwtParts, issue_sd_jwt, present, sd, split_sd_jwt
from crypto.sdjwt.disclosure import digest_of
from crypto.sdjwt.key_binding import create_kb_jwt
from tests.factory import (
    NONCE,
    OFFLINE,
    OneKey,
    base_payload,
    credential,
    digest,
    disclosure,
    presentation,
    raw_sd_jwt,
)

NO_KB = VcPolicy(key_binding=None)
KB = VcPolicy(KeyBindingExpectations(aud=OFFLINE, nonce=NONCE))


def check(text, trust, clock, policy=NO_KB):
    return verify_sd_jwt_vc(text, keys=trust, policy=policy, clock=clock)


def test_valid_presentation_is_accepted(issuer_key, holder_key, trust, clock):
    result = check(presentation(issuer_key, holder_key), trust, clock, KB)
    assert result.claims["given_name"] == "Олена"
    assert "tax_number" not in result.claims
    assert result.sd_jwt.key_binding is not None


# --- RFC 9901 §7.1: the SD-JWT itself -------------------------------------------------


def test_rejects_missing_final_tilde(issuer_key, holder_key, trust, clock):
    text = credential(issuer_key, holder_key)
    with pytest.raises(e.MissingTrailingTilde):
        check(text.rstrip("~"), trust, clock)


def test_rejects_bare_jwt_without_any_tilde(issuer_key, holder_key, trust, clock):
    jwt = credential(issuer_key, holder_key).split("~")[0]
    with pytest.raises(e.MissingTrailingTilde):
        check(jwt, trust, clock)


def test_rejects_duplicate_digest_in_object(issuer_key, holder_key, trust, clock):
    d = disclosure("given_name", "Олена")
    payload = base_payload(holder_key, _sd=[digest(d), digest(d)])
    with pytest.raises(e.DuplicateDigest):
        check(raw_sd_jwt(payload, [d], issuer_key), trust, clock)


def test_rejects_duplicate_digest_across_object_and_array(issuer_key, holder_key, trust, clock):
    d = disclosure(None, "UA")
    payload = base_payload(holder_key, _sd=[digest(d)], nationalities=[{"...": digest(d)}])
    with pytest.raises(e.DuplicateDigest):
        check(raw_sd_jwt(payload, [], issuer_key), trust, clock)


def test_rejects_duplicate_disclosure(issuer_key, holder_key, trust, clock):
    d = disclosure("given_name", "Олена")
    payload = base_payload(holder_key, _sd=[digest(d)])
    with pytest.raises(e.DuplicateDisclosure):
        check(raw_sd_jwt(payload, [d, d], issuer_key), trust, clock)


def test_rejects_unreferenced_disclosure(issuer_key, holder_key, trust, clock):
    referenced = disclosure("given_name", "Олена")
    stray = disclosure("family_name", "Шевченко", salt="b3RoZXItc2FsdA")
    payload = base_payload(holder_key, _sd=[digest(referenced)])
    with pytest.raises(e.UnreferencedDisclosure):
        check(raw_sd_jwt(payload, [referenced, stray], issuer_key), trust, clock)


@pytest.mark.parametrize("name", ["_sd", "..."])
def test_rejects_disclosure_named_sd_or_ellipsis(issuer_key, holder_key, trust, clock, name):
    encoded = b64url_encode(json.dumps(["c2FsdA", name, "x"]).encode())
    payload = base_payload(holder_key, _sd=[digest_of(encoded)])
    with pytest.raises(e.ForbiddenClaimName):
        check(raw_sd_jwt(payload, [encoded], issuer_key), trust, clock)


@pytest.mark.parametrize("array", [["c2FsdA"], ["c2FsdA", "a", "b", "c"], {"salt": "x"}, "text"])
def test_rejects_disclosure_with_wrong_array_length(issuer_key, holder_key, trust, clock, array):
    encoded = b64url_encode(json.dumps(array).encode())
    payload = base_payload(holder_key)
    with pytest.raises(e.MalformedDisclosure):
        check(raw_sd_jwt(payload, [encoded], issuer_key), trust, clock)


def test_rejects_array_element_disclosure_referenced_from_object(
    issuer_key, holder_key, trust, clock
):
    d = disclosure(None, "UA")
    payload = base_payload(holder_key, _sd=[digest(d)])
    with pytest.raises(e.MalformedDisclosure):
        check(raw_sd_jwt(payload, [d], issuer_key), trust, clock)


def test_rejects_object_disclosure_referenced_from_array(issuer_key, holder_key, trust, clock):
    d = disclosure("nationality", "UA")
    payload = base_payload(holder_key, nationalities=[{"...": digest(d)}])
    with pytest.raises(e.MalformedDisclosure):
        check(raw_sd_jwt(payload, [d], issuer_key), trust, clock)


def test_rejects_claim_name_that_already_exists(issuer_key, holder_key, trust, clock):
    d = disclosure("given_name", "Олена")
    payload = base_payload(holder_key, given_name="Ivan", _sd=[digest(d)])
    with pytest.raises(e.ClaimAlreadyExists):
        check(raw_sd_jwt(payload, [d], issuer_key), trust, clock)


def test_rejects_unsupported_sd_alg(issuer_key, holder_key, trust, clock):
    payload = base_payload(holder_key, _sd_alg="md5")
    with pytest.raises(e.UnsupportedHashAlgorithm):
        check(raw_sd_jwt(payload, [], issuer_key), trust, clock)


def test_rejects_sd_alg_outside_policy(issuer_key, holder_key, trust, clock):
    payload = base_payload(holder_key, _sd_alg="sha-512")
    with pytest.raises(e.UnsupportedHashAlgorithm):
        check(raw_sd_jwt(payload, [], issuer_key), trust, clock)


def test_rejects_sd_that_is_not_an_array(issuer_key, holder_key, trust, clock):
    payload = base_payload(holder_key, _sd="digest")
    with pytest.raises(e.MalformedInput):
        check(raw_sd_jwt(payload, [], issuer_key), trust, clock)


def test_rejects_ellipsis_object_with_extra_keys(issuer_key, holder_key, trust, clock):
    d = disclosure(None, "UA")
    payload = base_payload(holder_key, nationalities=[{"...": digest(d), "x": 1}])
    with pytest.raises(e.MalformedInput):
        check(raw_sd_jwt(payload, [d], issuer_key), trust, clock)


# --- signature and algorithm ----------------------------------------------------------


def _resign_header(token: str, header: dict, signature: bytes = b"") -> str:
    parts = token.split("~")
    _, body, _ = parts[0].split(".")
    head = b64url_encode(json.dumps(header).encode())
    parts[0] = f"{head}.{body}.{b64url_encode(signature)}"
    return "~".join(parts)


def test_rejects_alg_none(issuer_key, holder_key, trust, clock):
    text = _resign_header(credential(issuer_key, holder_key), {"alg": "none", "typ": "dc+sd-jwt"})
    with pytest.raises(e.UnsupportedAlgorithm):
        check(text, trust, clock)


def test_rejects_hs256_signed_with_the_public_key(issuer_key, holder_key, trust, clock):
    import hashlib
    import hmac

    from crypto import public_jwk

    text = credential(issuer_key, holder_key)
    header = {"alg": "HS256", "typ": "dc+sd-jwt", "kid": issuer_key.kid}
    head = b64url_encode(json.dumps(header).encode())
    jwt, rest = text.split("~", 1)
    body = jwt.split(".")[1]
    secret = json.dumps(public_jwk(issuer_key.private_key)).encode()
    mac = hmac.new(secret, f"{head}.{body}".encode(), hashlib.sha256).digest()
    with pytest.raises(e.UnsupportedAlgorithm):
        check(f"{head}.{body}.{b64url_encode(mac)}~{rest}", trust, clock)


def test_rejects_es256_header_on_an_eddsa_signature(holder_key, clock):
    from crypto import IssuerKeys, Jwks
    from tests.conftest import ISSUER

    ed_key = SigningKey.generate("EdDSA")
    text = credential(ed_key, holder_key)
    head = json.loads(base64.urlsafe_b64decode(text.split(".")[0] + "=="))
    head["alg"] = "ES256"
    forged = _resign_header(
        text, head, base64.urlsafe_b64decode(text.split("~")[0].split(".")[2] + "==")
    )
    with pytest.raises(e.InvalidSignature):
        check(forged, IssuerKeys({ISSUER: Jwks.of([ed_key])}), clock)


def test_rejects_bad_issuer_signature(issuer_key, holder_key, trust, clock):
    other = SigningKey.generate("ES256", kid=issuer_key.kid)
    with pytest.raises(e.InvalidSignature) as caught:
        check(credential(other, holder_key), trust, clock)
    assert str(caught.value) == "[signature_invalid] signature does not verify"


def test_rejects_tampered_payload(issuer_key, holder_key, trust, clock):
    text = credential(issuer_key, holder_key)
    jwt, rest = text.split("~", 1)
    head, body, sig = jwt.split(".")
    payload = json.loads(base64.urlsafe_b64decode(body + "=="))
    payload["exp"] += 10**6
    forged = f"{head}.{b64url_encode(json.dumps(payload).encode())}.{sig}~{rest}"
    with pytest.raises(e.InvalidSignature):
        check(forged, trust, clock)


def test_rejects_unknown_issuer(issuer_key, holder_key, trust, clock):
    with pytest.raises(e.UnknownKey):
        check(credential(issuer_key, holder_key, issuer="https://evil.example"), trust, clock)


def test_rejects_unknown_kid(holder_key, trust, clock):
    stranger = SigningKey.generate("ES256")
    with pytest.raises(e.UnknownKey):
        check(credential(stranger, holder_key), trust, clock)


def test_rejects_critical_header(issuer_key, holder_key, trust, clock):
    payload = base_payload(holder_key)
    jwt = sign_compact(payload, issuer_key, typ="dc+sd-jwt", extra_header={"crit": ["x"], "x": 1})
    with pytest.raises(e.MalformedInput):
        check(jwt + "~", trust, clock)


def test_rejects_duplicate_json_member_names(issuer_key, holder_key, trust, clock):
    text = credential(issuer_key, holder_key)
    jwt, rest = text.split("~", 1)
    head, body, sig = jwt.split(".")
    raw = base64.urlsafe_b64decode(body + "==").decode()
    doubled = raw[:-1] + ',"vct":"urn:other"}'
    forged = f"{head}.{b64url_encode(doubled.encode())}.{sig}~{rest}"
    with pytest.raises(e.MalformedInput):
        check(forged, trust, clock)


# --- SD-JWT VC profile ----------------------------------------------------------------


def test_rejects_wrong_typ(issuer_key, holder_key, trust, clock):
    with pytest.raises(e.WrongType):
        check(raw_sd_jwt(base_payload(holder_key), [], issuer_key, typ="JWT"), trust, clock)


def test_rejects_legacy_typ_unless_allowed(issuer_key, holder_key, trust, clock):
    text = raw_sd_jwt(base_payload(holder_key), [], issuer_key, typ="vc+sd-jwt")
    with pytest.raises(e.WrongType):
        check(text, trust, clock)
    legacy = VcPolicy(key_binding=None, accept_legacy_typ=True)
    assert check(text, trust, clock, legacy).vct == "urn:ua:posvid:id-card:1"


@pytest.mark.parametrize("claim", ["vct", "iss"])
def test_rejects_missing_required_claim(holder_key, clock, claim, issuer_key):
    payload = base_payload(holder_key)
    del payload[claim]
    with pytest.raises(e.MissingClaim):
        check(raw_sd_jwt(payload, [], issuer_key), OneKey(issuer_key), clock)


@pytest.mark.parametrize("claim", ["iss", "iat", "nbf", "exp", "cnf", "vct", "status"])
def test_rejects_always_visible_claim_made_disclosable(issuer_key, holder_key, clock, claim):
    payload = base_payload(holder_key)
    value = payload.pop(claim, 1_700_000_000)
    if claim == "status":
        value = {"status_list": {"idx": 1, "uri": "https://x.example/1"}}
    d = disclosure(claim, value)
    payload["_sd"] = [digest(d)]
    with pytest.raises(e.NotSelectivelyDisclosable):
        check(raw_sd_jwt(payload, [d], issuer_key), OneKey(issuer_key), clock)


def test_issuance_refuses_to_hide_registered_claims(issuer_key, holder_key):
    from crypto import issue_sd_jwt_vc

    with pytest.raises(e.NotSelectivelyDisclosable):
        issue_sd_jwt_vc(
            {"exp": sd(1)}, issuer="x", vct="y", signing_key=issuer_key, holder_jwk=None, iat=0
        )
    with pytest.raises(e.NotSelectivelyDisclosable):
        issue_sd_jwt(
            {"vct": sd("y")}, signing_key=issuer_key, typ="dc+sd-jwt", always_visible={"vct"}
        )


def test_rejects_expired(issuer_key, holder_key, trust, clock):
    text = credential(issuer_key, holder_key, exp=clock.now() - 31)
    with pytest.raises(e.Expired):
        check(text, trust, clock)


def test_expiry_leeway_is_honoured(issuer_key, holder_key, trust, clock):
    text = credential(issuer_key, holder_key, exp=clock.now() - 29)
    assert check(text, trust, clock).vct
    with pytest.raises(e.Expired):
        check(text, trust, clock, VcPolicy(key_binding=None, leeway=0))


def test_rejects_not_yet_valid(issuer_key, holder_key, trust, clock):
    with pytest.raises(e.NotYetValid):
        check(credential(issuer_key, holder_key, nbf=clock.now() + 31), trust, clock)


def test_rejects_issued_in_future(issuer_key, holder_key, trust, clock):
    with pytest.raises(e.IssuedInFuture):
        check(credential(issuer_key, holder_key, iat=clock.now() + 31), trust, clock)


def test_rejects_non_integer_exp(issuer_key, holder_key, trust, clock):
    payload = base_payload(holder_key, exp="tomorrow")
    with pytest.raises(e.MalformedInput):
        check(raw_sd_jwt(payload, [], issuer_key), trust, clock)


def test_rejects_malformed_status_claim(issuer_key, holder_key, trust, clock):
    payload = base_payload(holder_key, status={"status_list": {"idx": -1, "uri": "x"}})
    with pytest.raises(e.StatusListError):
        check(raw_sd_jwt(payload, [], issuer_key), trust, clock)


# --- key binding (RFC 9901 §7.3) ------------------------------------------------------


def test_key_binding_required_but_missing(issuer_key, holder_key, trust, clock):
    text = present(credential(issuer_key, holder_key), disclose=["given_name"])
    with pytest.raises(e.KeyBindingMissing):
        check(text, trust, clock, KB)


def test_key_binding_not_required_does_not_evaluate_a_presented_kb(
    issuer_key, holder_key, trust, clock
):
    text = presentation(issuer_key, holder_key, aud="someone-else")
    result = check(text, trust, clock, NO_KB)
    assert result.sd_jwt.key_binding is None


def test_rejects_kb_signed_by_another_key(issuer_key, holder_key, trust, clock):
    thief = SigningKey.generate("ES256")
    text = present(
        credential(issuer_key, holder_key),
        disclose=["given_name"],
        holder_key=thief,
        aud=OFFLINE,
        nonce=NONCE,
        iat=clock.now(),
    )
    with pytest.raises(e.InvalidSignature):
        check(text, trust, clock, KB)


def test_rejects_kb_without_holder_key_in_cnf(issuer_key, holder_key, trust, clock):
    text = credential(issuer_key, holder_key, holder_jwk=None)
    text = present(
        text,
        disclose=["given_name"],
        holder_key=holder_key,
        aud=OFFLINE,
        nonce=NONCE,
        iat=clock.now(),
    )
    with pytest.raises(e.KeyBindingError):
        check(text, trust, clock, KB)


def test_rejects_kb_with_wrong_typ(issuer_key, holder_key, trust, clock):
    parts = split_sd_jwt(present(credential(issuer_key, holder_key), disclose=["given_name"]))

    payload = {
        "iat": clock.now(),
        "aud": OFFLINE,
        "nonce": NONCE,
        "sd_hash": digest_of(parts.without_key_binding),
    }
    kb = sign_compact(payload, holder_key, typ="JWT", include_kid=False)
    with pytest.raises(e.WrongType):
        check(parts.without_key_binding + kb, trust, clock, KB)


def test_rejects_kb_for_another_audience(issuer_key, holder_key, trust, clock):
    with pytest.raises(e.AudienceMismatch):
        check(presentation(issuer_key, holder_key, aud="https://bank.example"), trust, clock, KB)


def test_rejects_kb_with_wrong_nonce(issuer_key, holder_key, trust, clock):
    text = presentation(issuer_key, holder_key, nonce="another-nonce-another-nonce")
    with pytest.raises(e.NonceMismatch):
        check(text, trust, clock, KB)


def test_rejects_kb_with_short_nonce_when_any_nonce_is_accepted(
    issuer_key, holder_key, trust, clock
):
    one_way = VcPolicy(KeyBindingExpectations(aud=OFFLINE, nonce=None))
    assert check(presentation(issuer_key, holder_key), trust, clock, one_way)
    with pytest.raises(e.NonceMismatch):
        check(presentation(issuer_key, holder_key, nonce="short"), trust, clock, one_way)


def test_rejects_stale_kb(issuer_key, holder_key, trust, clock):
    text = presentation(issuer_key, holder_key, iat=clock.now() - 181)
    with pytest.raises(e.KeyBindingStale):
        check(text, trust, clock, KB)
    assert check(presentation(issuer_key, holder_key, iat=clock.now() - 180), trust, clock, KB)


def test_rejects_kb_from_the_future(issuer_key, holder_key, trust, clock):
    with pytest.raises(e.KeyBindingFromFuture):
        check(presentation(issuer_key, holder_key, iat=clock.now() + 31), trust, clock, KB)


def test_rejects_kb_whose_sd_hash_does_not_match(issuer_key, holder_key, trust, clock):
    text = presentation(issuer_key, holder_key)
    parts = split_sd_jwt(text)
    fewer = SdJwtParts(parts.issuer_jwt, parts.disclosures[1:], parts.kb_jwt)
    with pytest.raises(e.SdHashMismatch):
        check(fewer.serialize(), trust, clock, KB)


def test_rejects_kb_with_sd_hash_over_other_disclosures(issuer_key, holder_key, trust, clock):
    text = present(credential(issuer_key, holder_key), disclose=["given_name"])
    parts = split_sd_jwt(text)
    kb = create_kb_jwt(
        parts.issuer_jwt + "~",
        holder_key=holder_key,
        aud=OFFLINE,
        nonce=NONCE,
        iat=clock.now(),
        hash_alg="sha-256",
    )
    with pytest.raises(e.SdHashMismatch):
        check(text + kb, trust, clock, KB)
