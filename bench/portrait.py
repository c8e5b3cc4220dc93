"""The portrait claim's bytes and pixels, WebP against AVIF, and where AVIF's bytes go.

The face is scikit-image's bundled ``astronaut`` photo (a test extra) through the issuer's whole
pipeline (``issuer.portrait.make_portrait``), encoded by ``issuer.portrait_claim`` at the default
budget and floor. Figures: ``portrait_claim_bytes`` and ``portrait_claim_px`` (the chosen
encoding), ``portrait_claim_bytes_webp`` / ``portrait_claim_bytes_avif`` (each format alone, same
floor and budget), ``portrait_claim_ssim``, ``portrait_claim_avif_container_bytes`` (everything but
the AV1 data). ``python -m bench.portrait`` runs it alone and records them.
"""

from __future__ import annotations

import io
import struct
import time

from PIL import Image

from issuer.portrait import make_portrait
from issuer.portrait_claim import available_formats, encode_as, encode_portrait_claim

_CONTAINERS = {"meta", "iprp", "ipco"}


def avif_boxes(data: bytes, start: int = 0, end: int | None = None, depth: int = 0) -> list[str]:
    """The ISO BMFF boxes of an AVIF file, as ``"  name size"`` lines (nested ones indented)."""
    end = len(data) if end is None else end
    lines: list[str] = []
    offset = start
    while offset + 8 <= end:
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        name = kind.decode("latin-1")
        lines.append(f"{'  ' * depth}{name} {size}")
        inner = offset + 8 + (4 if name == "meta" else 0)  # meta is a full box
        if name in _CONTAINERS:
            lines += avif_boxes(data, inner, offset + size, depth + 1)
        offset += max(size, 8)
    return lines


def _astronaut() -> Image.Image:
    from skimage import data  # a test extra: make bench installs it with .[test]

    out = io.BytesIO()
    photo = data.astronaut()  # type: ignore[no-untyped-call]
    Image.fromarray(photo).save(out, "JPEG", quality=90)
    return make_portrait(out.getvalue()).image


def run() -> dict[str, float]:
    """Measure, print, return the figures."""
    portrait = _astronaut()
    started = time.perf_counter()
    chosen = encode_portrait_claim(portrait)
    elapsed = (time.perf_counter() - started) * 1000
    figures: dict[str, float] = {
        "portrait_claim_bytes": len(chosen.data),
        "portrait_claim_px": chosen.size[0] * chosen.size[1],
        "portrait_claim_ssim": round(chosen.ssim, 3),
        "portrait_claim_encode_ms": round(elapsed, 1),
    }
    print(f"  chosen: {chosen.format} q{chosen.quality} {chosen.size[0]}×{chosen.size[1]}", end="")
    print(f" {len(chosen.data)} B, SSIM {chosen.ssim:.3f}, data URI {len(chosen.data_uri)} chars")
    for fmt in available_formats():
        alone = encode_portrait_claim(portrait, formats=[fmt])
        figures[f"portrait_claim_bytes_{fmt}"] = len(alone.data)
        print(f"  {fmt} alone: q{alone.quality} {len(alone.data)} B, SSIM {alone.ssim:.3f}")
    if "avif" in available_formats():
        small = portrait.resize(chosen.size, Image.Resampling.LANCZOS)
        sample = encode_as(small, "avif", 30).data
        boxes = avif_boxes(sample)
        media = next(int(line.split()[1]) for line in boxes if line.startswith("mdat"))
        figures["portrait_claim_avif_container_bytes"] = len(sample) - media + 8
        print(f"  AVIF q30: {len(sample)} B = {len(sample) - media + 8} container + AV1 data")
        print("    " + ", ".join(line.strip() for line in boxes))
    return figures


if __name__ == "__main__":
    from .results import record

    record(run())
