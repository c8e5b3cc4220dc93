"""A document in words (``wallet.api.card_words``): whose it is in the reader's script, who
issued it in the page's language, its age in one row."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.support.roles import PIN
from wallet.api.card_words import card_view, days_words, issuer_name
from wallet.service import Wallet, WalletSettings
from wallet.views import CardDetails, Claim

NOW = 1_800_000_000
DAY = 86_400
CLAIMS: dict[str, Any] = {
    "family_name": "Бондар",
    "given_name": "Андрій",
    "patronymic": "Петрович",
    "family_name_latin": "Bondar",
    "given_name_latin": "Andrii",
    "document_number": "004512345",
    "record_number": "19580315-00123",
    "expiry_date": "2031-05-05",
    "age_equal_or_over": {"14": True, "16": True, "18": True, "21": True, "65": False},
}


def details(claims: dict[str, Any] = CLAIMS, **changes: Any) -> CardDetails:
    """A document as the wallet hands it to the page."""
    fields: dict[str, Any] = {
        "id": "c0ffee00-0000-4000-8000-000000000000",
        "issuer": "https://issuer.example",
        "type": "id-card",
        "vct": "urn:ua:posvid:id-card:1",
        "display_name": {"uk": "ID-картка", "en": "ID card"},
        "expires_at": "2030-01-01T00:00:00+00:00",
        "status": "valid",
        "unused_credentials": {"id-card": 3},
        "issuer_names": {"uk": "Державна міграційна служба України"},
        "status_checked_at": None,
        "claims": tuple(Claim(name, "", value) for name, value in claims.items()),
        "presets": ("border", "age18", "full"),
        **changes,
    }
    return CardDetails(**fields)


def test_an_english_page_headlines_the_latin_name_with_the_cyrillic_beneath():
    english = card_view(details(), "en", NOW)
    assert (english.holder, english.other) == ("Andrii Bondar", "Бондар Андрій Петрович")
    ukrainian = card_view(details(), "uk", NOW)
    assert (ukrainian.holder, ukrainian.other) == ("Бондар Андрій Петрович", "")
    no_latin = {k: v for k, v in CLAIMS.items() if not k.endswith("_latin")}
    alone = card_view(details(no_latin), "en", NOW)
    assert (alone.holder, alone.other) == ("Бондар Андрій Петрович", "")


def test_the_issuer_is_named_in_the_pages_language_else_in_ukrainian():
    both = {"uk": "Державна міграційна служба України", "en-GB": "State Migration Service"}
    assert issuer_name(both, "en") == "State Migration Service"
    assert issuer_name(both, "uk") == "Державна міграційна служба України"
    other_first = {"pl": "Państwowa Służba Migracyjna", "uk": "ДМС України"}
    assert issuer_name(other_first, "en") == "ДМС України"  # no English: Ukrainian
    assert issuer_name({}, "en") == "the office that issued the document"
    revoked = card_view(details(issuer_names=both, status="revoked"), "en", NOW)
    assert "(State Migration Service)" in revoked.todo


ENGLISH_NAME = "State Migration Service of Ukraine"


def with_english_issuer_name(real: httpx.Client) -> httpx.Client:
    """An HTTP client to the real issuer whose metadata also names the issuer in English."""

    def handle(request: httpx.Request) -> httpx.Response:
        sent = real.build_request(
            request.method, request.url, headers=request.headers, content=request.content
        )
        answer = real.send(sent)
        kind = {"content-type": answer.headers.get("content-type", "application/json")}
        if not request.url.path.endswith("/openid-credential-issuer"):
            return httpx.Response(answer.status_code, headers=kind, content=answer.content)
        metadata = answer.json()
        metadata["display"] = [
            {"name": "Державна міграційна служба України", "locale": "uk"},
            {"name": ENGLISH_NAME, "locale": "en"},
        ]
        return httpx.Response(200, json=metadata)

    return httpx.Client(transport=httpx.MockTransport(handle))


@pytest.mark.e2e
def test_the_wallet_keeps_every_locale_of_the_issuers_name(issuer, offer, tmp_path):
    with httpx.Client(timeout=20) as real, with_english_issuer_name(real) as http:
        wallet = Wallet(WalletSettings(home=tmp_path / "w"), http=http)
        wallet.init(PIN)
        unlocked = wallet.unlock(PIN)
        card = unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=1)
        kept = unlocked.show(card.id, "en")
        wallet.close()
    assert kept.issuer_names == {"uk": "Державна міграційна служба України", "en": ENGLISH_NAME}
    assert card_view(kept, "en", NOW).issuer == ENGLISH_NAME
    assert card_view(kept, "uk", NOW).issuer == "Державна міграційна служба України"


def test_the_card_says_the_age_in_one_row_the_thresholds_met():
    rows = {row.label: row.value for row in card_view(details(), "uk", NOW).rows}
    assert rows["Вік"] == "14+, 16+, 18+, 21+"
    assert not any("або старше" in label for label in rows)  # not five rows of so or not
    young = {**CLAIMS, "age_equal_or_over": {"14": True, "16": False, "18": False}}
    assert {r.label: r.value for r in card_view(details(young), "en", NOW).rows}["Age"] == "14+"
    child = {**CLAIMS, "age_equal_or_over": {"14": False, "18": False}}
    assert {r.label: r.value for r in card_view(details(child), "en", NOW).rows}[
        "Age"
    ] == "under 14"
    assert {r.label: r.value for r in card_view(details(child), "uk", NOW).rows}[
        "Вік"
    ] == "молодше 14"


def test_codes_are_said_per_kind_in_days_not_as_a_time():
    until = {"id-card": NOW + 364 * DAY + 5, "id-card-border": NOW + 89 * DAY + 7000}
    unused = {"id-card": 3, "id-card-border": 0}
    view = card_view(details(codes_until=until, unused_credentials=unused), "uk", NOW)
    assert view.codes == [
        ("Для показу всіх даних", 3, "ще 364 дні"),
        ("Для кордону", 0, "ще 89 днів"),
    ]
    english = card_view(details(codes_until=until, unused_credentials=unused), "en", NOW)
    assert english.codes[1] == ("For the border", 0, "for 89 more days")
    said = {d: days_words(d * DAY, "uk") for d in (1, 2, 5, 11, 12, 21, 22, 25, 111)}
    assert said == {
        1: "ще 1 день", 2: "ще 2 дні", 5: "ще 5 днів", 11: "ще 11 днів", 12: "ще 12 днів",
        21: "ще 21 день", 22: "ще 22 дні", 25: "ще 25 днів", 111: "ще 111 днів",
    }  # fmt: skip
    assert days_words(DAY - 1, "en") == "only today"
    assert days_words(DAY, "en") == "for 1 more day"
