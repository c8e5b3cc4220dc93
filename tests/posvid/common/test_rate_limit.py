"""Token buckets per client and the once-in-n counter, on a fixed clock."""

from __future__ import annotations

import pytest

from crypto import FixedClock
from posvid.common.rate_limit import Every, RateLimiter, TooManyRequests

NOW = 1_800_000_000


def test_a_burst_then_the_rate_per_client():
    clock = FixedClock(NOW)
    limiter = RateLimiter(clock, per_minute=6, burst=3)  # one every 10 s
    assert [limiter.admit("a") for _ in range(4)] == [0, 0, 0, 10]
    assert limiter.admit("b") == 0  # every client has its own bucket
    clock.advance(4)
    assert limiter.admit("a") == 6  # a refused request takes nothing from the bucket
    clock.advance(6)
    assert [limiter.admit("a"), limiter.admit("a")] == [0, 10]
    clock.advance(3600)  # refilled to the burst, never beyond
    assert [limiter.admit("a") for _ in range(4)] == [0, 0, 0, 10]


def test_check_raises_with_retry_after_and_exempt_keys_pass():
    limiter = RateLimiter(FixedClock(NOW), per_minute=120, burst=1, exempt=["127.0.0.1"])
    limiter.check("10.0.0.1", "/nonce")
    with pytest.raises(TooManyRequests, match="/nonce") as refused:
        limiter.check("10.0.0.1", "/nonce")
    assert refused.value.retry_after == 1
    assert refused.value.code == "too_many_requests"
    for _ in range(10):
        limiter.check("127.0.0.1", "/nonce")


def test_the_least_recently_seen_client_is_forgotten_past_the_bound():
    limiter = RateLimiter(FixedClock(NOW), per_minute=1, burst=1, max_clients=2)
    for key in ("a", "b", "c"):  # "a" is forgotten: a fresh bucket
        assert limiter.admit(key) == 0
    assert limiter.admit("a") == 0
    assert limiter.admit("c") == 60  # kept


def test_every_n_calls():
    every = Every(3)
    assert [every.due() for _ in range(7)] == [False, False, True, False, False, True, False]
    assert all(Every(1).due() for _ in range(3))
