"""Backups are read at one boundary: a well-encrypted file with a wrong shape is a BackupError."""

from __future__ import annotations

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
