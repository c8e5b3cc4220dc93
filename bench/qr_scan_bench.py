"""Scanning the degraded-photo set: success per decoder and for the fallback chain, and time.

120 seeded 1080p photos (half of a border presentation, half of an age presentation,
both in the recommended short profile at level M). Photo → payload time covers JPEG
decoding, the decoders and the PV1 codec, as the verifier will run them.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence

from crypto.qr_codec import decode_qr_payload, encode_qr_payload
from posvid.common.qr_scan import (
    PyzbarDecoder,
    QrDecoder,
    ZxingDecoder,
    default_decoders,
    scan_image,
)

from . import photos, qr_sizes

PHOTOS = 120


def _photo_set() -> list[tuple[bytes, str]]:
    border = qr_sizes._presentation("border", qr_sizes.BORDER, qr_sizes.SHORT, 0)
    age = qr_sizes._presentation("age", ("age_equal_or_over.18",), qr_sizes.SHORT, 0)
    out = []
    for seed in range(PHOTOS):
        sd_jwt = border if seed % 2 == 0 else age
        jpeg, _ = photos.photo(encode_qr_payload(sd_jwt), seed)
        out.append((jpeg, sd_jwt))
    return out


def _measure(
    photo_set: list[tuple[bytes, str]], decoders: Sequence[QrDecoder]
) -> tuple[float, float]:
    hits, times = 0, []
    for jpeg, expected in photo_set:
        start = time.perf_counter()
        result = scan_image(jpeg, decoders=decoders)
        texts = [decode_qr_payload(p) for p in result.payloads]
        times.append((time.perf_counter() - start) * 1000)
        hits += expected in texts
    return hits / len(photo_set), statistics.median(times)


def run() -> dict[str, float]:
    """Generate the set, scan it with each decoder and with the chain, return the figures."""
    started = time.perf_counter()
    photo_set = _photo_set()
    print(f"  generated {len(photo_set)} photos in {time.perf_counter() - started:.1f} s")
    figures: dict[str, float] = {}
    for name, chain in (
        ("zxing", [ZxingDecoder()]),
        ("pyzbar", [PyzbarDecoder()]),
        ("chain", default_decoders()),
    ):
        rate, median_ms = _measure(photo_set, chain)
        figures[f"decode_success_rate_{name}"] = round(rate, 3)
        figures[f"photo_to_payload_ms_median_{name}"] = round(median_ms, 1)
        print(f"  {name:<7} success {rate:6.1%}   median photo→payload {median_ms:6.1f} ms")
    figures["decode_success_rate"] = figures["decode_success_rate_chain"]
    figures["photo_to_payload_ms_median"] = figures["photo_to_payload_ms_median_chain"]
    figures["decode_speed_zxing_vs_pyzbar"] = round(
        figures["photo_to_payload_ms_median_pyzbar"] / figures["photo_to_payload_ms_median_zxing"],
        2,
    )
    return figures
