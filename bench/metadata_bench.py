"""Server CPU per request of ``/.well-known/openid-credential-issuer`` (full 200 and 304).

The issuer runs as ``posvid-issuer serve --workers 1`` in its own process on loopback (SQLite, a
few status lists); one keep-alive client in this process asks ``REQUESTS`` times. The server's
CPU time (utime + stime of it and its children, from ``/proc/<pid>/stat``) is read before and
after, so the client's own cost is not counted. ``python -m bench.metadata_bench``; with
``POSVID_BENCH_SOURCE=/path/to/another/checkout`` the server runs that checkout's code (the
figure before a change).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

PASSPHRASE = "bench passphrase, not a secret"
REQUESTS = 2000
PATH = "/.well-known/openid-credential-issuer"
EXE = str(Path(sys.executable).parent / "posvid-issuer")
TICK = os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def cpu_seconds(pid: int) -> float:
    """utime + stime of ``pid`` and every process under it, in seconds."""
    tree, total, todo = _children(), 0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
        todo.extend(tree.get(current, []))
    return total / TICK


def _measure(http: httpx.Client, pid: int, headers: dict[str, str], path: str = PATH) -> float:
    """Server CPU milliseconds per GET of ``path`` with ``headers``."""
    for _ in range(200):  # warm up
        http.get(path, headers=headers)
    before = cpu_seconds(pid)
    for _ in range(REQUESTS):
        answer = http.get(path, headers=headers)
        if answer.status_code not in (200, 304):
            raise RuntimeError(f"{path} answered {answer.status_code}")
    return (cpu_seconds(pid) - before) * 1000 / REQUESTS


def run() -> dict[str, float]:
    """The figures, as ``issuer_cpu_ms_per_metadata`` (200) and ``..._304`` (and ``/health``'s,
    the app's floor, printed)."""
    with tempfile.TemporaryDirectory() as folder:
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "POSVID_ISSUER_HOME": folder,
            "POSVID_ISSUER_DATABASE_URL": f"sqlite:///{folder}/bench.db",
            "POSVID_ISSUER_PUBLIC_URL": base,
            "POSVID_ISSUER_KEY_PASSPHRASE": PASSPHRASE,
        }
        source = os.environ.get("POSVID_BENCH_SOURCE")
        if source:
            env["PYTHONPATH"] = source
        server = subprocess.Popen(
            [EXE, "serve", "--port", str(port), "--workers", "1"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            with httpx.Client(base_url=base, timeout=10) as http:
                deadline = time.monotonic() + 60
                while True:
                    try:
                        if http.get("/health").status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError("the issuer did not start")
                    time.sleep(0.2)
                full = _measure(http, server.pid, {})
                etag = http.get(PATH).headers.get("etag")
                unchanged = _measure(http, server.pid, {"If-None-Match": etag}) if etag else full
                floor = _measure(http, server.pid, {}, "/health")
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"  {PATH}: {full:.3f} ms server CPU per 200, {unchanged:.3f} ms per 304"
        f" (/health: {floor:.3f} ms)"
    )
    return {
        "issuer_cpu_ms_per_metadata": round(full, 3),
        "issuer_cpu_ms_per_metadata_304": round(unchanged, 3),
    }


if __name__ == "__main__":
    run()
