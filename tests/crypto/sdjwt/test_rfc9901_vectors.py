"""RFC 9901's own examples, kept in tests/vectors/rfc9901/ with their section (issue 15, item 6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crypto.sdjwt import Disclosure
from crypto.sdjwt.disclosure import digest_of

VECTORS = Path(__file__).resolve().parents[2] / "vectors" / "rfc9901"
HASHING = json.loads((VECTORS / "hashing-disclosures.json").read_text())


@pytest.mark.parametrize("vector", HASHING["vectors"], ids=lambda v: v["expected_digest"][:8])
def test_hashing_disclosures_examples(vector):
    disclosure = Disclosure.parse(vector["disclosure"])
    decoded = vector["decoded"]
    assert (disclosure.salt, disclosure.value) == (decoded[0], decoded[-1])
    assert disclosure.name == (decoded[1] if len(decoded) == 3 else None)
    assert digest_of(vector["disclosure"], HASHING["hash_alg"]) == vector["expected_digest"]
