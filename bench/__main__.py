"""``python -m bench``: run every benchmark, print the figures, write bench/results.json."""

from __future__ import annotations

from . import (
    crypto_bench,
    issuer_bench,
    paper_bench,
    qr_portrait,
    qr_scan_bench,
    qr_sizes,
    verifier_bench,
)
from .results import RESULTS, record

TARGETS = {  # metric: (target, higher is better)
    "verify_vs_floor": (0.65, True),
    "verify_vs_reference": (2.5, True),
    "issue_vs_reference": (2.5, True),
    "qr_version_border_M": (28, False),
    "qr_version_age_M": (23, False),
    "decode_success_rate": (0.95, True),
    "qr_version_border_portrait_M": (34, False),
    "decode_success_rate_portrait": (0.95, True),
    "decode_success_rate_paper": (0.95, True),
    "photo_to_payload_ms_median": (30, False),
    "verifier_verify_vs_floor": (0.65, True),
    "photo_to_verdict_ms_median": (30, False),
    "issue_http_per_s_postgres": (300, True),
    "issue_http_p99_ms_postgres": (100, False),
}


def main() -> None:
    """Run the benchmarks and report."""
    figures: dict[str, float] = {}
    print("crypto core: ours vs raw cryptography vs reference sd-jwt (median of 9 rounds)")
    crypto = crypto_bench.run()
    for name, value in crypto.items():
        print(f"  {name:<28} {value:>10}{'' if name.endswith('_us') else 'x'}")
    figures |= crypto
    print("QR sizes (written to docs/qr-sizes.md)")
    figures |= qr_sizes.run()
    print("border presentation with a portrait: PV1 vs PV2, and its degraded photos")
    figures |= qr_portrait.run()
    print("paper credential: its QR code at level Q, photos of the printed page (150 dpi)")
    figures |= paper_bench.run()
    print("QR scanning of the degraded-photo set")
    figures |= qr_scan_bench.run()
    print("verifier: every check vs the floor, and photo to verdict")
    figures |= verifier_bench.run()
    print("issuance over HTTP (uvicorn, 2 workers, loopback) and a 2^20-entry status list")
    figures |= issuer_bench.run()
    print("targets")
    for name, (target, higher) in TARGETS.items():
        if name not in figures:
            print(f"  {name:<28} not measured (set POSVID_TEST_DATABASE_URL)")
            continue
        met = figures[name] >= target if higher else figures[name] <= target
        sign = ">=" if higher else "<="
        print(f"  {name:<28} {figures[name]:>8} {'meets' if met else 'MISSES'} {sign} {target}")
    record(figures)
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
