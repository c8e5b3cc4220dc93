"""The JWS JSON serialization of RFC 9901 §8 (issue 15, item 4): flattened and general, parsed
strictly, verified by the compact rules, converted to compact where equivalent."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crypto import KeyBindingExpectations, Limits, SigningKey, VcPolicy, verify_sd_jwt_vc
from crypto import errors as e
from crypto.algorithms import sign
from crypto.b64 import b64url_encode
from crypto.sdjwt import (
    parse_sd_jwt_json,
    split_sd_jwt,
    to_json_serialization,
    verify_sd_jwt_vc_json,
)
from crypto.sdjwt.key_binding import create_kb_jwt
from tests.support.factory import NONCE, NOW, OFFLINE, OneKey, credential, presentation

KB = VcPolicy(KeyBindingExpectations(aud=OFFLINE, nonce=NONCE))
NO_KB = VcPolicy(key_binding=None)


def other_signature(issuer_jwt: str, signer: SigningKey) -> dict:
    """A second signature over the same payload by ``signer``."""
    payload = issuer_jwt.split(".")[1]
    header = {"alg": "ES256", "typ": "dc+sd-jwt", "kid": signer.kid}
    protected = b64url_encode(json.dumps(header).encode())
    signature = sign("ES256", signer.private_key, f"{protected}.{payload}".encode())
    return {"protected": protected, "signature": b64url_encode(signature)}


def general(issued: str, holder: SigningKey, signatures: list[dict], kb: bool = True) -> str:
    """A general serialization of ``issued`` (compact, no KB) with ``signatures``, the KB-JWT
    over the first signature's compact form."""
    parts = split_sd_jwt(issued)
    payload = parts.issuer_jwt.split(".")[1]
    first = signatures[0]
    first_compact = f"{first['protected']}.{payload}.{first['signature']}"
    header: dict = {"disclosures": list(parts.disclosures)}
    if kb:
        covered = first_compact + "~" + "".join(d + "~" for d in parts.disclosures)
        header["kb_jwt"] = create_kb_jwt(
            covered, holder_key=holder, aud=OFFLINE, nonce=NONCE, iat=NOW, hash_alg="sha-256"
        )
    signatures = [{**first, "header": header}, *signatures[1:]]
    return json.dumps({"payload": payload, "signatures": signatures})


def own_signature(issued: str) -> dict:
    protected, _, signature = split_sd_jwt(issued).issuer_jwt.split(".")
    return {"protected": protected, "signature": signature}


def test_flattened_round_trips_and_verifies_like_the_compact_form(issuer_key, holder_key, clock):
    compact = presentation(issuer_key, holder_key)
    text = to_json_serialization(compact)
    document = json.loads(text)
    assert set(document) == {"payload", "protected", "header", "signature"}
    assert set(document["header"]) == {"disclosures", "kb_jwt"}
    parsed = parse_sd_jwt_json(text)
    assert parsed.to_compact() == compact
    assert not parsed.general
    from_json = verify_sd_jwt_vc_json(text, keys=OneKey(issuer_key), policy=KB, clock=clock)
    from_compact = verify_sd_jwt_vc(compact, keys=OneKey(issuer_key), policy=KB, clock=clock)
    assert from_json.claims == from_compact.claims
    assert from_json.alg == "ES256"


def test_a_pretty_printed_flattened_sd_jwt_is_read(issuer_key, holder_key, clock):
    text = json.dumps(
        json.loads(to_json_serialization(credential(issuer_key, holder_key))), indent=2
    )
    result = verify_sd_jwt_vc_json(
        "\n" + text + "\n", keys=OneKey(issuer_key), policy=NO_KB, clock=clock
    )
    assert result.claims["given_name"]


def test_general_with_one_signature_converts_to_compact(issuer_key, holder_key, clock):
    issued = credential(issuer_key, holder_key)
    text = general(issued, holder_key, [own_signature(issued)])
    parsed = parse_sd_jwt_json(text)
    assert parsed.general
    verify_sd_jwt_vc(parsed.to_compact(), keys=OneKey(issuer_key), policy=KB, clock=clock)
    verify_sd_jwt_vc_json(text, keys=OneKey(issuer_key), policy=KB, clock=clock)


def test_general_verifies_when_one_signature_is_the_issuers(issuer_key, holder_key, clock):
    issued = credential(issuer_key, holder_key)
    stranger = SigningKey.generate()
    text = general(issued, holder_key, [other_signature(issued, stranger), own_signature(issued)])
    result = verify_sd_jwt_vc_json(text, keys=OneKey(issuer_key), policy=KB, clock=clock)
    assert result.sd_jwt.header["kid"] == issuer_key.kid
    with pytest.raises(e.MalformedInput):
        parse_sd_jwt_json(text).to_compact()  # two signatures: no compact equivalent


def test_general_is_refused_when_no_signature_is_the_issuers(issuer_key, holder_key, clock):
    issued = credential(issuer_key, holder_key)
    strangers = [other_signature(issued, SigningKey.generate()) for _ in range(2)]
    with pytest.raises(e.InvalidSignature):
        verify_sd_jwt_vc_json(
            general(issued, holder_key, strangers), keys=OneKey(issuer_key), policy=KB, clock=clock
        )


def test_sd_hash_covers_the_first_signature(issuer_key, holder_key, clock):
    """A KB-JWT over the issuer's (second) signature's compact form does not match."""
    issued = credential(issuer_key, holder_key)
    mine, theirs = own_signature(issued), other_signature(issued, SigningKey.generate())
    text = json.loads(general(issued, holder_key, [mine, theirs]))
    swapped = general(issued, holder_key, [theirs, mine])
    text["signatures"][0]["header"]["kb_jwt"] = json.loads(swapped)["signatures"][0]["header"][
        "kb_jwt"
    ]
    with pytest.raises(e.SdHashMismatch):
        verify_sd_jwt_vc_json(json.dumps(text), keys=OneKey(issuer_key), policy=KB, clock=clock)


def test_disclosures_only_in_the_first_unprotected_header(issuer_key, holder_key):
    issued = credential(issuer_key, holder_key)
    document = json.loads(general(issued, holder_key, [own_signature(issued)] * 2))
    document["signatures"][1]["header"] = {"disclosures": []}
    with pytest.raises(e.MalformedInput):
        parse_sd_jwt_json(json.dumps(document))


def test_a_tampered_disclosure_fails_as_in_the_compact_form(issuer_key, holder_key, clock):
    document = json.loads(to_json_serialization(presentation(issuer_key, holder_key)))
    document["header"]["disclosures"].append(document["header"]["disclosures"][0])
    with pytest.raises(e.DuplicateDisclosure):
        verify_sd_jwt_vc_json(json.dumps(document), keys=OneKey(issuer_key), policy=KB, clock=clock)


def test_key_binding_required_and_missing(issuer_key, holder_key, clock):
    text = to_json_serialization(credential(issuer_key, holder_key))
    with pytest.raises(e.KeyBindingMissing):
        verify_sd_jwt_vc_json(text, keys=OneKey(issuer_key), policy=KB, clock=clock)


FLAT = {
    "protected": "eyJhIjoxfQ",
    "payload": "e30",
    "signature": "AA",
    "header": {"disclosures": []},
}


def test_other_unprotected_members_are_allowed_and_never_used():
    # RFC 7515 §7.2.1 allows them; RFC 9901 §8.3's own example carries a kid there
    parsed = parse_sd_jwt_json(json.dumps({**FLAT, "header": {"disclosures": [], "kid": "k"}}))
    assert parsed.disclosures == ()


@pytest.mark.parametrize(
    "document",
    [
        '{"payload":"e30","payload":"e30"}',  # repeated member name
        json.dumps({**FLAT, "extra": 1}),
        json.dumps({k: v for k, v in FLAT.items() if k != "header"}),
        json.dumps({**FLAT, "header": {}}),
        json.dumps({**FLAT, "header": {"disclosures": [], "a": 2}}),  # "a" is also protected
        json.dumps({**FLAT, "header": {"disclosures": [], **{f"x{i}": 1 for i in range(17)}}}),
        json.dumps(
            {
                "payload": "e30",
                "signatures": [
                    {k: v for k, v in FLAT.items() if k != "payload"},
                    {"protected": "e30", "signature": "AA", "header": {"disclosures": []}},
                ],
            }
        ),  # disclosures outside the first signature
        json.dumps({**FLAT, "header": {"disclosures": [""]}}),
        json.dumps({**FLAT, "header": {"disclosures": ["a~b"]}}),
        json.dumps({**FLAT, "header": {"disclosures": "WyJhIl0"}}),
        json.dumps({**FLAT, "header": {"disclosures": [], "kb_jwt": 5}}),
        json.dumps({**FLAT, "signature": "A.A"}),
        json.dumps({**FLAT, "payload": ""}),
        json.dumps({**FLAT, "signatures": []}),
        json.dumps({"payload": "e30", "signatures": []}),
        json.dumps({"payload": "e30", "signatures": [FLAT]}),  # payload inside a signature
        json.dumps([FLAT]),
        "null",
    ],
)
def test_malformed_documents_are_refused(document):
    with pytest.raises(e.MalformedInput):
        parse_sd_jwt_json(document)


def test_bounds_hold_before_and_after_parsing():
    small = Limits(max_sd_jwt_json_chars=100, max_json_signatures=2, max_disclosures=2)
    with pytest.raises(e.InputTooLarge):
        parse_sd_jwt_json(json.dumps(FLAT) + " " * 100, limits=small)
    three = {"payload": "e30", "signatures": [{"protected": "e30", "signature": "AA"}] * 3}
    with pytest.raises(e.InputTooLarge):
        parse_sd_jwt_json(json.dumps(three), limits=Limits(max_json_signatures=2))
    many = {**FLAT, "header": {"disclosures": ["WyJhIl0"] * 3}}
    with pytest.raises(e.InputTooLarge):
        parse_sd_jwt_json(json.dumps(many), limits=Limits(max_disclosures=2))


# --- properties --------------------------------------------------------------------------------

B64 = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
    min_size=1,
    max_size=40,
)
JWS = st.tuples(B64, B64, B64).map(".".join)
COMPACT = st.builds(
    lambda jwt, ds, kb: jwt + "~" + "".join(d + "~" for d in ds) + (kb or ""),
    JWS,
    st.lists(B64, max_size=5),
    st.none() | JWS,
)


@given(COMPACT)
def test_compact_to_json_and_back_is_the_identity(compact):
    assert parse_sd_jwt_json(to_json_serialization(compact)).to_compact() == compact


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "payload",
                    "protected",
                    "signature",
                    "header",
                    "signatures",
                    "disclosures",
                    "kb_jwt",
                    "x",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@given(JSON_VALUES.map(json.dumps) | st.text(max_size=200))
def test_junk_raises_only_the_cores_own_errors(junk):
    with contextlib.suppress(e.CryptoError):
        parse_sd_jwt_json(junk)
