"""Tokens signed by another implementation (PyJWT, over ``cryptography``), for the algorithms
Posvid verifies but does not sign with: ES384, ES512, PS256, RS256 (and ES256, EdDSA).

Signing through PyJWT rather than through ``crypto`` makes every test here a cross-check.
"""

from __future__ import annotations

import json
from typing import Any

import jwt
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

from crypto.b64 import b64url_encode
from crypto.sdjwt import SdJwtParts
from crypto.sdjwt.disclosure import digest_of

CURVES = {"ES256": ec.SECP256R1, "ES384": ec.SECP384R1, "ES512": ec.SECP521R1}
#: RSA-PSS as RFC 7518 §3.5 has it: MGF1 with SHA-256, a salt as long as the hash
PSS = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)
_RSA_KEYS: dict[int, rsa.RSAPrivateKey] = {}


def rsa_key(bits: int = 2048) -> rsa.RSAPrivateKey:
    """An RSA key, made once per size for the whole run (generation is slow)."""
    if bits not in _RSA_KEYS:
        _RSA_KEYS[bits] = rsa.generate_private_key(65537, bits)
    return _RSA_KEYS[bits]


def private_key_for(alg: str) -> Any:
    """A fresh private key of the type ``alg`` needs."""
    if alg in CURVES:
        return ec.generate_private_key(CURVES[alg]())
    if alg == "EdDSA":
        return ed25519.Ed25519PrivateKey.generate()
    return rsa_key()


def sign(payload: dict[str, Any], key: Any, alg: str, **header: Any) -> str:
    """A compact JWS of ``payload`` signed by PyJWT; ``header`` adds header members."""
    return jwt.encode(payload, key, algorithm=alg, headers=header or None)


def resign(token: str, header: dict[str, Any], signature: bytes) -> str:
    """``token`` with its header replaced and its signature set to ``signature`` as is."""
    head = b64url_encode(json.dumps(header, separators=(",", ":")).encode())
    return f"{head}.{token.split('.')[1]}.{b64url_encode(signature)}"


def sd_jwt(payload: dict[str, Any], disclosures: tuple[str, ...], key: Any, alg: str) -> str:
    """An SD-JWT whose issuer JWT PyJWT signed under ``alg`` with header ``typ: dc+sd-jwt``."""
    issuer_jwt = sign(payload, key, alg, typ="dc+sd-jwt", kid="k1")
    return SdJwtParts(issuer_jwt, disclosures, None).serialize()


def with_kb(
    sd_jwt_text: str, holder: Any, alg: str, *, aud: str, nonce: str, iat: int, hash_alg: str
) -> str:
    """Append a KB-JWT signed by PyJWT under ``alg``."""
    payload = {"iat": iat, "aud": aud, "nonce": nonce, "sd_hash": digest_of(sd_jwt_text, hash_alg)}
    return sd_jwt_text + sign(payload, holder, alg, typ="kb+jwt")
