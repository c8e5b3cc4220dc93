"""Credentials from other issuers, for the verifier's tests: any algorithm (signed by PyJWT),
any ``_sd_alg``, any header (``x5c``), an ``iss`` or none, presented with a KB-JWT; and an X.509
chain (root → CA → leaf) built with ``cryptography``."""

from __future__ import annotations

from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from crypto import SigningKey, public_jwk
from crypto.sdjwt import Disclosure, SdJwtParts
from crypto.sdjwt.disclosure import digest_of
from crypto.sdjwt.key_binding import create_kb_jwt
from posvid.common.vocabulary import OFFLINE_AUDIENCE
from tests.crypto import foreign_jose as fj
from tests.crypto.test_x509_chain import b64, make_cert

NOW = 1_800_000_000
PID = "urn:eudi:pid:1"
NONCE = "Zm9yZWlnbi1ub25jZS0xMjM0NTY"
HOLDER = SigningKey.generate()
CLAIMS = {"given_name": "Olena", "family_name": "Kovalenko", "birth_date": "1990-03-15"}


def presentation(
    key: Any,
    alg: str = "ES256",
    *,
    iss: str | None = "https://pid.example.pl",
    vct: str = PID,
    hash_alg: str = "sha-256",
    kid: str | None = "k1",
    now: int = NOW,
    nonce: str = NONCE,
    claims: dict[str, Any] | None = None,
    status: dict[str, Any] | None = None,
    **header: Any,
) -> str:
    """An SD-JWT VC with every claim of :data:`CLAIMS` disclosed, and a KB-JWT (offline);
    ``status`` is its ``status`` claim (a Token Status List reference)."""
    disclosures = [
        Disclosure.create(name, value, salt=f"c2FsdC0{i}LXNhbHQtc2FsdA")
        for i, (name, value) in enumerate((claims or CLAIMS).items())
    ]
    payload: dict[str, Any] = {
        "vct": vct,
        "iat": now - 3600,
        "exp": now + 86400,
        "cnf": {"jwk": public_jwk(HOLDER.private_key)},
        "_sd_alg": hash_alg,
        "_sd": sorted(digest_of(d.encoded, hash_alg) for d in disclosures),
    }
    if iss is not None:
        payload["iss"] = iss
    if status is not None:
        payload["status"] = status
    if kid is not None:
        header["kid"] = kid
    issuer_jwt = fj.sign(payload, key, alg, typ="dc+sd-jwt", **header)
    parts = SdJwtParts(issuer_jwt, tuple(d.encoded for d in disclosures), None)
    kb = create_kb_jwt(
        parts.without_key_binding,
        holder_key=HOLDER,
        aud=OFFLINE_AUDIENCE,
        nonce=nonce,
        iat=now,
        hash_alg=hash_alg,
    )
    return parts.serialize() + kb


class Chain:
    """A PKI of a host country's PID issuer: root → issuing CA → signing certificate."""

    def __init__(self) -> None:
        self.root_key, self.ca_key, self.leaf_key = (
            ec.generate_private_key(ec.SECP256R1()) for _ in range(3)
        )
        self.root = make_cert("Root", self.root_key, "Root", self.root_key, ca=True)
        self.ca = make_cert("Issuing CA", self.ca_key, "Root", self.root_key, ca=True)
        san = [
            x509.UniformResourceIdentifier("https://pid.example.pl"),
            x509.DNSName("pid.example.pl"),
        ]
        self.leaf = self.leaf_with(san=san)

    def leaf_with(self, **options: Any) -> x509.Certificate:
        return make_cert(
            "PID signer", self.leaf_key, "Issuing CA", self.ca_key, ca=False, **options
        )

    def x5c(self, *certificates: x509.Certificate) -> list[str]:
        return [b64(c) for c in certificates or (self.leaf, self.ca)]

    @staticmethod
    def pem(*certificates: x509.Certificate) -> bytes:
        return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates)
