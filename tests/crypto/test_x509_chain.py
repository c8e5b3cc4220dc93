"""Issuer keys from ``x5c`` (issue 15, item 1, crypto side): chains built here with
``cryptography`` (root → CA → leaf), validated by its X.509 verifier; each failure has its
own error code."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from crypto import errors as e
from crypto.jws import parse_compact
from crypto.limits import Limits
from crypto.x509_chain import check_x5c_issuer, verify_x5c
from tests.crypto import foreign_jose as fj

NOW = dt.datetime(2026, 12, 2, 12, tzinfo=dt.UTC)
AT = int(NOW.timestamp())


def _name(cn: str, org: str = "Urząd do Spraw Cudzoziemców", country: str = "PL") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, country),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def _usage(*, sign: bool, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=sign,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def make_cert(
    subject, key, issuer, issuer_key, *, ca, sign=True, days=(-30, 365), san=None, usage=True
):
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW + dt.timedelta(days=days[0]))
        .not_valid_after(NOW + dt.timedelta(days=days[1]))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    )
    if usage:
        builder = builder.add_extension(_usage(sign=sign and not ca, ca=ca), critical=True)
    if san:
        builder = builder.add_extension(x509.SubjectAlternativeName(san), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def b64(cert: x509.Certificate) -> str:
    return base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()


class Pki:
    def __init__(self) -> None:
        self.root_key, self.ca_key, self.leaf_key = (
            ec.generate_private_key(ec.SECP256R1()) for _ in range(3)
        )
        self.root = make_cert("Root", self.root_key, "Root", self.root_key, ca=True)
        self.ca = make_cert("Issuing CA", self.ca_key, "Root", self.root_key, ca=True)
        san = [
            x509.UniformResourceIdentifier("https://pid.example.pl"),
            x509.DNSName("pid.example.pl"),
        ]
        self.leaf = self.leaf_with(san=san)

    def leaf_with(self, **options):
        return make_cert(
            "PID signer", self.leaf_key, "Issuing CA", self.ca_key, ca=False, **options
        )


@pytest.fixture(scope="module")
def pki() -> Pki:
    return Pki()


def test_root_ca_leaf_verifies_and_names_the_subject(pki):
    issuer = verify_x5c([b64(pki.leaf), b64(pki.ca)], anchors=[pki.root], at=AT)
    assert issuer.organisation == "Urząd do Spraw Cudzoziemców"
    assert issuer.country == "PL"
    assert issuer.common_name == "PID signer"
    assert issuer.display_name == "Urząd do Spraw Cudzoziemców (PL)"
    assert [c.subject for c in issuer.chain] == [pki.leaf.subject, pki.ca.subject, pki.root.subject]
    assert issuer.public_key.public_numbers() == pki.leaf_key.public_key().public_numbers()


def test_the_leaf_key_verifies_a_token_signed_with_it(pki):
    x5c = [b64(pki.leaf), b64(pki.ca)]
    token = fj.sign({"vct": "urn:eu.europa.ec.eudi:pid:1"}, pki.leaf_key, "ES256", x5c=x5c)
    parsed = parse_compact(token)
    issuer = verify_x5c(parsed.header["x5c"], anchors=[pki.root], at=AT)
    parsed.verify_with(issuer.public_key)
    assert check_x5c_issuer(parsed.payload.get("iss"), issuer) == issuer.display_name


def test_an_expired_leaf_is_refused(pki):
    old = pki.leaf_with(days=(-400, -1))
    with pytest.raises(e.CertificateExpired):
        verify_x5c([b64(old), b64(pki.ca)], anchors=[pki.root], at=AT)


def test_a_leaf_not_yet_valid_is_refused(pki):
    future = pki.leaf_with(days=(1, 30))
    with pytest.raises(e.CertificateNotYetValid):
        verify_x5c([b64(future), b64(pki.ca)], anchors=[pki.root], at=AT)


def test_a_wrong_root_is_refused(pki):
    other = Pki()
    with pytest.raises(e.UntrustedRoot):  # the chain ends at a root that is not an anchor
        verify_x5c([b64(pki.leaf), b64(pki.ca), b64(pki.root)], anchors=[other.root], at=AT)
    with pytest.raises(e.UntrustedRoot):  # an anchor of the same name, another key
        verify_x5c([b64(pki.leaf), b64(pki.ca)], anchors=[other.root], at=AT)


def test_a_missing_intermediate_is_refused(pki):
    with pytest.raises(e.MissingIssuerCertificate):
        verify_x5c([b64(pki.leaf)], anchors=[pki.root], at=AT)


def test_a_ca_key_used_as_the_leaf_is_refused(pki):
    with pytest.raises(e.CaCertificateAsLeaf):
        verify_x5c([b64(pki.ca)], anchors=[pki.root], at=AT)


def test_a_leaf_without_digital_signature_is_refused(pki):
    for leaf in (pki.leaf_with(sign=False), pki.leaf_with(usage=False)):
        with pytest.raises(e.KeyUsageNotAllowed):
            verify_x5c([b64(leaf), b64(pki.ca)], anchors=[pki.root], at=AT)


def test_an_expired_intermediate_is_refused(pki):
    old_ca = make_cert("Issuing CA", pki.ca_key, "Root", pki.root_key, ca=True, days=(-400, -1))
    with pytest.raises(e.CertificateExpired):
        verify_x5c([b64(pki.leaf), b64(old_ca)], anchors=[pki.root], at=AT)


def test_a_leaf_issued_by_the_anchor_itself_validates(pki):
    direct = make_cert("Signer", pki.leaf_key, "Root", pki.root_key, ca=False)
    assert verify_x5c([b64(direct)], anchors=[pki.root], at=AT).common_name == "Signer"


@pytest.mark.parametrize(
    "x5c",
    [None, [], "MII", [5], ["not base64!"], ["AAAA"], ["-_-_"]],
)
def test_malformed_x5c_is_refused(pki, x5c):
    with pytest.raises(e.MalformedInput):
        verify_x5c(x5c, anchors=[pki.root], at=AT)


def test_x5c_bounds(pki):
    chain = [b64(pki.leaf), b64(pki.ca)]
    with pytest.raises(e.MalformedInput):
        verify_x5c(chain, anchors=[pki.root], at=AT, limits=Limits(max_x5c_certificates=1))
    with pytest.raises(e.InputTooLarge):
        verify_x5c(chain, anchors=[pki.root], at=AT, limits=Limits(max_certificate_chars=64))


def test_no_anchors_means_untrusted(pki):
    with pytest.raises(e.UntrustedRoot):
        verify_x5c([b64(pki.leaf), b64(pki.ca)], anchors=[], at=AT)


@pytest.mark.parametrize(
    ("iss", "ok"),
    [
        (None, True),
        ("https://pid.example.pl", True),  # a URI SAN
        ("https://pid.example.pl/issuer", True),  # https URL whose host is a DNS SAN
        ("dns:pid.example.pl", True),
        ("https://evil.example", False),
        ("http://pid.example.pl/x", False),
        ("pid.example.pl", False),
        ("", False),
        (5, False),
    ],
)
def test_iss_must_be_a_name_of_the_leaf(pki, iss, ok):
    issuer = verify_x5c([b64(pki.leaf), b64(pki.ca)], anchors=[pki.root], at=AT)
    if ok:
        assert check_x5c_issuer(iss, issuer)
    else:
        with pytest.raises(e.IssuerNameMismatch):
            check_x5c_issuer(iss, issuer)
