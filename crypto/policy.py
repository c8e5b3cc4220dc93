"""Which JWS algorithms and ``_sd_alg`` digests a verifier accepts: :class:`AlgorithmPolicy`.

A value, secure by default. Every verification entry point takes one as the keyword
``policy`` (or ``algorithms`` inside :class:`crypto.sdjwt.VerificationPolicy` and
:class:`crypto.sdjwt.VcPolicy`) and defaults to :data:`DEFAULT_POLICY`:

- JWS algorithms ES256, ES384, ES512, EdDSA (Ed25519) and PS256; RS256 only when a policy
  names it (``AlgorithmPolicy.DEFAULT.with_rs256()``); ``none``, ``HS*`` and every other
  name can never be part of a policy, so no setting can let them in;
- an algorithm must also match its key (ES384 needs a P-384 key, PS256 an RSA key of at
  least ``min_rsa_bits``, never below 2048): checked by :func:`crypto.algorithms.verify`;
- ``_sd_alg`` from sha-256, sha-384, sha-512 and sha3-256; sha-256 (RFC 9901's default)
  is always accepted and is the only one by default.

What Posvid itself signs with is narrower and separate (ES256, EdDSA:
:func:`crypto.algorithms.check_algorithm`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import ClassVar, Final

from .errors import InvalidKey, UnsupportedAlgorithm, UnsupportedHashAlgorithm

__all__ = [
    "DEFAULT_ALGORITHMS",
    "DEFAULT_POLICY",
    "KNOWN_ALGORITHMS",
    "KNOWN_SD_ALGORITHMS",
    "MIN_RSA_BITS",
    "REQUIRED_SD_ALG",
    "AlgorithmPolicy",
]

#: every JWS algorithm a policy may name (RFC 7518 §3.1, RFC 8037 §3.1)
KNOWN_ALGORITHMS: Final = frozenset({"ES256", "ES384", "ES512", "EdDSA", "PS256", "RS256"})
#: the algorithms accepted unless a policy says otherwise (RS256 left out)
DEFAULT_ALGORITHMS: Final = frozenset({"ES256", "ES384", "ES512", "EdDSA", "PS256"})
#: every ``_sd_alg`` a policy may name (IANA Named Information Hash Algorithm names)
KNOWN_SD_ALGORITHMS: Final = frozenset({"sha-256", "sha-384", "sha-512", "sha3-256"})
#: RFC 9901 §4.1.1's default digest, which every policy accepts
REQUIRED_SD_ALG: Final = "sha-256"
#: RFC 7518 §3.3 and §3.5: RSA keys of 2048 bits or more
MIN_RSA_BITS: Final = 2048


def _shown(name: object) -> str:
    return repr(name) if isinstance(name, str) and len(name) <= 32 else "<not a short string>"


@dataclass(frozen=True, slots=True)
class AlgorithmPolicy:
    """The JWS algorithms and ``_sd_alg`` digests a verifier accepts.

    Built from any collection of names; ``sd_algorithms`` always gains sha-256. A name
    outside :data:`KNOWN_ALGORITHMS` (``none``, ``HS256``...) or :data:`KNOWN_SD_ALGORITHMS`
    makes the policy itself refuse to exist, so a mistyped setting fails at start-up.
    """

    algorithms: frozenset[str] = DEFAULT_ALGORITHMS
    sd_algorithms: frozenset[str] = frozenset({REQUIRED_SD_ALG})
    min_rsa_bits: int = MIN_RSA_BITS

    DEFAULT: ClassVar[AlgorithmPolicy]

    def __post_init__(self) -> None:
        algorithms = frozenset(_names(self.algorithms, "algorithms"))
        unknown = sorted(algorithms - KNOWN_ALGORITHMS)
        if unknown:
            raise UnsupportedAlgorithm(
                f"algorithm {_shown(unknown[0])} can never be allowed", field="algorithms"
            )
        if not algorithms:
            raise UnsupportedAlgorithm("a policy allows at least one algorithm", field="algorithms")
        sd_algorithms = frozenset(_names(self.sd_algorithms, "sd_algorithms")) | {REQUIRED_SD_ALG}
        unknown = sorted(sd_algorithms - KNOWN_SD_ALGORITHMS)
        if unknown:
            raise UnsupportedHashAlgorithm(
                f"_sd_alg {_shown(unknown[0])} is not supported", field="sd_algorithms"
            )
        bits = self.min_rsa_bits
        if isinstance(bits, bool) or not isinstance(bits, int) or bits < MIN_RSA_BITS:
            raise InvalidKey(f"min_rsa_bits is at least {MIN_RSA_BITS}", field="min_rsa_bits")
        object.__setattr__(self, "algorithms", algorithms)
        object.__setattr__(self, "sd_algorithms", sd_algorithms)

    def check(self, name: object, *, field: str = "alg") -> str:
        """Return ``name`` if this policy allows it, else raise :class:`UnsupportedAlgorithm`."""
        if isinstance(name, str) and name in self.algorithms:
            return name
        raise UnsupportedAlgorithm(
            f"algorithm {_shown(name)} is not allowed; use one of {sorted(self.algorithms)}",
            field=field,
        )

    def check_sd_alg(self, name: object) -> str:
        """Return ``name`` if this policy accepts it as ``_sd_alg``, else raise."""
        if isinstance(name, str) and name in self.sd_algorithms:
            return name
        raise UnsupportedHashAlgorithm(
            f"_sd_alg must be one of {sorted(self.sd_algorithms)}", field="_sd_alg"
        )

    def with_rs256(self) -> AlgorithmPolicy:
        """The same policy, also allowing RS256 (older issuers): an explicit choice."""
        return AlgorithmPolicy(self.algorithms | {"RS256"}, self.sd_algorithms, self.min_rsa_bits)


def _names(value: object, field: str) -> Collection[str]:
    if isinstance(value, str) or not isinstance(value, Collection):
        raise UnsupportedAlgorithm("give a collection of names, not one string", field=field)
    return value


AlgorithmPolicy.DEFAULT = AlgorithmPolicy()
#: the secure default every verification entry point uses
DEFAULT_POLICY: Final = AlgorithmPolicy.DEFAULT
