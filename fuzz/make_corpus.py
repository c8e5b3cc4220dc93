"""Write the seed corpus of every target from valid inputs: ``python -m fuzz.make_corpus``.

The seeds are made with the tests' builders (tests/support/factory.py) and the targets' fixed
keys, so the signed ones verify; each is a small file ``fuzz/corpus/<target>/<name>``, its first
byte the target's mode where it has modes (fuzz/targets.py). Checked in; run this again after a
format changes (it rewrites the seeds and keeps the files of found crashes, ``crash-*``).
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from crypto import StatusList, issue_status_list_token
from crypto.qr_codec import encode_qr_payload
from crypto.sdjwt import Disclosure
from fuzz.targets import (
    AUD,
    CORPUS,
    HOLDER_KEY,
    ISSUER,
    ISSUER_KEY,
    NONCE,
    NOW,
    OPERATOR_KEY,
    PASSPHRASE,
    STATUS_URI,
)
from tests.support import factory
from verifier.trust import sign_bundle
from wallet import backup
from wallet.records import CardContent, KeptCard

MODE = (b"\x00", b"\x01", b"\x02")


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


def sd_jwt_seeds() -> dict[str, bytes]:
    shown = factory.presentation(ISSUER_KEY, HOLDER_KEY, aud=AUD, nonce=NONCE)
    given = factory.disclosure("given_name", "Олена")
    item = factory.disclosure(None, "uk")
    payload = factory.base_payload(
        HOLDER_KEY,
        _sd=[factory.digest(given)],
        nationalities=[{"...": factory.digest(item)}],
    )
    signed = _json(payload) + f"~{given.encoded}~{item.encoded}~".encode()
    kb = {"iat": NOW, "aud": AUD, "nonce": NONCE}  # the target adds the sd_hash
    return {
        "presentation": MODE[0] + shown.encode(),
        "signed-payload": MODE[1] + signed,
        "signed-kb-payload": MODE[2] + _json(kb),
    }


def seeds() -> dict[str, dict[str, bytes]]:
    """Every target's seeds by file name."""
    credential = factory.credential(ISSUER_KEY, HOLDER_KEY)
    shown = factory.presentation(ISSUER_KEY, HOLDER_KEY, aud=AUD, nonce=NONCE)
    statuses = StatusList(64, 2)
    statuses[3] = 1
    token = issue_status_list_token(
        statuses, uri=STATUS_URI, issuer=ISSUER, signing_key=ISSUER_KEY, iat=NOW - 60, ttl=300
    )
    list_payload = {"iss": ISSUER, "sub": STATUS_URI, "iat": NOW - 60, "ttl": 300}
    entry = {
        "issuer": ISSUER,
        "jwks": {"keys": [ISSUER_KEY.public_jwk()]},
        "vcts": [factory.VCT],
        "status_lists": [STATUS_URI],
        "names": {"uk": "ДМС", "en": "SMS"},
    }
    bundle = {"sequence": 1, "iat": NOW - 60, "issuers": [entry]}
    return {
        "jws": {"credential-jwt": credential.split("~")[0].encode()},
        "sd_jwt": sd_jwt_seeds(),
        "disclosure": {
            "property": Disclosure.create("given_name", "Олена", salt="c2FsdA").encoded.encode(),
            "element": Disclosure.create(None, {"a": [1, 2.5]}, salt="c2FsdA").encoded.encode(),
        },
        "status_list": {
            "list": MODE[0] + _json(statuses.to_json()),
            "token": MODE[1] + token.encode(),
            "signed-payload": MODE[2] + _json({**list_payload, "status_list": statuses.to_json()}),
        },
        "qr_codec": {
            "pv1": encode_qr_payload(shown, version=1).encode(),
            "pv2": encode_qr_payload(shown).encode(),
            "compact": shown.encode(),
        },
        "trust_bundle": {
            "bundle": MODE[0] + sign_bundle([entry], 1, OPERATOR_KEY, NOW - 60).encode(),
            "signed-payload": MODE[1] + _json(bundle),
            "metadata-file": MODE[2] + _json(entry),
        },
        "wallet_backup": backup_seeds(),
    }


def backup_seeds() -> dict[str, bytes]:
    content = CardContent({"given_name": "Олена"}, {"uk": "ID-картка"}, {})
    card = KeptCard("c1", ISSUER, "id-card", dt.datetime(2025, 1, 1), content)
    copy = backup.WalletCopy((card,), (), ())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "wallet.posvid-backup"
        backup.write(path, copy, PASSPHRASE)
        written = path.read_bytes()
    return {"file": MODE[0] + written, "content": MODE[1] + _json(copy.to_json())}


def main() -> None:
    for target, files in seeds().items():
        folder = CORPUS / target
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("seed-*"):
            old.unlink()
        for name, data in files.items():
            (folder / f"seed-{name}").write_bytes(data)
        print(f"{target}: {len(files)} seeds")


if __name__ == "__main__":
    main()
