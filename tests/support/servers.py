"""Real servers for tests: the project's apps under uvicorn on a free loopback port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from issuer.api.app import create_app
from issuer.service import IssuerService
from issuer.settings import IssuerSettings

PASSPHRASE = "correct horse battery staple"


def make_settings(
    home: Path, url: str, public_url: str = "http://127.0.0.1:8001", **extra: object
) -> IssuerSettings:
    extra.setdefault("key_kdf_log2_n", 12)  # the default (2**17, ~0.44 s) in its own test only
    return IssuerSettings(
        home=home, database_url=url, public_url=public_url, key_passphrase=PASSPHRASE, **extra
    )


@contextmanager
def serve_app(app: object) -> Iterator[str]:
    """Any ASGI app under uvicorn on a free loopback port; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the app did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()


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
