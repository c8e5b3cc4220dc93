"""Errors of the verifier's tools (a verification itself never raises: it returns a verdict).

The root derives from :class:`crypto.errors.CodedError` (``code``, ``message``, ``field``,
``str()``); every code is unique across the project.

VerifierError               verifier_error
├── TrustError              trust_invalid        (a bundle, metadata file or issuer URL)
│   ├── StaleBundle         trust_bundle_stale   (older sequence than installed)
│   ├── ExpiredBundle       trust_bundle_expired (past its exp, or too old by its iat)
│   └── BundleInstalled     trust_issuer_from_bundle (an unsigned import over a bundle's issuer)
├── FetchError              fetch_failed         (network, timeout, size limit)
├── RequestRefused          presentation_request_refused  (a two-way request it will not make)
├── SettingsInvalid         verifier_settings_invalid     (field names the setting)
├── QuestionInvalid         question_invalid     (not identity, age:N or any)
└── AuditError              audit_broken         (the hash chain does not hold)
"""

from __future__ import annotations

from crypto import CodedError


class VerifierError(CodedError):
    """Root of the verifier's errors."""

    code = "verifier_error"


class TrustError(VerifierError):
    code = "trust_invalid"


class StaleBundle(TrustError):
    code = "trust_bundle_stale"


class ExpiredBundle(TrustError):
    code = "trust_bundle_expired"


class BundleInstalled(TrustError):
    """An unsigned import (file, URL, certificate) would replace what a signed bundle installed
    (an issuer, a certificate authority or a DID issuer)."""

    code = "trust_issuer_from_bundle"


class FetchError(VerifierError):
    code = "fetch_failed"


class RequestRefused(VerifierError):
    """A two-way request this verifier will not make (a malformed claim path)."""

    code = "presentation_request_refused"


class SettingsInvalid(VerifierError):
    """A ``POSVID_VERIFIER_*`` setting or option has a wrong value."""

    code = "verifier_settings_invalid"


class QuestionInvalid(VerifierError):
    """What is being checked is not ``identity``, ``age:N`` or ``any``."""

    code = "question_invalid"


class AuditError(VerifierError):
    code = "audit_broken"
