"""Paper credentials at the verifier (issue 13, item 7): recognised by their issuer-signed paper
``vct`` with no holder key; no key binding needed for that profile and only for it; blue."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from crypto import (
    STATUS_INVALID,
    StatusReference,
    encode_qr_payload,
    issue_sd_jwt_vc,
    present,
    public_jwk,
    sd,
)
from posvid.common.vocabulary import vct_for
from verifier.card import card
from verifier.i18n import LANGUAGES
from verifier.verdict import Question

from .test_checks import (
    HOLDER,
    ISSUER,
    ISSUER_KEY,
    NONCE,
    NOW,
    OFFLINE,
    STATUS_URI,
    Env,
    Trust,
    run,
)

PAPER_VCT = vct_for("id-card-paper")
PHONE_VCT = vct_for("id-card-border")
PORTRAIT = "data:image/webp;base64,UklGRgAAAABXRUJQ"
CLAIMS = {
    "family_name": "Коваленко",
    "given_name": "Олена",
    "family_name_latin": "Kovalenko",
    "given_name_latin": "Olena",
    "birth_date": "1990-03-15",
    "document_number": "123456789",
    "nationality": "UKR",
    "portrait": PORTRAIT,
}
TRUST = Trust(frozenset({PAPER_VCT, PHONE_VCT}))


def issued(vct: str = PAPER_VCT, *, holder: bool = False, **times: int) -> str:
    args = {"iat": NOW - 3600, "exp": NOW + 86400} | times
    return issue_sd_jwt_vc(
        {k: sd(v) for k, v in CLAIMS.items()},
        issuer=ISSUER,
        vct=vct,
        signing_key=ISSUER_KEY,
        holder_jwk=public_jwk(HOLDER.private_key) if holder else None,
        status=StatusReference(7, STATUS_URI),
        **args,
    ).compact


def check(payload: str, env: Env | None = None):
    return run(payload, trust=TRUST, env=env)


def test_a_paper_credential_is_paper_and_blue_without_key_binding():
    verdict = check(encode_qr_payload(issued()))
    assert verdict.verdict == "valid"
    assert verdict.paper
    assert verdict.answer.headline == "paper"
    assert verdict.colour == "blue"
    assert all(c.passed for c in verdict.checks)
    assert verdict.claims["portrait"] == PORTRAIT
    assert verdict.to_json()["paper"] is True


def test_the_card_says_paper_compare_the_photo_in_every_language():
    verdict = check(encode_qr_payload(issued()))
    verdict.question = Question.parse("identity")
    known = SimpleNamespace(record=lambda issuer: None)
    headlines = {}
    for lang in LANGUAGES:
        shown = card(verdict, known, lang)
        assert shown.colour == "blue"
        assert shown.portrait == PORTRAIT
        headlines[lang] = shown.headline
        key_binding = next(line for line in shown.checks if line.mark == "skip")
        assert key_binding.value
    assert headlines["en"] == "PAPER — compare the photo"
    assert headlines["uk"] == "ПАПІР — порівняйте фото"
    assert len(set(headlines.values())) == len(LANGUAGES)
    english = card(verdict, known, "en")
    assert "copy" in english.advice
    assert "photo" in english.advice


def test_revocation_and_expiry_are_checked_as_usual_on_paper():
    revoked = check(encode_qr_payload(issued()), Env(statuses={7: STATUS_INVALID}))
    assert revoked.verdict == "revoked"
    assert revoked.colour == "red"
    expired = check(encode_qr_payload(issued(iat=NOW - 7200, exp=NOW - 3600)))
    assert expired.verdict == "expired"
    assert expired.colour == "red"


def test_a_phone_credential_without_key_binding_is_still_refused():
    phone = check(encode_qr_payload(issued(PHONE_VCT, holder=True)))
    assert phone.verdict == "invalid"
    assert not phone.paper
    assert "key_binding" in phone.failed


def test_paper_claims_in_a_phone_style_credential_without_a_holder_key_are_refused():
    """The claims a paper credential carries, signed under a phone profile's vct with no cnf
    and shown without key binding: not paper, so key binding is required, and refused."""
    pasted = check(encode_qr_payload(issued(PHONE_VCT)))
    assert pasted.verdict == "invalid"
    assert not pasted.paper
    assert pasted.claims == {}


def test_a_paper_vct_with_a_holder_key_is_a_phone_credential():
    """A paper vct that names a holder key (the issuer never makes one) needs its key binding."""
    bare = check(encode_qr_payload(issued(holder=True)))
    assert bare.verdict == "invalid"
    assert not bare.paper
    bound = present(
        issued(holder=True),
        disclose=list(CLAIMS),
        holder_key=HOLDER,
        iat=NOW,
        aud=OFFLINE,
        nonce=NONCE,
    )
    assert check(encode_qr_payload(bound)).colour == "green"


@pytest.mark.parametrize("encode", [True, False])
def test_a_paper_credential_with_a_key_binding_jwt_is_refused(encode):
    """Decided: paper cannot sign, so a KB-JWT on a paper credential means it was tampered with."""
    text = present(
        issued(), disclose=list(CLAIMS), holder_key=HOLDER, iat=NOW, aud=OFFLINE, nonce=NONCE
    )
    verdict = check(encode_qr_payload(text) if encode else text)
    assert verdict.verdict == "invalid"
    assert "key_binding" in verdict.failed
