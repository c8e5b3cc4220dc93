"""The officer's words: every table in the four languages, every reason keyed by a real code."""

from __future__ import annotations

import pytest

from tests.test_error_codes import all_error_classes
from verifier import i18n
from verifier.verdict import CHECKS, VERDICTS

TABLES = (
    "VERDICTS",
    "CHECK_NAMES",
    "HEADLINES",
    "ADVICE",
    "REASONS",
    "WARNINGS",
    "WORDS",
    "TRUST_PATHS",
    "COUNTRIES",
    "TRUST_PAGE",
)


@pytest.mark.parametrize("table", TABLES)
def test_every_entry_is_in_every_language(table):
    for key, entry in getattr(i18n, table).items():
        assert sorted(entry) == sorted(i18n.LANGUAGES), (table, key)
        assert all(entry.values()), (table, key)


def test_every_check_and_verdict_has_words():
    assert set(CHECKS) <= set(i18n.CHECK_NAMES)
    assert set(CHECKS) <= set(i18n.REASONS)
    assert set(VERDICTS) <= set(i18n.VERDICTS)


def test_reasons_are_keyed_by_a_check_and_a_real_code_or_verdict():
    codes = {cls.code for cls in all_error_classes()}
    for key in i18n.REASONS:
        check, _, detail = key.partition(":")
        assert check in CHECKS or key == "", key
        assert not detail or detail in codes or detail in i18n.VERDICTS, key


def test_a_reason_falls_back_from_code_to_verdict_to_check():
    assert i18n.reason("signature", "key_unknown", "invalid", "en").startswith("Signed with a key")
    assert i18n.reason("signature", "alg_unsupported", "invalid", "en").startswith("The issuer's")
    assert i18n.reason("status", "", "revoked", "pl").startswith("Wystawca unieważnił")
    assert i18n.reason("new_check", "", "invalid", "de").startswith("Diese Prüfung")


def test_warnings_by_their_phrase():
    unknown = "status unknown: no status list is cached and the network is not used"
    assert i18n.warning(unknown, "uk", "—").startswith("Невідомо, чи документ відкликано")
    assert i18n.warning("the credential has no status: x", "de", "—").startswith("Dieses Dokument")
    assert i18n.warning("something new", "pl", "—").startswith("Jedna z kontroli")


def test_every_trust_path_has_words():
    from verifier.resolvers import PATHS

    assert set(PATHS) == set(i18n.TRUST_PATHS)
    assert i18n.trust_path("PS256", "x5c", "Bundesdruckerei (DE)", "de") == (
        "PS256 · Zertifikatskette bis Bundesdruckerei (DE)"
    )


def test_the_trust_page_words_are_read_by_word_and_clash_with_no_other():
    assert not set(i18n.TRUST_PAGE) & set(i18n.WORDS)
    assert i18n.word("status_fetched", "pl", minutes=3) == "Lista unieważnień pobrana 3 min temu"
