"""One error base, one code per meaning: every error Posvid raises is a ``CodedError``.

Each class sets its own ``code`` and no two classes share one, across all packages (the
issuer's OAuth errors included: their code is the error name sent on the wire). Each
errors module draws its tree in its docstring; the drawing is checked against the classes.
"""

import ast
import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from crypto import CodedError

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("crypto", "issuer", "wallet", "verifier", "posvid")
ERRORS_MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts)
    for package in PACKAGES
    for path in (ROOT / package).rglob("errors.py")
)
ROOTS = {
    "crypto.errors": "CryptoError",
    "issuer.errors": "IssuerError",
    "wallet.errors": "WalletError",
    "verifier.errors": "VerifierError",
    "posvid.common.errors": "PosvidError",
}
SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
TREE_LINE = re.compile(r"^((?:[│ ]   )*(?:[├└]── )?)([A-Z]\w+)\s{2,}([a-z]\w*)")


def all_error_classes() -> list[type[CodedError]]:
    for name in ERRORS_MODULES:
        importlib.import_module(name)
    found: list[type[CodedError]] = []
    pending = [CodedError]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def test_every_package_has_its_errors_module():
    assert sorted(ROOTS) == ERRORS_MODULES


def test_every_code_is_used_by_exactly_one_class():
    owners: dict[str, list[str]] = {}
    for cls in all_error_classes():
        owners.setdefault(cls.code, []).append(f"{cls.__module__}.{cls.__qualname__}")
    clashes = {code: names for code, names in owners.items() if len(names) > 1}
    assert clashes == {}


@pytest.mark.parametrize("cls", all_error_classes(), ids=lambda c: c.__qualname__)
def test_every_class_sets_its_own_snake_case_code(cls):
    assert "code" in vars(cls), f"{cls.__qualname__} inherits its code"
    assert SNAKE_CASE.fullmatch(cls.code), cls.code


def test_every_class_with_a_code_is_a_coded_error():
    """A class setting ``code = "..."`` anywhere in the source is one the walk above sees."""
    walked = {(c.__module__, c.__qualname__) for c in all_error_classes()}
    assert sorted(set(classes_setting_a_code()) - walked) == []


def classes_setting_a_code() -> Iterator[tuple[str, str]]:
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.ClassDef) and _assigns_code(node):
                    yield module, node.name


def _assigns_code(node: ast.ClassDef) -> bool:
    """The class body sets ``code = "..."`` (a dataclass field ``code: str`` is not a code)."""
    for statement in node.body:
        if isinstance(statement, ast.Assign | ast.AnnAssign):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            named = any(isinstance(t, ast.Name) and t.id == "code" for t in targets)
            value = statement.value
            if named and isinstance(value, ast.Constant) and isinstance(value.value, str):
                return True
    return False


@pytest.mark.parametrize("module_name", sorted(ROOTS))
def test_every_root_derives_from_coded_error_and_prints_one_way(module_name):
    root = getattr(importlib.import_module(module_name), ROOTS[module_name])
    assert issubclass(root, CodedError)
    assert "__str__" not in vars(root)
    assert "__init__" not in vars(root)
    assert str(root("no proof given", field="proof")) == f"[{root.code}] proof: no proof given"
    assert str(root("no proof given")) == f"[{root.code}] no proof given"
    error = root("m", field="f")
    assert (error.message, error.field) == ("m", "f")


@pytest.mark.parametrize("module_name", ERRORS_MODULES)
def test_the_docstring_tree_matches_the_classes(module_name):
    module = importlib.import_module(module_name)
    classes = {c.__name__: c for c in all_error_classes() if c.__module__ == module_name}
    drawn: dict[str, tuple[str, str | None]] = {}
    parents: list[str] = []
    for line in (module.__doc__ or "").splitlines():
        match = TREE_LINE.match(line)
        if not match:
            continue
        prefix, name, code = match.groups()
        depth = len(prefix) // 4
        parents[depth:] = [name]
        drawn[name] = (code, parents[depth - 1] if depth else None)
    assert set(drawn) == set(classes)
    for name, (code, parent) in drawn.items():
        assert code == classes[name].code, name
        if parent is not None:
            assert classes[name].__bases__ == (classes[parent],), name
