"""The issuer's home is 0700 and its files 0600, checked at start; the server secret lives there."""

from __future__ import annotations

import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from issuer.service import IssuerService
from tests.support.servers import make_settings

SECRET_FILE = "server.secret"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_home_and_its_database_are_private(tmp_path):
    home = tmp_path / "issuer"
    service = IssuerService(make_settings(home, f"sqlite:///{home / 'issuer.db'}"))
    service.keys.ensure()
    service.engine.dispose()
    assert mode(home) == 0o700
    files = [p for p in home.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"issuer.db", SECRET_FILE}
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}


def test_world_readable_files_are_narrowed_at_start(tmp_path):
    home = tmp_path / "issuer"
    url = f"sqlite:///{home / 'issuer.db'}"
    IssuerService(make_settings(home, url)).engine.dispose()
    home.chmod(0o755)
    for path in home.iterdir():  # the database and the server secret
        path.chmod(0o644)
    IssuerService(make_settings(home, url)).engine.dispose()
    assert mode(home) == 0o700
    assert mode(home / "issuer.db") == 0o600
    assert mode(home / SECRET_FILE) == 0o600


def test_files_that_cannot_be_narrowed_are_refused_with_the_fix(tmp_path, monkeypatch):
    from issuer.errors import FilesExposed
    from issuer.home import secure_home

    (tmp_path / "issuer.db").write_bytes(b"")
    (tmp_path / "issuer.db").chmod(0o644)

    def not_the_owner(self: Path, mode: int) -> None:
        raise PermissionError(self)

    monkeypatch.setattr(Path, "chmod", not_the_owner)
    with pytest.raises(FilesExposed, match=r"chmod 600 .*issuer\.db"):
        secure_home(tmp_path)


def test_the_server_secret_is_made_once_and_a_setting_wins(tmp_path):
    from issuer.home import server_secret

    first = server_secret(tmp_path)
    assert len(first) == 32
    assert server_secret(tmp_path) == first
    assert mode(tmp_path / SECRET_FILE) == 0o600
    assert server_secret(tmp_path, b"from the settings") == b"from the settings"


def test_workers_starting_together_share_one_secret(tmp_path):
    from issuer.home import server_secret

    with ThreadPoolExecutor(max_workers=8) as pool:
        secrets = set(pool.map(lambda _: server_secret(tmp_path), range(32)))
    assert len(secrets) == 1
    assert [p.name for p in tmp_path.iterdir()] == [SECRET_FILE]


def test_the_stored_identifier_is_private_and_read_back(tmp_path):
    from issuer.home import store_identifier, stored_identifier

    home = tmp_path / "issuer"
    assert stored_identifier(home) is None  # a home made before: nothing stored
    store_identifier(home, "http://127.0.0.1:9000")
    assert stored_identifier(home) == "http://127.0.0.1:9000"
    assert mode(home) == 0o700
    assert mode(home / "config.json") == 0o600
    store_identifier(home, "https://dmsu.example.gov.ua")  # replaced at once
    assert stored_identifier(home) == "https://dmsu.example.gov.ua"
    assert [p.name for p in home.iterdir()] == ["config.json"]


@pytest.mark.parametrize(
    "content", ["not json", "[]", '{"public_url": 8001}', '{"public_url": "http://evil.example"}']
)
def test_a_stored_identifier_that_is_not_one_is_refused_with_the_fix(tmp_path, content):
    from issuer.errors import SettingsInvalid
    from issuer.home import stored_identifier

    (tmp_path / "config.json").write_text(content)
    with pytest.raises(SettingsInvalid, match="init --public-url") as refused:
        stored_identifier(tmp_path)
    assert refused.value.field == "public_url"
