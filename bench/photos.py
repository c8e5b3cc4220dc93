"""Seeded camera-like photos of QR codes: the degraded-photo set for benchmarks and tests.

Each photo is a 1920x1080 JPEG: the code rendered at 3.5-7 camera pixels a module,
turned, put in perspective, on a textured background, unevenly lit, with a glare
spot, blur, sensor noise and JPEG artefacts. The same seed always gives the same photo.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import numpy as np
import qrcode
from PIL import Image, ImageFilter, ImageOps

FRAME = (1920, 1080)


@dataclass(frozen=True)
class Degradation:
    """How one photo is spoilt."""

    pixels_per_module: float
    angle: float
    skew: float
    light_low: float
    glare: float
    blur: float
    noise: float
    jpeg_quality: int

    @classmethod
    def draw(cls, rng: np.random.Generator, severity: float = 1.0) -> Degradation:
        """Random conditions; ``severity`` 0 is a clean frame, 1 the full range."""
        return cls(
            pixels_per_module=float(rng.uniform(3.5, 7.0)),
            angle=float(rng.uniform(-25, 25) * severity),
            skew=float(rng.uniform(0, 0.08) * severity),
            light_low=float(1 - rng.uniform(0, 0.45) * severity),
            glare=float(rng.uniform(0, 70) * severity),
            blur=float(rng.uniform(0, 1.4) * severity),
            noise=float(rng.uniform(1, 9) * severity),
            jpeg_quality=int(rng.integers(50, 92)),
        )


def _code_image(payload: str, level: int, pixels_per_module: float) -> Image.Image:
    code = qrcode.QRCode(error_correction=level, box_size=1, border=4)
    code.add_data(payload, optimize=0)
    code.make(fit=True)
    matrix = np.array(code.get_matrix(), dtype=np.uint8)
    image = Image.fromarray(np.where(matrix, 20, 235).astype(np.uint8), "L")
    size = round(matrix.shape[0] * pixels_per_module)
    return image.resize((size, size), Image.Resampling.NEAREST)


def _perspective(image: Image.Image, skew: float, rng: np.random.Generator) -> Image.Image:
    w, h = image.size
    jitter = rng.uniform(-skew, skew, size=8) * np.array([w, h] * 4)
    corners = np.array([0, 0, w, 0, w, h, 0, h], dtype=float) + jitter
    # solve for the 8 coefficients mapping output corners to input corners
    source = [(0, 0), (w, 0), (w, h), (0, h)]
    rows, rhs = [], []
    for (x, y), (u, v) in zip(corners.reshape(4, 2), source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    coefficients = np.linalg.solve(np.array(rows), np.array(rhs))
    return image.transform(
        (w, h),
        Image.Transform.PERSPECTIVE,
        tuple(coefficients),
        Image.Resampling.BILINEAR,
        fillcolor=235,
    )


def photo(
    payload: str, seed: int, *, level: int = qrcode.constants.ERROR_CORRECT_M, severity: float = 1.0
) -> tuple[bytes, Degradation]:
    """A JPEG photo of the QR code of ``payload`` and the conditions it was taken in."""
    rng = np.random.default_rng(seed)
    spoil = Degradation.draw(rng, severity)
    code = _code_image(payload, level, spoil.pixels_per_module)
    return _photographed(code, spoil, rng), spoil


def photo_of_print(
    page: Image.Image,
    box: tuple[int, int, int, int],
    modules: int,
    seed: int,
    severity: float = 1.0,
) -> tuple[bytes, Degradation]:
    """A JPEG photo of a printed page (an image of it, say ``pdftoppm -r 150``) aimed at the QR
    code inside ``box`` (left, top, right, bottom pixels; ``modules`` across, quiet zone
    included): the page around the code is scaled to the drawn camera pixels a module, then spoilt
    exactly as :func:`photo` spoils a rendered code."""
    rng = np.random.default_rng(seed)
    spoil = Degradation.draw(rng, severity)
    left, top, right, bottom = box
    margin = (right - left) // 10  # the officer aims at the code: a little of the page shows
    region = page.convert("L").crop((left - margin, top - margin, right + margin, bottom + margin))
    scale = spoil.pixels_per_module * modules / (right - left)
    size = (round(region.width * scale), round(region.height * scale))
    code = region.resize(size, Image.Resampling.BILINEAR)
    return _photographed(code, spoil, rng), spoil


def _photographed(code: Image.Image, spoil: Degradation, rng: np.random.Generator) -> bytes:
    """``code`` (a grey image) photographed under ``spoil``, drawing from ``rng`` as it goes."""
    code = code.rotate(spoil.angle, Image.Resampling.BILINEAR, expand=True, fillcolor=235)
    margin = math.ceil(code.width * spoil.skew) + 2  # room for the corners to move: no clipping
    code = ImageOps.expand(code, border=margin, fill=235)
    code = _perspective(code, spoil.skew / (1 + 2 * spoil.skew), rng)
    width, height = FRAME
    if code.width > height:
        code = code.resize((height - 20, height - 20), Image.Resampling.BILINEAR)
    texture = rng.normal(110, 25, size=(height // 8, width // 8)).clip(0, 255).astype(np.uint8)
    frame = Image.fromarray(texture, "L").resize(FRAME, Image.Resampling.BICUBIC)
    left = int(rng.integers(0, width - code.width + 1))
    top = int(rng.integers(0, height - code.height + 1))
    frame.paste(code, (left, top))
    pixels = np.asarray(frame, dtype=np.float32)
    ys = np.arange(height, dtype=np.float32)[:, None]
    xs = np.arange(width, dtype=np.float32)[None, :]
    direction = rng.uniform(0, 2 * math.pi)
    ramp = (np.cos(direction) * xs / width + np.sin(direction) * ys / height + 1.5) / 3
    pixels *= spoil.light_low + (1 - spoil.light_low) * ramp
    cx = left + rng.uniform(0.2, 0.8) * code.width
    cy = top + rng.uniform(0.2, 0.8) * code.height
    radius = code.width * rng.uniform(0.1, 0.25)
    pixels += spoil.glare * np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * radius**2))
    pixels += rng.normal(0, spoil.noise, size=pixels.shape).astype(np.float32)
    image = Image.fromarray(pixels.clip(0, 255).astype(np.uint8), "L")
    if spoil.blur:
        image = image.filter(ImageFilter.GaussianBlur(spoil.blur))
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=spoil.jpeg_quality)
    return out.getvalue()
