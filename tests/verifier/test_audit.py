"""The audit chain stays linear under concurrent checks."""

from __future__ import annotations

from verifier.service import Verifier
from verifier.settings import VerifierSettings


def test_concurrent_checks_keep_the_audit_chain_linear(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    verifier = Verifier(VerifierSettings(home=tmp_path / "v"))
    with ThreadPoolExecutor(max_workers=8) as pool:
        verdicts = list(pool.map(lambda i: verifier.check(f"not a presentation {i}"), range(40)))
    assert {v.verdict for v in verdicts} == {"unreadable"}
    assert verifier.audit.verify() == 40
    verifier.close()
