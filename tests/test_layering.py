"""The design's import rules: crypto/ imports no web or database library; roles are independent."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN_IN_CRYPTO = {
    "fastapi",
    "starlette",
    "sqlalchemy",
    "alembic",
    "httpx",
    "requests",
    "uvicorn",
    "pydantic",
    "typer",
    "issuer",
    "wallet",
    "verifier",
    "posvid",
    "Crypto",
}
ROLES = ("issuer", "wallet", "verifier")


def imported_roots(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def test_crypto_imports_no_web_or_database_library():
    bad = {
        name: files
        for name, files in imported_roots("crypto").items()
        if name in FORBIDDEN_IN_CRYPTO
    }
    assert bad == {}


@pytest.mark.parametrize("role", ROLES)
def test_roles_never_import_each_other(role):
    others = set(ROLES) - {role}
    bad = {name: files for name, files in imported_roots(role).items() if name in others}
    assert bad == {}


def test_crypto_resolves_to_this_project():
    import crypto

    assert Path(crypto.__file__).resolve().is_relative_to(ROOT)


def test_no_pycrypto_style_package_shadows_crypto():
    """pycrypto/pycryptodome install ``Crypto``; on case-insensitive disks it merges with ours."""
    import importlib.util

    assert importlib.util.find_spec("Crypto") is None
