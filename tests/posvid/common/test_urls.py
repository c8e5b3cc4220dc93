"""The URL rules every role shares: https, except plain http on loopback."""

import pytest
from pydantic import ValidationError

from issuer.settings import IssuerSettings
from posvid.common.urls import is_loopback, is_secure_or_loopback, well_known


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://dmsu.gov.ua", True),
        ("http://127.0.0.1:8001", True),
        ("http://[::1]:8", True),
        ("http://localhost", True),
        ("http://dmsu.gov.ua", False),
        ("http://10.0.0.1", False),
        ("ftp://127.0.0.1", False),
        ("", False),
        (None, False),
    ],
)
def test_https_unless_loopback(url, ok):
    assert is_secure_or_loopback(url) is ok


def test_loopback_and_well_known_path_insertion():
    assert is_loopback("http://127.5.6.7/x")
    assert not is_loopback("https://example.com")
    assert well_known("https://a.example/tenant/", "jwt-vc-issuer") == (
        "https://a.example/.well-known/jwt-vc-issuer/tenant"
    )


def test_issuer_identifier_must_be_https_off_loopback():
    with pytest.raises(ValidationError):
        IssuerSettings(public_url="http://dmsu.gov.ua")
    assert IssuerSettings(public_url="https://dmsu.gov.ua/").issuer_url == "https://dmsu.gov.ua"
