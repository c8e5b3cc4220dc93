"""What the officer reads: verdicts and checks in Ukrainian, English, Polish and German."""

from __future__ import annotations

from typing import Final

LANGUAGES: Final = ("uk", "en", "pl", "de")
#: the language of the CLI and the officer page unless one is chosen
DEFAULT_LANGUAGE: Final = "en"

VERDICTS: Final[dict[str, dict[str, str]]] = {
    "valid": {"uk": "ДІЙСНИЙ", "en": "VALID", "pl": "WAŻNY", "de": "GÜLTIG"},
    "invalid": {"uk": "НЕДІЙСНИЙ", "en": "INVALID", "pl": "NIEWAŻNY", "de": "UNGÜLTIG"},
    "expired": {"uk": "ТЕРМІН МИНУВ", "en": "EXPIRED", "pl": "WYGASŁ", "de": "ABGELAUFEN"},
    "not_yet_valid": {
        "uk": "ЩЕ НЕ ДІЙСНИЙ",
        "en": "NOT YET VALID",
        "pl": "JESZCZE NIEWAŻNY",
        "de": "NOCH NICHT GÜLTIG",
    },
    "revoked": {"uk": "ВІДКЛИКАНО", "en": "REVOKED", "pl": "UNIEWAŻNIONY", "de": "WIDERRUFEN"},
    "suspended": {"uk": "ПРИЗУПИНЕНО", "en": "SUSPENDED", "pl": "ZAWIESZONY", "de": "AUSGESETZT"},
    "untrusted": {
        "uk": "НЕДОВІРЕНИЙ ВИДАВЕЦЬ",
        "en": "UNTRUSTED ISSUER",
        "pl": "NIEZAUFANY WYSTAWCA",
        "de": "NICHT VERTRAUENSWÜRDIGER AUSSTELLER",
    },
    "replayed": {
        "uk": "ПОВТОРНЕ ПРЕД'ЯВЛЕННЯ",
        "en": "SHOWN BEFORE",
        "pl": "POKAZANY JUŻ WCZEŚNIEJ",
        "de": "BEREITS VORGEZEIGT",
    },
    "stale": {
        "uk": "ЗАСТАРІЛИЙ QR",
        "en": "QR TOO OLD",
        "pl": "KOD QR ZBYT STARY",
        "de": "QR-CODE ZU ALT",
    },
    "unreadable": {
        "uk": "НЕ ЧИТАЄТЬСЯ",
        "en": "UNREADABLE",
        "pl": "NIECZYTELNY",
        "de": "NICHT LESBAR",
    },
}

CHECK_NAMES: Final[dict[str, dict[str, str]]] = {
    "readable": {"uk": "Зчитано", "en": "Readable", "pl": "Odczyt", "de": "Lesbar"},
    "format": {"uk": "Формат", "en": "Format", "pl": "Format", "de": "Format"},
    "issuer_trusted": {
        "uk": "Довірений видавець",
        "en": "Trusted issuer",
        "pl": "Zaufany wystawca",
        "de": "Vertrauenswürdiger Aussteller",
    },
    "signature": {
        "uk": "Підпис видавця",
        "en": "Issuer signature",
        "pl": "Podpis wystawcy",
        "de": "Signatur des Ausstellers",
    },
    "validity": {
        "uk": "Строк дії",
        "en": "Validity period",
        "pl": "Okres ważności",
        "de": "Gültigkeitszeitraum",
    },
    "disclosures": {
        "uk": "Розкриті дані",
        "en": "Disclosed data",
        "pl": "Ujawnione dane",
        "de": "Offengelegte Daten",
    },
    "key_binding": {
        "uk": "Пред'являє власник",
        "en": "Shown by the holder",
        "pl": "Okazane przez posiadacza",
        "de": "Vom Inhaber vorgezeigt",
    },
    "freshness": {
        "uk": "Свіжість QR",
        "en": "QR freshness",
        "pl": "Świeżość kodu QR",
        "de": "Aktualität des QR-Codes",
    },
    "audience_nonce": {
        "uk": "Для цього перевіряльника",
        "en": "For this verifier",
        "pl": "Dla tego weryfikatora",
        "de": "Für diesen Prüfer",
    },
    "replay": {
        "uk": "Не повтор",
        "en": "Not a replay",
        "pl": "Nie powtórzony",
        "de": "Keine Wiederholung",
    },
    "status": {
        "uk": "Не відкликано",
        "en": "Not revoked",
        "pl": "Nie unieważniony",
        "de": "Nicht widerrufen",
    },
}

WORDS: Final[dict[str, dict[str, str]]] = {
    "status_unknown": {
        "uk": "стан невідомий (немає списку відкликань)",
        "en": "status unknown (no status list)",
        "pl": "status nieznany (brak listy statusów)",
        "de": "Status unbekannt (keine Statusliste)",
    },
    "status_as_of": {"uk": "стан на", "en": "status as of", "pl": "status na", "de": "Status vom"},
}


def verdict_word(verdict: str, lang: str) -> str:
    return VERDICTS.get(verdict, {}).get(lang) or VERDICTS.get(verdict, {}).get("en", verdict)


def check_name(name: str, lang: str) -> str:
    return CHECK_NAMES.get(name, {}).get(lang) or name
