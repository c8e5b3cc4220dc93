"""The public surface of crypto/ is pinned: a change to it is a deliberate change here."""

import importlib

import pytest

import crypto
import crypto.sdjwt

EXPECTED_CRYPTO = {
    "DEFAULT_LIMITS",
    "DEFAULT_POLICY",
    "STATUS_INVALID",
    "STATUS_SUSPENDED",
    "STATUS_VALID",
    "AlgorithmPolicy",
    "Clock",
    "CodedError",
    "CryptoError",
    "FixedClock",
    "IssuerKeys",
    "Jwks",
    "KeyBindingExpectations",
    "KeyResolver",
    "Limits",
    "PresentationRequest",
    "RandomSource",
    "SecureRandom",
    "SeededRandom",
    "SigningKey",
    "StatusList",
    "StatusListToken",
    "StatusReference",
    "SystemClock",
    "VcPolicy",
    "VerifiedCredential",
    "decode_qr_payload",
    "encode_qr_payload",
    "generate_private_key",
    "issue_sd_jwt_vc",
    "issue_status_list_token",
    "jwk_thumbprint",
    "load_private_key_pem",
    "present",
    "private_key_to_pem",
    "public_jwk",
    "public_key_from_jwk",
    "sd",
    "verify_sd_jwt_vc",
    "verify_status_list_token",
}

MODULES = [
    "crypto",
    "crypto.errors",
    "crypto.limits",
    "crypto.b64",
    "crypto.clock",
    "crypto.randomness",
    "crypto.algorithms",
    "crypto.policy",
    "crypto.keys",
    "crypto.strict_json",
    "crypto.jws",
    "crypto.key_resolver",
    "crypto.time_claims",
    "crypto.status_list",
    "crypto.sdjwt",
    "crypto.sdjwt.disclosure",
    "crypto.sdjwt.compact",
    "crypto.sdjwt.issuance",
    "crypto.sdjwt.unpacking",
    "crypto.sdjwt.key_binding",
    "crypto.sdjwt.verification",
    "crypto.sdjwt.presentation",
    "crypto.sdjwt.vc",
    "crypto.sdjwt.json_serialization",
    "crypto.x509_chain",
    "crypto.did",
    "crypto.base45",
    "crypto.qr_codec",
    "crypto.qr_pv2",
    "crypto.qr_frame",
    "crypto.inflate",
    "crypto.presentation_request",
    "posvid.common.errors",
    "posvid.common.qr_render",
    "posvid.common.qr_scan",
]


def test_crypto_all_is_pinned():
    assert set(crypto.__all__) == EXPECTED_CRYPTO


@pytest.mark.parametrize("name", MODULES)
def test_every_exported_name_exists(name):
    module = importlib.import_module(name)
    for exported in module.__all__:
        assert hasattr(module, exported), f"{name}.{exported}"
