"""Where ``serve`` listens, and when it refuses because wallets would be sent elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from issuer.errors import AddressMismatch
from issuer.identifier import ServeRequest, check_serve, listen_address, reaches
from issuer.settings import IssuerSettings


@pytest.mark.parametrize(
    ("identifier", "host", "port", "expected"),
    [
        ("http://127.0.0.1:9000", "127.0.0.1", 9000, True),
        ("http://127.0.0.1:9000/issuer", "127.0.0.1", 9000, True),
        ("http://localhost:9000", "127.0.0.1", 9000, True),  # both loopback
        ("http://127.0.0.1:9000", "0.0.0.0", 9000, True),  # noqa: S104 - every address
        ("http://[::1]:9000", "::1", 9000, True),
        ("http://127.0.0.1", "127.0.0.1", 80, True),
        ("http://127.0.0.1:8001", "127.0.0.1", 9000, False),
        ("http://127.0.0.1:9000", "192.0.2.7", 9000, False),
        ("https://dmsu.example.gov.ua", "127.0.0.1", 443, False),  # serve speaks plain http
    ],
)
def test_reaches(identifier, host, port, expected):
    assert reaches(identifier, host, port) is expected


def test_serve_listens_at_the_identifiers_own_address_unless_told(tmp_path):
    stored = IssuerSettings(home=tmp_path, public_url="http://localhost:9000")
    assert listen_address(stored) == ("localhost", 9000)
    asked = IssuerSettings(home=tmp_path, public_url="http://localhost:9000", port=9001)
    assert listen_address(asked) == ("localhost", 9001)
    proxied = IssuerSettings(home=tmp_path, public_url="https://dmsu.example.gov.ua")
    assert listen_address(proxied) == ("127.0.0.1", 8001)


def request(home: Path, **values: object) -> ServeRequest:
    fields: dict[str, object] = {
        "home": home,
        "host": "127.0.0.1",
        "port": 9000,
        "identifier": "http://127.0.0.1:9000",
        "stored": "http://127.0.0.1:9000",
        "source": "home",
    }
    return ServeRequest(**{**fields, **values})  # type: ignore[arg-type]


def test_serve_at_the_stored_identifier_is_allowed(tmp_path):
    check_serve(request(tmp_path))
    check_serve(request(tmp_path, stored=None, source="--public-url"))  # a home made before


def test_another_port_is_refused_saying_what_is_stored_asked_and_the_fix(tmp_path):
    with pytest.raises(AddressMismatch) as refused:
        check_serve(request(tmp_path, port=9001))
    message = refused.value.message
    assert f"the identifier stored in {tmp_path} is http://127.0.0.1:9000" in message
    assert "asked to listen on http://127.0.0.1:9001" in message
    assert "`posvid-issuer init --public-url http://127.0.0.1:9001`" in message
    assert "--allow-other-url" in message


def test_an_https_identifier_needs_a_proxy(tmp_path):
    url = "https://dmsu.example.gov.ua"
    with pytest.raises(AddressMismatch, match="only through a TLS proxy") as refused:
        check_serve(request(tmp_path, identifier=url, stored=url, port=8001))
    assert "--allow-other-url" in refused.value.message


def test_another_identifier_than_the_stored_one_is_refused(tmp_path):
    given = request(tmp_path, port=9001, identifier="http://127.0.0.1:9001", source="--public-url")
    with pytest.raises(AddressMismatch) as refused:
        check_serve(given)
    assert "offers would point at http://127.0.0.1:9000" in refused.value.message
    # the environment overrides the stored identifier (multi-worker serve passes it so)
    check_serve(
        request(
            tmp_path,
            port=9001,
            identifier="http://127.0.0.1:9001",
            source="POSVID_ISSUER_PUBLIC_URL",
        )
    )
