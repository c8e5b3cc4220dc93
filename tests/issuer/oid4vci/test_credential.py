"""The credential endpoint: per-credential times, nothing shared but the issuer's own."""

from __future__ import annotations

import base64
import datetime as dt
import itertools
import json
from typing import Any

from crypto import SeededRandom, SigningKey
from issuer.catalogue.types import CONFIGURATIONS
from issuer.oid4vci.credential import DAY, Redemption, _times
from tests.support.factory import NOW
from tests.support.mini_wallet import redeem, request

#: the issuer's own values, the same in every credential of its type (the status list's URI
#: is shared by every credential on that list), and the key type every P-256 holder key shows
ISSUERS_OWN = {
    "payload.cnf.jwk.kty",
    "payload.cnf.jwk.crv",
    "header.alg",
    "header.kid",
    "header.typ",
    "payload.iss",
    "payload.vct",
    "payload._sd_alg",
    "payload.status.status_list.uri",
}


def _part(segment: str) -> dict[str, Any]:
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))  # type: ignore[no-any-return]


def _visible(credential: str) -> set[tuple[str, str]]:
    """Every always-visible value of a credential: (path, value), list items one by one."""
    header, payload, _ = credential.split("~")[0].split(".")
    found: set[tuple[str, str]] = set()

    def walk(path: str, value: Any) -> None:
        if isinstance(value, dict):
            for name, inner in value.items():
                walk(f"{path}.{name}", inner)
        elif isinstance(value, list):
            for item in value:
                walk(f"{path}[]", item)
        else:
            found.add((path, json.dumps(value)))

    walk("header", _part(header))
    walk("payload", _part(payload))
    return found


def test_credentials_of_one_offer_share_only_the_issuers_own_values(service, protocol, document):
    service.rng = SeededRandom(11)
    offer = service.create_offer(document.id, batch_size=3, actor="test")
    access = redeem(protocol, offer)
    issued = [
        c["credential"]
        for config, count in (("id-card", 3), ("id-card-border", 2), ("id-card-age", 2))
        for c in request(
            protocol, access, [SigningKey.generate() for _ in range(count)], config=config
        )["credentials"]
    ]
    visible = [_visible(c) for c in issued]
    paths = {path for seen in visible for path, _ in seen}
    assert {"header.alg", "header.kid", "header.typ", "payload.iat", "payload.exp"} <= paths
    assert {"payload.cnf.jwk.x", "payload.status.status_list.idx", "payload._sd[]"} <= paths
    for one, other in itertools.combinations(visible, 2):
        shared = {path for path, _ in one & other} - ISSUERS_OWN
        assert not shared, shared
    for seen in visible:
        times = dict(seen)
        assert NOW - NOW % DAY <= int(times["payload.iat"]) <= NOW


def _redemption(issue: dt.date | None, expiry: dt.date | None) -> Redemption:
    return Redemption("d", {}, "n", issue, expiry, {})


def test_times_stay_within_the_day_and_the_documents_validity():
    _, config = CONFIGURATIONS["id-card"]
    today = dt.datetime.fromtimestamp(NOW, dt.UTC).date()
    day_start = NOW - NOW % DAY
    rng = SeededRandom(3)
    for issue, expiry in (
        (dt.date(2021, 2, 3), dt.date(2031, 2, 3)),  # the configuration's 365 days
        (today, today + dt.timedelta(days=1)),  # issued today, expires tomorrow
        (today + dt.timedelta(days=2), today),  # dates the clerk got wrong: still no future
        (None, None),
    ):
        end = day_start + (config.validity_days + 1) * DAY - 1
        if expiry is not None:
            end = min(
                end, int(dt.datetime.combine(expiry, dt.time(23, 59, 59), dt.UTC).timestamp())
            )
        for _ in range(200):
            iat, exp = _times(rng, _redemption(issue, expiry), config, NOW)
            assert day_start <= iat <= NOW
            assert max(NOW, end - DAY + 1) <= exp <= end
    full = {_times(rng, _redemption(None, None), config, NOW)[1] // DAY for _ in range(50)}
    assert full == {day_start // DAY + config.validity_days}
