"""The verifier: checks per second against the floor, and photo → verdict time.

``verifier_verify_vs_floor``: the floor (two raw ES256 verifies) ÷ all eleven checks
on a border presentation (``verifier.checks.verify``, in memory: trust, replay
window and status list given). ``verifier_check_vs_floor``: the same through
``Verifier.check``, which also writes the replay window and the audit chain to
SQLite (``synchronous=FULL``). ``photo_to_verdict_ms_median``: 1080p degraded
photos (the QR benchmark's generator) to a verdict, offline, audit included.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from crypto import (
    FixedClock,
    Jwks,
    SigningKey,
    StatusList,
    StatusReference,
    issue_sd_jwt_vc,
    issue_status_list_token,
    present,
    public_jwk,
    sd,
)
from crypto.b64 import b64url_encode
from issuer.samples import CITIZEN_BORDER_CLAIMS
from posvid.common.vocabulary import OFFLINE_AUDIENCE
from verifier.checks import IssuerInfo, StatusFetch, verify
from verifier.policy import Policy
from verifier.service import Verifier
from verifier.settings import VerifierSettings

from . import photos
from .crypto_bench import _raw

ISSUER = "https://dmsu.gov.ua"
VCT = "urn:ua:posvid:id-card-border:1"
URI = ISSUER + "/status-lists/1"
BORDER = CITIZEN_BORDER_CLAIMS


class _Memory:
    def __init__(self, key: SigningKey, now: int) -> None:
        self.info = IssuerInfo(ISSUER, Jwks.of([key]), frozenset({VCT}))
        token = issue_status_list_token(
            StatusList(1024, 2),
            uri=URI,
            issuer=ISSUER,
            signing_key=key,
            iat=now - 10,
            exp=now + 86400,
            ttl=300,
        )
        self.fetch = StatusFetch(token, now - 10, True)

    def issuer(self, iss: str) -> IssuerInfo | None:
        return self.info if iss == ISSUER else None

    def status_token(self, uri: str, issuer: IssuerInfo) -> StatusFetch | None:
        return self.fetch

    def seen_before(self, nonce: str) -> bool:
        return False

    def requested(self, nonce: str) -> bool:
        return False


def _presentations(key: SigningKey, now: int, count: int) -> list[str]:
    out = []
    for i in range(count):
        holder = SigningKey.generate()
        credential = issue_sd_jwt_vc(
            {k: sd(v) for k, v in BORDER.items()},
            issuer=ISSUER,
            vct=VCT,
            signing_key=key,
            holder_jwk=public_jwk(holder.private_key),
            iat=now,
            exp=now + 86400,
            status=StatusReference(i % 1024, URI),
        ).compact
        out.append(
            present(
                credential,
                disclose=list(BORDER),
                holder_key=holder,
                aud=OFFLINE_AUDIENCE,
                nonce=b64url_encode(os.urandom(16)),
                iat=now,
            )
        )
    return out


def run(rounds: int = 7, calls: int = 200) -> dict[str, float]:
    """Measure and return the verifier's figures."""
    now = int(time.time())
    key = SigningKey.generate("ES256", kid="1")
    memory = _Memory(key, now)
    texts = _presentations(key, now, calls)
    raw = _raw()["verify"]
    clock = FixedClock(now)
    ratios, per_call = [], []
    policy = Policy.from_settings(VerifierSettings())
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(calls):
            raw()
        floor = 2 * (time.perf_counter() - start) / calls
        start = time.perf_counter()
        for text in texts:
            assert (
                verify(
                    text,
                    policy=policy,
                    trust=memory,
                    env=memory,
                    clock=clock,
                ).verdict
                == "valid"
            )
        ours = (time.perf_counter() - start) / calls
        ratios.append(floor / ours)
        per_call.append(ours)
    with tempfile.TemporaryDirectory() as folder:
        verifier = Verifier(VerifierSettings(home=Path(folder)), clock=clock)
        trusted = Path(folder) / "issuer.json"  # the trust store, without a fetch
        trusted.write_text(
            json.dumps({"issuer": ISSUER, "jwks": {"keys": [key.public_jwk()]}, "vcts": [VCT]})
        )
        verifier.trust.import_file(trusted)
        verifier.status_token = lambda uri, issuer, offline: memory.fetch  # type: ignore[method-assign,misc]
        full = []
        fresh = _presentations(key, now, 60)
        for text in fresh:
            start = time.perf_counter()
            floor_start = time.perf_counter()
            raw()
            raw()
            floor = time.perf_counter() - floor_start
            start = time.perf_counter()
            assert verifier.check(text, offline=True).verdict == "valid"
            full.append(floor / (time.perf_counter() - start))
        from crypto import encode_qr_payload

        photo_times = []
        for seed, text in enumerate(_presentations(key, now, 40)):
            jpeg, _ = photos.photo(encode_qr_payload(text), seed)
            start = time.perf_counter()
            verdict = verifier.check_image(jpeg, offline=True)
            photo_times.append((time.perf_counter() - start) * 1000)
            assert verdict.verdict == "valid", verdict.to_json()
        verifier.close()
    figures = {
        "verifier_verify_us": round(statistics.median(per_call) * 1e6, 1),
        "verifier_verify_vs_floor": round(statistics.median(ratios), 3),
        "verifier_check_vs_floor": round(statistics.median(full), 3),
        "photo_to_verdict_ms_median": round(statistics.median(photo_times), 1),
    }
    for name, value in figures.items():
        print(f"  {name:<28} {value:>10}")
    return figures
