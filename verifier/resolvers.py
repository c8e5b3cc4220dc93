"""Who vouches for the key that signed a credential: a chain of resolvers, tried in order.

1. **Issuer keys**: the trust store's JWKS of ``iss``, by ``kid`` (from an issuer file, a signed
   bundle, or the SD-JWT VC issuer metadata ``trust add URL`` fetched: ``jwks`` or ``jwks_uri``);
2. **a DID**: ``iss`` is a ``did:jwk`` or ``did:key`` the trust store lists; the key is the DID's
   own (resolved offline by :func:`crypto.did.resolve_did`);
3. **a certificate chain**: ``x5c`` in the header, validated to one of the trust store's X.509
   anchors at the time of the check (:func:`crypto.x509_chain.verify_x5c`); the leaf's key
   verifies the credential and its subject is the issuer shown.

A **status list token** is resolved by the same chain (:func:`status_list_keys`): a listed
issuer's keys; a DID issuer's own key (a ``kid`` naming that DID); for a certificate-based
issuer, the token's own ``x5c`` validated to the anchor the credential's chain reached, its leaf
naming the same issuer (the token's ``iss`` if present, else the same subject), or without
``x5c`` the credential's leaf key. The Token Status List rules (``sub`` = the list's URI, ``iss``
if present = the credential's issuer) are the crypto core's.

Nothing is fetched: what ``trust add`` learnt was stored then. A credential no resolver vouches
for is :class:`NotVouched` (the verdict ``untrusted``), never ``invalid`` for that alone; a chain
that does not validate is refused with the crypto core's reason (``x5c_expired``...).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Protocol, runtime_checkable

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from crypto import AlgorithmPolicy, IssuerKeys, Jwks
from crypto.algorithms import PublicKey
from crypto.did import resolve_did
from crypto.errors import IssuerNameMismatch, UnknownKey
from crypto.jws import ParsedJws, parse_compact
from crypto.key_resolver import KeyResolver
from crypto.x509_chain import CertifiedIssuer, check_x5c_issuer, verify_x5c

__all__ = [
    "PATHS",
    "Anchor",
    "AnchorSource",
    "IssuerInfo",
    "NotVouched",
    "Vouched",
    "X5cIssuer",
    "fingerprint",
    "status_list_keys",
    "vouch",
]

#: the trust paths, as the verdict names them
PATHS: Final = ("issuer_keys", "issuer_metadata", "did", "x5c")


@dataclass(frozen=True)
class X5cIssuer:
    """A certificate-based issuer as its credential's chain showed it: the anchor reached and
    the leaf's subject (what a status list token's own chain must lead to and name)."""

    anchor: x509.Certificate
    subject: str


@dataclass(frozen=True)
class IssuerInfo:
    """What the trust store knows of an issuer: its keys, its document types, how it is known
    (``path``: ``issuer_keys`` from a file or bundle, ``issuer_metadata`` by URL, ``did``,
    ``x5c`` with the chain's anchor and subject in ``x5c``)."""

    issuer: str
    jwks: Jwks
    vcts: frozenset[str]
    path: str = "issuer_keys"
    x5c: X5cIssuer | None = None


@dataclass(frozen=True)
class Anchor:
    """An X.509 trust anchor and the document types credentials under it may be."""

    fingerprint: str
    subject: str
    certificate: x509.Certificate
    vcts: frozenset[str]


class Trust(Protocol):
    def issuer(self, iss: str) -> IssuerInfo | None: ...


@runtime_checkable
class AnchorSource(Protocol):
    """A trust store that holds X.509 anchors (one that holds none vouches for no chain)."""

    def anchors(self) -> Sequence[Anchor]: ...


class NotVouched(Exception):
    """No resolver vouches for the credential's key (``untrusted``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _OneKey:
    """A :class:`KeyResolver` of the one key a DID or a certificate named."""

    def __init__(self, key: PublicKey) -> None:
        self._key = key

    def resolve(self, issuer: str | None, kid: str | None) -> PublicKey:
        return self._key


@dataclass(frozen=True)
class Vouched:
    """A resolver's answer: the issuer (keys for the signature and its status lists, document
    types), the path that vouched, the anchor a chain led to and the certificate's subject."""

    info: IssuerInfo
    keys: KeyResolver
    path: str
    anchor: str | None = None
    certified: CertifiedIssuer | None = None


def fingerprint(certificate: x509.Certificate) -> str:
    """The SHA-256 of a certificate's DER, in hex: how an anchor is named."""
    return hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest()


def vouch(
    jwt: ParsedJws, iss: str | None, trust: Trust, *, algorithms: AlgorithmPolicy, now: int
) -> Vouched:
    """The first resolver that vouches for ``jwt``'s key: issuer keys, a listed DID, ``x5c``.

    Raises :class:`NotVouched` when none does, and the crypto core's error when a DID or a
    certificate chain is refused.
    """
    info = trust.issuer(iss) if iss else None
    if info is not None and iss is not None and info.path == "did":
        return _did(jwt, iss, info, algorithms)
    if info is not None and iss is not None:
        return Vouched(info, IssuerKeys({iss: info.jwks}), info.path)
    if "x5c" in jwt.header:
        return _x5c(jwt, iss, trust, now)
    if iss is not None and iss.startswith("did:"):
        raise NotVouched("this DID is not in the trust store")
    raise NotVouched("this issuer is not in the trust store")


def _did(jwt: ParsedJws, iss: str, info: IssuerInfo, algorithms: AlgorithmPolicy) -> Vouched:
    """A DID the trust store lists: its own key; a ``kid`` must name that DID's key."""
    kid = jwt.kid
    if kid is not None and kid.startswith("#"):
        kid = iss + kid
    if kid is not None and kid.startswith("did:"):
        if kid.partition("#")[0] != iss:
            raise UnknownKey("the kid names another DID than iss", field="kid")
        key = resolve_did(kid, policy=algorithms)
    else:
        key = resolve_did(iss, policy=algorithms)
    keys = Jwks({jwt.kid or "0": key})
    return Vouched(IssuerInfo(iss, keys, info.vcts, "did"), _OneKey(key), "did")


def _x5c(jwt: ParsedJws, iss: str | None, trust: Trust, now: int) -> Vouched:
    """A chain in ``x5c`` that validates to an anchor now: the leaf's key and subject."""
    anchors = list(trust.anchors()) if isinstance(trust, AnchorSource) else []
    if not anchors:
        raise NotVouched("the credential is signed under a certificate and no anchor is trusted")
    certified = verify_x5c(jwt.header["x5c"], anchors=[a.certificate for a in anchors], at=now)
    shown = check_x5c_issuer(iss, certified)
    reached = fingerprint(certified.chain[-1])
    anchor = next((a for a in anchors if a.fingerprint == reached), None)
    if anchor is None:  # cryptography only builds paths to the store's certificates
        raise NotVouched("the chain ends at no trusted anchor")
    keys = Jwks({jwt.kid or "x5c": certified.public_key})
    chain = X5cIssuer(anchor.certificate, certified.display_name)
    info = IssuerInfo(shown, keys, anchor.vcts, "x5c", chain)
    return Vouched(info, _OneKey(certified.public_key), "x5c", anchor.subject, certified)


def status_list_keys(
    token: str, issuer: IssuerInfo, *, algorithms: AlgorithmPolicy, now: int
) -> tuple[KeyResolver, str | None]:
    """The key that may sign ``issuer``'s status list token, and the issuer name the token's
    ``iss`` must equal (None: the crypto core reads none, this function checked it).

    A DID issuer: the DID's own key (a ``kid`` naming another DID is refused). A
    certificate-based issuer: the token's ``x5c`` validated now to the same anchor as the
    credential's chain, its leaf naming the same issuer; without ``x5c``, the credential's leaf
    key. Raises the crypto core's error (a chain refused, a name that disagrees).
    """
    parsed = parse_compact(token, field="status_list_token", policy=algorithms)
    if issuer.path == "did":
        return _did(parsed, issuer.issuer, issuer, algorithms).keys, issuer.issuer
    if "x5c" in parsed.header:
        if issuer.x5c is None:
            raise IssuerNameMismatch(
                "the status list is signed under a certificate and its issuer is not",
                field="x5c",
            )
        certified = verify_x5c(parsed.header["x5c"], anchors=[issuer.x5c.anchor], at=now)
        listed = parsed.payload.get("iss")
        if listed is not None:
            if check_x5c_issuer(listed, certified) != issuer.issuer:
                raise IssuerNameMismatch(
                    "the status list names another issuer than the credential", field="iss"
                )
        elif certified.display_name != issuer.x5c.subject:
            raise IssuerNameMismatch(
                "the status list's certificate names another subject than the credential's",
                field="x5c",
            )
        return _OneKey(certified.public_key), None
    return IssuerKeys({issuer.issuer: issuer.jwks}), issuer.issuer
