"""The protocol vocabulary: every name and number that more than one role must agree on.

Each value is written here once; the issuer, the wallet, the verifier, the demo, the tests and
the benchmarks import it instead of spelling it again.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Final

__all__ = [
    "AGE_THRESHOLDS",
    "BORDER_CLAIMS",
    "DEFAULT_VERIFIER_ID",
    "OFFLINE_AUDIENCE",
    "PRE_AUTHORIZED_GRANT",
    "VERSION",
    "vct_for",
]


def _version() -> str:
    try:
        return version("posvid")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


#: the project's version, from its package metadata (pyproject.toml is the one source)
VERSION: Final = _version()

#: the ``aud`` of a one-way offline presentation (no verifier asked for it)
OFFLINE_AUDIENCE: Final = "urn:posvid:offline"
#: the identifier a verifier uses as ``aud`` of two-way presentations unless configured
DEFAULT_VERIFIER_ID: Final = "urn:posvid:verifier:local"
#: OpenID4VCI's pre-authorized code grant type
PRE_AUTHORIZED_GRANT: Final = "urn:ietf:params:oauth:grant-type:pre-authorized_code"

#: the claims the border profile carries and the wallet's ``border`` preset discloses
BORDER_CLAIMS: Final = (
    "family_name",
    "given_name",
    "family_name_latin",
    "given_name_latin",
    "birth_date",
    "document_number",
    "nationality",
    "expiry_date",
)
#: the ages for which identity documents carry ``age_equal_or_over`` predicates
AGE_THRESHOLDS: Final = (14, 16, 18, 21, 65)

_VCT_PREFIX: Final = "urn:ua:posvid:"


def vct_for(configuration_id: str) -> str:
    """The SD-JWT VC type of a Posvid credential configuration (``id-card-border`` → its URN)."""
    return f"{_VCT_PREFIX}{configuration_id}:1"
