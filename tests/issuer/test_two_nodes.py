"""Issue 14 item 2: two ``posvid-issuer serve`` processes on one PostgreSQL database are one issuer.

Two real server processes (their own homes, ports and processes; one database, one server secret,
one key passphrase, one identifier: node A's address, node B serving it with ``--allow-other-url``
as a node behind a load balancer would). Every offer is raced: two wallets fetch it, one from each
node, then send its pre-authorized code to both nodes at the same moment and the winner completes
the flow at its own node. Afterwards: each code gave exactly one token (the other wallet got
``invalid_grant``); every credential is recorded once with its own (list, index); a revocation on
node A shows in node B's status list; both nodes publish the same keys.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

from crypto import (
    STATUS_INVALID,
    STATUS_VALID,
    IssuerKeys,
    Jwks,
    SigningKey,
    SystemClock,
    verify_status_list_token,
)
from tests.support.databases import postgres_url, throwaway_schema
from tests.support.mini_wallet import MiniWallet, proof
from tests.support.processes import free_port, run, serving

pytestmark = pytest.mark.e2e

EXE = str(Path(sys.executable).parent / "posvid-issuer")
OFFERS = 12
BATCH = 3
#: how long node B may take to show node A's revocation (its list is re-signed when the list's
#: version moves, docs/issuer.md "Status lists"; an HTTP cache in front could keep it ``ttl`` s)
SEEN_WITHIN = 10.0


class Rerouted(httpx.BaseTransport):
    """Sends requests for the identifier's address (node A) to node B, the Host kept: what a load
    balancer in front of both nodes does for the wallets it sends to B."""

    def __init__(self, identifier_port: int, node_port: int) -> None:
        self._inner = httpx.HTTPTransport()
        self._from, self._to = identifier_port, node_port

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host == "127.0.0.1" and request.url.port == self._from:
            request.url = request.url.copy_with(port=self._to)
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


@dataclass
class Attempt:
    """One wallet's try at one offer through one node."""

    node: str
    token_status: int = 0
    token_error: str | None = None
    credentials: list[str] = field(default_factory=list)
    failure: str | None = None


def status_of(credential: str) -> tuple[str, int]:
    """The (list URI, index) the credential's issuer-signed JWT names (read, not verified)."""
    payload = credential.split("~")[0].split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    reference = claims["status"]["status_list"]
    return reference["uri"], reference["idx"]


def race(
    wallet: MiniWallet, offer: dict[str, Any], barrier: threading.Barrier, node: str
) -> Attempt:
    """Fetch the offer, wait for the other wallet, redeem the code, complete at this node."""
    attempt = Attempt(node)
    try:
        fetched = wallet.fetch_offer(offer["credential_offer_uri"])
        issuer = fetched["credential_issuer"]
        metadata = wallet.http.get(f"{issuer}/.well-known/openid-credential-issuer").json()
        barrier.wait(timeout=20)
        token = wallet.token(fetched, offer["tx_code"])
        attempt.token_status = token.status_code
        if token.status_code != 200:
            attempt.token_error = token.json().get("error")
            return attempt
        access = token.json()["access_token"]
        nonce = wallet.http.post(metadata["nonce_endpoint"]).json()["c_nonce"]
        holders = [SigningKey.generate("ES256") for _ in range(BATCH)]
        response = wallet.request(
            metadata["credential_endpoint"],
            access,
            "id-card",
            [proof(h, issuer, nonce) for h in holders],
        )
        response.raise_for_status()
        attempt.credentials = [c["credential"] for c in response.json()["credentials"]]
    except Exception as exc:  # reported by the assertions, with the node
        attempt.failure = f"{type(exc).__name__}: {exc}"
    return attempt


@pytest.fixture
def database() -> Iterator[str]:
    url = postgres_url()
    if not url:
        pytest.skip("POSVID_TEST_DATABASE_URL is not set")
    with throwaway_schema(url, "n2_") as scoped:
        yield scoped


def test_two_nodes_on_one_database_are_one_issuer(tmp_path: Path, database: str) -> None:
    port_a, port_b = free_port(), free_port()
    base_a, base_b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
    shared = {
        **os.environ,
        "POSVID_ISSUER_DATABASE_URL": database,
        "POSVID_ISSUER_KEY_PASSPHRASE": "correct horse battery staple",
        "POSVID_ISSUER_KEY_KDF_LOG2_N": "12",
        "POSVID_ISSUER_SERVER_SECRET": secrets.token_hex(32),
        "POSVID_ISSUER_RATE_LIMIT_BURST": "10000",
        "COLUMNS": "200",
    }
    env_a = {**shared, "POSVID_ISSUER_HOME": str(tmp_path / "a")}
    env_b = {
        **shared,
        "POSVID_ISSUER_HOME": str(tmp_path / "b"),
        "POSVID_ISSUER_PUBLIC_URL": base_a,
    }

    def cli(*args: str) -> str:
        done = run([EXE, *args], env_a)
        assert done.returncode == 0, done.stderr
        return done.stdout

    cli("init", "--public-url", base_a)
    people = json.loads(cli("seed", "--sample", "--count", str(OFFERS), "--json"))
    documents = [next(d["id"] for d in p["documents"] if d["type"] == "id-card") for p in people]
    clerk = {"Authorization": f"Bearer {cli('token', 'create', '--role', 'clerk').strip()}"}

    serve_b = [EXE, "serve", "--port", str(port_b), "--allow-other-url"]
    with (
        serving([EXE, "serve"], env_a, f"{base_a}/health", tmp_path / "a.log"),
        serving(serve_b, env_b, f"{base_b}/health", tmp_path / "b.log"),
        httpx.Client(timeout=20) as http_a,
        httpx.Client(timeout=20, transport=Rerouted(port_a, port_b)) as http_b,
    ):
        # keys: one key ring in the database, so both nodes publish the same keys
        jwks_a = http_a.get(f"{base_a}/.well-known/jwt-vc-issuer").json()
        jwks_b = http_b.get(f"{base_a}/.well-known/jwt-vc-issuer").json()
        assert jwks_a == jwks_b
        assert jwks_a["issuer"] == base_a
        keys = IssuerKeys({base_a: Jwks.from_dict(jwks_a["jwks"])})

        offers = []
        for document_id in documents:
            made = http_a.post(
                f"{base_a}/admin/documents/{document_id}/offers",
                params={"batch": BATCH},
                headers=clerk,
            )
            assert made.status_code == 201, made.text
            offers.append(made.json())

        started = time.monotonic()
        barriers = [threading.Barrier(2) for _ in offers]
        wallets = {"A": MiniWallet(http_a), "B": MiniWallet(http_b)}
        with ThreadPoolExecutor(max_workers=2 * OFFERS) as pool:
            futures = [
                [pool.submit(race, wallets[n], offer, barrier, n) for n in ("A", "B")]
                for offer, barrier in zip(offers, barriers, strict=True)
            ]
            attempts = [[f.result() for f in pair] for pair in futures]
        raced = time.monotonic() - started

        # each code redeemed exactly once: one token, and invalid_grant for the other wallet
        for number, pair in enumerate(attempts):
            assert [a.failure for a in pair] == [None, None], (number, pair)
            outcomes = sorted((a.token_status, a.token_error) for a in pair)
            assert outcomes == [(200, None), (400, "invalid_grant")], (number, pair)
        winners = [next(a for a in pair if a.token_status == 200) for pair in attempts]
        assert all(len(w.credentials) == BATCH for w in winners)
        issued = [c for w in winners for c in w.credentials]

        # every credential recorded once, each with a (list, index) no other credential has
        engine = create_engine(database)
        try:
            with engine.connect() as connection:
                rows = connection.execute(
                    text("SELECT status_list_id, status_idx, document_id FROM issued_credentials")
                ).all()
                entries = connection.execute(text("SELECT count(*) FROM status_entries")).scalar()
        finally:
            engine.dispose()
        assert len(rows) == len(issued) == OFFERS * BATCH
        recorded = {(list_id, idx) for list_id, idx, _ in rows}
        assert len(recorded) == len(rows)
        assert entries == len(rows)
        named = [status_of(c) for c in issued]
        assert {(int(uri.rsplit("/", 1)[1]), idx) for uri, idx in named} == recorded

        # a revocation on node A is seen in node B's status list (fetched before, so B has it
        # cached); B's copy is signed with the shared key
        revoked_doc = documents[0]
        statuses = [status_of(c) for c in winners[0].credentials]
        clock = SystemClock()

        def at_b(uri: str, idx: int) -> int:
            token = http_b.get(uri)
            assert token.status_code == 200, token.text
            listed = verify_status_list_token(token.text, keys=keys, expected_uri=uri, clock=clock)
            return listed.status_list[idx]

        assert {at_b(*s) for s in statuses} == {STATUS_VALID}
        revoked = http_a.post(f"{base_a}/admin/documents/{revoked_doc}/revoke", headers=clerk)
        assert revoked.status_code == 200, revoked.text
        assert revoked.json()["credentials"] == BATCH
        deadline = time.monotonic() + SEEN_WITHIN
        while {at_b(*s) for s in statuses} != {STATUS_INVALID}:
            assert time.monotonic() < deadline, "node B does not show node A's revocation"
            time.sleep(0.2)
        others = [status_of(c) for w in winners[1:] for c in w.credentials]
        assert {at_b(*s) for s in others} == {STATUS_VALID}

        assert raced < 20, raced


def test_rerouted_transport_reaches_the_other_port() -> None:
    """The helper: a request for the identifier's address goes to the other node's port."""
    seen: list[str] = []

    class Recorder(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            seen.append(f"{request.url.port} {request.headers['host']}")
            return httpx.Response(200)

    transport = Rerouted(9000, 9001)
    transport._inner = Recorder()  # type: ignore[assignment]
    with httpx.Client(transport=transport) as http:
        http.get("http://127.0.0.1:9000/x")
        http.get("http://127.0.0.1:9002/x")
    assert seen == ["9001 127.0.0.1:9000", "9002 127.0.0.1:9002"]
