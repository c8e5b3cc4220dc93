"""End-to-end issuance over HTTP: token + nonce + credential per credential, concurrent wallets.

The issuer runs as ``posvid-issuer serve --workers 2`` in its own processes on loopback
(SQLite, and PostgreSQL when POSVID_TEST_DATABASE_URL is set); the wallets are asyncio
clients in this process. Offers are made beforehand and are not timed.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from pydantic import SecretStr
from sqlalchemy import insert

from crypto import SigningKey, public_jwk
from crypto.jws import sign_compact
from issuer.oid4vci import OpenId4Vci
from issuer.service import IssuerService
from issuer.settings import IssuerSettings
from issuer.storage.models import StatusEntry, StatusListRecord
from posvid.common.vocabulary import PRE_AUTHORIZED_GRANT
from tests.support.databases import throwaway_schema

PASSPHRASE = "bench passphrase, not a secret"
CREDENTIALS = 400
CONCURRENCY = 16
EXE = str(Path(sys.executable).parent / "posvid-issuer")


@contextmanager
def _database(backend: str, folder: Path) -> Iterator[str | None]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'bench.db'}"
        return
    url = os.environ.get("POSVID_TEST_DATABASE_URL")
    if not url:
        yield None
        return
    with throwaway_schema(url, "bench_") as scoped:
        yield scoped


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _prepare(settings: IssuerSettings) -> list[tuple[str, str]]:
    service = IssuerService(settings)
    service.keys.ensure()
    protocol = OpenId4Vci(service)
    person = service.enrol_person(
        {
            "family_name": "Ткаченко",
            "given_name": "Оксана",
            "birth_date": "1988-08-08",
            "sex": "F",
            "record_number": "19880808-00001",
        },
        actor="bench",
    )
    document = service.add_document(
        person.id,
        "id-card",
        {"document_number": "555666777", "issue_date": "2021-01-01", "issuing_authority": "1111"},
        actor="bench",
    )
    grants = []
    for _ in range(CREDENTIALS):
        offer = service.create_offer(document.id, actor="bench")
        code = protocol.offer(offer.offer_id)["grants"][PRE_AUTHORIZED_GRANT]["pre-authorized_code"]
        grants.append((code, offer.tx_code or ""))
    service.engine.dispose()
    return grants


async def _wallets(base: str, grants: list[tuple[str, str]]) -> tuple[float, list[float]]:
    holders = [SigningKey.generate() for _ in grants]
    latencies: list[float] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(len(grants)):
        queue.put_nowait(i)

    async def one(http: httpx.AsyncClient, i: int) -> None:
        code, tx = grants[i]
        start = time.perf_counter()
        token = await http.post(
            "/token",
            data={"grant_type": PRE_AUTHORIZED_GRANT, "pre-authorized_code": code, "tx_code": tx},
        )
        token.raise_for_status()
        nonce = (await http.post("/nonce")).json()["c_nonce"]
        proof = sign_compact(
            {"aud": base, "iat": int(time.time()), "nonce": nonce},
            holders[i],
            typ="openid4vci-proof+jwt",
            include_kid=False,
            extra_header={"jwk": public_jwk(holders[i].private_key)},
        )
        response = await http.post(
            "/credential",
            json={"credential_configuration_id": "id-card", "proofs": {"jwt": [proof]}},
            headers={"Authorization": f"Bearer {token.json()['access_token']}"},
        )
        response.raise_for_status()
        latencies.append((time.perf_counter() - start) * 1000)

    async def worker(http: httpx.AsyncClient) -> None:
        while not queue.empty():
            await one(http, queue.get_nowait())

    limits = httpx.Limits(max_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
        started = time.perf_counter()
        await asyncio.gather(*(worker(http) for _ in range(CONCURRENCY)))
        elapsed = time.perf_counter() - started
    return len(grants) / elapsed, latencies


def _run_backend(backend: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder, _database(backend, Path(folder)) as url:
        if url is None:
            print(f"  {backend}: skipped (POSVID_TEST_DATABASE_URL is not set)")
            return {}
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        settings = IssuerSettings(
            home=Path(folder),
            database_url=url,
            public_url=base,
            key_passphrase=SecretStr(PASSPHRASE),
        )
        grants = _prepare(settings)
        env = {
            **os.environ,
            "POSVID_ISSUER_HOME": folder,
            "POSVID_ISSUER_DATABASE_URL": url,
            "POSVID_ISSUER_PUBLIC_URL": base,
            "POSVID_ISSUER_KEY_PASSPHRASE": PASSPHRASE,
            # 16 wallets on one address: far over a real wallet's rate, on purpose
            "POSVID_ISSUER_RATE_LIMIT_PER_MINUTE": "1000000",
            "POSVID_ISSUER_RATE_LIMIT_BURST": "100000",
        }
        server = subprocess.Popen(
            [EXE, "serve", "--port", str(port), "--workers", "2"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the issuer did not start")
                time.sleep(0.2)
            per_second, latencies = asyncio.run(_wallets(base, grants))
        finally:
            server.terminate()
            server.wait(timeout=30)
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    p50 = statistics.median(latencies)
    print(
        f"  {backend:<9} {per_second:7.1f} credentials/s   p50 {p50:6.1f} ms   p99 {p99:6.1f} ms"
        f"   ({len(latencies)} credentials, {CONCURRENCY} wallets at once)"
    )
    return {
        f"issue_http_per_s_{backend}": round(per_second, 1),
        f"issue_http_p50_ms_{backend}": round(p50, 1),
        f"issue_http_p99_ms_{backend}": round(p99, 1),
    }


def _publish_million() -> dict[str, float]:
    """Publish a 2-bit list of 1,048,576 entries, 1,000,000 of them issued and 1 % revoked."""
    with tempfile.TemporaryDirectory() as folder:
        settings = IssuerSettings(
            home=Path(folder),
            key_passphrase=SecretStr(PASSPHRASE),
            database_url=f"sqlite:///{folder}/million.db",
        )
        service = IssuerService(settings)
        size = 1 << 20
        with service.sessions.begin() as session:
            record = StatusListRecord(size=size, bits=2, allocated=1_000_000, version=0)
            session.add(record)
            session.flush()
            list_id = record.id
            rows = [
                {"list_id": list_id, "idx": i, "status": 1 if i % 100 == 0 else 0}
                for i in range(1_000_000)
            ]
            session.execute(insert(StatusEntry), rows)
        started = time.perf_counter()
        published = service.status.publish(list_id)
        seconds = time.perf_counter() - started
        service.engine.dispose()
    print(
        f"  publish 1,048,576 entries (10,000 revoked): {seconds * 1000:.0f} ms, "
        f"token {len(published.token):,} characters"
    )
    return {"status_list_publish_1m_ms": round(seconds * 1000, 1)}


def run() -> dict[str, float]:
    """Measure both backends and the large status list."""
    figures: dict[str, float] = {}
    for backend in ("sqlite", "postgres"):
        figures |= _run_backend(backend)
    figures |= _publish_million()
    return figures
