"""Mutation testing of the rejection rules: ``make mutation``.

Every mutant makes one change to one target module:

* ``raise -> pass``: a ``raise`` statement becomes ``pass``;
* a flipped comparison: ``==``/``!=``, ``<``/``>=``, ``>``/``<=``, ``in``/``not in``,
  ``is``/``is not``;
* ``negate if``: the test of an ``if`` (or ``elif``) becomes ``not (test)``.

For each mutant the target's tests run (``pytest -x``) in a private copy of the project, never
in the working tree (other people run tests there). A mutant is *killed* when a test fails (or
the run times out) and *survives* when every test passes. A survivor is either a rule no test
proves (write a negative test) or an equivalent mutant (the change cannot alter behaviour): those
are listed with the reason in ``scripts/mutation-equivalent.toml``. The run exits non-zero when a
survivor is not listed, or when a listed mutant no longer survives (the list must stay true).

Mutants are keyed by ``file | function | change | source text``, not by line number, so the
list survives edits elsewhere in the file.

    python scripts/mutation.py                      # every target, 2 processes
    python scripts/mutation.py crypto/b64.py        # some targets only
    python scripts/mutation.py --list               # print the mutants, run nothing
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import dataclasses
import glob
import importlib
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

PROJECT = Path(__file__).resolve().parents[1]
EQUIVALENT_FILE = PROJECT / "scripts" / "mutation-equivalent.toml"

# Each target's tests: first its mirror in tests/ (crypto/jws.py -> tests/crypto/test_jws*.py),
# then these, so that ``pytest -x`` meets a killing test early. Missing paths are skipped.
CORE = ("tests/crypto", "tests/interop", "tests/properties")
VERIFY = "tests/crypto/sdjwt/test_verification*.py"  # the negative suite, through the core
CHECKS = "tests/verifier/test_checks*.py"  # the same suite, through the verifier's checks


@dataclasses.dataclass(frozen=True)
class Target:
    """A module to mutate, the tests (after its mirror) that should kill its mutants, and
    optionally which functions to mutate (qualified names; ``None``: all)."""

    tests: tuple[str, ...]
    functions: frozenset[str] | None = None


TARGETS: dict[str, Target] = {
    "crypto/sdjwt/verification.py": Target((*CORE, CHECKS)),
    "crypto/sdjwt/key_binding.py": Target((VERIFY, *CORE, CHECKS)),
    "crypto/sdjwt/unpacking.py": Target((VERIFY, *CORE)),
    "crypto/sdjwt/disclosure.py": Target((VERIFY, *CORE)),
    "crypto/sdjwt/compact.py": Target((VERIFY, *CORE)),
    "crypto/sdjwt/vc.py": Target((VERIFY, *CORE, CHECKS)),
    "crypto/jws.py": Target((VERIFY, *CORE)),
    "crypto/time_claims.py": Target((VERIFY, *CORE)),
    "crypto/status_list.py": Target(CORE),
    "crypto/algorithms.py": Target(CORE),
    "crypto/keys.py": Target(  # key and JWK parsing only
        CORE,
        frozenset(
            {"_member", "_coordinate", "public_key_from_jwk", "Jwks.from_dict"}
            | {"load_private_key_pem"}
        ),
    ),
    "crypto/b64.py": Target(CORE),
    "crypto/strict_json.py": Target(CORE),
    "crypto/qr_codec.py": Target(CORE),
    "crypto/qr_pv2.py": Target(CORE),
    "crypto/qr_frame.py": Target(CORE),
    "crypto/inflate.py": Target(("tests/crypto/test_status_list*.py", *CORE)),
    "verifier/checks.py": Target(()),
}


def tests_of(path: str) -> tuple[str, ...]:
    """The test paths (globs) of a target, its mirror first."""
    folder, _, name = path.rpartition("/")
    return (f"tests/{folder}/test_{name.removesuffix('.py')}*.py", *TARGETS[path].tests)


FLIPPED: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.GtE,
    ast.GtE: ast.Lt,
    ast.Gt: ast.LtE,
    ast.LtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
SYMBOL = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.GtE: ">=",
    ast.Gt: ">",
    ast.LtE: "<=",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Is: "is",
    ast.IsNot: "is not",
}


# --- mutants ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Mutant:
    """One change: the span ``start``..``end`` (line, byte column) becomes ``replacement``."""

    path: str
    function: str
    change: str
    snippet: str
    occurrence: int
    line: int
    start: tuple[int, int]
    end: tuple[int, int]
    replacement: str
    after: str = ""  # the first changed line as it reads after the change

    @property
    def key(self) -> str:
        """The stable description the equivalent list refers to."""
        suffix = f" #{self.occurrence}" if self.occurrence > 1 else ""
        return f"{self.path} | {self.function} | {self.change} | {self.snippet}{suffix}"

    def apply(self, source: bytes) -> bytes:
        lines = source.splitlines(keepends=True)
        (line, col), (end_line, end_col) = self.start, self.end
        return b"".join(
            [
                *lines[: line - 1],
                lines[line - 1][:col],
                self.replacement.encode(),
                lines[end_line - 1][end_col:],
                *lines[end_line:],
            ]
        )


class _Finder(ast.NodeVisitor):
    """Walk a module and collect (function, change, node, span to replace, replacement)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.scope: list[str] = []
        self.found: list[tuple[str, str, ast.AST, ast.AST, str]] = []

    def _scoped(self, node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._scoped(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._scoped(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._scoped(node)

    def _add(self, change: str, node: ast.AST, span: ast.AST, replacement: str) -> None:
        self.found.append((".".join(self.scope) or "<module>", change, node, span, replacement))

    def visit_Raise(self, node: ast.Raise) -> None:
        self._add("raise -> pass", node, node, "pass")
        self.generic_visit(node)

    def visit_If(self, node: ast.If) -> None:
        test = ast.get_source_segment(self.source, node.test)
        if test not in ("TYPE_CHECKING", "__name__ == '__main__'", '__name__ == "__main__"'):
            self._add("negate if", node.test, node.test, f"not ({test})")
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        for i, op in enumerate(node.ops):
            flipped = FLIPPED.get(type(op))
            if flipped is None:
                continue
            ops = [*node.ops[:i], flipped(), *node.ops[i + 1 :]]
            mutated = ast.Compare(left=node.left, ops=ops, comparators=node.comparators)
            change = f"{SYMBOL[type(op)]!r} -> {SYMBOL[flipped]!r}"
            if len(node.ops) > 1:
                change += f" (comparison {i + 1})"
            self._add(change, node, node, ast.unparse(mutated))
        self.generic_visit(node)


def mutants_of(path: str, source: bytes, functions: frozenset[str] | None) -> list[Mutant]:
    """Every mutant of one module, in source order."""
    text = source.decode()
    finder = _Finder(text)
    finder.visit(ast.parse(source, path))
    seen: Counter[str] = Counter()
    result = []
    for function, change, node, span, replacement in finder.found:
        if functions is not None and function not in functions:
            continue
        segment = ast.get_source_segment(text, node) or ""
        snippet = segment.splitlines()[0].strip()
        if change == "negate if":
            snippet = f"if {snippet}"
        base = f"{path} | {function} | {change} | {snippet}"
        seen[base] += 1
        mutant = Mutant(
            path,
            function,
            change,
            snippet,
            seen[base],
            node.lineno,  # type: ignore[attr-defined]
            (span.lineno, span.col_offset),  # type: ignore[attr-defined]
            (span.end_lineno, span.end_col_offset),  # type: ignore[attr-defined]
            replacement,
        )
        mutated = mutant.apply(source)
        compile(mutated, path, "exec")  # a mutant that does not compile is a bug of this tool
        after = mutated.splitlines()[mutant.start[0] - 1].decode().strip()
        result.append(dataclasses.replace(mutant, after=after))
    return result


# --- the private copies of the project --------------------------------------------------------


def project_files() -> Iterator[str]:
    """Tracked and untracked, not ignored, files of the working tree."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    for name in sorted(set(listing.split("\0")) - {""}):
        if (PROJECT / name).is_file() and "__pycache__" not in name:
            yield name


def make_copy(root: Path, rev: str | None) -> None:
    """Copy the project into ``root``: the working tree, or commit ``rev`` with ``--rev``."""
    root.mkdir(parents=True)
    if rev is not None:
        archive = subprocess.run(
            ["git", "archive", rev],
            cwd=PROJECT,
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(root)], input=archive, check=True)
        return
    for name in project_files():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT / name, root / name)


def resolve_tests(root: Path, patterns: Sequence[str]) -> list[str]:
    """The test paths of ``patterns`` that exist in the copy, in order, without repeats."""
    found: list[str] = []
    for pattern in patterns:
        for name in sorted(glob.glob(pattern, root_dir=root)):
            if name not in found:
                found.append(name)
    if not found:  # pytest without paths would run every test there is
        raise SystemExit(f"no tests match {' '.join(patterns)} in {root}")
    return found


# Imported once by each copy's test server, which then forks a child per test run: the child
# imports the (mutated) project afresh, the libraries it already has. Saves ~2 s a mutant.
PRELOAD = (
    "pytest",
    "hypothesis",
    "cryptography.hazmat.primitives.asymmetric.ec",
    "cryptography.hazmat.primitives.asymmetric.ed25519",
    "fastapi",
    "sqlalchemy",
    "alembic",
    "httpx",
    "uvicorn",
    "jinja2",
    "pydantic_settings",
    "typer",
    "qrcode",
    "PIL.Image",
    "zxingcpp",
    "sd_jwt",
    "jwt",
)
# plain asserts: the rewriting hook would warn (an error here) that the plugins are imported
PYTEST_ARGS = ("-x", "-q", "-p", "no:cacheprovider", "--assert=plain")


def serve() -> None:
    """The test server (``--serve``, run in a copy): for each request on stdin, a JSON object
    ``{"tests": [...], "timeout": seconds}``, fork, run pytest in the child, and answer
    ``passed``, ``failed``, ``timeout`` or ``empty`` (nothing collected) on stdout."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in PRELOAD:
            with contextlib.suppress(ImportError):
                importlib.import_module(name)
    import pytest

    root = os.getcwd()
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:  # the child: its own process group, silent, the copy first on sys.path
            os.setsid()
            quiet = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(quiet, fd)
            sys.path.insert(0, root)  # as ``python -m pytest`` run from the copy's root
            try:
                code = int(pytest.main([*PYTEST_ARGS, *request["tests"]]))
            except BaseException:  # whatever happens, the child must exit
                code = 3
            os._exit(code)
        deadline = time.monotonic() + request["timeout"]
        while not (done := os.waitpid(pid, os.WNOHANG))[0] and time.monotonic() < deadline:
            time.sleep(0.02)
        if done[0]:
            code = os.waitstatus_to_exitcode(done[1])
            outcome = {0: "passed", 5: "empty"}.get(code, "failed")
        else:
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            outcome = "timeout"
        print(outcome, flush=True)


class TestServer:
    """The parent's handle on one copy's test server."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--serve"],
            cwd=root,
            env={
                **os.environ,
                "PYTHONPATH": str(root),
                # no bytecode: a mutant of the same size, written in the same second as the
                # last one, would otherwise run from the stale cache
                "PYTHONDONTWRITEBYTECODE": "1",
                "HYPOTHESIS_PROFILE": "default",
            },
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.requests: IO[str] = self.process.stdin  # type: ignore[assignment]
        self.answers: IO[str] = self.process.stdout  # type: ignore[assignment]

    def run(self, tests: Sequence[str], timeout: float) -> str:
        """Run ``tests`` in the copy: ``passed``, ``failed`` or ``timeout``."""
        request = json.dumps({"tests": list(tests), "timeout": timeout})
        self.requests.write(request + "\n")
        self.requests.flush()
        outcome = self.answers.readline().strip()
        if outcome not in ("passed", "failed", "timeout"):  # the tool is wrong, not the mutant
            raise SystemExit(f"test server in {self.root}: {outcome or 'died'} for {tests}")
        return outcome

    def close(self) -> None:
        self.requests.close()
        self.process.wait()


def check_copy(server: TestServer, tests: Sequence[str]) -> float:
    """Prove that the tests pass in the copy and that they run the copy's code, not the working
    tree's; return how long the tests take."""
    root = server.root
    probe = "import crypto, verifier.checks as v; print(crypto.__file__); print(v.__file__)"
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    if not all(Path(f).resolve().is_relative_to(root.resolve()) for f in out):
        raise SystemExit(f"the copy imports modules from elsewhere: {out}")
    began = time.monotonic()
    if server.run(tests, 900) != "passed":
        raise SystemExit(f"the tests fail without any mutant: pytest {' '.join(tests)}")
    seconds = time.monotonic() - began
    # a sanity mutant of the copy only: the same tests must now fail
    module = root / "crypto" / "b64.py"
    original = module.read_bytes()
    module.write_bytes(b'raise RuntimeError("mutation sanity check")\n' + original)
    try:
        outcome = server.run(resolve_tests(root, tests_of("crypto/b64.py")), 300)
    finally:
        module.write_bytes(original)
    if outcome != "failed":
        raise SystemExit("the sanity mutant survived: the tests do not run the copy")
    return seconds


# --- running ----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Result:
    mutant: Mutant
    outcome: str  # killed, timeout or survived
    seconds: float


def run_mutants(
    mutants: list[Mutant], servers: list[TestServer], timeout: float, verbose: bool
) -> list[Result]:
    """Run every mutant, one per copy at a time; print progress as they finish."""
    todo: queue.Queue[Mutant] = queue.Queue()
    for mutant in mutants:
        todo.put(mutant)
    results: list[Result] = []
    lock = threading.Lock()
    started = time.monotonic()

    def work(server: TestServer) -> None:
        root = server.root
        while True:
            try:
                mutant = todo.get_nowait()
            except queue.Empty:
                return
            module = root / mutant.path
            original = module.read_bytes()
            module.write_bytes(mutant.apply(original))
            began = time.monotonic()
            try:
                tests = resolve_tests(root, tests_of(mutant.path))
                outcome = server.run(tests, timeout)
            finally:
                module.write_bytes(original)
            result = Result(
                mutant,
                {"failed": "killed", "passed": "survived"}.get(outcome, outcome),
                time.monotonic() - began,
            )
            with lock:
                results.append(result)
                done = len(results)
                if verbose or result.outcome == "survived" or done % 25 == 0:
                    elapsed = time.monotonic() - started
                    print(
                        f"[{done:4}/{len(mutants)} {elapsed / 60:5.1f} min] "
                        f"{result.outcome:8} {mutant.path}:{mutant.line} {mutant.change}",
                        flush=True,
                    )

    threads = [threading.Thread(target=work, args=(server,)) for server in servers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def load_equivalent(path: Path) -> dict[str, str]:
    """Mutant key -> reason, from the TOML list of equivalent mutants."""
    if not path.exists():
        return {}
    entries = tomllib.loads(path.read_text())["equivalent"]
    listed: dict[str, str] = {}
    for entry in entries:
        if not entry.get("reason", "").strip():
            raise SystemExit(f"{path.name}: no reason given for {entry['mutant']!r}")
        if entry["mutant"] in listed:
            raise SystemExit(f"{path.name}: {entry['mutant']!r} is listed twice")
        listed[entry["mutant"]] = entry["reason"]
    return listed


def report(
    results: list[Result], equivalent: dict[str, str], paths: set[str], seconds: float
) -> int:
    """Print the outcome; the exit status is 1 for an unexplained survivor or a stale entry."""
    by_key = {r.mutant.key: r for r in results}
    survivors = [r for r in results if r.outcome == "survived"]
    unexplained = [r for r in survivors if r.mutant.key not in equivalent]
    explained = len(survivors) - len(unexplained)
    stale = [
        (key, "no such mutant any more" if key not in by_key else "it is killed now")
        for key in equivalent
        if key.split(" | ")[0] in paths and (key not in by_key or by_key[key].outcome != "survived")
    ]
    killed = sum(r.outcome == "killed" for r in results)
    timeouts = sum(r.outcome == "timeout" for r in results)
    print()
    for path in sorted(paths):
        mine = [r for r in results if r.mutant.path == path]
        alive = sum(r.outcome == "survived" for r in mine)
        print(f"  {path:32} {len(mine):4} mutants {alive:3} survived")
    print(
        f"\n{len(results)} mutants: {killed} killed, {timeouts} timed out, "
        f"{len(survivors)} survived ({explained} listed as equivalent, "
        f"{len(unexplained)} unexplained) in {seconds / 60:.1f} min"
    )
    for result in sorted(unexplained, key=lambda r: (r.mutant.path, r.mutant.line)):
        m = result.mutant
        print(f"\nSURVIVED {m.path}:{m.line} in {m.function}: {m.change}")
        print(f"    was: {m.snippet}")
        print(f"    now: {m.after}")
        print(f"    mutant = {json.dumps(m.key, ensure_ascii=False)}")
    for result in results:
        if result.outcome == "timeout":
            m = result.mutant
            print(f"\ntimed out (counted as killed): {m.path}:{m.line} {m.change}: {m.snippet}")
    for key, why in stale:
        print(f"\nSTALE equivalent entry ({why}): {key}")
    if unexplained or stale:
        print(f"\n{len(unexplained)} unexplained survivor(s), {len(stale)} stale entry(ies)")
        return 1
    print("no unexplained survivor")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", help="target modules (default: all)")
    parser.add_argument("--jobs", type=int, default=2, choices=(1, 2), help="processes")
    parser.add_argument("--rev", help="mutate this commit instead of the working tree")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every mutant")
    parser.add_argument("--equivalent", type=Path, default=EQUIVALENT_FILE)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve()
        return 0
    unknown = set(args.targets) - set(TARGETS)
    if unknown:
        parser.error(f"not a target: {', '.join(sorted(unknown))}; see TARGETS")
    paths = list(args.targets or TARGETS)
    equivalent = load_equivalent(args.equivalent)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="posvid-mutation-") as tmp:
        roots = [Path(tmp) / f"copy{i}" for i in range(args.jobs)]
        for root in roots:
            make_copy(root, args.rev)
        mutants = [
            m
            for p in paths
            for m in mutants_of(p, (roots[0] / p).read_bytes(), TARGETS[p].functions)
        ]
        if args.list:
            for m in mutants:
                print(f"{m.line:4}  {m.key}")
            print(f"{len(mutants)} mutants")
            return 0
        print(f"{len(mutants)} mutants in {len(paths)} modules; copies in {tmp}", flush=True)
        servers = [TestServer(root) for root in roots]
        try:
            tests = resolve_tests(roots[0], [t for p in paths for t in tests_of(p)])
            timeout = max(60.0, 5 * check_copy(servers[0], tests))
            print(f"the tests pass in the copy; {timeout:.0f} s per mutant at most", flush=True)
            results = run_mutants(mutants, servers, timeout, args.verbose)
        finally:
            for server in servers:
                server.close()
        return report(results, equivalent, set(paths), time.monotonic() - started)


if __name__ == "__main__":
    sys.exit(main())
