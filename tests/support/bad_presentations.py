"""The crypto core's negative suite as data: one crafted bad presentation per rejection rule.

``tests/crypto/test_verification_rules.py`` runs each through ``verify_sd_jwt_vc`` and
expects its error class; ``tests/verifier/test_checks.py`` runs the same presentations
through ``verifier.checks.verify`` and expects a non-valid verdict with ``check`` failed:
the shipped verifier and the crypto core are one implementation, held by one suite.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from crypto import IssuerKeys, Jwks, KeyResolver, SigningKey, public_jwk
from crypto import errors as e
from crypto.b64 import b64url_encode
from crypto.jws import sign_compact
from crypto.sdjwt import SdJwtParts, present, split_sd_jwt
from crypto.sdjwt.disclosure import digest_of
from crypto.sdjwt.key_binding import create_kb_jwt
from tests.support.factory import (
    ISSUER,
    NONCE,
    NOW,
    OFFLINE,
    OneKey,
    base_payload,
    credential,
    digest,
    disclosure,
    presentation,
    raw_sd_jwt,
)


@dataclass(frozen=True)
class Keys:
    """The keys a case is built with."""

    issuer: SigningKey
    holder: SigningKey


@dataclass(frozen=True)
class Crafted:
    """A bad presentation, and the issuer keys to check it with (None: the usual issuer)."""

    text: str
    keys: KeyResolver | None = None
    issuer_key: SigningKey | None = None  # the key a verifier's trust store must hold


@dataclass(frozen=True)
class Case:
    """One rejection rule: how to break a presentation, and what each verifier must say.

    ``key_binding``: the crypto core checks it with key binding required (aud ``OFFLINE``,
    nonce ``NONCE``); otherwise without, and the verifier test adds a valid KB-JWT.
    ``check``: the verifier check that must fail; None with ``why`` when the verifier's
    own policy accepts what the crypto core's stricter expectation refuses.
    """

    name: str
    build: Callable[[Keys], Crafted]
    error: type[e.CryptoError]
    check: str | None
    key_binding: bool = False
    why: str = ""


def _plain(text: str) -> Crafted:
    return Crafted(text)


def _resign_header(token: str, header: dict[str, Any], signature: bytes = b"") -> str:
    parts = token.split("~")
    _, body, _ = parts[0].split(".")
    head = b64url_encode(json.dumps(header).encode())
    parts[0] = f"{head}.{body}.{b64url_encode(signature)}"
    return "~".join(parts)


def _edit_payload(text: str, edit: Callable[[str], str]) -> str:
    """Rewrite the issuer JWT's payload JSON text, keeping the old signature."""
    jwt, rest = text.split("~", 1)
    head, body, sig = jwt.split(".")
    raw = base64.urlsafe_b64decode(body + "==").decode()
    return f"{head}.{b64url_encode(edit(raw).encode())}.{sig}~{rest}"


def _raw(k: Keys, disclosures: list[Any] | None = None, **payload: Any) -> Crafted:
    return Crafted(raw_sd_jwt(base_payload(k.holder, **payload), disclosures or [], k.issuer))


# --- RFC 9901 §7.1: the SD-JWT itself -----------------------------------------------------


def no_final_tilde(k: Keys) -> Crafted:
    return _plain(credential(k.issuer, k.holder).rstrip("~"))


def bare_jwt(k: Keys) -> Crafted:
    return _plain(credential(k.issuer, k.holder).split("~")[0])


def duplicate_digest_in_object(k: Keys) -> Crafted:
    d = disclosure("given_name", "Олена")
    return _raw(k, [d], _sd=[digest(d), digest(d)])


def duplicate_digest_across_object_and_array(k: Keys) -> Crafted:
    d = disclosure(None, "UA")
    return _raw(k, [], _sd=[digest(d)], nationalities=[{"...": digest(d)}])


def duplicate_disclosure(k: Keys) -> Crafted:
    d = disclosure("given_name", "Олена")
    return _raw(k, [d, d], _sd=[digest(d)])


def unreferenced_disclosure(k: Keys) -> Crafted:
    referenced = disclosure("given_name", "Олена")
    stray = disclosure("family_name", "Шевченко", salt="b3RoZXItc2FsdA")
    return _raw(k, [referenced, stray], _sd=[digest(referenced)])


def disclosure_named(name: str) -> Callable[[Keys], Crafted]:
    def build(k: Keys) -> Crafted:
        encoded = b64url_encode(json.dumps(["c2FsdA", name, "x"]).encode())
        return _raw(k, [encoded], _sd=[digest_of(encoded)])

    return build


def disclosure_shaped(array: Any) -> Callable[[Keys], Crafted]:
    def build(k: Keys) -> Crafted:
        encoded = b64url_encode(json.dumps(array).encode())
        return _raw(k, [encoded], _sd=[digest_of(encoded)])

    return build


def array_disclosure_from_object(k: Keys) -> Crafted:
    d = disclosure(None, "UA")
    return _raw(k, [d], _sd=[digest(d)])


def object_disclosure_from_array(k: Keys) -> Crafted:
    d = disclosure("nationality", "UA")
    return _raw(k, [d], nationalities=[{"...": digest(d)}])


def claim_already_exists(k: Keys) -> Crafted:
    d = disclosure("given_name", "Олена")
    return _raw(k, [d], given_name="Ivan", _sd=[digest(d)])


def ellipsis_outside_array(k: Keys) -> Crafted:
    return _raw(k, [], address={"...": "x"})


def sd_not_an_array(k: Keys) -> Crafted:
    return _raw(k, [], _sd="digest")


def ellipsis_object_with_extra_keys(k: Keys) -> Crafted:
    d = disclosure(None, "UA")
    return _raw(k, [d], nationalities=[{"...": digest(d), "x": 1}])


# --- signature and algorithm --------------------------------------------------------------


def alg_none(k: Keys) -> Crafted:
    return _plain(
        _resign_header(credential(k.issuer, k.holder), {"alg": "none", "typ": "dc+sd-jwt"})
    )


def hs256_with_the_public_key(k: Keys) -> Crafted:
    text = credential(k.issuer, k.holder)
    header = {"alg": "HS256", "typ": "dc+sd-jwt", "kid": k.issuer.kid}
    head = b64url_encode(json.dumps(header).encode())
    jwt, rest = text.split("~", 1)
    body = jwt.split(".")[1]
    secret = json.dumps(public_jwk(k.issuer.private_key)).encode()
    mac = hmac.new(secret, f"{head}.{body}".encode(), hashlib.sha256).digest()
    return _plain(f"{head}.{body}.{b64url_encode(mac)}~{rest}")


def es256_header_on_eddsa_signature(k: Keys) -> Crafted:
    ed_key = SigningKey.generate("EdDSA")
    text = credential(ed_key, k.holder)
    head = json.loads(base64.urlsafe_b64decode(text.split(".")[0] + "=="))
    head["alg"] = "ES256"
    signature = base64.urlsafe_b64decode(text.split("~")[0].split(".")[2] + "==")
    forged = _resign_header(text, head, signature)
    return Crafted(forged, IssuerKeys({ISSUER: Jwks.of([ed_key])}), ed_key)


def signed_by_another_key(k: Keys) -> Crafted:
    return _plain(credential(SigningKey.generate("ES256", kid=k.issuer.kid), k.holder))


def tampered_payload(k: Keys) -> Crafted:
    def later(raw: str) -> str:
        payload = json.loads(raw)
        payload["exp"] += 10**6
        return json.dumps(payload)

    return _plain(_edit_payload(credential(k.issuer, k.holder), later))


def unknown_issuer(k: Keys) -> Crafted:
    return _plain(credential(k.issuer, k.holder, issuer="https://evil.example"))


def unknown_kid(k: Keys) -> Crafted:
    return _plain(credential(SigningKey.generate("ES256"), k.holder))


def critical_header(k: Keys) -> Crafted:
    payload = base_payload(k.holder)
    extra = {"crit": ["x"], "x": 1}
    return _plain(sign_compact(payload, k.issuer, typ="dc+sd-jwt", extra_header=extra) + "~")


def duplicate_json_member(k: Keys) -> Crafted:
    return _plain(
        _edit_payload(credential(k.issuer, k.holder), lambda raw: raw[:-1] + ',"vct":"x"}')
    )


# --- SD-JWT VC profile --------------------------------------------------------------------


def typ(value: str) -> Callable[[Keys], Crafted]:
    return lambda k: Crafted(raw_sd_jwt(base_payload(k.holder), [], k.issuer, typ=value))


def without(claim: str) -> Callable[[Keys], Crafted]:
    def build(k: Keys) -> Crafted:
        payload = base_payload(k.holder)
        del payload[claim]
        return Crafted(raw_sd_jwt(payload, [], k.issuer), OneKey(k.issuer))

    return build


def always_visible_disclosed(claim: str) -> Callable[[Keys], Crafted]:
    def build(k: Keys) -> Crafted:
        payload = base_payload(k.holder)
        value = payload.pop(claim, NOW - 60)
        if claim == "status":
            value = {"status_list": {"idx": 1, "uri": "https://x.example/1"}}
        d = disclosure(claim, value)
        payload["_sd"] = [digest(d)]
        return Crafted(raw_sd_jwt(payload, [d], k.issuer), OneKey(k.issuer))

    return build


def dated(**times: int) -> Callable[[Keys], Crafted]:
    return lambda k: _plain(credential(k.issuer, k.holder, **times))


# --- key binding (RFC 9901 §7.3) ----------------------------------------------------------


def kb_missing(k: Keys) -> Crafted:
    return _plain(present(credential(k.issuer, k.holder), disclose=["given_name"]))


def _kb_by(signer: SigningKey, k: Keys, **overrides: Any) -> str:
    text = credential(k.issuer, k.holder, **overrides)
    return present(
        text, disclose=["given_name"], holder_key=signer, aud=OFFLINE, nonce=NONCE, iat=NOW
    )


def kb_by_another_key(k: Keys) -> Crafted:
    return _plain(_kb_by(SigningKey.generate("ES256"), k))


def kb_without_holder_key(k: Keys) -> Crafted:
    return _plain(_kb_by(k.holder, k, holder_jwk=None))


def kb_claims(**payload: Any) -> Callable[[Keys], Crafted]:
    """A KB-JWT signed by the holder over the presentation, with ``payload`` overridden."""

    def build(k: Keys) -> Crafted:
        parts = split_sd_jwt(present(credential(k.issuer, k.holder), disclose=["given_name"]))
        claims = {
            "iat": NOW,
            "aud": OFFLINE,
            "nonce": NONCE,
            "sd_hash": digest_of(parts.without_key_binding),
            **payload,
        }
        typ = claims.pop("typ", "kb+jwt")
        kb = sign_compact(claims, k.holder, typ=typ, include_kid=False)
        return _plain(parts.without_key_binding + kb)

    return build


def shown(**kb: Any) -> Callable[[Keys], Crafted]:
    return lambda k: _plain(presentation(k.issuer, k.holder, **kb))


def sd_hash_over_fewer_disclosures(k: Keys) -> Crafted:
    parts = split_sd_jwt(presentation(k.issuer, k.holder))
    return _plain(SdJwtParts(parts.issuer_jwt, parts.disclosures[1:], parts.kb_jwt).serialize())


def sd_hash_over_other_disclosures(k: Keys) -> Crafted:
    text = present(credential(k.issuer, k.holder), disclose=["given_name"])
    parts = split_sd_jwt(text)
    kb = create_kb_jwt(
        parts.issuer_jwt + "~",
        holder_key=k.holder,
        aud=OFFLINE,
        nonce=NONCE,
        iat=NOW,
        hash_alg="sha-256",
    )
    return _plain(text + kb)


ALWAYS_VISIBLE = ("iss", "iat", "nbf", "exp", "cnf", "vct", "status")

CASES: tuple[Case, ...] = (
    Case("no final tilde", no_final_tilde, e.MissingTrailingTilde, "readable"),
    Case("bare JWT without any tilde", bare_jwt, e.MissingTrailingTilde, "readable"),
    Case(
        "duplicate digest in an object",
        duplicate_digest_in_object,
        e.DuplicateDigest,
        "disclosures",
    ),
    Case(
        "duplicate digest across object and array",
        duplicate_digest_across_object_and_array,
        e.DuplicateDigest,
        "disclosures",
    ),
    Case("duplicate disclosure", duplicate_disclosure, e.DuplicateDisclosure, "disclosures"),
    Case(
        "unreferenced disclosure", unreferenced_disclosure, e.UnreferencedDisclosure, "disclosures"
    ),
    Case("disclosure named _sd", disclosure_named("_sd"), e.ForbiddenClaimName, "disclosures"),
    Case("disclosure named ...", disclosure_named("..."), e.ForbiddenClaimName, "disclosures"),
    Case(
        "disclosure of one element",
        disclosure_shaped(["c2FsdA"]),
        e.MalformedDisclosure,
        "disclosures",
    ),
    Case(
        "disclosure of four elements",
        disclosure_shaped(["c2FsdA", "a", "b", "c"]),
        e.MalformedDisclosure,
        "disclosures",
    ),
    Case(
        "disclosure that is an object",
        disclosure_shaped({"salt": "x"}),
        e.MalformedDisclosure,
        "disclosures",
    ),
    Case(
        "disclosure that is a string",
        disclosure_shaped("text"),
        e.MalformedDisclosure,
        "disclosures",
    ),
    Case(
        "disclosure with a numeric salt",
        disclosure_shaped([1, "a", "b"]),
        e.MalformedDisclosure,
        "disclosures",
    ),
    Case(
        "disclosure with a numeric name",
        disclosure_shaped(["c2FsdA", 7, "b"]),
        e.MalformedDisclosure,
        "disclosures",
    ),
    Case(
        "array-element disclosure referenced from an object",
        array_disclosure_from_object,
        e.MalformedDisclosure,
        "disclosures",
    ),
    Case(
        "object disclosure referenced from an array",
        object_disclosure_from_array,
        e.MalformedDisclosure,
        "disclosures",
    ),
    Case(
        "disclosed claim that already exists",
        claim_already_exists,
        e.ClaimAlreadyExists,
        "disclosures",
    ),
    Case("'...' outside an array", ellipsis_outside_array, e.MalformedInput, "disclosures"),
    Case(
        "unsupported _sd_alg",
        lambda k: _raw(k, _sd_alg="md5"),
        e.UnsupportedHashAlgorithm,
        "disclosures",
    ),
    Case(
        "_sd_alg outside the policy",
        lambda k: _raw(k, _sd_alg="sha-512"),
        e.UnsupportedHashAlgorithm,
        "disclosures",
    ),
    Case("_sd that is not an array", sd_not_an_array, e.MalformedInput, "disclosures"),
    Case(
        "digest that is not a string", lambda k: _raw(k, _sd=[7]), e.MalformedInput, "disclosures"
    ),
    Case(
        "'...' object with extra keys",
        ellipsis_object_with_extra_keys,
        e.MalformedInput,
        "disclosures",
    ),
    Case("alg none", alg_none, e.UnsupportedAlgorithm, "format"),
    Case(
        "HS256 keyed with the public key",
        hs256_with_the_public_key,
        e.UnsupportedAlgorithm,
        "format",
    ),
    Case(
        "ES256 header on an EdDSA signature",
        es256_header_on_eddsa_signature,
        e.InvalidSignature,
        "signature",
    ),
    Case("signed by another key", signed_by_another_key, e.InvalidSignature, "signature"),
    Case("tampered payload", tampered_payload, e.InvalidSignature, "signature"),
    Case("unknown issuer", unknown_issuer, e.UnknownKey, "issuer_trusted"),
    Case("unknown kid", unknown_kid, e.UnknownKey, "signature"),
    Case("critical header", critical_header, e.MalformedInput, "format"),
    Case("duplicate JSON member names", duplicate_json_member, e.MalformedInput, "format"),
    Case("typ JWT", typ("JWT"), e.WrongType, "format"),
    Case("legacy typ vc+sd-jwt", typ("vc+sd-jwt"), e.WrongType, "format"),
    Case("no vct", without("vct"), e.MissingClaim, "format"),
    Case("no iss", without("iss"), e.MissingClaim, "format"),
    *(
        Case(
            f"{claim} selectively disclosed",
            always_visible_disclosed(claim),
            e.NotSelectivelyDisclosable,
            "disclosures",
        )
        for claim in ALWAYS_VISIBLE
        if claim not in ("iss", "vct")
    ),
    Case("expired", dated(exp=NOW - 31), e.Expired, "validity"),
    Case("not yet valid", dated(nbf=NOW + 31), e.NotYetValid, "validity"),
    Case("issued in the future", dated(iat=NOW + 31), e.IssuedInFuture, "validity"),
    Case(
        "exp that is not an integer",
        lambda k: _raw(k, exp="tomorrow"),
        e.MalformedInput,
        "validity",
    ),
    Case("exp that is a boolean", lambda k: _raw(k, exp=True), e.MalformedInput, "validity"),
    Case(
        "malformed status claim",
        lambda k: _raw(k, status={"status_list": {"idx": -1, "uri": "x"}}),
        e.StatusListError,
        "status",
    ),
    Case("key binding missing", kb_missing, e.KeyBindingMissing, "key_binding", key_binding=True),
    Case(
        "KB-JWT signed by another key",
        kb_by_another_key,
        e.InvalidSignature,
        "key_binding",
        key_binding=True,
    ),
    Case(
        "no holder key in cnf",
        kb_without_holder_key,
        e.KeyBindingError,
        "key_binding",
        key_binding=True,
    ),
    Case("KB-JWT with typ JWT", kb_claims(typ="JWT"), e.WrongType, "key_binding", key_binding=True),
    Case(
        "KB-JWT for another audience",
        shown(aud="https://bank.example"),
        e.AudienceMismatch,
        "audience_nonce",
        key_binding=True,
    ),
    Case(
        "KB-JWT with another nonce",
        shown(nonce="another-nonce-another-nonce"),
        e.NonceMismatch,
        None,
        key_binding=True,
        why="a one-way offline presentation may carry any nonce of 128 bits or more; "
        "replay is caught by the replay window",
    ),
    Case(
        "KB-JWT with a short nonce",
        shown(nonce="short"),
        e.NonceMismatch,
        "audience_nonce",
        key_binding=True,
    ),
    Case(
        "KB-JWT with a numeric nonce",
        kb_claims(nonce=12345678901234567890123),
        e.KeyBindingError,
        "audience_nonce",
        key_binding=True,
    ),
    Case(
        "KB-JWT without aud",
        kb_claims(aud=None),
        e.KeyBindingError,
        "audience_nonce",
        key_binding=True,
    ),
    Case("stale KB-JWT", shown(iat=NOW - 181), e.KeyBindingStale, "freshness", key_binding=True),
    Case(
        "KB-JWT from the future",
        shown(iat=NOW + 31),
        e.KeyBindingFromFuture,
        "freshness",
        key_binding=True,
    ),
    Case(
        "KB-JWT whose iat is text",
        kb_claims(iat=str(NOW)),
        e.KeyBindingError,
        "freshness",
        key_binding=True,
    ),
    Case(
        "KB-JWT whose iat is a boolean",
        kb_claims(iat=True),
        e.KeyBindingError,
        "freshness",
        key_binding=True,
    ),
    Case(
        "sd_hash over fewer disclosures",
        sd_hash_over_fewer_disclosures,
        e.SdHashMismatch,
        "key_binding",
        key_binding=True,
    ),
    Case(
        "sd_hash over other disclosures",
        sd_hash_over_other_disclosures,
        e.SdHashMismatch,
        "key_binding",
        key_binding=True,
    ),
    Case(
        "sd_hash that is not text",
        kb_claims(sd_hash=7),
        e.KeyBindingError,
        "key_binding",
        key_binding=True,
    ),
)


def with_key_binding(text: str, holder: SigningKey) -> str:
    """``text`` with a valid KB-JWT appended (offline audience), when it has none."""
    if not text.endswith("~"):
        return text
    kb = create_kb_jwt(
        text, holder_key=holder, aud=OFFLINE, nonce=NONCE, iat=NOW, hash_alg="sha-256"
    )
    return text + kb
