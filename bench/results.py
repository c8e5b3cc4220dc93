"""``bench/results.json``: one flat ``{"metric": value}`` object shared by every benchmark."""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).with_name("results.json")


def record(metrics: dict[str, float]) -> None:
    """Merge ``metrics`` into results.json, keeping other benchmarks' figures."""
    current: dict[str, float] = {}
    if RESULTS.exists():
        current = json.loads(RESULTS.read_text())
    current.update(metrics)
    RESULTS.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n")
