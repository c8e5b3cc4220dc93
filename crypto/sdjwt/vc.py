"""SD-JWT VC (``dc+sd-jwt``): the credential profile Posvid issues and verifies.

On top of RFC 9901: header ``typ: dc+sd-jwt`` (``vc+sd-jwt`` only when the policy
says ``accept_legacy_typ``), ``vct`` and ``iss`` required, the holder key in
``cnf.jwk``, and ``iss``, ``iat``, ``nbf``, ``exp``, ``cnf``, ``vct``, ``status``
never selectively disclosable.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from ..clock import Clock
from ..defaults import CLOCK_LEEWAY
from ..errors import MissingClaim, NotSelectivelyDisclosable
from ..key_resolver import KeyResolver
from ..keys import SigningKey
from ..limits import DEFAULT_LIMITS, Limits
from ..policy import DEFAULT_POLICY, AlgorithmPolicy
from ..randomness import RandomSource
from ..status_list import StatusReference
from .disclosure import DEFAULT_HASH_ALG
from .issuance import IssuedSdJwt, issue_sd_jwt
from .key_binding import KeyBindingExpectations
from .verification import VerificationPolicy, VerifiedSdJwt, verify_sd_jwt

__all__ = [
    "ALWAYS_VISIBLE_CLAIMS",
    "LEGACY_VC_TYP",
    "VC_TYP",
    "VcPolicy",
    "VerifiedCredential",
    "check_always_visible",
    "issue_sd_jwt_vc",
    "status_reference",
    "vc_identity",
    "vc_type",
    "verify_sd_jwt_vc",
]

VC_TYP: Final = "dc+sd-jwt"
LEGACY_VC_TYP: Final = "vc+sd-jwt"
ALWAYS_VISIBLE_CLAIMS: Final = frozenset({"iss", "iat", "nbf", "exp", "cnf", "vct", "status"})


@dataclass(frozen=True, slots=True)
class VcPolicy:
    """A verifier's rules for SD-JWT VCs. ``key_binding=None``: not required.

    ``algorithms``: the JWS algorithms and ``_sd_alg`` digests accepted (secure default).
    """

    key_binding: KeyBindingExpectations | None
    leeway: int = CLOCK_LEEWAY
    accept_legacy_typ: bool = False
    algorithms: AlgorithmPolicy = DEFAULT_POLICY
    sd_jwt_policy: VerificationPolicy = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        typs = (VC_TYP, LEGACY_VC_TYP) if self.accept_legacy_typ else (VC_TYP,)
        policy = VerificationPolicy(
            self.key_binding, accepted_typ=typs, leeway=self.leeway, algorithms=self.algorithms
        )
        object.__setattr__(self, "sd_jwt_policy", policy)  # the RFC 9901 policy it implies


@dataclass(frozen=True, slots=True)
class VerifiedCredential:
    """A verified SD-JWT VC presentation."""

    issuer: str
    vct: str
    claims: dict[str, Any]
    status: StatusReference | None
    sd_jwt: VerifiedSdJwt

    @property
    def alg(self) -> str:
        """The JWS algorithm the issuer signed with."""
        return self.sd_jwt.alg


def issue_sd_jwt_vc(
    claims: Mapping[str, Any],
    *,
    issuer: str,
    vct: str,
    signing_key: SigningKey,
    holder_jwk: Mapping[str, Any] | None,
    iat: int,
    exp: int | None = None,
    nbf: int | None = None,
    status: StatusReference | None = None,
    decoys: int = 0,
    hash_alg: str = DEFAULT_HASH_ALG,
    rng: RandomSource | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> IssuedSdJwt:
    """Issue an SD-JWT VC; personal claims are marked with :func:`crypto.sdjwt.sd`."""
    reserved = ALWAYS_VISIBLE_CLAIMS.intersection(claims)
    if reserved:
        raise NotSelectivelyDisclosable(
            "set registered claims through the arguments, not in claims",
            field=sorted(reserved)[0],
        )
    body: dict[str, Any] = {"iss": issuer, "vct": vct, "iat": iat}
    if nbf is not None:
        body["nbf"] = nbf
    if exp is not None:
        body["exp"] = exp
    if status is not None:
        body["status"] = status.to_claim()
    body.update(claims)
    return issue_sd_jwt(
        body,
        signing_key=signing_key,
        typ=VC_TYP,
        holder_jwk=holder_jwk,
        hash_alg=hash_alg,
        decoys=decoys,
        always_visible=ALWAYS_VISIBLE_CLAIMS,
        rng=rng,
        limits=limits,
    )


def _required_text(payload: Mapping[str, Any], name: str) -> str:
    value = payload.get(name)
    if not isinstance(value, str) or not value:
        raise MissingClaim(f"{name} is required and must be a non-empty string", field=name)
    return value


def vc_identity(payload: Mapping[str, Any]) -> tuple[str, str]:
    """The credential's ``iss`` and ``vct``: both required, non-empty strings."""
    return _required_text(payload, "iss"), _required_text(payload, "vct")


def vc_type(payload: Mapping[str, Any]) -> str:
    """The credential's ``vct`` alone: for an issuer named by its ``x5c`` certificate, where
    ``iss`` is optional (check it with :func:`crypto.x509_chain.check_x5c_issuer`)."""
    return _required_text(payload, "vct")


def check_always_visible(top_level_disclosed: Collection[str]) -> None:
    """Refuse a presentation that disclosed a claim SD-JWT VC keeps always visible."""
    hidden = ALWAYS_VISIBLE_CLAIMS.intersection(top_level_disclosed)
    if hidden:
        raise NotSelectivelyDisclosable(
            "this claim must not be selectively disclosable", field=sorted(hidden)[0]
        )


def status_reference(payload: Mapping[str, Any]) -> StatusReference | None:
    """The credential's status list entry, or ``None`` when it has no ``status`` claim."""
    claim = payload.get("status")
    return StatusReference.from_claim(claim) if claim is not None else None


def verify_sd_jwt_vc(
    presentation: str,
    *,
    keys: KeyResolver,
    policy: VcPolicy,
    clock: Clock,
    limits: Limits = DEFAULT_LIMITS,
) -> VerifiedCredential:
    """Verify an SD-JWT VC presentation; raise the first :class:`CryptoError` found."""
    verified = verify_sd_jwt(
        presentation, keys=keys, policy=policy.sd_jwt_policy, clock=clock, limits=limits
    )
    return credential_of(verified)


def credential_of(verified: VerifiedSdJwt) -> VerifiedCredential:
    """The SD-JWT VC rules after the SD-JWT ones: the always-visible claims were not disclosed,
    ``iss`` and ``vct`` are there, the ``status`` reference is well formed."""
    check_always_visible(verified.top_level_disclosed)
    issuer, vct = vc_identity(verified.payload)
    status = status_reference(verified.payload)
    return VerifiedCredential(issuer, vct, verified.claims, status, verified)
