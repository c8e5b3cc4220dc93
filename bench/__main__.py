"""``python -m bench``: run every benchmark, print the figures, write bench/results.json."""

from __future__ import annotations

from . import crypto_bench
from .results import RESULTS, record


def main() -> None:
    """Run the benchmarks and report."""
    print("crypto core: ours vs raw cryptography vs reference sd-jwt (median of 9 rounds)")
    figures = crypto_bench.run()
    for name, value in figures.items():
        unit = "" if name.endswith("_us") else "x"
        print(f"  {name:<28} {value:>10}{unit}")
    targets = {"verify_vs_floor": 0.65, "verify_vs_reference": 2.5, "issue_vs_reference": 2.5}
    for name, target in targets.items():
        verdict = "meets" if figures[name] >= target else "MISSES"
        print(f"  {name} {figures[name]} {verdict} the target {target}")
    record(figures)
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
