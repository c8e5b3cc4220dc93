"""The fuzz targets (fuzz/targets.py) in ``make test``: the corpus replayed, a short atheris run.

``make fuzz`` runs each target for ``FUZZ_SECONDS`` (docs/testing.md); here each gets a few
thousand inputs (at most a few seconds), all targets at once in subprocesses (libFuzzer owns its
process and ends it). A crash fails the test with the target's report; its input is kept in
pytest's ``tmp_path`` (copy it to ``fuzz/corpus/<target>/crash-<what>`` and write the regression
test in the parser's mirrored tests module).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fuzz.targets import TARGETS, check, corpus

ROOT = Path(__file__).resolve().parents[2]
RUNS = 3000
SECONDS = 4


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_the_corpus_replays(name):
    target = TARGETS[name]
    files = corpus(name)
    assert any(f.name.startswith("seed-") for f in files)
    for path in files:
        if path.name.startswith("seed-"):
            target.run(path.read_bytes())  # a seed is a valid input: no error at all
        else:
            check(target, path.read_bytes())  # a kept crash: the parser's own error at most


@pytest.mark.slow
def test_a_short_fuzzing_run_finds_no_crash(tmp_path):
    pytest.importorskip("atheris")
    running = {}
    for name in sorted(TARGETS):
        found = tmp_path / name
        found.mkdir()
        command = [
            sys.executable,
            "-m",
            "fuzz.run",
            name,
            f"-runs={RUNS}",
            f"-max_total_time={SECONDS}",
            "-seed=1",
            f"-artifact_prefix={tmp_path}/{name}-",
            str(found),
            str(ROOT / "fuzz" / "corpus" / name),
        ]
        running[name] = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
    failed = {}
    for name, process in running.items():
        output, _ = process.communicate(timeout=120)
        if process.returncode != 0:
            failed[name] = output[-3000:]
    assert not failed, "\n\n".join(f"{name}:\n{report}" for name, report in failed.items())
