"""Errors raised by the crypto core, and the error base of the whole project.

Every error has a stable machine-readable ``code`` and, where one field of the input
is at fault, ``field`` names it. Messages tell a developer what to fix; they never
carry claim values, key material, or which part of a signature was wrong.

:class:`CodedError` is the root every package's errors derive from (``IssuerError``,
``WalletError``, ``VerifierError``, ``PosvidError``); its codes are unique across the
project (``tests/test_error_codes.py``). It prints as ``[code] field: message``, or
``[code] message`` when no field is at fault.

CodedError                              coded_error
└── CryptoError                         crypto_error
    ├── MalformedInput                  malformed
    │   └── InputTooLarge               too_large
    ├── UnsupportedAlgorithm            alg_unsupported
    ├── InvalidKey                      key_invalid
    ├── UnknownKey                      key_unknown
    ├── InvalidSignature                signature_invalid
    ├── WrongType                       typ_invalid
    ├── SdJwtError                      sd_jwt_invalid
    │   ├── MissingTrailingTilde        tilde_missing
    │   ├── MalformedDisclosure         disclosure_malformed
    │   ├── ForbiddenClaimName          disclosure_name_forbidden
    │   ├── DuplicateDisclosure         disclosure_duplicate
    │   ├── DuplicateDigest             digest_duplicate
    │   ├── UnreferencedDisclosure      disclosure_unreferenced
    │   ├── ClaimAlreadyExists          claim_exists
    │   ├── UnsupportedHashAlgorithm    sd_alg_unsupported
    │   ├── NotSelectivelyDisclosable   claim_not_disclosable
    │   ├── ClaimNotFound               claim_not_found
    │   └── KeyBindingError             kb_invalid
    │       ├── KeyBindingMissing       kb_missing
    │       ├── KeyBindingStale         kb_stale
    │       ├── KeyBindingFromFuture    kb_future
    │       ├── AudienceMismatch        kb_aud
    │       ├── NonceMismatch           kb_nonce
    │       └── SdHashMismatch          kb_sd_hash
    ├── ClaimError                      claim_invalid
    │   ├── MissingClaim                claim_missing
    │   ├── Expired                     expired
    │   ├── NotYetValid                 not_yet_valid
    │   └── IssuedInFuture              iat_future
    ├── CertificateError                x5c_invalid
    │   ├── CertificateExpired          x5c_expired
    │   ├── CertificateNotYetValid      x5c_not_yet_valid
    │   ├── UntrustedRoot               x5c_untrusted_root
    │   ├── MissingIssuerCertificate    x5c_issuer_missing
    │   ├── CaCertificateAsLeaf         x5c_leaf_is_ca
    │   ├── KeyUsageNotAllowed          x5c_key_usage
    │   └── IssuerNameMismatch          x5c_iss_mismatch
    ├── DidError                        did_invalid
    │   └── UnsupportedDidMethod        did_method_unsupported
    ├── StatusListError                 status_list_invalid
    │   ├── StatusIndexOutOfRange       status_index_out_of_range
    │   └── UnsupportedStatusBits       status_bits_unsupported
    └── QrCodecError                    qr_invalid
        ├── UnknownQrFormat             qr_format_unknown
        └── UnsupportedQrVersion        qr_version_unsupported
"""

from __future__ import annotations

from typing import ClassVar

__all__ = [
    "AudienceMismatch",
    "CaCertificateAsLeaf",
    "CertificateError",
    "CertificateExpired",
    "CertificateNotYetValid",
    "ClaimAlreadyExists",
    "ClaimError",
    "ClaimNotFound",
    "CodedError",
    "CryptoError",
    "DidError",
    "DuplicateDigest",
    "DuplicateDisclosure",
    "Expired",
    "ForbiddenClaimName",
    "InputTooLarge",
    "InvalidKey",
    "InvalidSignature",
    "IssuedInFuture",
    "IssuerNameMismatch",
    "KeyBindingError",
    "KeyBindingFromFuture",
    "KeyBindingMissing",
    "KeyBindingStale",
    "KeyUsageNotAllowed",
    "MalformedDisclosure",
    "MalformedInput",
    "MissingClaim",
    "MissingIssuerCertificate",
    "MissingTrailingTilde",
    "NonceMismatch",
    "NotSelectivelyDisclosable",
    "NotYetValid",
    "QrCodecError",
    "SdHashMismatch",
    "SdJwtError",
    "StatusIndexOutOfRange",
    "StatusListError",
    "UnknownKey",
    "UnknownQrFormat",
    "UnreferencedDisclosure",
    "UnsupportedAlgorithm",
    "UnsupportedDidMethod",
    "UnsupportedHashAlgorithm",
    "UnsupportedQrVersion",
    "UnsupportedStatusBits",
    "UntrustedRoot",
    "WrongType",
]


class CodedError(Exception):
    """Root of every error Posvid raises: a stable ``code``, a ``message``, maybe a ``field``.

    Each subclass sets its own ``code``, used by no other class in the project.
    """

    code: ClassVar[str] = "coded_error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        if self.field is None:
            return f"[{self.code}] {self.message}"
        return f"[{self.code}] {self.field}: {self.message}"


class CryptoError(CodedError):
    """Root of every error the crypto core raises."""

    code = "crypto_error"


class MalformedInput(CryptoError):
    """The input is not well-formed (base64url, JSON, structure)."""

    code = "malformed"


class InputTooLarge(MalformedInput):
    """An input exceeds a bound from :mod:`crypto.limits`; nothing was parsed."""

    code = "too_large"


class UnsupportedAlgorithm(CryptoError):
    """An algorithm outside the allow-list (ES256, EdDSA) was named."""

    code = "alg_unsupported"


class InvalidKey(CryptoError):
    """A key is malformed, of the wrong type, or could not be decrypted."""

    code = "key_invalid"


class UnknownKey(CryptoError):
    """No trusted key matches the token's issuer and ``kid``."""

    code = "key_unknown"


class InvalidSignature(CryptoError):
    """A signature did not verify. Deliberately says nothing more."""

    code = "signature_invalid"


class WrongType(CryptoError):
    """A JOSE header ``typ`` is not the one expected."""

    code = "typ_invalid"


class SdJwtError(CryptoError):
    """An SD-JWT breaks a rule of RFC 9901."""

    code = "sd_jwt_invalid"


class MissingTrailingTilde(SdJwtError):
    """The SD-JWT does not end with ``~`` and has no Key Binding JWT after it."""

    code = "tilde_missing"


class MalformedDisclosure(SdJwtError):
    """A disclosure is not a JSON array of 2 or 3 elements in the right place."""

    code = "disclosure_malformed"


class ForbiddenClaimName(SdJwtError):
    """A disclosure names a claim ``_sd`` or ``...``."""

    code = "disclosure_name_forbidden"


class DuplicateDisclosure(SdJwtError):
    """The same disclosure appears more than once."""

    code = "disclosure_duplicate"


class DuplicateDigest(SdJwtError):
    """A digest appears more than once in the payload or disclosures."""

    code = "digest_duplicate"


class UnreferencedDisclosure(SdJwtError):
    """A disclosure is not referenced by any digest."""

    code = "disclosure_unreferenced"


class ClaimAlreadyExists(SdJwtError):
    """A disclosure's claim name already exists at that level of the payload."""

    code = "claim_exists"


class UnsupportedHashAlgorithm(SdJwtError):
    """The ``_sd_alg`` is not one we support."""

    code = "sd_alg_unsupported"


class NotSelectivelyDisclosable(SdJwtError):
    """A claim that must always be visible was made selectively disclosable."""

    code = "claim_not_disclosable"


class ClaimNotFound(SdJwtError):
    """A holder asked to disclose a claim path the credential does not have."""

    code = "claim_not_found"


class KeyBindingError(SdJwtError):
    """The Key Binding JWT is invalid."""

    code = "kb_invalid"


class KeyBindingMissing(KeyBindingError):
    """Key binding is required by policy but no Key Binding JWT was presented."""

    code = "kb_missing"


class KeyBindingStale(KeyBindingError):
    """The Key Binding JWT was issued longer ago than the policy allows."""

    code = "kb_stale"


class KeyBindingFromFuture(KeyBindingError):
    """The Key Binding JWT's ``iat`` is later than now plus the leeway."""

    code = "kb_future"


class AudienceMismatch(KeyBindingError):
    """The Key Binding JWT's ``aud`` is not the expected audience."""

    code = "kb_aud"


class NonceMismatch(KeyBindingError):
    """The Key Binding JWT's ``nonce`` is not the expected nonce."""

    code = "kb_nonce"


class SdHashMismatch(KeyBindingError):
    """The Key Binding JWT's ``sd_hash`` does not match the presentation."""

    code = "kb_sd_hash"


class ClaimError(CryptoError):
    """A registered claim is missing or fails its check."""

    code = "claim_invalid"


class MissingClaim(ClaimError):
    """A required claim is absent."""

    code = "claim_missing"


class Expired(ClaimError):
    """``exp`` is in the past (beyond the leeway)."""

    code = "expired"


class NotYetValid(ClaimError):
    """``nbf`` is in the future (beyond the leeway)."""

    code = "not_yet_valid"


class IssuedInFuture(ClaimError):
    """``iat`` is in the future (beyond the leeway)."""

    code = "iat_future"


class CertificateError(CryptoError):
    """An ``x5c`` certificate chain does not validate to a trust anchor (RFC 5280)."""

    code = "x5c_invalid"


class CertificateExpired(CertificateError):
    """A certificate of the chain expired before the verification time."""

    code = "x5c_expired"


class CertificateNotYetValid(CertificateError):
    """A certificate of the chain is not valid yet at the verification time."""

    code = "x5c_not_yet_valid"


class UntrustedRoot(CertificateError):
    """The chain ends at a root, or a name of an anchor, that is not a trust anchor's key."""

    code = "x5c_untrusted_root"


class MissingIssuerCertificate(CertificateError):
    """The issuer of a certificate is neither in the chain nor a trust anchor."""

    code = "x5c_issuer_missing"


class CaCertificateAsLeaf(CertificateError):
    """The signing certificate is a CA certificate (basic constraints ``cA``)."""

    code = "x5c_leaf_is_ca"


class KeyUsageNotAllowed(CertificateError):
    """The signing certificate's key usage does not include digitalSignature."""

    code = "x5c_key_usage"


class IssuerNameMismatch(CertificateError):
    """The credential's ``iss`` is not a name the signing certificate carries."""

    code = "x5c_iss_mismatch"


class DidError(CryptoError):
    """A ``did:jwk`` or ``did:key`` identifier cannot be resolved to a public key."""

    code = "did_invalid"


class UnsupportedDidMethod(DidError):
    """A DID method, or a ``did:key`` key type, that the core does not resolve."""

    code = "did_method_unsupported"


class StatusListError(CryptoError):
    """A Token Status List or a status reference is invalid."""

    code = "status_list_invalid"


class StatusIndexOutOfRange(StatusListError):
    """A status index lies outside the list."""

    code = "status_index_out_of_range"


class UnsupportedStatusBits(StatusListError):
    """A status list's ``bits`` is not 1, 2, 4 or 8."""

    code = "status_bits_unsupported"


class QrCodecError(CryptoError):
    """A QR payload is damaged or cannot be encoded."""

    code = "qr_invalid"


class UnknownQrFormat(QrCodecError):
    """A QR payload is neither a Posvid payload nor a plain SD-JWT."""

    code = "qr_format_unknown"


class UnsupportedQrVersion(QrCodecError):
    """A Posvid QR payload of a version this code does not know."""

    code = "qr_version_unsupported"
