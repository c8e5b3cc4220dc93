"""The verifier's settings: ``POSVID_VERIFIER_*`` environment variables or arguments.

Every number the verifier works with is set here (its defaults are the protocol's, from
:mod:`crypto.defaults`, or this verifier's own); the policy, the fetcher, the status cache, the
replay window and the web app all take theirs from a :class:`VerifierSettings`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from crypto import AlgorithmPolicy, CryptoError
from crypto.defaults import CLOCK_LEEWAY, KB_MAX_AGE, MIN_NONCE_CHARS
from crypto.policy import DEFAULT_ALGORITHMS, REQUIRED_SD_ALG
from posvid.common.settings import read_settings
from posvid.common.vocabulary import DEFAULT_VERIFIER_ID

from .errors import SettingsInvalid

#: SQLite ``synchronous`` mode of the verifier's file: NORMAL, a power cut may lose the last
#: audit entries (the chain stays whole), and a check costs no disk flush
SQLITE_SYNCHRONOUS: Final = "NORMAL"


class VerifierSettings(BaseSettings):
    """Defaults run the demo with nothing set: a folder in the user's home, loopback only."""

    model_config = SettingsConfigDict(env_prefix="POSVID_VERIFIER_", extra="ignore")

    home: Path = Path.home() / ".posvid" / "verifier"
    #: this verifier's identifier: the ``aud`` of two-way presentations
    identifier: str = DEFAULT_VERIFIER_ID
    #: the trust-list operator's public JWK (JSON text, or a path to a file holding it)
    trust_operator_jwk: str | None = None
    #: the JWS algorithms accepted from issuers and holders (RS256 only with ``allow_rs256``;
    #: ``none`` and HMAC can never be named)
    algorithms: list[str] = sorted(DEFAULT_ALGORITHMS)
    #: older issuers' RS256 (RSA PKCS#1 v1.5): an explicit choice, off by default
    allow_rs256: bool = False
    #: the ``_sd_alg`` digests accepted (from sha-256, sha-384, sha-512, sha3-256; sha-256 always)
    sd_algorithms: list[str] = [REQUIRED_SD_ALG]
    #: seconds a presentation stays acceptable after the wallet made it
    max_age: int = KB_MAX_AGE
    #: seconds of clock difference tolerated between devices
    leeway: int = CLOCK_LEEWAY
    #: shortest nonce of a one-way (offline) presentation
    min_nonce_chars: int = MIN_NONCE_CHARS
    #: seconds a key-binding nonce, once seen, makes its presentation a replay
    replay_window: int = 900
    #: seconds a two-way request stays answerable
    request_ttl: int = 300
    #: largest scanned payload verified (a larger one is unreadable)
    max_payload_bytes: int = 64 * 1024
    #: largest body ``POST /api/verify`` accepts (a photo)
    max_image_bytes: int = 20 * 1024 * 1024
    #: seconds every network fetch may take
    fetch_timeout: float = 3.0
    #: largest response a fetch reads
    fetch_max_bytes: int = 2 * 1024 * 1024
    #: seconds a cached status list stays fresh when its token states no ``ttl``
    status_default_ttl: int = 300
    #: high-assurance posts: a status unknown, or known from a list fetched longer than
    #: ``status_max_age_hours`` ago, is red (``status_unknown``), not amber
    require_fresh_status: bool = False
    status_max_age_hours: int = 24
    #: days a trust bundle stays importable after its ``iat`` when it states no ``exp``
    trust_bundle_max_age_days: int = 30
    #: seconds the officer page keeps a verdict (in memory) to show it again in another language
    verdict_keep_seconds: int = 600
    #: live scanning: the largest camera frame the page may send (bytes, pixels), and how many
    #: frames the server decodes in a second, all pages together (more: 429, the page waits)
    max_frame_bytes: int = 512 * 1024
    max_frame_pixels: int = 1280 * 960
    frames_per_second: int = 20
    #: where ``serve`` listens
    host: str = "127.0.0.1"
    port: int = 8003
    #: the ``Host`` names the web app answers for (``name`` or ``name:port``); none: the loopback
    #: names (127.0.0.1, localhost, [::1]) at the port it listens on
    allowed_hosts: list[str] = []
    #: the audit chain's HMAC key (made on first run, mode 0600); none: ``audit.key`` in ``home``
    audit_key_file: Path | None = None

    @field_validator("algorithms")
    @classmethod
    def _algorithms(cls, value: list[str]) -> list[str]:
        if "RS256" in value:
            raise ValueError("RS256 is allowed only by allow_rs256 (POSVID_VERIFIER_ALLOW_RS256)")
        _policy(value, [REQUIRED_SD_ALG])
        return value

    @field_validator("sd_algorithms")
    @classmethod
    def _sd_algorithms(cls, value: list[str]) -> list[str]:
        _policy(sorted(DEFAULT_ALGORITHMS), value)
        return value

    @property
    def algorithm_policy(self) -> AlgorithmPolicy:
        """The algorithms and ``_sd_alg`` digests these settings accept."""
        policy = _policy(self.algorithms, self.sd_algorithms)
        return policy.with_rs256() if self.allow_rs256 else policy

    @property
    def audit_key_path(self) -> Path:
        return self.audit_key_file or self.home / "audit.key"


def _policy(algorithms: list[str], sd_algorithms: list[str]) -> AlgorithmPolicy:
    try:
        return AlgorithmPolicy(frozenset(algorithms), frozenset(sd_algorithms))
    except CryptoError as exc:
        raise ValueError(exc.message) from None


def load_settings(**values: Any) -> VerifierSettings:
    """Settings from ``values`` over the environment; a wrong value is :class:`SettingsInvalid`."""
    return read_settings(VerifierSettings, SettingsInvalid, **values)
