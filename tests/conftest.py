"""Shared fixtures: an injected clock and random source, keys, and a trust resolver."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from crypto import FixedClock, IssuerKeys, Jwks, SeededRandom, SigningKey
from tests.support.factory import ISSUER, NOW

# Derandomised by default so CI never flakes; HYPOTHESIS_PROFILE=explore searches afresh.
settings.register_profile(
    "default", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("explore", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

pytest_plugins = ["tests.support.roles"]

# Test wallets never write to the developer's own keystore: no keystore unless a test sets one
# (tests/wallet/conftest.py: an in-memory keyring); subprocesses inherit this too.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def rng() -> SeededRandom:
    return SeededRandom(2026)


@pytest.fixture(scope="session")
def issuer_key() -> SigningKey:
    return SigningKey.generate("ES256")


@pytest.fixture(scope="session")
def holder_key() -> SigningKey:
    return SigningKey.generate("ES256")


@pytest.fixture(scope="session")
def trust(issuer_key: SigningKey) -> IssuerKeys:
    return IssuerKeys({ISSUER: Jwks.of([issuer_key])})
