"""Backups are read at one boundary: a well-encrypted file with a wrong shape is a BackupError."""

from __future__ import annotations

import json
from typing import Any

import pytest

from wallet import backup
from wallet import errors as e

PASSPHRASE = "a long backup passphrase"
CARD = {
    "id": "c1",
    "issuer": "https://issuer.example",
    "doc_type": "id-card",
    "created_at": "2025-01-01T00:00:00",
    "content": {"claims": {}, "names": {}, "type_metadata": {}},
}


class Shaped(backup.WalletCopy):
    """A copy that encrypts whatever JSON it is given (to test the reader)."""

    def __init__(self, data: Any) -> None:
        super().__init__((), (), ())
        object.__setattr__(self, "data", data)

    def to_json(self) -> Any:
        return self.data  # type: ignore[attr-defined]


def round_trip(data: Any, tmp_path) -> backup.WalletCopy:
    path = tmp_path / "w.backup"
    backup.write(path, Shaped(data), PASSPHRASE)
    return backup.read(path, PASSPHRASE)


def test_a_good_shape_reads_back_as_typed_values(tmp_path):
    copy = round_trip({"cards": [CARD], "credentials": [], "history": []}, tmp_path)
    assert copy.cards[0].id == "c1"
    assert copy.cards[0].created_at.year == 2025


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"cards": []},
        {"cards": [{**CARD, "id": 1}], "credentials": [], "history": []},
        {"cards": [{**CARD, "created_at": "yesterday"}], "credentials": [], "history": []},
        {"cards": [{**CARD, "content": {"claims": []}}], "credentials": [], "history": []},
        {"cards": [], "credentials": [{"id": "r1"}], "history": []},
        {"cards": [], "credentials": [], "history": [{"id": "h", "at": "2025-01-01", "entry": {}}]},
    ],
)
def test_a_wrong_shape_is_a_backup_error(data, tmp_path):
    with pytest.raises(e.BackupError):
        round_trip(data, tmp_path)


def written(tmp_path) -> tuple[Any, dict[str, Any]]:
    """A real backup's path and its envelope."""
    path = tmp_path / "w.backup"
    backup.write(path, Shaped({"cards": [], "credentials": [], "history": []}), PASSPHRASE)
    return path, json.loads(path.read_bytes()[len(backup.MAGIC) :])


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"n": 2**20, "r": 16}, "n", "2048 MiB"),  # a header demanding 2 GiB
        ({"n": 2**21}, "n", "power of two"),
        ({"n": 3 * 2**14}, "n", "power of two"),
        ({"n": 0}, "n", "power of two"),
        ({"n": "32768"}, "n", "whole number"),
        ({"n": True}, "n", "whole number"),
        ({"r": 0}, "r", "scrypt r"),
        ({"r": 10**30}, "r", "scrypt r"),
        ({"p": 99}, "p", "scrypt p"),
        ({"p": None}, "p", "whole number"),
        ({"salt": ""}, "salt", "salt"),
        ({"salt": "AA"}, "salt", "salt"),
        ({"salt": "!!"}, "salt", "damaged"),
        ({"nonce": ""}, "nonce", "nonce"),
        ({"nonce": "AAAAAAAAAAA"}, "nonce", "nonce"),
        ({"kdf": "argon2id"}, "kdf", "key derivation"),
        ({"ciphertext": 7}, "ciphertext", "damaged"),
    ],
)
def test_a_damaged_header_is_a_clear_backup_error_before_scrypt_runs(
    change, field, words, tmp_path, monkeypatch
):
    path, envelope = written(tmp_path)
    path.write_bytes(backup.MAGIC + json.dumps({**envelope, **change}).encode())

    def no_scrypt(*_args: object) -> bytes:
        raise AssertionError("scrypt ran on a damaged header")

    monkeypatch.setattr(backup.KdfParams, "derive", no_scrypt)
    with pytest.raises(e.BackupError) as caught:
        backup.read(path, PASSPHRASE)
    assert type(caught.value) is e.BackupError
    assert caught.value.field == field
    assert words in caught.value.message


def test_a_cut_ciphertext_is_a_wrong_passphrase_or_damage(tmp_path):
    path, envelope = written(tmp_path)
    for cut in ("", "AAAA"):
        path.write_bytes(backup.MAGIC + json.dumps({**envelope, "ciphertext": cut}).encode())
        with pytest.raises(e.WrongPassphrase):
            backup.read(path, PASSPHRASE)
