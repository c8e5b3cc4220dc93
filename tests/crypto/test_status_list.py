"""Token Status List: the draft's own vectors, packing, bounds, and the JWT form."""

import json
import zlib
from pathlib import Path

import pytest

from crypto import (
    STATUS_INVALID,
    STATUS_SUSPENDED,
    STATUS_VALID,
    IssuerKeys,
    Jwks,
    SigningKey,
    StatusList,
    StatusReference,
    issue_status_list_token,
    verify_status_list_token,
)
from crypto.b64 import b64url_encode
from crypto.errors import (
    Expired,
    InputTooLarge,
    InvalidSignature,
    MalformedInput,
    StatusIndexOutOfRange,
    StatusListError,
    UnknownKey,
    UnsupportedStatusBits,
)
from crypto.jws import sign_compact
from crypto.limits import Limits

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "status-list" / "vectors.json"
URI = "https://issuer.posvid.example/status/1"
ISSUER = "https://issuer.posvid.example"


def load_cases():
    return json.loads(VECTORS.read_text())["cases"]


@pytest.mark.parametrize("case", load_cases(), ids=lambda c: c["name"])
def test_decodes_the_drafts_vectors(case):
    status_list = StatusList.from_json(case["encoded"])
    assert status_list.bits == case["encoded"]["bits"]
    assert status_list.size == case["size"]
    expected = {int(k): v for k, v in case["statuses"].items()}
    per_byte = 8 // status_list.bits
    candidates = (
        i
        for byte, value in enumerate(status_list.to_bytes())
        if value
        for i in range(byte * per_byte, (byte + 1) * per_byte)
    )
    nonzero = {i: status_list[i] for i in candidates if status_list[i]}
    assert nonzero == expected


@pytest.mark.parametrize("case", load_cases(), ids=lambda c: c["name"])
def test_rebuilding_the_vectors_gives_the_same_bytes(case):
    decoded = StatusList.from_json(case["encoded"])
    rebuilt = StatusList(case["size"], case["encoded"]["bits"])
    for index, value in case["statuses"].items():
        rebuilt[int(index)] = value
    assert rebuilt.to_bytes() == decoded.to_bytes()
    assert StatusList.from_json(rebuilt.to_json()).to_bytes() == decoded.to_bytes()


def test_least_significant_bits_first():
    status_list = StatusList(8, bits=2)
    status_list[0] = STATUS_INVALID
    status_list[1] = STATUS_SUSPENDED
    status_list[3] = 3
    assert status_list.to_bytes()[0] == 0b11_00_10_01


@pytest.mark.parametrize("bits", [1, 2, 4, 8])
def test_out_of_range_index_is_an_error(bits):
    status_list = StatusList(16, bits)
    with pytest.raises(StatusIndexOutOfRange):
        status_list[status_list.size]
    with pytest.raises(StatusIndexOutOfRange):
        status_list[-1]


def test_status_wider_than_bits_is_refused():
    with pytest.raises(StatusListError):
        StatusList(8, bits=1)[0] = STATUS_SUSPENDED


@pytest.mark.parametrize("bits", [0, 3, 16, True, "2"])
def test_unsupported_bits(bits):
    with pytest.raises(UnsupportedStatusBits):
        StatusList.from_json({"bits": bits, "lst": "eNrbuRgAAhcBXQ"})


def test_zip_bomb_is_refused_without_inflating_it():
    bomb = b64url_encode(zlib.compress(bytes(50 * 1024 * 1024), 9))
    with pytest.raises(InputTooLarge):
        StatusList.from_json({"bits": 1, "lst": bomb}, limits=Limits(max_status_list_bytes=1024))


@pytest.mark.parametrize(
    "lst",
    [
        b64url_encode(b"not zlib"),
        b64url_encode(zlib.compress(b"\x01" * 100)[:-3]),
        b64url_encode(zlib.compress(b"\x01") + b"extra"),
        b64url_encode(zlib.compress(b"")),
    ],
    ids=["not-zlib", "truncated", "trailing-data", "empty"],
)
def test_damaged_lists_are_refused(lst):
    with pytest.raises((MalformedInput, StatusListError)):
        StatusList.from_json({"bits": 1, "lst": lst})


@pytest.fixture(scope="module")
def key():
    return SigningKey.generate()


@pytest.fixture(scope="module")
def keys(key):
    return IssuerKeys({ISSUER: Jwks.of([key])})


def make_token(key, **extra):
    status_list = StatusList(1000, 2)
    status_list[7] = STATUS_INVALID
    status_list[8] = STATUS_SUSPENDED
    args = {"uri": URI, "issuer": ISSUER, "signing_key": key, "iat": 1000, "exp": 5000, "ttl": 300}
    args.update(extra)
    return issue_status_list_token(status_list, **args)


def test_token_round_trip(key, keys, clock):
    clock.at = 2000
    token = verify_status_list_token(make_token(key), keys=keys, expected_uri=URI, clock=clock)
    assert token.ttl == 300
    assert token.status_of(StatusReference(7, URI)) == STATUS_INVALID
    assert token.status_of(StatusReference(8, URI)) == STATUS_SUSPENDED
    assert token.status_of(StatusReference(9, URI)) == STATUS_VALID
    with pytest.raises(StatusIndexOutOfRange):
        token.status_of(StatusReference(10_000, URI))
    with pytest.raises(StatusListError):
        token.status_of(StatusReference(1, URI + "x"))


def test_token_for_another_uri_is_refused(key, keys, clock):
    clock.at = 2000
    with pytest.raises(StatusListError):
        verify_status_list_token(make_token(key), keys=keys, expected_uri=URI + "/2", clock=clock)


def test_expired_token_is_refused(key, keys, clock):
    clock.at = 6000
    with pytest.raises(Expired):
        verify_status_list_token(make_token(key), keys=keys, expected_uri=URI, clock=clock)


def test_token_with_wrong_typ_is_refused(key, keys, clock):
    clock.at = 2000
    payload = {"iss": ISSUER, "sub": URI, "iat": 1000, "status_list": StatusList(8).to_json()}
    token = sign_compact(payload, key, typ="JWT")
    with pytest.raises(StatusListError):
        verify_status_list_token(token, keys=keys, expected_uri=URI, clock=clock)


def test_token_signed_by_another_key_is_refused(key, keys, clock):
    clock.at = 2000
    forger = SigningKey.generate(kid=key.kid)
    with pytest.raises(InvalidSignature):
        verify_status_list_token(make_token(forger), keys=keys, expected_uri=URI, clock=clock)


@pytest.mark.parametrize(
    "claim", [{"status_list": {"idx": "1", "uri": URI}}, {"status_list": {"idx": 1}}, [], {"x": 1}]
)
def test_malformed_status_reference(claim):
    with pytest.raises(StatusListError):
        StatusReference.from_claim(claim)


def test_a_list_without_iss_verifies_with_the_referencing_issuers_keys(key, keys, clock):
    clock.at = 2000
    payload = {"sub": URI, "iat": 1000, "exp": 5000, "status_list": StatusList(8).to_json()}
    token = sign_compact(payload, key, typ="statuslist+jwt")
    verified = verify_status_list_token(
        token, keys=keys, expected_uri=URI, clock=clock, issuer=ISSUER
    )
    assert verified.status_of(StatusReference(0, URI)) == STATUS_VALID
    with pytest.raises(UnknownKey):  # without the referencing issuer: no key to verify it with
        verify_status_list_token(token, keys=keys, expected_uri=URI, clock=clock)
    with pytest.raises(InvalidSignature):
        verify_status_list_token(
            sign_compact(payload, SigningKey.generate(kid=key.kid), typ="statuslist+jwt"),
            keys=keys,
            expected_uri=URI,
            clock=clock,
            issuer=ISSUER,
        )


def test_a_list_naming_another_issuer_is_refused(key, clock):
    clock.at = 2000
    both = IssuerKeys({ISSUER: Jwks.of([key]), "https://other.example": Jwks.of([key])})
    token = make_token(key, issuer="https://other.example")
    with pytest.raises(StatusListError) as raised:
        verify_status_list_token(token, keys=both, expected_uri=URI, clock=clock, issuer=ISSUER)
    assert raised.value.field == "iss"
    payload = {"iss": 7, "sub": URI, "iat": 1000, "status_list": StatusList(8).to_json()}
    with pytest.raises(MalformedInput):
        verify_status_list_token(
            sign_compact(payload, key, typ="statuslist+jwt"),
            keys=both,
            expected_uri=URI,
            clock=clock,
            issuer=ISSUER,
        )


def test_an_expired_list_is_read_only_when_asked(key, keys, clock):
    clock.at = 5000 + 31  # past exp and the leeway
    with pytest.raises(Expired):
        verify_status_list_token(make_token(key), keys=keys, expected_uri=URI, clock=clock)
    old = verify_status_list_token(
        make_token(key), keys=keys, expected_uri=URI, clock=clock, allow_expired=True
    )
    assert (old.expired, old.exp) == (True, 5000)
    assert old.status_of(StatusReference(7, URI)) == STATUS_INVALID
    clock.at = 5000 + 30
    assert not verify_status_list_token(
        make_token(key), keys=keys, expected_uri=URI, clock=clock, allow_expired=True
    ).expired
    with pytest.raises(MalformedInput):  # an exp that is no time is refused even so
        verify_status_list_token(
            make_token(key, exp="soon"),
            keys=keys,
            expected_uri=URI,
            clock=clock,
            allow_expired=True,
        )
