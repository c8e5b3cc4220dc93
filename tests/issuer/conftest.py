"""Issuer fixtures: a service on a fresh database (both backends), a live server, a mini wallet."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from crypto import FixedClock
from issuer.api.app import create_app
from issuer.service import IssuerService
from issuer.settings import IssuerSettings
from tests.databases import BACKENDS, database

PASSPHRASE = "correct horse battery staple"
NOW = 1_800_000_000


def make_settings(
    home: Path, url: str, public_url: str = "http://127.0.0.1:8001", **extra: object
) -> IssuerSettings:
    return IssuerSettings(
        home=home, database_url=url, public_url=public_url, key_passphrase=PASSPHRASE, **extra
    )


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def service(tmp_path: Path, db_url: str, clock: FixedClock) -> Iterator[IssuerService]:
    svc = IssuerService(make_settings(tmp_path, db_url), clock=clock)
    yield svc
    svc.engine.dispose()


@contextmanager
def live_issuer(home: Path, url: str, **extra: object) -> Iterator[tuple[str, IssuerService]]:
    """The real issuer app under uvicorn on a free loopback port, stopped afterwards."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    svc = IssuerService(make_settings(home, url, public_url=base, **extra))
    server = uvicorn.Server(uvicorn.Config(create_app(service=svc), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the issuer did not start")
        time.sleep(0.02)
    try:
        yield base, svc
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()
        svc.engine.dispose()


@pytest.fixture
def live(tmp_path: Path, db_url: str) -> Iterator[tuple[str, IssuerService]]:
    with live_issuer(tmp_path, db_url) as running:
        yield running
