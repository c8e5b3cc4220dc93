"""How strict this verifier is: built from its settings, and from nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from crypto import DEFAULT_POLICY, AlgorithmPolicy, KeyBindingExpectations

from .settings import VerifierSettings

__all__ = ["Policy"]


@dataclass(frozen=True, slots=True)
class Policy:
    """The verifier's rules. ``identifier`` is its own ``aud`` in two-way mode."""

    max_age: int
    leeway: int
    identifier: str
    min_nonce_chars: int
    replay_window: int
    #: status unknown or older than ``max_status_age`` seconds fails the ``status`` check
    require_fresh_status: bool = False
    max_status_age: int = 24 * 3600
    #: the JWS algorithms and ``_sd_alg`` digests accepted (secure default; RS256 by setting)
    algorithms: AlgorithmPolicy = DEFAULT_POLICY

    @classmethod
    def from_settings(cls, settings: VerifierSettings) -> Policy:
        """The policy the settings describe."""
        return cls(
            max_age=settings.max_age,
            leeway=settings.leeway,
            identifier=settings.identifier,
            min_nonce_chars=settings.min_nonce_chars,
            replay_window=settings.replay_window,
            require_fresh_status=settings.require_fresh_status,
            max_status_age=settings.status_max_age_hours * 3600,
            algorithms=settings.algorithm_policy,
        )

    def key_binding(self, aud: str, nonce: str | None) -> KeyBindingExpectations:
        """What a KB-JWT for ``aud`` (and ``nonce``, when this verifier asked) must hold."""
        return KeyBindingExpectations(
            aud=aud,
            nonce=nonce,
            max_age=self.max_age,
            leeway=self.leeway,
            min_nonce_chars=self.min_nonce_chars,
        )
