"""SD-JWT (RFC 9901) and SD-JWT VC: issue, present, verify (compact and JWS JSON)."""

from __future__ import annotations

from .compact import SdJwtParts, split_sd_jwt
from .disclosure import Disclosure
from .issuance import IssuedSdJwt, Sd, issue_sd_jwt, sd
from .json_serialization import (
    SdJwtJson,
    parse_sd_jwt_json,
    to_json_serialization,
    verify_sd_jwt_json,
    verify_sd_jwt_vc_json,
)
from .key_binding import KB_JWT_TYP, KeyBindingExpectations, verify_kb_jwt
from .presentation import ClaimPath, DisclosureMap, present
from .vc import (
    ALWAYS_VISIBLE_CLAIMS,
    LEGACY_VC_TYP,
    VC_TYP,
    VcPolicy,
    VerifiedCredential,
    check_always_visible,
    issue_sd_jwt_vc,
    status_reference,
    vc_identity,
    vc_type,
    verify_sd_jwt_vc,
)
from .verification import (
    MatchedDisclosures,
    VerificationPolicy,
    VerifiedSdJwt,
    check_key_binding_claims,
    match_disclosures,
    parse_issuer_jwt,
    verify_issuer_signature,
    verify_key_binding,
    verify_sd_jwt,
)

__all__ = [
    "ALWAYS_VISIBLE_CLAIMS",
    "KB_JWT_TYP",
    "LEGACY_VC_TYP",
    "VC_TYP",
    "ClaimPath",
    "Disclosure",
    "DisclosureMap",
    "IssuedSdJwt",
    "KeyBindingExpectations",
    "MatchedDisclosures",
    "Sd",
    "SdJwtJson",
    "SdJwtParts",
    "VcPolicy",
    "VerificationPolicy",
    "VerifiedCredential",
    "VerifiedSdJwt",
    "check_always_visible",
    "check_key_binding_claims",
    "issue_sd_jwt",
    "issue_sd_jwt_vc",
    "match_disclosures",
    "parse_issuer_jwt",
    "parse_sd_jwt_json",
    "present",
    "sd",
    "split_sd_jwt",
    "status_reference",
    "to_json_serialization",
    "vc_identity",
    "vc_type",
    "verify_issuer_signature",
    "verify_kb_jwt",
    "verify_key_binding",
    "verify_sd_jwt",
    "verify_sd_jwt_json",
    "verify_sd_jwt_vc",
    "verify_sd_jwt_vc_json",
]
