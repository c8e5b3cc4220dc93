"""Trust anchor files, read here (part of the boundary for untrusted input, beside ``inbound``).

``trust import FILE`` takes, for certificate-based (``x5c``) issuers:

- a **PEM** file with one or more ``-----BEGIN CERTIFICATE-----`` blocks, or a **DER**
  certificate: each an anchor for the document types given with ``--vct``;
- an **anchor list** (an EU-style trusted list as JSON): ``{"anchors": [{"certificate": PEM or
  base64 DER, "vcts": [...]}, ...]}``, each entry's ``vcts`` (else the file's top-level
  ``vcts``, else ``--vct``).

An anchor is a CA certificate (basic constraints ``cA``), valid at import, with an EC, Ed25519
or RSA key; anything else is refused with a :class:`TrustError`, and nothing of the file is
installed.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from .errors import TrustError

__all__ = [
    "AnchorEntry",
    "anchor_entries",
    "bundle_anchor_entries",
    "is_certificate_file",
    "subject_parts",
    "subject_words",
]

PEM_MARK: Final = b"-----BEGIN CERTIFICATE-----"
#: at most this many anchors in one file
MAX_ANCHORS: Final = 256


@dataclass(frozen=True)
class AnchorEntry:
    """A certificate to trust as an anchor, and the document types it may vouch for."""

    certificate: x509.Certificate
    vcts: tuple[str, ...]


def is_certificate_file(data: bytes) -> bool:
    """A PEM certificate file, a DER certificate (a SEQUENCE) or a JSON anchor list."""
    text = data.lstrip()
    if text.startswith(PEM_MARK) or data[:1] == b"\x30":
        return True
    if text.startswith(b"{"):
        try:
            document = json.loads(text)
        except ValueError:
            return False
        return isinstance(document, dict) and "anchors" in document
    return False


def anchor_entries(data: bytes, vcts: Sequence[str], now: int) -> list[AnchorEntry]:
    """The anchors a file holds, each checked (CA, valid now, a usable key) and with its types."""
    text = data.lstrip()
    if text.startswith(b"{"):
        entries = _anchor_list(text, vcts)
    elif text.startswith(PEM_MARK):
        entries = [AnchorEntry(c, _types(vcts)) for c in _pem_certificates(text)]
    else:
        entries = [AnchorEntry(_der_certificate(data), _types(vcts))]
    if not entries or len(entries) > MAX_ANCHORS:
        raise TrustError(f"a file holds 1 to {MAX_ANCHORS} trust anchors")
    for entry in entries:
        _check_anchor(entry.certificate, now)
    return entries


def _types(vcts: Any) -> tuple[str, ...]:
    if (
        not isinstance(vcts, list | tuple)
        or not vcts
        or not all(isinstance(v, str) and v for v in vcts)
    ):
        raise TrustError("name the document types (vct) the anchor may vouch for: --vct")
    return tuple(vcts)


def _pem_certificates(data: bytes) -> list[x509.Certificate]:
    try:
        return x509.load_pem_x509_certificates(data)
    except ValueError:
        raise TrustError("the PEM file holds no readable certificate") from None


def _der_certificate(data: bytes) -> x509.Certificate:
    try:
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise TrustError("the file is not a PEM or DER certificate") from None


def _anchor_list(text: bytes, vcts: Sequence[str]) -> list[AnchorEntry]:
    try:
        document = json.loads(text)
    except ValueError:
        raise TrustError("the anchor list is not JSON") from None
    anchors = document.get("anchors") if isinstance(document, dict) else None
    if not isinstance(anchors, list):
        raise TrustError('an anchor list is {"anchors": [{"certificate", "vcts"}, ...]}')
    return _entries(anchors, document.get("vcts") or list(vcts))


def bundle_anchor_entries(anchors: Any, now: int) -> list[AnchorEntry]:
    """A signed bundle's ``anchors`` (each ``{"certificate": PEM or base64 DER, "vcts": [...]}``,
    its own types required), each checked as ``trust import`` checks a file's; any bad entry
    refuses them all."""
    if not isinstance(anchors, list) or len(anchors) > MAX_ANCHORS:
        raise TrustError(f"a bundle's anchors are a list of at most {MAX_ANCHORS}")
    entries = _entries(anchors, None)
    if len(entries) > MAX_ANCHORS:
        raise TrustError(f"a bundle carries at most {MAX_ANCHORS} trust anchors")
    for entry in entries:
        _check_anchor(entry.certificate, now)
    return entries


def _entries(anchors: list[Any], default: Any) -> list[AnchorEntry]:
    entries: list[AnchorEntry] = []
    for item in anchors[: MAX_ANCHORS + 1]:
        if not isinstance(item, dict) or not isinstance(item.get("certificate"), str):
            raise TrustError("each anchor needs a certificate (PEM or base64 DER)")
        pem = item["certificate"].encode()
        if pem.lstrip().startswith(PEM_MARK):
            certificates = _pem_certificates(pem)
        else:
            certificates = [_der_certificate(_base64(item["certificate"]))]
        entries += [AnchorEntry(c, _types(item.get("vcts") or default)) for c in certificates]
    return entries


def _base64(text: str) -> bytes:
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise TrustError("an anchor's certificate is neither PEM nor base64 DER") from None


def _check_anchor(certificate: x509.Certificate, now: int) -> None:
    name = subject_words(certificate)
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value
    except (x509.ExtensionNotFound, ValueError):
        constraints = None
    if constraints is None or not constraints.ca:
        raise TrustError(f"{name}: a trust anchor must be a CA certificate")
    at = dt.datetime.fromtimestamp(now, dt.UTC)
    if not certificate.not_valid_before_utc <= at <= certificate.not_valid_after_utc:
        raise TrustError(f"{name}: the certificate is not valid now")
    try:
        key = certificate.public_key()
    except (ValueError, TypeError):
        key = None
    if not isinstance(key, ec.EllipticCurvePublicKey | ed25519.Ed25519PublicKey | rsa.RSAPublicKey):
        raise TrustError(f"{name}: the certificate's key type is not supported")


def subject_parts(certificate: x509.Certificate) -> tuple[str, str | None]:
    """A certificate's subject: its organisation (else its common name), and its country code."""
    names = certificate.subject

    def first(oid: x509.ObjectIdentifier) -> str | None:
        values = names.get_attributes_for_oid(oid)
        value = values[0].value if values else None
        return value if isinstance(value, str) and value else None

    name = (
        first(x509.NameOID.ORGANIZATION_NAME)
        or first(x509.NameOID.COMMON_NAME)
        or names.rfc4514_string()
    )
    return name, first(x509.NameOID.COUNTRY_NAME)


def subject_words(certificate: x509.Certificate) -> str:
    """A certificate's subject in plain words: organisation (country), else its common name."""
    name, country = subject_parts(certificate)
    return f"{name} ({country})" if country else name
