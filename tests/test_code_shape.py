"""Code a reader can take in at once: no function over 80 lines, no class over 250.

Migrations (generated, append-only) and the tests themselves are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("crypto", "issuer", "wallet", "verifier", "posvid", "bench", "scripts", "fuzz")
MAX_FUNCTION_LINES = 80
MAX_CLASS_LINES = 250


def sources() -> list[Path]:
    return [
        path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
    ]


def too_long() -> list[str]:
    found = []
    for path in sources():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                limit = MAX_FUNCTION_LINES
            elif isinstance(node, ast.ClassDef):
                limit = MAX_CLASS_LINES
            else:
                continue
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            if lines > limit:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({lines} lines)")
    return found


def test_sources_are_found():
    assert len(sources()) > 50


def test_no_function_or_class_is_too_long():
    assert too_long() == []
