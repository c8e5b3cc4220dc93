"""Every error a person can cause on the page, in Ukrainian and English, with what to do next.

A wallet error's English message is for the command line and the logs; the page shows the words
of its key here instead: the error's code and, for an issuer's refusal, what the issuer said
(its OAuth error). ``say(exc, lang)`` is the one way a page turns an error into words.
"""

from __future__ import annotations

import re
from typing import Final

from ..errors import IssuerRefused, LockedOut, WalletError, WrongPin

ERROR_WORDS: Final[dict[str, dict[str, str]]] = {
    "pin_wrong": {
        "uk": "Неправильний PIN-код. Спроб без очікування залишилось: {free_left}.",
        "en": "Wrong PIN. Tries left before a wait: {free_left}.",
    },
    "pin_wrong_last": {
        "uk": "Неправильний PIN-код. Якщо наступний теж буде неправильним, доведеться чекати "
              "{next_wait}.",
        "en": "Wrong PIN. The next wrong PIN makes you wait {next_wait}.",
    },
    "pin_wrong_wait": {
        "uk": "Неправильний PIN-код. Наступна спроба — через {wait}. Кожна наступна помилка "
              "подовжує очікування.",
        "en": "Wrong PIN. You can try again in {wait}. Each further mistake makes the wait longer.",
    },
    "pin_locked": {
        "uk": "Забагато неправильних PIN-кодів. Спробуйте знову через {wait}.",
        "en": "Too many wrong PINs. Try again in {wait}.",
    },
    "pin_missing": {"uk": "Введіть PIN-код.", "en": "Enter your PIN."},
    "wallet_not_initialised": {
        "uk": "Гаманець на цьому пристрої ще не створено. Створіть його командою "
              "«posvid-wallet init».",
        "en": "There is no wallet on this device yet. Create one with «posvid-wallet init».",
    },
    "device_secret_missing": {
        "uk": "Цей гаманець створено на іншому пристрої, і тут він не відкривається. Перенесіть "
              "документи з резервної копії.",
        "en": "This wallet was made on another device and does not open here. Move your "
              "documents with a backup.",
    },
    "nothing_given": {
        "uk": "Вставте посилання на документ або оберіть фото його QR-коду.",
        "en": "Paste the link to the document or choose a photo of its QR code.",
    },
    "offer_not_recognised": {
        "uk": "Це не посилання на документ. Скопіюйте посилання від працівника повністю або "
              "оберіть фото QR-коду з його екрана.",
        "en": "This is not a link to a document. Copy the whole link the clerk gave you, or "
              "choose a photo of the QR code on the clerk's screen.",
    },
    "offer_picture_unusable": {
        "uk": "Цей файл не вдалося відкрити як фото. Оберіть фото або знімок екрана з QR-кодом.",
        "en": "This file could not be opened as a photo. Choose a photo or a screenshot of the "
              "QR code.",
    },
    "offer_qr_missing": {
        "uk": "На фото не знайдено QR-коду документа. Сфотографуйте QR-код ближче, щоб він був "
              "цілим і різким, або вставте посилання.",
        "en": "No document QR code was found in the photo. Take the photo closer, with the whole "
              "code sharp, or paste the link.",
    },
    "tx_code_missing": {
        "uk": "Введіть код, який назвав працівник.",
        "en": "Enter the code the clerk gave you.",
    },
    "tx_code_wrong": {
        "uk": "Код від працівника неправильний. Перевірте цифри і введіть ще раз.{left}",
        "en": "The clerk's code is wrong. Check the digits and enter it again.{left}",
    },
    "tx_code_left": {"uk": " Залишилось спроб: {left}.", "en": " Tries left: {left}."},
    "offer_locked": {
        "uk": "Забагато неправильних кодів: цим посиланням уже не скористатися. Попросіть "
              "працівника новий код.",
        "en": "Too many wrong codes: this link cannot be used any more. Ask the clerk for a new "
              "code.",
    },
    "offer_used_or_expired": {
        "uk": "Цей код уже використано або його строк минув. Попросіть працівника новий код.",
        "en": "This code has been used or has expired. Ask the clerk for a new code.",
    },
    "issuer_unreachable": {
        "uk": "Немає зв'язку з установою, що видає документ. Перевірте інтернет і спробуйте ще "
              "раз.",
        "en": "The office issuing the document cannot be reached. Check your internet "
              "connection and try again.",
    },
    "offer_invalid": {
        "uk": "Документ за цим посиланням отримати не вдалося. Попросіть працівника новий код.",
        "en": "The document could not be received from this link. Ask the clerk for a new code.",
    },
    "credential_rejected": {
        "uk": "Установа надіслала документ, який не пройшов перевірку, тож його не збережено. "
              "Зверніться до працівника.",
        "en": "The office sent a document that failed its check, so nothing was kept. Tell the "
              "clerk.",
    },
    "document_unknown": {
        "uk": "Такого документа в гаманці немає. Оберіть документ зі списку.",
        "en": "There is no such document in this wallet. Choose one from the list.",
    },
    "preset_unknown": {
        "uk": "Такого способу показу немає. Оберіть один із запропонованих.",
        "en": "There is no such way to show it. Choose one of those offered.",
    },
    "credential_missing": {
        "uk": "Цей документ не можна показати так. Оберіть інший спосіб показу або попросіть в "
              "установи документ наново.",
        "en": "This document cannot be shown that way. Choose another way, or ask the office to "
              "issue the document again.",
    },
    "renewal_refused": {
        "uk": "Час цього коду минув. Покажіть документ ще раз.",
        "en": "This code has run out. Show the document again.",
    },
    "document_revoked": {
        "uk": "Цей документ відкликано, тому показати його не можна. Зверніться до установи, яка "
              "його видала, щоб отримати новий.",
        "en": "This document has been revoked, so it cannot be shown. Contact the office that "
              "issued it to get a new one.",
    },
    "document_suspended": {
        "uk": "Цей документ призупинено, тому показати його зараз не можна. Зверніться до "
              "установи, яка його видала.",
        "en": "This document is suspended, so it cannot be shown now. Contact the office that "
              "issued it.",
    },
    "confirm_needed": {
        "uk": "Щоб показати всі дані, підтвердіть це на попередньому кроці.",
        "en": "To show all data, confirm it on the step before.",
    },
    "remove_not_revoked": {
        "uk": "Видалити з гаманця можна лише відкликаний документ.",
        "en": "Only a revoked document can be removed from the wallet.",
    },
    "confirm_remove": {
        "uk": "Щоб видалити документ, натисніть «Так, видалити».",
        "en": "To remove the document, press «Yes, remove it».",
    },
    "page_stale": {
        "uk": "Ця сторінка застаріла (її відкрили до перезапуску гаманця або дуже давно). "
              "Поверніться до документів і спробуйте ще раз.",
        "en": "This page is out of date (it was opened before the wallet restarted, or long "
              "ago). Go back to your documents and try again.",
    },
    "page_unknown": {
        "uk": "Такої сторінки немає. Поверніться до своїх документів.",
        "en": "There is no such page. Go back to your documents.",
    },
    "wallet_error": {
        "uk": "Не вдалося виконати дію. Спробуйте ще раз.",
        "en": "That did not work. Please try again.",
    },
}  # fmt: skip

_LEFT = re.compile(r"\((\d+) attempts? left\)")


def wait_seconds(exc: WalletError | str | None) -> int:
    """The seconds a refused PIN makes the holder wait (the page counts them down), else 0."""
    if isinstance(exc, WrongPin):
        return exc.wait
    return exc.retry_after if isinstance(exc, LockedOut) else 0


def wait_words(seconds: int, lang: str) -> str:
    """A wait in seconds or minutes, as a person says it."""
    if seconds < 60:
        return f"{seconds} с" if lang == "uk" else f"{seconds} s"
    minutes = -(-seconds // 60)
    return f"{minutes} хв" if lang == "uk" else f"{minutes} min"


def _refusal_key(exc: IssuerRefused) -> str:
    """An issuer's refusal of an offer: used or expired, a wrong code, too many wrong codes."""
    if exc.what == "offer" and exc.error == "not_found":
        return "offer_used_or_expired"
    if exc.what == "token" and exc.error == "invalid_grant":
        described = exc.description.lower()
        if "too many" in described:
            return "offer_locked"
        if "transaction code" in described:
            return "tx_code_wrong"
        return "offer_used_or_expired"
    return "offer_invalid"


def error_key(exc: WalletError) -> str:
    """The key of ``exc``'s words: its code (or its nearest parent's), an issuer's refusal."""
    if isinstance(exc, IssuerRefused):
        return _refusal_key(exc)
    if isinstance(exc, WrongPin) and exc.wait:
        return "pin_wrong_wait"
    if isinstance(exc, WrongPin) and exc.free_left == 0 and exc.next_wait:
        return "pin_wrong_last"
    for cls in type(exc).__mro__:
        code = getattr(cls, "code", None)
        if code in ERROR_WORDS:
            return str(code)
    return "wallet_error"


def say(exc: WalletError | str, lang: str) -> str:
    """The words for an error (or an error key) in ``lang``, with what to do next."""
    lang = "en" if lang == "en" else "uk"
    key = exc if isinstance(exc, str) else error_key(exc)
    words = ERROR_WORDS[key][lang]
    if isinstance(exc, WrongPin):
        waits = {"wait": wait_words(exc.wait, lang), "next_wait": wait_words(exc.next_wait, lang)}
        return words.format(free_left=exc.free_left, **waits)
    if isinstance(exc, LockedOut):
        return words.format(wait=wait_words(exc.retry_after, lang))
    if key == "tx_code_wrong" and isinstance(exc, IssuerRefused):
        found = _LEFT.search(exc.description)
        left = ERROR_WORDS["tx_code_left"][lang].format(left=found.group(1)) if found else ""
        return words.format(left=left)
    return words
