"""The issuer's home folder and its server secret: only the issuer's own user may read them.

The home is 0700 and every file in it 0600. :func:`secure_home` checks that at start: every
permission of the group and of others is taken away (the issuer owns the files), and when
that cannot be done the issuer refuses to start with :class:`~issuer.errors.FilesExposed`,
naming the path and the command that fixes it.

The server secret (32 random bytes, made on first run in ``<home>/server.secret``, or the
``POSVID_ISSUER_SERVER_SECRET`` setting when several hosts share one database) is kept outside
the database: the transaction codes are stored as HMACs under it and the pre-authorized codes
are derived from it, so a copy of the database alone gives neither (``docs/issuer.md``).

The issuer identifier (``posvid-issuer init --public-url``) is stored in ``<home>/config.json``,
so that every command run on this home (``serve``, ``offer``...) names the same issuer;
:func:`stored_identifier` reads it back, checked like the setting (https unless on loopback).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import stat
from pathlib import Path
from typing import Final

from posvid.common.urls import is_secure_or_loopback

from .errors import FilesExposed, SettingsInvalid

HOME_MODE: Final = 0o700
FILE_MODE: Final = 0o600
SECRET_FILE: Final = "server.secret"  # noqa: S105 - a file name, not a secret
SECRET_BYTES: Final = 32
CONFIG_FILE: Final = "config.json"


def _narrow(path: Path, mode: int) -> None:
    """Take from ``path`` every permission of others; refuse when that cannot be done."""
    current = stat.S_IMODE(path.lstat().st_mode)
    if current & 0o077 == 0:
        return
    try:
        path.chmod(current & 0o700)
    except OSError:
        raise FilesExposed(
            f"{path} is readable by other users (mode {current:o}) and cannot be changed: "
            f"run `chmod {mode:o} {path}` as its owner",
            field="home",
        ) from None


def secure_home(home: Path) -> None:
    """Make ``home`` if missing; narrow it to 0700 and every file in it to 0600."""
    home.mkdir(mode=HOME_MODE, parents=True, exist_ok=True)
    _narrow(home, HOME_MODE)
    for path in home.rglob("*"):
        if path.is_symlink():
            continue
        _narrow(path, HOME_MODE if path.is_dir() else FILE_MODE)


def create_private(path: Path) -> None:
    """Create an empty file readable by its owner only, unless it exists (then narrow it)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        _narrow(path, FILE_MODE)


def server_secret(home: Path, configured: bytes | None = None) -> bytes:
    """The configured secret, else the home's ``server.secret`` (made on first run).

    A new secret is written to a file of its own and linked into place, so a second worker
    starting at the same moment reads either nothing (and makes none) or the whole secret.
    """
    if configured:
        return configured
    path = home / SECRET_FILE
    if not path.exists():
        draft = home / f".{SECRET_FILE}.{secrets.token_hex(8)}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(fd, "wb") as file:
            file.write(secrets.token_bytes(SECRET_BYTES))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another worker's secret came first: use it
        finally:
            draft.unlink()
    _narrow(path, FILE_MODE)
    value = path.read_bytes()
    if len(value) < SECRET_BYTES:
        raise FilesExposed(f"{path} is too short: remove it only if no offer is pending")
    return value


def keyed(secret: bytes, purpose: str, value: str) -> str:
    """HMAC-SHA-256 of ``value`` under ``secret`` for one ``purpose`` (hex)."""
    return hmac.new(secret, f"{purpose}\x00{value}".encode(), hashlib.sha256).hexdigest()


def store_identifier(home: Path, url: str) -> None:
    """Store the issuer identifier in ``<home>/config.json`` (0600, replaced at once)."""
    draft = home / f".{CONFIG_FILE}.{secrets.token_hex(8)}"
    try:
        home.mkdir(mode=HOME_MODE, parents=True, exist_ok=True)
        _narrow(home, HOME_MODE)
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump({"public_url": url}, file)
            file.write("\n")
        os.replace(draft, home / CONFIG_FILE)
    except OSError as exc:
        raise SettingsInvalid(
            f"cannot store the issuer identifier in {home / CONFIG_FILE}: {exc.strerror}",
            field="public_url",
        ) from None


def stored_identifier(home: Path) -> str | None:
    """The identifier ``init`` stored in ``home``; None when the home has none (made before)."""
    path = home / CONFIG_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SettingsInvalid(
            f"cannot read {path} ({exc}): store the identifier again with "
            "`posvid-issuer init --public-url URL`",
            field="public_url",
        ) from None
    url = data.get("public_url") if isinstance(data, dict) else None
    if not isinstance(url, str) or not is_secure_or_loopback(url):
        raise SettingsInvalid(
            f"{path} holds no usable issuer identifier ({url!r}: it must be https, http only "
            "on loopback): store one with `posvid-issuer init --public-url URL`",
            field="public_url",
        )
    return url.rstrip("/")
