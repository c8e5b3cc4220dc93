"""Property tests: round trips, and every parser fails only with a CryptoError."""

from __future__ import annotations

import contextlib
import string

from hypothesis import assume, given
from hypothesis import strategies as st

from crypto import (
    CryptoError,
    FixedClock,
    IssuerKeys,
    Jwks,
    KeyBindingExpectations,
    SeededRandom,
    SigningKey,
    StatusList,
    VcPolicy,
    issue_sd_jwt_vc,
    present,
    public_jwk,
    public_key_from_jwk,
    sd,
    verify_sd_jwt_vc,
)
from crypto.b64 import b64url_decode, b64url_encode
from crypto.jws import parse_compact
from crypto.sdjwt import Disclosure, split_sd_jwt
from posvid.common.vocabulary import OFFLINE_AUDIENCE

ISSUER = "https://issuer.posvid.example"
NOW = 1_800_000_000
ISSUER_KEY = SigningKey.generate()
HOLDER_KEY = SigningKey.generate()
TRUST = IssuerKeys({ISSUER: Jwks.of([ISSUER_KEY])})

cyrillic = st.text(alphabet="абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЕЄЖЗИІЇЙ'ʼ -", max_size=20)
json_scalars = (
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | cyrillic | st.text(max_size=10)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(string.ascii_letters, min_size=1, max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
claim_names = st.text(string.ascii_lowercase + "_", min_size=1, max_size=12).filter(
    lambda n: n not in {"iss", "iat", "nbf", "exp", "cnf", "vct", "status", "_sd", "_sd_alg"}
)


@given(st.binary(max_size=200))
def test_b64_round_trip(data):
    assert b64url_decode(b64url_encode(data)) == data


@given(st.text(max_size=50))
def test_b64_decode_fails_only_with_our_error(text):
    with contextlib.suppress(CryptoError):
        b64url_decode(text)


@given(st.one_of(st.none(), claim_names), json_values, st.text(min_size=1, max_size=30))
def test_disclosure_round_trip(name, value, salt):
    created = Disclosure.create(name, value, salt=salt)
    parsed = Disclosure.parse(created.encoded)
    assert (parsed.name, parsed.value, parsed.salt) == (name, value, salt)


@given(st.text(max_size=300))
def test_disclosure_parse_fails_only_with_our_error(text):
    with contextlib.suppress(CryptoError):
        Disclosure.parse(text)


@given(st.text(alphabet=string.ascii_letters + string.digits + "-_.~", max_size=300))
def test_split_and_jws_parse_fail_only_with_our_error(text):
    with contextlib.suppress(CryptoError):
        parse_compact(text)
    with contextlib.suppress(CryptoError):
        split_sd_jwt(text)


@given(st.sampled_from([1, 2, 4, 8]), st.data())
def test_status_list_round_trip(bits, data):
    size = data.draw(st.integers(1, 2000))
    status_list = StatusList(size, bits)
    written = data.draw(
        st.dictionaries(
            st.integers(0, status_list.size - 1), st.integers(0, 2**bits - 1), max_size=40
        )
    )
    for index, value in written.items():
        status_list[index] = value
    decoded = StatusList.from_json(status_list.to_json())
    assert decoded.size == status_list.size
    assert all(decoded[i] == v for i, v in written.items())
    assert sum(1 for i in range(decoded.size) if decoded[i]) == sum(
        1 for v in written.values() if v
    )


@given(
    st.dictionaries(
        st.sampled_from(["bits", "lst", "x"]),
        json_values | st.text(string.ascii_letters + "-_", max_size=40),
    )
)
def test_status_list_parse_fails_only_with_our_error(obj):
    with contextlib.suppress(CryptoError):
        StatusList.from_json(obj)


@given(
    st.dictionaries(
        st.sampled_from(["kty", "crv", "x", "y", "d", "alg"]),
        json_values | st.sampled_from(["EC", "OKP", "P-256", "Ed25519", "A" * 43]),
    )
)
def test_jwk_import_fails_only_with_our_error(jwk):
    with contextlib.suppress(CryptoError):
        public_key_from_jwk(jwk)


@given(
    st.dictionaries(claim_names, json_values, min_size=1, max_size=8),
    st.data(),
)
def test_issue_present_verify_round_trip(claims, data):
    names = sorted(claims)
    disclosed = data.draw(st.lists(st.sampled_from(names), unique=True))
    issued = issue_sd_jwt_vc(
        {k: sd(v) for k, v in claims.items()},
        issuer=ISSUER,
        vct="urn:ua:posvid:test:1",
        signing_key=ISSUER_KEY,
        holder_jwk=public_jwk(HOLDER_KEY.private_key),
        iat=NOW,
        rng=SeededRandom(len(names)),
    )
    text = present(
        issued.compact,
        disclose=disclosed,
        holder_key=HOLDER_KEY,
        aud=OFFLINE_AUDIENCE,
        nonce="n" * 22,
        iat=NOW,
    )
    policy = VcPolicy(KeyBindingExpectations(aud=OFFLINE_AUDIENCE, nonce="n" * 22))
    result = verify_sd_jwt_vc(text, keys=TRUST, policy=policy, clock=FixedClock(NOW))
    shown = {k: v for k, v in result.claims.items() if k in claims}
    assert shown == {k: claims[k] for k in disclosed}


VALID = present(
    issue_sd_jwt_vc(
        {"given_name": sd("Олена"), "family_name": sd("Коваленко")},
        issuer=ISSUER,
        vct="urn:x",
        signing_key=ISSUER_KEY,
        holder_jwk=public_jwk(HOLDER_KEY.private_key),
        iat=NOW,
    ).compact,
    disclose=["given_name"],
    holder_key=HOLDER_KEY,
    aud="a",
    nonce="n" * 22,
    iat=NOW,
)


@given(st.integers(0, len(VALID) - 1), st.characters(codec="ascii"))
def test_any_single_character_change_is_refused_with_our_error(position, replacement):
    assume(VALID[position] != replacement)
    forged = VALID[:position] + replacement + VALID[position + 1 :]
    policy = VcPolicy(KeyBindingExpectations(aud="a", nonce="n" * 22))
    try:
        verify_sd_jwt_vc(forged, keys=TRUST, policy=policy, clock=FixedClock(NOW))
    except CryptoError:
        return
    raise AssertionError("a modified presentation was accepted")
