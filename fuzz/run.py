"""Run one fuzz target under atheris (libFuzzer): ``python -m fuzz.run TARGET [libFuzzer args]``.

``make fuzz`` runs every target for ``FUZZ_SECONDS`` (docs/testing.md). The project's own modules
are instrumented for coverage as they are imported here; libFuzzer's arguments pass through
(``-max_total_time=60``, ``-runs=2000``, ``-seed=1``, corpus folders: the first one given
receives the new inputs found, the others are read). A crash prints its input's file
(``-artifact_prefix``); replay it with ``python -m fuzz.run TARGET path/to/crash``.
"""

from __future__ import annotations

import sys

import atheris

#: the packages whose code is instrumented (the parsers and what they call)
INSTRUMENTED = ["crypto", "verifier", "wallet", "posvid"]


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[1].startswith("-"):
        raise SystemExit("usage: python -m fuzz.run TARGET [libFuzzer arguments]")
    with atheris.instrument_imports(include=INSTRUMENTED):
        from fuzz.targets import TARGETS, check

    name = argv[1]
    if name not in TARGETS:
        raise SystemExit(f"no target {name!r}; the targets: {', '.join(TARGETS)}")
    target = TARGETS[name]

    def one_input(data: bytes) -> None:
        check(target, data)

    atheris.Setup([argv[0], *argv[2:]], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
