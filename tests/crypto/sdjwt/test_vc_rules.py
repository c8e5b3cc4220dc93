"""The SD-JWT VC profile's issuance rule: registered claims come from the arguments only.

Kills a mutant of ``crypto/sdjwt/vc.py`` that the rest of the suite lets live (``make mutation``):
without the rule, a plain ``iss`` or ``vct`` among the claims would silently replace the issuer's.
"""

from __future__ import annotations

import pytest

from crypto import errors as e
from crypto import issue_sd_jwt_vc
from crypto.sdjwt.vc import ALWAYS_VISIBLE_CLAIMS
from tests.support.factory import ISSUER, NOW, VCT


@pytest.mark.parametrize("claim", sorted(ALWAYS_VISIBLE_CLAIMS))
def test_a_registered_claim_among_the_claims_is_refused(issuer_key, claim):
    with pytest.raises(e.NotSelectivelyDisclosable) as raised:
        issue_sd_jwt_vc(
            {claim: "https://forged.example", "given_name": "Olena"},
            issuer=ISSUER,
            vct=VCT,
            signing_key=issuer_key,
            holder_jwk=None,
            iat=NOW,
        )
    assert raised.value.field == claim
