"""Crypto core throughput: ours vs raw ``cryptography`` and vs the reference ``sd-jwt``.

Each operation is timed in rounds taken round-robin (so every contender sees the
same machine noise); a ratio is computed per round and the median is reported.
"""

from __future__ import annotations

import base64
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from crypto import (
    FixedClock,
    IssuerKeys,
    Jwks,
    KeyBindingExpectations,
    SigningKey,
    VcPolicy,
    issue_sd_jwt_vc,
    present,
    public_jwk,
    sd,
    verify_sd_jwt_vc,
)
from issuer.samples import CITIZEN_CLAIMS

ISSUER = "https://dmsu.posvid.example"
AUD = "https://verifier.posvid.example"
NONCE = "YmVuY2gtbm9uY2UtYmVuY2gtbm9uY2U"
NOW = 1_800_000_000
CLAIMS = CITIZEN_CLAIMS
DISCLOSE = ("given_name", "family_name", "birth_date", "document_number")


def _per_call(fn: Callable[[], Any], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def _rounds(
    contenders: dict[str, Callable[[], Any]], rounds: int, calls: int
) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for fn in contenders.values():
        fn()  # warm up
    for _ in range(rounds):
        for name, fn in contenders.items():
            times[name].append(_per_call(fn, calls))
    return times


def _ours() -> dict[str, Callable[[], Any]]:
    issuer = SigningKey.generate("ES256")
    holder = SigningKey.generate("ES256")
    holder_jwk = public_jwk(holder.private_key)
    keys = IssuerKeys({ISSUER: Jwks.of([issuer])})
    policy = VcPolicy(KeyBindingExpectations(aud=AUD, nonce=NONCE))
    clock = FixedClock(NOW)
    marked = {k: sd(v) for k, v in CLAIMS.items()}

    def issue() -> str:
        return issue_sd_jwt_vc(
            marked,
            issuer=ISSUER,
            vct="urn:ua:posvid:id-card:1",
            signing_key=issuer,
            holder_jwk=holder_jwk,
            iat=NOW,
            exp=NOW + 86400,
        ).compact

    credential = issue()

    def presentation() -> str:
        return present(
            credential, disclose=DISCLOSE, holder_key=holder, aud=AUD, nonce=NONCE, iat=NOW
        )

    text = presentation()

    def verify() -> object:
        return verify_sd_jwt_vc(text, keys=keys, policy=policy, clock=clock)

    issuer_public = issuer.public_key
    assert isinstance(issuer_public, ec.EllipticCurvePublicKey)
    return {
        "issue": issue,
        "present": presentation,
        "verify": verify,
        "bare_verify": _bare(text, issuer_public),
    }


def _reference() -> dict[str, Callable[[], Any]]:
    from jwcrypto.jwk import JWK
    from sd_jwt.common import SDObj
    from sd_jwt.holder import SDJWTHolder
    from sd_jwt.issuer import SDJWTIssuer
    from sd_jwt.verifier import SDJWTVerifier

    issuer = JWK.generate(kty="EC", crv="P-256")
    holder = JWK.generate(kty="EC", crv="P-256")
    claims: dict[Any, Any] = {
        "iss": ISSUER,
        "vct": "urn:ua:posvid:id-card:1",
        "iat": NOW,
        "exp": NOW + 86400,
    }
    claims.update({SDObj(k): v for k, v in CLAIMS.items()})
    header = {"typ": "dc+sd-jwt"}

    def issue() -> str:
        return str(
            SDJWTIssuer(
                claims, issuer, holder_key=holder, extra_header_parameters=header
            ).sd_jwt_issuance
        )

    credential = issue()

    def presentation() -> str:
        ref = SDJWTHolder(credential)
        ref.create_presentation(
            dict.fromkeys(DISCLOSE, True), nonce=NONCE, aud=AUD, holder_key=holder
        )
        return str(ref.sd_jwt_presentation)

    text = presentation()
    public = JWK.from_json(issuer.export_public())

    def verify() -> object:
        return SDJWTVerifier(
            text, lambda iss, header: public, expected_aud=AUD, expected_nonce=NONCE
        ).get_verified_payload()

    return {"issue": issue, "present": presentation, "verify": verify}


def _bare(presentation: str, issuer_public: ec.EllipticCurvePublicKey) -> Callable[[], Any]:
    """The least any SD-JWT+KB verifier must do in Python: split, decode, load the holder
    key, two signature checks, and none of the RFC 9901 rules. Shows what the floor
    leaves out (fresh-key setup, base64, JSON) and what our checks cost on top."""
    ecdsa = ec.ECDSA(hashes.SHA256())

    def decode(text: str) -> bytes:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))

    def der(signature: bytes) -> bytes:
        return encode_dss_signature(
            int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
        )

    def bare() -> None:
        parts = presentation.split("~")
        head, body, signature = parts[0].split(".")
        payload = json.loads(decode(body))
        issuer_public.verify(der(decode(signature)), f"{head}.{body}".encode(), ecdsa)
        for disclosure in parts[1:-1]:
            json.loads(decode(disclosure))
        jwk = payload["cnf"]["jwk"]
        point = b"\x04" + decode(jwk["x"]) + decode(jwk["y"])
        holder = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
        kb_head, kb_body, kb_signature = parts[-1].split(".")
        json.loads(decode(kb_body))
        holder.verify(der(decode(kb_signature)), f"{kb_head}.{kb_body}".encode(), ecdsa)

    return bare


def _raw() -> dict[str, Callable[[], Any]]:
    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key()
    message = b"x" * 900
    signature = key.sign(message, ec.ECDSA(hashes.SHA256()))
    return {
        "sign": lambda: key.sign(message, ec.ECDSA(hashes.SHA256())),
        "verify": lambda: public.verify(signature, message, ec.ECDSA(hashes.SHA256())),
    }


def run(rounds: int = 9, calls: int = 300) -> dict[str, float]:
    """Measure and return the figures (seconds per call and ratios)."""
    ours, ref, raw = _ours(), _reference(), _raw()
    contenders = {f"ours_{k}": v for k, v in ours.items() if k != "bare_verify"}
    contenders["bare_verify"] = ours["bare_verify"]
    contenders |= {f"reference_{k}": v for k, v in ref.items()}
    contenders |= {f"raw_es256_{k}": v for k, v in raw.items()}
    times = _rounds(contenders, rounds, calls)

    def ratio(slow: str, fast: str, factor: float = 1.0) -> float:
        per_round = [factor * s / f for s, f in zip(times[slow], times[fast], strict=True)]
        return round(statistics.median(per_round), 3)

    figures: dict[str, float] = {
        f"{name}_us": round(statistics.median(t) * 1e6, 1) for name, t in times.items()
    }
    # throughput ratios, higher is better: the floor of one presentation is two raw verifies
    figures["verify_vs_floor"] = ratio("raw_es256_verify", "ours_verify", factor=2.0)
    figures["bare_verify_vs_floor"] = ratio("raw_es256_verify", "bare_verify", factor=2.0)
    figures["verify_vs_bare"] = ratio("bare_verify", "ours_verify")
    figures["verify_vs_reference"] = ratio("reference_verify", "ours_verify")
    figures["issue_vs_reference"] = ratio("reference_issue", "ours_issue")
    figures["present_vs_reference"] = ratio("reference_present", "ours_present")
    return figures
