"""A verifier's request for a presentation (two-way mode), as QR-friendly text: ``PVQ1:``.

The verifier shows it; the wallet scans it, shows the holder what is asked and by
whom, and answers with a presentation whose Key Binding JWT carries this ``nonce``
and ``aud``. The text is base45 of compact JSON ``{"aud", "nonce", "claims", "exp"}``:
unsigned, so a wallet treats the verifier's name as a claim, not a fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from . import strict_json
from .base45 import b45decode, b45encode
from .errors import InputTooLarge, MalformedInput, QrCodecError, UnsupportedQrVersion

__all__ = ["REQUEST_PREFIX", "PresentationRequest"]

REQUEST_PREFIX: Final = "PVQ1:"
_MAX_CHARS: Final = 2048
_MAX_CLAIMS: Final = 64
_CLAIM: Final = re.compile(r"[A-Za-z0-9_]{1,64}(\.[A-Za-z0-9_]{1,64}){0,4}")


@dataclass(frozen=True, slots=True)
class PresentationRequest:
    """What a verifier asks for: its identifier, a fresh nonce, claim paths, an expiry."""

    aud: str
    nonce: str
    claims: tuple[str, ...]
    exp: int

    def encode(self) -> str:
        """The ``PVQ1:`` text to put in a QR code."""
        body = {"aud": self.aud, "nonce": self.nonce, "claims": list(self.claims), "exp": self.exp}
        return REQUEST_PREFIX + b45encode(strict_json.dumps(body))

    @classmethod
    def decode(cls, text: str) -> PresentationRequest:
        """Parse a scanned request; bounded, strict about every field."""
        text = text.strip()
        if len(text) > _MAX_CHARS:
            raise InputTooLarge("the request is too long", field="request")
        if not text.startswith(REQUEST_PREFIX):
            if re.match(r"PVQ\d+:", text):
                raise UnsupportedQrVersion("this request version is not supported", field="request")
            raise QrCodecError("this QR code is not a Posvid presentation request", field="request")
        try:
            body = strict_json.loads_object(b45decode(text[len(REQUEST_PREFIX) :]), field="request")
        except MalformedInput as exc:
            raise QrCodecError(exc.message, field="request") from None
        aud, nonce, claims, exp = (body.get(k) for k in ("aud", "nonce", "claims", "exp"))
        if not isinstance(aud, str) or not 0 < len(aud) <= 256:
            raise QrCodecError("aud must be a short string", field="aud")
        if not isinstance(nonce, str) or not 22 <= len(nonce) <= 128:
            raise QrCodecError("nonce must carry at least 128 bits", field="nonce")
        if not isinstance(claims, list) or not 0 < len(claims) <= _MAX_CLAIMS:
            raise QrCodecError("claims must be a non-empty list", field="claims")
        if not all(isinstance(c, str) and _CLAIM.fullmatch(c) for c in claims):
            raise QrCodecError("a claim path is malformed", field="claims")
        if isinstance(exp, bool) or not isinstance(exp, int):
            raise QrCodecError("exp must be an integer", field="exp")
        return cls(aud, nonce, tuple(claims), exp)
