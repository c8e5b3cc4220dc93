"""``did:jwk`` and ``did:key`` issuer identifiers (issue 15, item 3, crypto side): resolved
strictly to a public key; trust stays with the caller (a resolver over listed DIDs here)."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from crypto import (
    AlgorithmPolicy,
    Limits,
    SigningKey,
    VcPolicy,
    issue_sd_jwt_vc,
    public_jwk,
    sd,
    verify_sd_jwt_vc,
)
from crypto import errors as e
from crypto.b64 import b64url_encode
from crypto.did import did_key_of, resolve_did
from tests.support.factory import NOW, VCT

#: the did:key method specification's Ed25519 example
SPEC_ED25519 = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"


def did_jwk(jwk: dict) -> str:
    return "did:jwk:" + b64url_encode(json.dumps(jwk).encode())


def test_the_spec_example_did_key_is_an_ed25519_key_and_round_trips():
    key = resolve_did(SPEC_ED25519)
    assert public_jwk(key)["crv"] == "Ed25519"
    assert did_key_of(key) == SPEC_ED25519
    assert did_key_of(resolve_did(SPEC_ED25519 + "#" + SPEC_ED25519[8:])) == SPEC_ED25519


@pytest.mark.parametrize("alg", ["ES256", "EdDSA"])
def test_did_key_round_trips_for_p256_and_ed25519(alg):
    key = SigningKey.generate(alg).public_key
    did = did_key_of(key)
    assert public_jwk(resolve_did(did)) == public_jwk(key)


@pytest.mark.parametrize("curve", [ec.SECP256R1(), ec.SECP384R1()])
def test_did_jwk_resolves_what_the_policy_allows(curve):
    key = ec.generate_private_key(curve).public_key()
    did = did_jwk(public_jwk(key))
    assert public_jwk(resolve_did(did)) == public_jwk(key)
    assert public_jwk(resolve_did(did + "#0")) == public_jwk(key)
    with pytest.raises(e.DidError):
        resolve_did(did, policy=AlgorithmPolicy(algorithms=frozenset({"EdDSA"})))


def test_did_jwk_refuses_private_members_and_junk():
    jwk = public_jwk(SigningKey.generate().private_key)
    for bad in (
        did_jwk({**jwk, "d": "AAAA"}),
        did_jwk({"kty": "oct", "k": "c2VjcmV0"}),
        "did:jwk:not+base64",
        "did:jwk:" + b64url_encode(b'{"kty":"EC","kty":"EC"}'),
        "did:jwk:" + b64url_encode(b"[]"),
        did_jwk(jwk) + "#1",
        "did:jwk:",
        "did:jwk:a:b",
    ):
        with pytest.raises(e.DidError):
            resolve_did(bad)


@pytest.mark.parametrize(
    ("prefix", "size"),
    [
        (b"\x80\x26", 32),  # ed25519-priv
        (b"\x86\x26", 32),  # p256-priv
    ],
)
def test_did_key_refuses_private_keys(prefix, size):
    from crypto.did import _base58_encode

    with pytest.raises(e.DidError):
        resolve_did("did:key:z" + _base58_encode(prefix + b"\1" * size))


def test_did_key_refuses_other_codecs_sizes_and_encodings():
    from crypto.did import _base58_encode

    secp256k1 = "did:key:z" + _base58_encode(b"\xe7\x01" + b"\2" + b"\1" * 32)
    long_ed = "did:key:z" + _base58_encode(b"\xed\x01" + b"\1" * 33)
    point = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )
    uncompressed = "did:key:z" + _base58_encode(b"\x80\x24" + point)
    for bad in (secp256k1, long_ed, uncompressed):
        with pytest.raises(e.UnsupportedDidMethod):
            resolve_did(bad)
    for bad in ("did:key:6Mkh", "did:key:z0OIl", "did:key:z", "did:key:zé"):
        with pytest.raises(e.DidError):
            resolve_did(bad)
    with pytest.raises(e.UnsupportedDidMethod):
        resolve_did(SPEC_ED25519, policy=AlgorithmPolicy(algorithms=frozenset({"ES256"})))


def test_other_methods_and_bounds():
    with pytest.raises(e.UnsupportedDidMethod):
        resolve_did("did:web:issuer.example")
    with pytest.raises(e.InputTooLarge):
        resolve_did(SPEC_ED25519, limits=Limits(max_did_chars=20))
    with pytest.raises(e.MalformedInput):
        resolve_did(5)  # type: ignore[arg-type]


class ListedDids:
    """What a verifier's trust store would do: resolve only the DIDs it lists."""

    def __init__(self, *dids: str) -> None:
        self.dids = set(dids)

    def resolve(self, issuer, kid):
        if issuer not in self.dids:
            raise e.UnknownKey("this DID is not in the trust store", field="iss")
        return resolve_did(issuer)


def test_a_did_jwk_issuer_is_trusted_only_when_listed(clock):
    signer = SigningKey.generate("EdDSA", kid="0")
    issuer = did_jwk(public_jwk(signer.private_key))
    text = issue_sd_jwt_vc(
        {"given_name": sd("Olena")},
        issuer=issuer,
        vct=VCT,
        signing_key=signer,
        holder_jwk=None,
        iat=NOW - 60,
    ).compact
    policy = VcPolicy(key_binding=None)
    verified = verify_sd_jwt_vc(text, keys=ListedDids(issuer), policy=policy, clock=clock)
    assert verified.issuer == issuer
    with pytest.raises(e.UnknownKey):
        verify_sd_jwt_vc(text, keys=ListedDids(SPEC_ED25519), policy=policy, clock=clock)
