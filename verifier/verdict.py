"""What a verification returns: a verdict, every check with its outcome, warnings, claims."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

#: the checks, in the order they run
CHECKS: Final = (
    "readable",
    "format",
    "issuer_trusted",
    "signature",
    "validity",
    "disclosures",
    "key_binding",
    "freshness",
    "audience_nonce",
    "replay",
    "status",
)
#: verdicts, most severe first: when several checks fail, the first listed wins
VERDICTS: Final = (
    "unreadable",
    "untrusted",
    "invalid",
    "revoked",
    "suspended",
    "expired",
    "not_yet_valid",
    "replayed",
    "stale",
    "status_unknown",
    "valid",
)


@dataclass
class Check:
    """One check: ``passed`` is None when it could not run (an earlier check made it moot)."""

    name: str
    passed: bool | None
    reason: str = ""
    verdict: str = "invalid"  # the verdict this check gives when it fails

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "passed": self.passed, "reason": self.reason}


@dataclass
class Verdict:
    """The outcome an officer sees: green (valid), amber (valid with warnings) or red."""

    verdict: str
    checks: list[Check]
    warnings: list[str] = field(default_factory=list)
    issuer: str | None = None
    vct: str | None = None
    claims: dict[str, Any] = field(default_factory=dict)
    status: str | None = None
    status_as_of: float | None = None
    #: the Key Binding nonce once key binding passed (for the replay window; not shown)
    nonce: str | None = None

    @property
    def colour(self) -> str:
        if self.verdict != "valid":
            return "red"
        return "amber" if self.warnings else "green"

    @property
    def failed(self) -> list[str]:
        return [c.name for c in self.checks if c.passed is False]

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "colour": self.colour,
            "checks": [c.to_json() for c in self.checks],
            "warnings": self.warnings,
            "issuer": self.issuer,
            "vct": self.vct,
            "claims": self.claims,
            "status": self.status,
            "status_as_of": self.status_as_of,
        }


def decide(checks: list[Check]) -> str:
    """The most severe verdict among the failed checks, else ``valid``."""
    failed = {c.verdict for c in checks if c.passed is False}
    return next((v for v in VERDICTS if v in failed), "valid")
