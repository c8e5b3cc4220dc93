"""The roles' commands as real processes: ``serve`` on a free loopback port, stopped by SIGTERM.

``servers.py`` runs the apps in a thread of the test process; here each command runs as a user
would start it (the console script in the virtual environment), so what is tested is the whole
command: its options, what it stores, how it listens and how it stops.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent
#: how long SIGTERM may take to end a ``serve`` (issue 12: within 5 s)
STOP_SECONDS = 5


def exe(script: str) -> str:
    """The console script's path in this virtual environment."""
    return str(BIN / script)


def free_port() -> int:
    """A loopback port nothing listens on now (the OS's choice)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def run(
    args: list[str], env: Mapping[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run a command to its end, as one shell would; its output is kept."""
    return subprocess.run(
        args,
        capture_output=True,
        text=True,
        env=dict(env),
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def wait_listening(process: subprocess.Popen[bytes], base: str, log: Path) -> None:
    """Until ``base`` answers HTTP at all; fail with the command's output if it ends first."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve ended ({process.returncode}): {log.read_text()}")
        try:
            httpx.get(base, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"serve did not answer at {base}: {log.read_text()}")


@contextmanager
def serving(
    args: list[str], env: Mapping[str, str], base: str, log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """A ``serve`` command started in its own process, answering at ``base``; ended afterwards
    (killed if a test left it running). Its output goes to ``log``."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            args,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=out,
            start_new_session=True,  # its own group: its workers are ended with it
        )
    try:
        wait_listening(process, base, log)
        yield process
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # the command and its workers, if any remain
        process.wait(timeout=30)


def held_request(port: int, path: str, content_type: str) -> socket.socket:
    """A connection whose POST is under way: the headers sent, the body only begun, so the
    server's request handler waits on it (as on a slow upload or a long poll)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {content_type}\r\n"
        "Content-Length: 1000\r\n\r\n"
    )
    sock.sendall(head.encode() + b"a=")
    return sock


def stop(process: subprocess.Popen[bytes]) -> float:
    """Send SIGTERM; how many seconds the process took to end (at most ``STOP_SECONDS``, else
    ``subprocess.TimeoutExpired``)."""
    started = time.monotonic()
    os.kill(process.pid, signal.SIGTERM)
    process.wait(timeout=STOP_SECONDS)
    return time.monotonic() - started
