"""The verifier's settings: ``POSVID_VERIFIER_*`` environment variables or arguments."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic_settings import BaseSettings, SettingsConfigDict


class VerifierSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POSVID_VERIFIER_", extra="ignore")

    home: Path = Path.home() / ".posvid" / "verifier"
    #: this verifier's identifier: the ``aud`` of two-way presentations
    identifier: str = "urn:posvid:verifier:local"
    #: the trust-list operator's public JWK (JSON text, or a path to a file holding it)
    trust_operator_jwk: str | None = None
    max_age: int = 180
    leeway: int = 30
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
