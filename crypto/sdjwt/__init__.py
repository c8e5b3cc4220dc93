"""SD-JWT (RFC 9901) and SD-JWT VC: issue, present, verify."""

from __future__ import annotations

from .compact import SdJwtParts, split_sd_jwt
from .disclosure import Disclosure
from .issuance import IssuedSdJwt, Sd, issue_sd_jwt, sd
from .key_binding import KB_JWT_TYP, KeyBindingExpectations
from .presentation import ClaimPath, DisclosureMap, present
from .vc import (
    ALWAYS_VISIBLE_CLAIMS,
    LEGACY_VC_TYP,
    VC_TYP,
    VcPolicy,
    VerifiedCredential,
    issue_sd_jwt_vc,
    verify_sd_jwt_vc,
)
from .verification import VerificationPolicy, VerifiedSdJwt, verify_sd_jwt

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
    "Sd",
    "SdJwtParts",
    "VcPolicy",
    "VerificationPolicy",
    "VerifiedCredential",
    "VerifiedSdJwt",
    "issue_sd_jwt",
    "issue_sd_jwt_vc",
    "present",
    "sd",
    "split_sd_jwt",
    "verify_sd_jwt",
    "verify_sd_jwt_vc",
]
