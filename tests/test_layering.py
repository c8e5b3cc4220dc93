"""The design's import rules, layer by layer from the bottom:

crypto/         imports no web or database library, no role and no Posvid package
posvid.common   the plumbing the roles share: imports no role and nothing from the top layer
issuer, wallet, verifier   never import each other
posvid (demo, umbrella CLI)   the top: may import everything
"""

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


def imported_modules(package: str) -> dict[str, set[str]]:
    """Every absolute module name imported below ``package`` (a folder), with the importers."""
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
                found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


def imported_roots(package: str) -> dict[str, set[str]]:
    roots: dict[str, set[str]] = {}
    for name, files in imported_modules(package).items():
        roots.setdefault(name.split(".")[0], set()).update(files)
    return roots


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


def test_shared_plumbing_imports_no_role_and_not_the_top():
    bad = {
        name: files
        for name, files in imported_modules("posvid/common").items()
        if name.split(".")[0] in ROLES
        or (name.startswith("posvid") and not name.startswith("posvid.common"))
    }
    assert bad == {}


def test_roles_import_only_the_plumbing_of_posvid():
    for role in ROLES:
        bad = {
            name: files
            for name, files in imported_modules(role).items()
            if name.split(".")[0] == "posvid" and not name.startswith("posvid.common")
        }
        assert bad == {}, role


def test_the_top_packages_init_imports_no_role():
    tree = ast.parse((ROOT / "posvid" / "__init__.py").read_text())
    imported = {
        node.module.split(".")[0] if node.level == 0 else "posvid"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported <= {"posvid", "__future__"}
