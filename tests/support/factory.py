"""Builders for valid and deliberately broken SD-JWTs, shared by the tests."""

from __future__ import annotations

from typing import Any

from crypto import SigningKey, public_jwk, sd
from crypto.algorithms import PublicKey
from crypto.jws import sign_compact
from crypto.sdjwt import Disclosure, SdJwtParts, issue_sd_jwt_vc, present
from crypto.sdjwt.disclosure import digest_of
from issuer.samples import CITIZEN_CLAIMS
from posvid.common.vocabulary import OFFLINE_AUDIENCE

NOW = 1_800_000_000
ISSUER = "https://issuer.posvid.example"
VCT = "urn:ua:posvid:id-card:1"
OFFLINE = OFFLINE_AUDIENCE
NONCE = "bm9uY2Utbm9uY2Utbm9uY2U"

PERSON: dict[str, Any] = CITIZEN_CLAIMS
DISCLOSE = ("given_name", "family_name", "birth_date", "document_number")


def credential(issuer_key: SigningKey, holder_key: SigningKey, **overrides: Any) -> str:
    """A valid ID card SD-JWT VC with every personal claim selectively disclosable."""
    args: dict[str, Any] = {
        "issuer": ISSUER,
        "vct": VCT,
        "signing_key": issuer_key,
        "holder_jwk": public_jwk(holder_key.private_key),
        "iat": NOW - 60,
        "exp": NOW + 86400,
    }
    args.update(overrides)
    claims = {k: sd(v) for k, v in PERSON.items()}
    return issue_sd_jwt_vc(claims, **args).compact


def presentation(
    issuer_key: SigningKey,
    holder_key: SigningKey,
    *,
    disclose: tuple[str, ...] = DISCLOSE,
    aud: str = OFFLINE,
    nonce: str = NONCE,
    iat: int = NOW,
    **overrides: Any,
) -> str:
    """A valid SD-JWT+KB presenting ``disclose``."""
    return present(
        credential(issuer_key, holder_key, **overrides),
        disclose=disclose,
        holder_key=holder_key,
        aud=aud,
        nonce=nonce,
        iat=iat,
    )


def raw_sd_jwt(
    payload: dict[str, Any],
    disclosures: list[Disclosure | str],
    issuer_key: SigningKey,
    *,
    typ: str = "dc+sd-jwt",
) -> str:
    """Sign any payload and append any disclosures: for crafting broken SD-JWTs."""
    jwt = sign_compact(payload, issuer_key, typ=typ)
    encoded = tuple(d if isinstance(d, str) else d.encoded for d in disclosures)
    return SdJwtParts(jwt, encoded, None).serialize()


def base_payload(holder_key: SigningKey, **extra: Any) -> dict[str, Any]:
    """The always-visible claims of a valid VC payload."""
    return {
        "iss": ISSUER,
        "vct": VCT,
        "iat": NOW - 60,
        "exp": NOW + 86400,
        "cnf": {"jwk": public_jwk(holder_key.private_key)},
        "_sd_alg": "sha-256",
        **extra,
    }


def disclosure(name: str | None, value: Any, salt: str = "c2FsdC1zYWx0LXNhbHQ") -> Disclosure:
    """A disclosure with a fixed salt."""
    return Disclosure.create(name, value, salt=salt)


def digest(d: Disclosure) -> str:
    """The sha-256 digest that references ``d``."""
    return digest_of(d.encoded)


class OneKey:
    """A resolver that answers every issuer with one key (to test claims, not trust)."""

    def __init__(self, key: SigningKey) -> None:
        self.key = key

    def resolve(self, issuer: str | None, kid: str | None) -> PublicKey:
        return self.key.public_key
