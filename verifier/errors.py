"""Errors of the verifier's tools (a verification itself never raises: it returns a verdict).

VerifierError               verifier_error
├── TrustError              trust_invalid        (a bundle, metadata file or issuer URL)
│   └── StaleBundle         trust_bundle_stale   (older sequence than installed)
├── FetchError              fetch_failed         (network, timeout, size limit)
└── AuditError              audit_broken         (the hash chain does not hold)
"""

from __future__ import annotations


class VerifierError(Exception):
    code = "verifier_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class TrustError(VerifierError):
    code = "trust_invalid"


class StaleBundle(TrustError):
    code = "trust_bundle_stale"


class FetchError(VerifierError):
    code = "fetch_failed"


class AuditError(VerifierError):
    code = "audit_broken"
