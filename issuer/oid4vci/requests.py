"""Token and credential requests: untrusted input checked once, into typed values.

Every shape error becomes the OAuth/OpenID4VCI error the specification names; the
endpoints then work on these values only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from posvid.common.vocabulary import PRE_AUTHORIZED_GRANT

from ..catalogue.types import CONFIGURATIONS
from ..errors import (
    InvalidCredentialRequest,
    InvalidRequest,
    UnknownCredentialConfiguration,
    UnsupportedGrantType,
)


@dataclass(frozen=True)
class TokenRequest:
    """A token request of the pre-authorized code grant."""

    code: str
    tx_code: str  # "" when none was sent

    @classmethod
    def parse(cls, form: Mapping[str, str]) -> TokenRequest:
        """The request from the (form-encoded) token request's fields."""
        if form.get("grant_type") != PRE_AUTHORIZED_GRANT:
            raise UnsupportedGrantType("only the pre-authorized code grant is supported")
        code = form.get("pre-authorized_code")
        if not code:
            raise InvalidRequest("pre-authorized_code is missing")
        return cls(code, form.get("tx_code") or "")


@dataclass(frozen=True)
class CredentialRequest:
    """A credential request: a known configuration and a batch of ``jwt`` key proofs."""

    config_id: str
    proofs: tuple[object, ...]  # each checked by :func:`issuer.oid4vci.proofs.verify_proof`

    @classmethod
    def parse(cls, body: object, *, max_batch_size: int) -> CredentialRequest:
        """The request from the decoded JSON body."""
        if not isinstance(body, dict):
            raise InvalidCredentialRequest("the request must be a JSON object")
        config_id = body.get("credential_configuration_id")
        if not isinstance(config_id, str):
            raise InvalidCredentialRequest("credential_configuration_id is required")
        if config_id not in CONFIGURATIONS:
            raise UnknownCredentialConfiguration("this issuer has no such credential configuration")
        proofs = body.get("proofs")
        jwts = proofs.get("jwt") if isinstance(proofs, dict) else None
        if (
            not isinstance(proofs, dict)
            or set(proofs) != {"jwt"}
            or not isinstance(jwts, list)
            or not jwts
        ):
            raise InvalidCredentialRequest("send key proofs as {'proofs': {'jwt': [...]}}")
        if len(jwts) > max_batch_size:
            raise InvalidCredentialRequest(f"at most {max_batch_size} proofs in a batch")
        return cls(config_id, tuple(jwts))
