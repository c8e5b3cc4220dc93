"""Disclosures (RFC 9901 §4.2) and the digests that reference them."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from json.encoder import encode_basestring as _json_string  # C-accelerated
from typing import Any, Final, NamedTuple

from .. import strict_json
from ..b64 import b64url_decode, b64url_encode
from ..errors import (
    ForbiddenClaimName,
    MalformedDisclosure,
    MalformedInput,
    UnsupportedHashAlgorithm,
)
from ..limits import DEFAULT_LIMITS, Limits, check_length

__all__ = [
    "DEFAULT_HASH_ALG",
    "FORBIDDEN_CLAIM_NAMES",
    "HASH_ALGORITHMS",
    "Disclosure",
    "digest_of",
    "hash_function",
]

DEFAULT_HASH_ALG: Final = "sha-256"
#: IANA "Named Information Hash Algorithm" names we accept for ``_sd_alg``
HASH_ALGORITHMS: Final[dict[str, Callable[[bytes], Any]]] = {
    "sha-256": hashlib.sha256,
    "sha-384": hashlib.sha384,
    "sha-512": hashlib.sha512,
    "sha3-256": hashlib.sha3_256,
}
#: names a disclosure may never carry (RFC 9901 §4.2.1)
FORBIDDEN_CLAIM_NAMES: Final = frozenset({"_sd", "..."})


def hash_function(name: object) -> Callable[[bytes], Any]:
    """Return the hash for an ``_sd_alg`` name, or raise ``UnsupportedHashAlgorithm``."""
    if isinstance(name, str) and name in HASH_ALGORITHMS:
        return HASH_ALGORITHMS[name]
    raise UnsupportedHashAlgorithm(
        f"_sd_alg must be one of {sorted(HASH_ALGORITHMS)}", field="_sd_alg"
    )


def digest_of(encoded: str, hash_alg: str = DEFAULT_HASH_ALG) -> str:
    """Digest of a disclosure (or of an SD-JWT for ``sd_hash``): base64url of the hash."""
    return b64url_encode(hash_function(hash_alg)(encoded.encode("ascii")).digest())


class Disclosure(NamedTuple):
    """One disclosure: ``[salt, name, value]`` for a property, ``[salt, value]`` for an element.

    A named tuple rather than a frozen dataclass: it is built on the verifier's hot path.
    """

    encoded: str
    salt: str
    name: str | None
    value: Any

    @property
    def is_array_element(self) -> bool:
        """True for a two-element disclosure (an array element)."""
        return self.name is None

    @classmethod
    def create(cls, name: str | None, value: Any, *, salt: str) -> Disclosure:
        """Build and encode a disclosure; ``name=None`` makes an array element."""
        if name is not None and name in FORBIDDEN_CLAIM_NAMES:
            raise ForbiddenClaimName(f"a claim may not be named {name!r}", field=name)
        # Written by hand for the common case of a string value: this runs once per claim
        # at issuance. Any valid JSON is fine, the digest covers the encoded form.
        head = "[" + _json_string(salt) + ("," if name is None else "," + _json_string(name) + ",")
        body = _json_string(value) if type(value) is str else strict_json.dumps(value).decode()
        return cls(b64url_encode((head + body + "]").encode()), salt, name, value)

    @classmethod
    def parse(cls, encoded: str, *, limits: Limits = DEFAULT_LIMITS) -> Disclosure:
        """Decode one disclosure, enforcing its shape (RFC 9901 §7.1 step 3)."""
        check_length(encoded, limits.max_disclosure_chars, field="disclosure")
        try:
            array = strict_json.loads(
                b64url_decode(encoded, field="disclosure"), field="disclosure"
            )
        except MalformedInput as exc:
            raise MalformedDisclosure(exc.message, field="disclosure") from None
        if not isinstance(array, list) or len(array) not in (2, 3):
            raise MalformedDisclosure(
                "a disclosure must be a JSON array of 2 or 3 elements", field="disclosure"
            )
        salt = array[0]
        if not isinstance(salt, str):
            raise MalformedDisclosure("the salt must be a string", field="disclosure")
        if len(array) == 2:
            return cls(encoded, salt, None, array[1])
        name = array[1]
        if not isinstance(name, str):
            raise MalformedDisclosure("the claim name must be a string", field="disclosure")
        if name in FORBIDDEN_CLAIM_NAMES:
            raise ForbiddenClaimName(f"a claim may not be named {name!r}", field="disclosure")
        return cls(encoded, salt, name, array[2])
