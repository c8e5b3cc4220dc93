"""The verifier's settings: ``POSVID_VERIFIER_*`` environment variables or arguments."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic_settings import BaseSettings, SettingsConfigDict

from crypto.defaults import CLOCK_LEEWAY, KB_MAX_AGE, MIN_NONCE_CHARS
from posvid.common.vocabulary import DEFAULT_VERIFIER_ID


class VerifierSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POSVID_VERIFIER_", extra="ignore")

    home: Path = Path.home() / ".posvid" / "verifier"
    #: this verifier's identifier: the ``aud`` of two-way presentations
    identifier: str = DEFAULT_VERIFIER_ID
    #: the trust-list operator's public JWK (JSON text, or a path to a file holding it)
    trust_operator_jwk: str | None = None
    #: seconds a presentation stays acceptable after the wallet made it
    max_age: int = KB_MAX_AGE
    #: seconds of clock difference tolerated between devices
    leeway: int = CLOCK_LEEWAY
    #: shortest nonce of a one-way (offline) presentation
    min_nonce_chars: int = MIN_NONCE_CHARS
    replay_window: int = 900
    request_ttl: int = 300
    max_payload_bytes: int = 64 * 1024

    def operator_jwk(self) -> dict[str, Any] | None:
        if not self.trust_operator_jwk:
            return None
        text = self.trust_operator_jwk.strip()
        if not text.startswith("{"):
            text = Path(text).read_text()
        value = json.loads(text)
        return value if isinstance(value, dict) else None
