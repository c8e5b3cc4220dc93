"""The page's last verdicts: kept under random ids for a few minutes, at most MAX_KEPT."""

from __future__ import annotations

from crypto import FixedClock
from verifier.api.recent import MAX_KEPT, RecentVerdicts
from verifier.verdict import Verdict


def test_a_verdict_is_kept_for_its_seconds_by_the_clock():
    clock = FixedClock(1_800_000_000)
    recent = RecentVerdicts(clock, keep_seconds=600)
    verdict = Verdict("valid", [])
    key = recent.keep(verdict)
    assert len(key) == 22
    assert recent.get(key) is verdict
    clock.advance(600)
    assert recent.get(key) is verdict
    clock.advance(1)
    assert recent.get(key) is None
    assert recent.get("never-kept") is None


def test_newer_verdicts_push_the_oldest_out():
    recent = RecentVerdicts(FixedClock(0), keep_seconds=600)
    keys = [recent.keep(Verdict("valid", [])) for _ in range(MAX_KEPT + 1)]
    assert recent.get(keys[0]) is None
    assert all(recent.get(k) is not None for k in keys[1:])
