"""The protocol vocabulary: every name and number that more than one role must agree on.

Each value is written here once; the issuer, the wallet, the verifier, the demo, the tests and
the benchmarks import it instead of spelling it again.
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version
from typing import Final

__all__ = [
    "AGE_THRESHOLDS",
    "BORDER_CLAIMS",
    "DEFAULT_VERIFIER_ID",
    "OFFLINE_AUDIENCE",
    "PAPER_CLAIMS",
    "PRE_AUTHORIZED_GRANT",
    "VERSION",
    "is_paper_vct",
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

#: the claims the border profile carries and the wallet's ``border`` preset discloses;
#: ``portrait`` only when the person has one (issue 13: the officer compares the face)
BORDER_CLAIMS: Final = (
    "family_name",
    "given_name",
    "family_name_latin",
    "given_name_latin",
    "birth_date",
    "document_number",
    "nationality",
    "expiry_date",
    "portrait",
)
#: the claims a paper credential carries (``<document>-paper``, docs/issuer.md): what an officer
#: compares with the person at the desk; ``portrait`` only when the person has one
PAPER_CLAIMS: Final = (
    "family_name",
    "given_name",
    "family_name_latin",
    "given_name_latin",
    "birth_date",
    "document_number",
    "expiry_date",
    "nationality",
    "portrait",
)
#: the suffix of a paper credential configuration (``id-card-paper``)
PAPER_SUFFIX: Final = "-paper"
#: the ages for which identity documents carry ``age_equal_or_over`` predicates
AGE_THRESHOLDS: Final = (14, 16, 18, 21, 65)
#: seconds each role's ``serve`` lets open requests finish after SIGTERM before closing them
SHUTDOWN_GRACE_SECONDS: Final = 2

_VCT_PREFIX: Final = "urn:ua:posvid:"


def vct_for(configuration_id: str) -> str:
    """The SD-JWT VC type of a Posvid credential configuration (``id-card-border`` → its URN)."""
    return f"{_VCT_PREFIX}{configuration_id}:1"


_PAPER_VCT: Final = re.compile(rf"{re.escape(_VCT_PREFIX)}[a-z0-9-]+{PAPER_SUFFIX}:\d+")


def is_paper_vct(vct: str | None) -> bool:
    """Whether ``vct`` is a Posvid paper credential's type (``urn:ua:posvid:id-card-paper:1``):
    printed, with no holder key, so the verifier needs no key binding for it (docs/verifier.md)."""
    return bool(vct) and _PAPER_VCT.fullmatch(vct or "") is not None
