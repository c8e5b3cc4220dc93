"""The page's own words, in Ukrainian (first) and English: titles, buttons, presets, statuses.

The values of a document come from :mod:`posvid.common.wording`; the errors' words from
:mod:`wallet.api.error_words`. Nothing here is a claim name or a code a person would read.
"""

from __future__ import annotations

from typing import Final

LANGS: Final = ("uk", "en")

TEXT: Final[dict[str, dict[str, str]]] = {
    "uk": {
        "title": "Гаманець документів", "brand": "Гаманець",
        "age_checks": "Вік (так чи ні для кожного порогу)",
        "age": "Вік", "age_under": "молодше {age}",
        "choose_photo": "Обрати фото", "no_photo": "Фото не обрано",
        "documents": "Документи", "history": "Історія", "unlock": "Відкрити гаманець",
        "pin": "PIN-код", "pin_hint": "Введіть PIN-код, який ви обрали для гаманця.",
        "open": "Відкрити", "details": "Докладніше", "back": "До документів",
        "number": "№", "valid_until": "Дійсний до", "no_expiry": "Без строку дії",
        "holder": "Власник", "issuer": "Видав",
        "empty": "Документів ще немає. Додайте перший: працівник установи дасть вам посилання "
                 "або QR-код і код підтвердження.",
        "add": "Додати документ",
        "offer": "Посилання на документ",
        "offer_hint": "Вставте посилання, яке дав працівник, або оберіть фото його QR-коду.",
        "picture": "Фото QR-коду", "tx_code": "Код від працівника",
        "tx_hint": "Цифри, які назвав або показав працівник.",
        "show": "Показати документ", "show_hint": "Оберіть, що показати. Перед показом ви "
                                                  "побачите, які саме дані побачить інша людина.",
        "cancel": "Скасувати", "make_qr": "Показати QR-код",
        "photo": "Фото", "your_photo": "ваше фото",
        "code_valid": "Код дійсний ще", "seconds": "с", "minutes": "хв",
        "renew": "Оновити код", "done": "Готово",
        "code_renews": "Код оновиться сам, поки ця сторінка відкрита.",
        "none": "Ви ще нічого не показували.", "shown": "Показано",
        "to_verifier": "QR-код на запит перевіряльника",
        "for_border": "QR-код для кордону", "for_age": "QR-код для перевірки віку ({ages})",
        "for_full": "QR-код з усіма даними документа", "for_chosen": "QR-код з вибраними даними",
        "status": "Стан", "check_status": "Перевірити стан",
        "checked_at": "перевірено {when}", "not_checked": "Стан ще не перевірено",
        "valid": "Дійсний", "revoked": "Документ відкликано", "suspended": "Документ призупинено",
        "unknown": "Стан невідомий",
        "revoked_todo": "Цей документ більше не дійсний, показати його не можна. Зверніться до "
                        "установи, яка його видала ({issuer}), щоб отримати новий.",
        "suspended_todo": "Показати цей документ зараз не можна. Зверніться до установи, яка "
                          "його видала ({issuer}), щоб дізнатися чому і що робити.",
        "checked_ok": "Стан документів перевірено.",
        "checked_offline": "Не вдалося перевірити стан: немає зв'язку з установою. "
                           "Перевірте інтернет і спробуйте пізніше.",
        "technical": "Коди для показу",
        "ready": "Гаманець показує документ одноразовими кодами",
        "ready_none": "Готові коди закінчилися. Показати документ можна й далі, але тоді різні "
                      "перевіряльники зможуть пов'язати ваші покази між собою. Попросіть в "
                      "установи документ наново, щоб отримати нові коди.",
        "codes_kind": "{kind}: готових кодів — {count}; показувати так можна {days}.",
        "codes_today": "лише сьогодні",
        "codes_end": "Коли ці дні минуть, показати документ цим способом не вийде: попросіть "
                     "установу, що його видала, видати документ наново, і гаманець отримає "
                     "нові коди.",
        "issuer_unknown": "установа, що видала документ",
        "all_data": "Усі дані документа",
        "full_warning": "Ви покажете всі дані цього документа, включно з номерами. Показуйте "
                        "їх лише тому, кому довіряєте, і лише коли без цього не можна.",
        "full_warning_photo": "Ви покажете всі дані цього документа, включно з фото і "
                              "номерами. Показуйте їх лише тому, кому довіряєте, і лише коли "
                              "без цього не можна.",
        "full_confirm": "Так, показати всі дані",
        "unmet": "{what}: ні. Код скаже саме це.",
        "under_age": "Вам ще немає {age}: код скаже саме це.",
        "reused": "Нові коди закінчилися, тому використано вже показаний. Перевіряльники можуть "
                  "зрозуміти, що це та сама людина. Попросіть в установи документ наново.",
        "portrait": "Разом з даними буде показано ваше фото.",
        "not_found": "Такого документа в гаманці немає.",
        "lock": "Заблокувати",
        "wait_left": "Можна спробувати через", "wait_over": "Можна знову вводити PIN-код.",
        "forgot": "Забули PIN-код?",
        "forgot_text": "PIN-код відновити неможливо: гаманець ніде його не зберігає. Якщо ви "
                       "робили резервну копію гаманця і пам'ятаєте її пароль, створіть новий "
                       "гаманець і перенесіть у нього документи з копії. Якщо копії немає, "
                       "попросіть установи, що видали ваші документи, видати їх наново.",
        "added": "Документ додано: {name}.",
        "removed": "Документ видалено з гаманця.",
        "remove": "Видалити з гаманця",
        "remove_title": "Видалити документ з гаманця?",
        "remove_text": "Цей документ відкликано, показати його вже не можна. Після видалення "
                       "його не буде в гаманці; записи в історії показів залишаться. Новий "
                       "документ видасть установа, що видала цей.",
        "remove_confirm": "Так, видалити",
        "removed_doc": "документ видалено з гаманця",
        "switch": "English",
    },
    "en": {
        "title": "Document wallet", "brand": "Wallet",
        "age_checks": "Age (yes or no for each threshold)",
        "age": "Age", "age_under": "under {age}",
        "choose_photo": "Choose a photo", "no_photo": "No photo chosen",
        "documents": "Documents", "history": "History", "unlock": "Unlock the wallet",
        "pin": "PIN", "pin_hint": "Enter the PIN you chose for this wallet.",
        "open": "Open", "details": "Details", "back": "Back to documents",
        "number": "No.", "valid_until": "Valid until", "no_expiry": "No expiry date",
        "holder": "Holder", "issuer": "Issued by",
        "empty": "No documents yet. Add the first one: the office gives you a link or a QR code "
                 "and a confirmation code.",
        "add": "Add a document",
        "offer": "Link to the document",
        "offer_hint": "Paste the link the clerk gave you, or choose a photo of its QR code.",
        "picture": "Photo of the QR code", "tx_code": "Code from the clerk",
        "tx_hint": "The digits the clerk told or showed you.",
        "show": "Show the document", "show_hint": "Choose what to show. Before anything is "
                                                  "shown you will see exactly what the other "
                                                  "person will see.",
        "cancel": "Cancel", "make_qr": "Show the QR code",
        "photo": "Photo", "your_photo": "your photo",
        "code_valid": "Code valid for", "seconds": "s", "minutes": "min",
        "renew": "Renew the code", "done": "Done",
        "code_renews": "The code renews itself while this page is open.",
        "none": "You have not shown anything yet.", "shown": "Shown",
        "to_verifier": "QR code at a verifier's request",
        "for_border": "QR code for the border", "for_age": "QR code for an age check ({ages})",
        "for_full": "QR code with all data of the document",
        "for_chosen": "QR code with chosen data",
        "status": "Status", "check_status": "Check status",
        "checked_at": "checked {when}", "not_checked": "Status not checked yet",
        "valid": "Valid", "revoked": "Document revoked", "suspended": "Document suspended",
        "unknown": "Status unknown",
        "revoked_todo": "This document is no longer valid and cannot be shown. Contact the office "
                        "that issued it ({issuer}) to get a new one.",
        "suspended_todo": "This document cannot be shown for now. Contact the office that issued "
                          "it ({issuer}) to learn why and what to do.",
        "checked_ok": "The documents' status was checked.",
        "checked_offline": "The status could not be checked: the office cannot be reached. "
                           "Check your internet connection and try again later.",
        "technical": "Codes for showing",
        "ready": "The wallet shows the document with one-time codes",
        "ready_none": "The ready codes are used up. You can still show the document, but "
                      "different verifiers could then link your showings. Ask the office to "
                      "issue the document again to get new codes.",
        "codes_kind": "{kind}: {count} ready; you can show it this way {days}.",
        "codes_today": "only today",
        "codes_end": "When those days are over, the document can no longer be shown this way: "
                     "ask the office that issued it to issue it again, and the wallet will get "
                     "new codes.",
        "issuer_unknown": "the office that issued the document",
        "all_data": "All data of the document",
        "full_warning": "You will show all data of this document, its numbers included. "
                        "Show them only to someone you trust, and only when needed.",
        "full_warning_photo": "You will show all data of this document, your photo and "
                              "numbers included. Show them only to someone you trust, and only "
                              "when needed.",
        "full_confirm": "Yes, show all data",
        "unmet": "{what}: no. The code will say so.",
        "under_age": "You are under {age}: this code will say so.",
        "reused": "The new codes are used up, so one shown before is used again. Verifiers could "
                  "tell it is the same person. Ask the office to issue the document again.",
        "portrait": "Your photo will be shown with the data.",
        "not_found": "There is no such document in this wallet.",
        "lock": "Lock",
        "wait_left": "You can try again in", "wait_over": "You can enter your PIN again.",
        "forgot": "Forgot your PIN?",
        "forgot_text": "A PIN cannot be recovered: the wallet does not keep it anywhere. If you "
                       "made a backup of the wallet and remember its password, create a new "
                       "wallet and restore your documents from the backup. If there is no "
                       "backup, ask the offices that issued your documents to issue them again.",
        "added": "Document added: {name}.",
        "removed": "The document was removed from the wallet.",
        "remove": "Remove from the wallet",
        "remove_title": "Remove the document from the wallet?",
        "remove_text": "This document has been revoked and can no longer be shown. Once removed "
                       "it is gone from the wallet; the history of showings keeps its entries. "
                       "The office that issued it can issue a new one.",
        "remove_confirm": "Yes, remove it",
        "removed_doc": "document removed from the wallet",
        "switch": "Українська",
    },
}  # fmt: skip

#: each preset: its button, the title of its screens, to whom it is shown and what is shown,
#: each a sentence of its own
PRESETS: Final[dict[str, dict[str, dict[str, str]]]] = {
    "border": {
        "uk": {"button": "Для кордону", "title": "Показати для кордону",
               "whom": "Цей код побачить прикордонник на пункті пропуску.",
               "sees": "Буде показано лише це:"},
        "en": {"button": "For the border", "title": "Show for the border",
               "whom": "This code is for the border officer at the crossing.",
               "sees": "Only this will be shown:"},
    },
    "age18": {
        "uk": {"button": "Мені є 18", "title": "Підтвердити вік: 18 або старше",
               "whom": "Цей код побачить той, хто перевіряє ваш вік (продавець, охорона).",
               "sees": "Буде показано лише це:"},
        "en": {"button": "I am 18 or over", "title": "Prove your age: 18 or over",
               "whom": "This code is for whoever checks your age (a shop, a club entrance).",
               "sees": "Only this will be shown:"},
    },
    "full": {
        "uk": {"button": "Усі дані", "title": "Показати всі дані",
               "whom": "Цей код побачить людина, якій ви його покажете.",
               "sees": "Буде показано все, що є в цьому документі:"},
        "en": {"button": "All data", "title": "Show all data",
               "whom": "This code is for the person you show it to.",
               "sees": "Everything in this document will be shown:"},
    },
}  # fmt: skip

#: what each kind of credential is for, in the details view (by the end of its configuration id)
CODE_KINDS: Final = {
    "border": {"uk": "Для кордону", "en": "For the border"},
    "age": {"uk": "Для підтвердження віку", "en": "To prove your age"},
    "": {"uk": "Для показу всіх даних", "en": "To show all data"},
}


def text(lang: str) -> dict[str, str]:
    """The page's words in ``lang`` (Ukrainian when unknown)."""
    return TEXT.get(lang, TEXT["uk"])


def preset_words(preset: str, lang: str) -> dict[str, str]:
    """A preset's button, title and audience in ``lang``."""
    return PRESETS[preset]["en" if lang == "en" else "uk"]


def code_kind(config_id: str, lang: str) -> str:
    """What a credential of configuration ``config_id`` shows, in words."""
    kind = config_id.rsplit("-", 1)[-1] if config_id.endswith(("-border", "-age")) else ""
    return CODE_KINDS[kind]["en" if lang == "en" else "uk"]
