"""OpenID for Verifiable Credential Issuance 1.0, pre-authorized code flow.

:class:`OpenId4Vci` is what the HTTP routes call; its parts:

- :mod:`.metadata`: the credential issuer, OAuth authorization server and JWT VC issuer
  metadata documents;
- :mod:`.requests`: token and credential requests parsed into typed values (the one place
  their untrusted shape is checked);
- :mod:`.grant`: the offer by reference and the token endpoint (``tx_code``, lock-out);
- :mod:`.nonce`: the nonce endpoint;
- :mod:`.proofs`: ``jwt`` key proofs;
- :mod:`.credential`: the credential endpoint, batches of key proofs: one credential per
  proof, each bound to its own holder key and given its own status index.
"""

from .endpoints import OpenId4Vci

__all__ = ["OpenId4Vci"]
