"""The border presentation with a portrait: QR version at level M with PV1 and PV2, and scanning.

The portrait is a real face photograph a package ships (scikit-image's ``astronaut.png``). When
the issuer's portrait pipeline is there (``issuer.portrait.make_portrait`` then
``issuer.portrait_claim.encode_portrait_claim``, as ``bench/portrait.py`` measures it), the claim
is exactly what the issuer would put in a credential; otherwise the face is cropped here to a
passport framing, greyscale, 96x120, WebP at the highest quality within PORTRAIT_BUDGET bytes.
Without scikit-image a synthetic face-sized image stands in (the run says so).
The presentation is the border profile with the recommended short identifiers (as
``qr_version_border_M``) plus the portrait claim, every claim disclosed, with key binding.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import numpy as np
from PIL import Image

from crypto import (
    SeededRandom,
    SigningKey,
    StatusReference,
    issue_sd_jwt_vc,
    present,
    public_jwk,
    sd,
)
from crypto.qr_codec import decode_qr_payload, encode_qr_payload
from posvid.common.qr_render import qr_version
from posvid.common.qr_scan import default_decoders, scan_image
from posvid.common.vocabulary import OFFLINE_AUDIENCE

from . import photos, qr_sizes

SIZE = (96, 120)
PORTRAIT_BUDGET = 620  # bytes: the design measurement of a 96x120 WebP (docs/qr.md)
FACE_BOX = (150, 20, 310, 220)  # astronaut.png: the face in a 4:5 passport framing
PHOTOS = 120  # as many as the degraded-photo set
SAMPLES = 5


@dataclass(frozen=True)
class Portrait:
    webp: bytes  # the image bytes (WebP, or AVIF when the issuer's pipeline chooses it)
    quality: int
    source: str
    size: tuple[int, int] = SIZE
    media_type: str = "image/webp"

    @property
    def data_uri(self) -> str:
        return f"data:{self.media_type};base64," + base64.b64encode(self.webp).decode()


def _issuer_portrait() -> Portrait | None:
    try:
        from skimage import data

        from issuer.portrait import make_portrait
        from issuer.portrait_claim import encode_portrait_claim
    except ImportError:
        return None
    out = io.BytesIO()
    astronaut = data.astronaut()  # type: ignore[no-untyped-call]
    Image.fromarray(astronaut).save(out, "JPEG", quality=90)
    claim = encode_portrait_claim(make_portrait(out.getvalue()).image)
    source = f"scikit-image astronaut through the issuer's pipeline, {claim.format}"
    return Portrait(claim.data, claim.quality, source, claim.size, claim.media_type)


def _face() -> tuple[Image.Image, str]:
    try:
        from skimage import data
    except ImportError:  # scikit-image not installed: a face-sized synthetic image
        rng = np.random.default_rng(7)
        pixels = rng.normal(128, 40, size=(240, 192)).clip(0, 255).astype(np.uint8)
        return Image.fromarray(pixels, "L"), "synthetic (scikit-image missing): not a face"
    astronaut = data.astronaut()  # type: ignore[no-untyped-call]
    photo = Image.fromarray(astronaut).convert("L").crop(FACE_BOX)
    return photo, "scikit-image astronaut.png, face crop"


def portrait() -> Portrait:
    """The issuer's portrait claim, or the best WebP quality whose file fits the budget."""
    issued = _issuer_portrait()
    if issued is not None:
        return issued
    face, source = _face()
    face = face.resize(SIZE, Image.Resampling.LANCZOS)
    best: Portrait | None = None
    for quality in range(1, 101):
        out = io.BytesIO()
        face.save(out, "WEBP", quality=quality, method=6)
        if len(out.getvalue()) > PORTRAIT_BUDGET:
            break
        best = Portrait(out.getvalue(), quality, source)
    if best is None:
        raise RuntimeError("no WebP quality fits the budget")
    return best


def _presentation(picture: Portrait, choice: qr_sizes.Choices, seed: int) -> str:
    issuer_key = SigningKey.generate("ES256", kid=choice.kid)
    holder = SigningKey.generate(choice.holder_alg)
    claims = {k: sd(qr_sizes.PERSON[k]) for k in qr_sizes.BORDER}
    claims["portrait"] = sd(picture.data_uri)
    issued = issue_sd_jwt_vc(
        claims,
        issuer=choice.issuer,
        vct=f"{choice.vct_prefix}border:1",
        signing_key=issuer_key,
        holder_jwk=public_jwk(holder.private_key),
        iat=qr_sizes.NOW,
        exp=qr_sizes.NOW + 90 * 86400,
        status=StatusReference(734_112 + seed, choice.status_uri),
        rng=SeededRandom(seed),
    )
    return present(
        issued.compact,
        disclose=tuple(claims),
        holder_key=holder,
        aud=OFFLINE_AUDIENCE,
        nonce="bm9uY2Utbm9uY2Utbm9uY2U",
        iat=qr_sizes.NOW,
    )


def _decode_rate(payload: str, expected: str) -> float:
    hits = 0
    for seed in range(PHOTOS):
        jpeg, _ = photos.photo(payload, 10_000 + seed)
        result = scan_image(jpeg, decoders=default_decoders())
        hits += expected in [decode_qr_payload(p) for p in result.payloads]
    return hits / PHOTOS


def run() -> dict[str, float]:
    """Measure PV1 and PV2 sizes of the border presentation with a portrait, then scan it."""
    picture = portrait()
    print(
        f"  portrait {picture.size[0]}x{picture.size[1]} {picture.media_type}"
        f" q{picture.quality}: {len(picture.webp)} bytes ({picture.source})"
    )
    figures: dict[str, float] = {
        "portrait_bytes": len(picture.webp),
        "portrait_px": picture.size[0] * picture.size[1],
    }
    worst: tuple[int, str, str] | None = None
    for label, choice in (("", qr_sizes.SHORT), ("_long", qr_sizes.LONG)):
        texts = [_presentation(picture, choice, seed) for seed in range(SAMPLES)]
        for version in (1, 2):
            payloads = [encode_qr_payload(t, version=version) for t in texts]
            assert all(decode_qr_payload(p) == t for p, t in zip(payloads, texts, strict=True))
            versions = [qr_version(p, "M") for p in payloads]
            suffix = "" if version == 2 else "_pv1"
            figures[f"qr_version_border_portrait_M{label}{suffix}"] = max(versions)
            figures[f"qr_chars_border_portrait{label}{suffix}"] = max(map(len, payloads))
            print(
                f"  border + portrait, {'long' if label else 'short'} ids, PV{version}: "
                f"{max(map(len, payloads))} chars, v{max(versions)} at M"
            )
            if version == 2 and not label:
                at = versions.index(max(versions))
                worst = (max(versions), payloads[at], texts[at])
    assert worst is not None
    rate = _decode_rate(worst[1], worst[2])
    figures["decode_success_rate_portrait"] = round(rate, 3)
    print(f"  {PHOTOS} degraded photos of the v{worst[0]} PV2 code: {rate:.1%} read (chain)")
    return figures
