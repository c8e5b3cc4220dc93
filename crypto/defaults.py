"""The crypto core's default rules, each number written once.

Verifiers configure their own (``verifier.settings``) and default to these; the wallet makes
presentations that these defaults accept.
"""

from __future__ import annotations

from typing import Final

__all__ = ["CLOCK_LEEWAY", "KB_MAX_AGE", "MIN_NONCE_CHARS"]

#: seconds of clock difference tolerated between issuer, holder and verifier devices
CLOCK_LEEWAY: Final = 30
#: seconds a Key Binding JWT stays acceptable after its ``iat`` (a QR code's lifetime)
KB_MAX_AGE: Final = 180
#: shortest nonce accepted when no verifier asked for one: 128 bits as base64url
MIN_NONCE_CHARS: Final = 22
