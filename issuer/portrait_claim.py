"""The credential's ``portrait`` claim: a small greyscale image as a ``data:`` URI, to a budget.

Issue 13, item 2. The claim is named ``portrait``, the ISO/IEC 18013-5 (mDL) data element and the
EU PID rulebook's data identifier; Posvid's types already use the ISO names (``birth_date``,
``expiry_date``, ``document_number``). The PID rulebook's SD-JWT VC encoding maps the same data
identifier to OIDC's ``picture`` (a JPEG data URL); the verifier's PID type metadata labels both
"Portrait".

``encode_portrait_claim(portrait)`` resizes to at least :data:`MIN_SIZE` (96×120, the size an
officer still recognises a face at), then for each format (WebP, and AVIF where Pillow has it)
binary-searches the **lowest quality whose SSIM against the resized image reaches**
:data:`SSIM_FLOOR`, and returns the **smallest** such encoding within the byte budget. When no
format reaches the floor within the budget, it returns the best-SSIM encoding that fits (the
highest quality under the budget, again by binary search); when not even the lowest quality fits,
``PortraitOverBudget``. docs/portrait.md has the measurements behind the defaults (WebP wins at
this size: AVIF's HEIF container costs ~260 bytes).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Final, Literal

import cv2
import numpy as np
from PIL import Image, features

from .errors import PortraitOverBudget

__all__ = [
    "CLAIM_NAME",
    "DEFAULT_BUDGET",
    "MIN_SIZE",
    "SSIM_FLOOR",
    "EncodedPortrait",
    "available_formats",
    "encode_as",
    "encode_portrait_claim",
    "ssim",
]

Format = Literal["webp", "avif"]

CLAIM_NAME: Final = "portrait"
MIN_SIZE: Final = (96, 120)
#: bytes of the image itself; leaves a border presentation with portrait at QR version 34, level M,
#: once the payload carries the image's bytes raw (issue 13, item 3; docs/portrait.md)
DEFAULT_BUDGET: Final = 540
#: SSIM (Gaussian window, sigma 1.5) of the decoded image against what was encoded
SSIM_FLOOR: Final = 0.77
_MEDIA_TYPES: Final[dict[Format, str]] = {"webp": "image/webp", "avif": "image/avif"}
#: WebP method 6 (its smallest, ~3 ms an encode at 96×120); AVIF at libavif's default speed 6
#: (speed 0 gains ~0.02 SSIM at one quality but takes ~0.3 s an encode) and monochrome
_OPTIONS: Final[dict[Format, dict[str, object]]] = {
    "webp": {"method": 6},
    "avif": {"speed": 6, "subsampling": "4:0:0"},
}


@dataclass(frozen=True)
class EncodedPortrait:
    """One encoding of the portrait claim."""

    format: Format
    quality: int
    data: bytes
    size: tuple[int, int]
    ssim: float

    @property
    def media_type(self) -> str:
        return _MEDIA_TYPES[self.format]

    @property
    def data_uri(self) -> str:
        """The claim's value: ``data:image/webp;base64,...``."""
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def available_formats() -> tuple[Format, ...]:
    """WebP, and AVIF when this Pillow was built with it (``PIL.features.check("avif")``)."""
    return ("webp", "avif") if features.check("avif") else ("webp",)


def encode_portrait_claim(
    portrait: Image.Image,
    *,
    budget: int = DEFAULT_BUDGET,
    size: tuple[int, int] = MIN_SIZE,
    floor: float = SSIM_FLOOR,
    formats: Sequence[Format] | None = None,
) -> EncodedPortrait:
    """The smallest encoding of ``portrait`` reaching ``floor`` within ``budget`` bytes."""
    if size[0] < MIN_SIZE[0] or size[1] < MIN_SIZE[1]:
        raise ValueError(f"a portrait claim is at least {MIN_SIZE[0]}×{MIN_SIZE[1]} pixels")
    image = portrait.convert("L").resize(size, Image.Resampling.LANCZOS)
    candidates = [_search(image, fmt, budget, floor) for fmt in formats or available_formats()]
    fitting = [c for c in candidates if c is not None and len(c.data) <= budget]
    if not fitting:
        raise PortraitOverBudget(
            f"no encoding of a {size[0]}×{size[1]} portrait fits in {budget} bytes",
            field=CLAIM_NAME,
        )
    good = [c for c in fitting if c.ssim >= floor]
    if good:
        return min(good, key=lambda c: (len(c.data), -c.ssim))
    return max(fitting, key=lambda c: (c.ssim, -len(c.data)))


def encode_as(image: Image.Image, fmt: Format, quality: int) -> EncodedPortrait:
    """``image`` (mode L) in ``fmt`` at ``quality``, with no metadata, and its SSIM."""
    out = io.BytesIO()
    image.save(out, fmt.upper(), quality=quality, **_OPTIONS[fmt])
    data = out.getvalue()
    with Image.open(io.BytesIO(data)) as decoded:
        back = decoded.convert("L")
    return EncodedPortrait(fmt, quality, data, image.size, ssim(image, back))


def _search(image: Image.Image, fmt: Format, budget: int, floor: float) -> EncodedPortrait | None:
    """The lowest quality reaching ``floor``, else the highest under ``budget``, else None."""

    @cache
    def at(quality: int) -> EncodedPortrait:
        return encode_as(image, fmt, quality)

    best = at(100)
    if best.ssim >= floor:
        lowest = _bisect(at, lambda e: e.ssim >= floor)  # the first quality that reaches it
        if len(lowest.data) <= budget:
            return lowest
    if len(at(0).data) > budget:
        return None
    return _bisect(at, lambda e: len(e.data) > budget, before=True)


def _bisect(
    at: Callable[[int], EncodedPortrait],
    reached: Callable[[EncodedPortrait], bool],
    *,
    before: bool = False,
) -> EncodedPortrait:
    """The first quality in 0-100 where ``reached`` holds (or the one just before it)."""
    low, high = 0, 101  # reached(high) holds by convention
    while low < high:
        middle = (low + high) // 2
        if reached(at(middle)):
            high = middle
        else:
            low = middle + 1
    return at(max(0, min(100, low - 1 if before else low)))


def ssim(a: Image.Image, b: Image.Image) -> float:
    """Mean structural similarity of two greyscale images of one size (Wang et al. 2004)."""
    x = np.asarray(a, dtype=np.float64)
    y = np.asarray(b, dtype=np.float64)
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2

    def blur(z: np.ndarray) -> np.ndarray:
        return cv2.GaussianBlur(z, (7, 7), 1.5)

    mx, my = blur(x), blur(y)
    vx, vy, cov = blur(x * x) - mx * mx, blur(y * y) - my * my, blur(x * y) - mx * my
    index = ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))
    return float(index.mean())
