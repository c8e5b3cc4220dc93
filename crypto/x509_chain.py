"""Issuer keys from an ``x5c`` certificate chain (RFC 7515 §4.1.6), validated to a trust anchor.

:func:`verify_x5c` validates the chain with ``cryptography``'s X.509 verifier
(``cryptography.x509.verification``: path building, signatures, validity periods, basic
constraints and path length, name constraints, critical extensions). Its ready-made client
and server verifiers want a leaf for TLS (a subjectAltName, an extended key usage of
clientAuth/serverAuth), which an issuer's document-signing certificate need not have; so
the CA certificates keep the Web PKI defaults (``ExtensionPolicy.webpki_defaults_ca``) and
the leaf gets its own policy: key usage present with digitalSignature, and not a CA. Those
two leaf rules and the validity periods are also checked first, by this module, only so
that each failure gets its own error code; no chain is walked here.

SD-JWT VC (draft-ietf-oauth-sd-jwt-vc, "Issuer Signature Mechanisms"): with ``x5c`` the
issuer is the subject of the leaf, so ``iss`` may be absent; when present it must be a name
the leaf carries (:func:`check_x5c_issuer`).
"""

from __future__ import annotations

import base64
import binascii
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import NameOID
from cryptography.x509.verification import (
    Criticality,
    ExtensionPolicy,
    PolicyBuilder,
    Store,
    VerificationError,
)

from .algorithms import PublicKey
from .errors import (
    CaCertificateAsLeaf,
    CertificateError,
    CertificateExpired,
    CertificateNotYetValid,
    InvalidKey,
    IssuerNameMismatch,
    KeyUsageNotAllowed,
    MalformedInput,
    MissingIssuerCertificate,
    UntrustedRoot,
)
from .limits import DEFAULT_LIMITS, Limits, check_length

__all__ = ["CertifiedIssuer", "check_x5c_issuer", "parse_x5c", "verify_x5c"]


@dataclass(frozen=True, slots=True)
class CertifiedIssuer:
    """A leaf certificate that validated to a trust anchor, and what it says of its subject."""

    public_key: PublicKey
    organisation: str | None
    country: str | None
    common_name: str | None
    #: the leaf's subjectAltName URIs and DNS names
    uris: tuple[str, ...]
    dns_names: tuple[str, ...]
    #: the validated chain, leaf first, trust anchor last
    chain: tuple[x509.Certificate, ...]

    @property
    def display_name(self) -> str:
        """The subject in plain words: organisation (country), else the common name."""
        name = self.organisation or self.common_name or "?"
        return f"{name} ({self.country})" if self.country else name


def parse_x5c(x5c: object, *, limits: Limits = DEFAULT_LIMITS) -> list[x509.Certificate]:
    """Decode an ``x5c`` value: a JSON array of base64 (not base64url) DER certificates."""
    if not isinstance(x5c, list) or not x5c:
        raise MalformedInput("x5c must be a non-empty array", field="x5c")
    if len(x5c) > limits.max_x5c_certificates:
        raise MalformedInput(f"x5c holds more than {limits.max_x5c_certificates}", field="x5c")
    certificates = []
    for item in x5c:
        if not isinstance(item, str):
            raise MalformedInput("an x5c entry must be base64 text", field="x5c")
        check_length(item, limits.max_certificate_chars, field="x5c")
        try:
            der = base64.b64decode(item, validate=True)
            certificates.append(x509.load_der_x509_certificate(der))
        except (binascii.Error, ValueError):
            raise MalformedInput("an x5c entry is not a DER certificate", field="x5c") from None
    return certificates


def _check_periods(certificates: Sequence[x509.Certificate], at: datetime.datetime) -> None:
    for position, certificate in enumerate(certificates):
        which = "the signing certificate" if position == 0 else f"certificate {position}"
        if certificate.not_valid_after_utc < at:
            raise CertificateExpired(f"{which} has expired", field="x5c")
        if certificate.not_valid_before_utc > at:
            raise CertificateNotYetValid(f"{which} is not valid yet", field="x5c")


def _extension(certificate: x509.Certificate, kind: type[Any]) -> Any:
    try:
        return certificate.extensions.get_extension_for_class(kind).value
    except x509.ExtensionNotFound:
        return None


def _check_leaf(leaf: x509.Certificate) -> None:
    constraints = _extension(leaf, x509.BasicConstraints)
    if constraints is not None and constraints.ca:
        raise CaCertificateAsLeaf("a CA certificate cannot sign credentials", field="x5c")
    usage = _extension(leaf, x509.KeyUsage)
    if usage is None or not usage.digital_signature:
        raise KeyUsageNotAllowed(
            "the signing certificate's key usage lacks digitalSignature", field="x5c"
        )


def _leaf_key_usage(_policy: Any, _cert: x509.Certificate, usage: Any) -> None:
    if usage is None or not usage.digital_signature:
        raise ValueError("key usage lacks digitalSignature")


def _leaf_not_ca(_policy: Any, _cert: x509.Certificate, constraints: Any) -> None:
    if constraints is not None and constraints.ca:
        raise ValueError("a CA certificate as the leaf")


def _leaf_policy() -> ExtensionPolicy:
    return (
        ExtensionPolicy.permit_all()
        .require_present(x509.KeyUsage, Criticality.AGNOSTIC, _leaf_key_usage)
        .may_be_present(x509.BasicConstraints, Criticality.AGNOSTIC, _leaf_not_ca)
    )


def _diagnose(
    certificates: Sequence[x509.Certificate], anchors: Sequence[x509.Certificate]
) -> None:
    """Say why no path was found, from names only (the decision was cryptography's)."""
    by_subject = {c.subject: c for c in certificates[1:]}
    anchor_names = {a.subject for a in anchors}
    current = certificates[0]
    for _ in range(len(certificates)):
        if current.issuer in anchor_names:
            raise UntrustedRoot(
                "the chain names a trust anchor but is not signed by its key", field="x5c"
            )
        if current.issuer == current.subject:
            raise UntrustedRoot("the chain ends at a root that is not a trust anchor", field="x5c")
        following = by_subject.get(current.issuer)
        if following is None:
            raise MissingIssuerCertificate(
                "a certificate's issuer is neither in x5c nor a trust anchor", field="x5c"
            )
        current = following
    raise CertificateError("the chain does not validate", field="x5c")


def verify_x5c(
    x5c: object,
    *,
    anchors: Sequence[x509.Certificate],
    at: int,
    limits: Limits = DEFAULT_LIMITS,
) -> CertifiedIssuer:
    """Validate ``x5c`` (leaf first) to one of ``anchors`` at ``at`` (seconds since the epoch).

    Returns the leaf's public key and its subject. Raises a :class:`CertificateError` with
    its own code: expired or not-yet-valid certificate, CA certificate as the leaf, no
    digitalSignature, missing issuer certificate, untrusted root; malformed input is
    :class:`MalformedInput`.
    """
    certificates = parse_x5c(x5c, limits=limits)
    when = datetime.datetime.fromtimestamp(at, tz=datetime.UTC)
    _check_periods(certificates, when)
    _check_leaf(certificates[0])
    if not anchors:
        raise UntrustedRoot("no trust anchors are configured", field="x5c")
    verifier = (
        PolicyBuilder()
        .store(Store(list(anchors)))
        .time(when)
        .max_chain_depth(limits.max_x5c_certificates)
        .extension_policies(
            ca_policy=ExtensionPolicy.webpki_defaults_ca(), ee_policy=_leaf_policy()
        )
        .build_client_verifier()
    )
    try:
        verified = verifier.verify(certificates[0], certificates[1:])
    except VerificationError:
        _diagnose(certificates, anchors)
        raise  # unreachable: _diagnose always raises
    return _certified(certificates[0], tuple(verified.chain))


def _attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    values = name.get_attributes_for_oid(oid)
    value = values[0].value if values else None
    return value if isinstance(value, str) else None


def _certified(leaf: x509.Certificate, chain: tuple[x509.Certificate, ...]) -> CertifiedIssuer:
    key = leaf.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey | ed25519.Ed25519PublicKey | rsa.RSAPublicKey):
        raise InvalidKey("the signing certificate's key type is not allowed", field="x5c")
    san = _extension(leaf, x509.SubjectAlternativeName)
    uris = tuple(san.get_values_for_type(x509.UniformResourceIdentifier)) if san else ()
    dns_names = tuple(san.get_values_for_type(x509.DNSName)) if san else ()
    subject = leaf.subject
    return CertifiedIssuer(
        key,
        _attribute(subject, NameOID.ORGANIZATION_NAME),
        _attribute(subject, NameOID.COUNTRY_NAME),
        _attribute(subject, NameOID.COMMON_NAME),
        uris,
        dns_names,
        chain,
    )


def check_x5c_issuer(iss: object, issuer: CertifiedIssuer) -> str:
    """The issuer's identity under SD-JWT VC's X.509 mechanism; raise when ``iss`` disagrees.

    Without ``iss`` the certificate names the issuer (its subject, in plain words). With one:
    it equals a uniformResourceIdentifier SAN of the leaf, or it is an https URL whose host is
    a dNSName SAN (HAIP), or a ``dns:`` URI (RFC 4501) naming a dNSName SAN.
    """
    if iss is None:
        return issuer.display_name
    if not isinstance(iss, str) or not iss:
        raise IssuerNameMismatch("iss must be a non-empty string", field="iss")
    if iss in issuer.uris:
        return iss
    host = None
    if iss.startswith("https://"):
        host = urlsplit(iss).hostname
    elif iss.startswith("dns:"):
        host = iss[4:]
    if host and host.lower() in {name.lower() for name in issuer.dns_names}:
        return iss
    raise IssuerNameMismatch("iss is not a name the signing certificate carries", field="iss")
