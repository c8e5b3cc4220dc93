"""What the clerk's pages say, in Ukrainian and English: labels, hints, errors, confirmations.

Claim labels and values come from :mod:`posvid.common.wording`; this module holds the clerk's own
words: the pages' text (``TEXT``), each field's format rule (``HINTS``), the words of each
enrolment rule broken (``ERRORS``, by the stable ``reason`` of
:class:`~issuer.errors.InvalidDocument`) and of the other refusals a clerk can cause
(``REFUSALS``), and what each action did (``DONE``).
"""

from __future__ import annotations

from typing import Final

from posvid.common import wording

LANGUAGES: Final = ("uk", "en")


def _two(uk: str, en: str) -> dict[str, str]:
    return {"uk": uk, "en": en}


TEXT: Final[dict[str, dict[str, str]]] = {
    "sign_in_title": _two("Вхід працівника", "Clerk sign-in"),
    "token": _two("Токен доступу", "Access token"),
    "token_hint": _two(
        "Попросіть в адміністратора токен для входу: він діє кілька годин (зазвичай до кінця "
        "робочого дня).",
        "Ask the administrator for a sign-in token: it lasts a few hours (usually to the end "
        "of the working day).",
    ),
    "sign_in": _two("Увійти", "Sign in"),
    "sign_out": _two("Вийти", "Sign out"),
    "home_title": _two("Пошук і реєстрація особи", "Find or enrol a person"),
    "find": _two("Знайти особу", "Find a person"),
    "query": _two("Прізвище, РНОКПП або УНЗР", "Surname, taxpayer number or record number"),
    "query_hint": _two(
        "Початок прізвища (українською чи латиницею) або номера.",
        "The start of the surname (Ukrainian or Latin) or of the number.",
    ),
    "search": _two("Шукати", "Search"),
    "nobody": _two("Нікого не знайдено.", "Nobody found."),
    "nobody_enrol": _two("Зареєструйте нову особу нижче.", "Enrol a new person below."),
    "empty_query": _two(
        "Введіть прізвище, РНОКПП або УНЗР.", "Type a surname, taxpayer number or record number."
    ),
    "namesakes": _two(
        "Особу з таким самим прізвищем, ім'ям і датою народження вже зареєстровано. "
        "Перевірте, чи це не та сама людина:",
        "A person with the same surname, given name and birth date is already enrolled. "
        "Check that it is not the same human being:",
    ),
    "different_person": _two(
        "Так, це інша людина: зареєструвати її окремо",
        "Yes, this is a different person: enrol them separately",
    ),
    "born": _two("нар.", "born"),
    "enrol": _two("Зареєструвати нову особу", "Enrol a new person"),
    "enrol_button": _two("Зареєструвати", "Enrol"),
    "optional": _two("необов'язково", "optional"),
    "choose": _two("— оберіть —", "— choose —"),
    "errors_title": _two("Виправте, будь ласка:", "Please correct:"),
    "person_title": _two("Особа", "Person"),
    "documents": _two("Документи", "Documents"),
    "no_documents": _two("Документів ще немає.", "No documents yet."),
    "number": _two("Номер", "Number"),
    "status": _two("Стан", "Status"),
    "issued": _two("Видано", "Issued"),
    "expires": _two("Дійсний до", "Valid until"),
    "details": _two("Дані документа", "Document details"),
    "offer": _two("QR-код для гаманця", "QR code for the wallet"),
    "suspend": _two("Призупинити", "Suspend"),
    "reinstate": _two("Відновити", "Reinstate"),
    "print_paper": _two("Друк для паперу", "Print for paper"),
    "revoke": _two("Відкликати", "Revoke"),
    "add_document": _two("Додати документ", "Add a document"),
    "photo": _two("Фото", "Photo"),
    "photo_alt": _two("Фото особи для документів", "The person's photo for the documents"),
    "no_photo": _two(
        "Фото ще немає: без нього документи видаються без фото.",
        "No photo yet: without one the documents are issued without a photo.",
    ),
    "photo_field": _two("Нове фото", "A new photo"),
    "photo_hint": _two(
        "Людина анфас, одна в кадрі, при рівному світлі; JPEG, PNG або WebP, до 20 МБ. "
        "Зберігається лише обрізане чорно-біле фото обличчя, без даних про знімок.",
        "The person facing the camera, alone in the picture, in even light; JPEG, PNG or WebP, "
        "up to 20 MB. Only a cropped black-and-white picture of the face is kept, with nothing "
        "about the shot.",
    ),
    "photo_button": _two("Зберегти фото", "Save the photo"),
    "doc_type": _two("Тип документа", "Document type"),
    "choose_type": _two("Показати поля цього типу", "Show the fields of this type"),
    "add_button": _two("Додати документ", "Add the document"),
    "add_row": _two("Додати рядок", "Add a row"),
    "remove_row": _two("Прибрати рядок", "Remove the row"),
    "rows_hint": _two(
        "Порожні рядки не враховуються.",
        "Empty rows are left out.",
    ),
    "back": _two("← До особи", "← Back to the person"),
    "home": _two("← До пошуку", "← Back to the search"),
    "offer_title": _two("QR-код для гаманця", "QR code for the wallet"),
    "offer_scan": _two(
        "Покажіть цей код громадянину: він сканує його в застосунку Posvid і вводить код "
        "підтвердження.",
        "Show this code to the citizen: they scan it in the Posvid app and type the "
        "confirmation code.",
    ),
    "tx_code": _two("Код підтвердження", "Confirmation code"),
    "tx_code_hint": _two(
        "Скажіть його громадянину вголос або покажіть; не надсилайте разом із посиланням.",
        "Tell it to the citizen or show it; never send it with the link.",
    ),
    "valid_until": _two("Діє до", "Valid until"),
    "left": _two("Залишилося", "Time left"),
    "once": _two("Код спрацює один раз.", "The code works once."),
    "link": _two(
        "Посилання (для гаманця на цьому ж пристрої)", "Link (for a wallet on this same device)"
    ),
    "copy_link": _two("Копіювати", "Copy"),
    "copied": _two("Скопійовано", "Copied"),
    "expired": _two(
        "Час дії коду минув: зробіть новий.",
        "This code has expired: make a new one.",
    ),
    "new_offer": _two("Зробити новий QR-код", "Make a new QR code"),
    "qr_alt": _two("QR-код для гаманця Posvid", "QR code for the Posvid wallet"),
    "confirm_title": _two("Підтвердження", "Confirmation"),
    "confirm_suspend": _two(
        "Призупинити документ? Поки його не відновлять, перевірка покаже, що він призупинений; "
        "відновити можна будь-коли.",
        "Suspend the document? Until it is reinstated, every check will show it as suspended; "
        "it can be reinstated at any time.",
    ),
    "confirm_revoke": _two(
        "Відкликати документ назавжди? Це остаточно: відкликаний документ не можна відновити, "
        "лише видати новий.",
        "Revoke the document for good? This is final: a revoked document cannot be reinstated, "
        "only a new one issued.",
    ),
    "yes_suspend": _two("Так, призупинити", "Yes, suspend"),
    "yes_revoke": _two("Так, відкликати назавжди", "Yes, revoke for good"),
    "cancel": _two("Скасувати", "Cancel"),
    "not_found_title": _two("Не знайдено", "Not found"),
    "error_title": _two("Помилка", "Error"),
    "language": _two("English", "Українська"),
    "person_data": _two("Дані особи", "Personal data"),
    "latin_names": _two("Латиницею", "In Latin letters"),
}

#: the document types as the type list names them: short enough for a phone's select
SHORT_TYPE_NAMES: Final[dict[str, dict[str, str]]] = {
    "id-card": _two("ID-картка", "ID card"),
    "passport": _two("Закордонний паспорт", "Passport"),
    "driving-licence": _two("Посвідчення водія", "Driving licence"),
    "taxpayer": _two("Картка платника податків", "Taxpayer card"),
    "idp-certificate": _two("Довідка ВПО", "IDP certificate"),
    "birth-certificate": _two("Свідоцтво про народження", "Birth certificate"),
    "student-card": _two("Студентський квиток", "Student card"),
}

STATUS_WORDS: Final[dict[str, dict[str, str]]] = {
    "valid": _two("Дійсний", "Valid"),
    "suspended": _two("Призупинено", "Suspended"),
    "revoked": _two("Відкликано", "Revoked"),
}

#: the format rule of each checked field, by ``<document type>:<field>`` or ``<field>``
HINTS: Final[dict[str, dict[str, str]]] = {
    "family_name": _two("Українськими літерами, як у документі", "In Ukrainian letters"),
    "given_name": _two("Українськими літерами", "In Ukrainian letters"),
    "patronymic": _two("Українськими літерами", "In Ukrainian letters"),
    "family_name_latin": _two(
        "Якщо порожньо — за офіційною транслітерацією", "Empty: the official transliteration"
    ),
    "given_name_latin": _two(
        "Якщо порожньо — за офіційною транслітерацією", "Empty: the official transliteration"
    ),
    "tax_number": _two(
        "10 цифр: перші п'ять — дні від 31.12.1899 до дня народження, дев'ята парна в жінок і "
        "непарна в чоловіків, десята — контрольна",
        "10 digits: the first five count the days from 31 Dec 1899 to the birth date, the ninth "
        "is even for women and odd for men, the tenth is a check digit",
    ),
    "record_number": _two(
        "РРРРММДД-ЧЧЧЧЧ: дата народження і 5 цифр, напр. 19900315-01234 (потрібен для ID-картки)",
        "YYYYMMDD-NNNNN: the birth date and 5 digits, e.g. 19900315-01234 (an ID card needs it)",
    ),
    "id-card:document_number": _two("9 цифр, напр. 004512345", "9 digits, e.g. 004512345"),
    "passport:document_number": _two(
        "2 латинські великі літери і 6 цифр, напр. FX123456",
        "2 capital Latin letters and 6 digits, e.g. FX123456",
    ),
    "driving-licence:document_number": _two(
        "3 великі українські літери і 6 цифр, напр. ВХА123456 (латинські A, B, C, E, H, I, K, "
        "M, O, P, T, X читаються як такі самі українські)",
        "3 capital Ukrainian letters and 6 digits, e.g. ВХА123456 (Latin A, B, C, E, H, I, K, M, "
        "O, P, T, X count as the Ukrainian letters they look like)",
    ),
    "birth-certificate:document_number": _two("6 цифр, напр. 123456", "6 digits, e.g. 123456"),
    "student-card:document_number": _two(
        "2 великі українські літери і 8 цифр, напр. КВ12345678",
        "2 capital Ukrainian letters and 8 digits, e.g. КВ12345678",
    ),
    "issuing_authority": _two("Код органу: 4 цифри, напр. 0512", "Authority code: 4 digits"),
    "issue_date": _two("Не пізніше за сьогодні", "Not later than today"),
    "id-card:expiry_date": _two(
        "Якщо порожньо — 10 років від дати видачі. Документ, строк дії якого минув, не вносять",
        "Empty: 10 years after the issue date. A document that has expired is not enrolled",
    ),
    "passport:expiry_date": _two(
        "Якщо порожньо — 10 років від дати видачі. Документ, строк дії якого минув, не вносять",
        "Empty: 10 years after the issue date. A document that has expired is not enrolled",
    ),
    "driving-licence:expiry_date": _two(
        "Якщо порожньо — 30 років від дати видачі. Документ, строк дії якого минув, не вносять",
        "Empty: 30 years after the issue date. A document that has expired is not enrolled",
    ),
    "driving-licence:driving_privileges.issue_date": _two(
        "Коли власникові вже було 16, не пізніше за дату видачі посвідчення",
        "When the holder was 16 or older, not after the licence's issue date",
    ),
    "driving-licence:driving_privileges.expiry_date": _two(
        "Якщо категорія діє не весь строк посвідчення", "If it ends before the licence does"
    ),
    "registration_date": _two(
        "Дата взяття на облік; не пізніше за сьогодні", "The day of registration; not after today"
    ),
    "idp-certificate:birth_date": _two("Не пізніше за сьогодні", "Not later than today"),
    "valid_until": _two(
        "Строк ще не минув: квиток, строк дії якого минув, не вносять",
        "Not passed yet: a card that has expired is not enrolled",
    ),
    "region": _two("Українськими літерами, напр. Львівська", "In Ukrainian letters"),
    "community": _two("Українськими літерами, напр. Львівська", "In Ukrainian letters"),
    "settlement": _two("Українськими літерами, напр. м. Львів", "In Ukrainian letters"),
    "passport:family_name_latin": _two(
        "Як надруковано в паспорті, якщо інакше, ніж за транслітерацією",
        "As printed in the passport, if it differs from the transliteration",
    ),
    "passport:given_name_latin": _two(
        "Як надруковано в паспорті, якщо інакше, ніж за транслітерацією",
        "As printed in the passport, if it differs from the transliteration",
    ),
    "taxpayer:tax_number": _two(
        "Якщо порожньо — РНОКПП з даних особи. 10 цифр, остання контрольна",
        "Empty: the person's own. 10 digits, the last a check digit",
    ),
    "certificate_number": _two(
        "4 цифри, дефіс і 10 цифр, напр. 0321-5000123456",
        "4 digits, a hyphen and 10 digits, e.g. 0321-5000123456",
    ),
    "series": _two(
        "Римські цифри (I, V, X — латинські чи українські), дефіс і 2 великі українські літери, "
        "напр. І-БК",
        "Roman numerals (I, V, X — Latin or Ukrainian letters), a hyphen and 2 capital Ukrainian "
        "letters, e.g. І-БК",
    ),
    "driving_privileges": _two(
        "Кожна категорія — з датою, з якої її відкрито",
        "Each category with the date it was granted",
    ),
    "family_members": _two(
        "Члени сім'ї, які переміщуються разом із особою", "Family members who moved with the person"
    ),
    "relation": _two("Напр. донька, син, дружина", "E.g. daughter, son, wife"),
    "parents": _two("Хоча б один із батьків", "At least one parent"),
}

#: words of each enrolment rule broken, by ``InvalidDocument.reason``; ``{hint}`` is the field's
ERRORS: Final[dict[str, dict[str, str]]] = {
    "required": _two("Заповніть це поле.", "Fill in this field."),
    "not_text": _two("Введіть текст.", "Enter text."),
    "too_long": _two("Не довше {max} символів.", "At most {max} characters."),
    "characters": _two(
        "Тут є символи, яких не може бути в документі: лишіть тільки літери, цифри й знаки.",
        "This holds characters no document has: keep to letters, digits and punctuation.",
    ),
    "format": _two("Неправильний формат. {hint}.", "Wrong format. {hint}."),
    "date_format": _two("Введіть дату: день, місяць, рік.", "Enter a date: day, month, year."),
    "not_a_date": _two(
        "Такої дати не буває: перевірте день і місяць.",
        "There is no such date: check the day and month.",
    ),
    "cyrillic": _two("Пишіть українськими літерами.", "Write it in Ukrainian letters."),
    "latin": _two("Пишіть латинськими літерами.", "Write it in Latin letters."),
    "future": _two(
        "Дата народження не може бути в майбутньому.", "The birth date cannot be in the future."
    ),
    "tax_digits": _two("РНОКПП — це 10 цифр.", "The taxpayer number has 10 digits."),
    "tax_birth_date": _two(
        "Перші п'ять цифр РНОКПП не відповідають даті народження: перевірте обидва.",
        "The first five digits do not match the birth date: check both.",
    ),
    "tax_sex": _two(
        "Дев'ята цифра РНОКПП не відповідає статі (парна — жіноча, непарна — чоловіча).",
        "The ninth digit does not match the sex (even for women, odd for men).",
    ),
    "tax_check_digit": _two(
        "Контрольна (остання) цифра не сходиться: мабуть, одну цифру введено неправильно.",
        "The check digit (the last) does not agree: one digit is probably mistyped.",
    ),
    "record_format": _two(
        "УНЗР має вигляд РРРРММДД-ЧЧЧЧЧ, напр. 19900315-01234.",
        "The record number looks like YYYYMMDD-NNNNN, e.g. 19900315-01234.",
    ),
    "record_birth_date": _two(
        "Дата на початку УНЗР не збігається з датою народження.",
        "The date at the start of the record number is not the birth date.",
    ),
    "record_needed": _two(
        "Для ID-картки потрібен УНЗР особи, а в її даних його немає.",
        "An ID card needs the person's record number (УНЗР), and the person has none.",
    ),
    "before_birth": _two("Ця дата раніша за дату народження.", "This date is before the birth."),
    "future_date": _two(
        "Ця дата ще не настала: перевірте рік.", "This date has not come yet: check the year."
    ),
    "expired": _two(
        "Ця дата вже минула: документ, строк дії якого минув, не вносять.",
        "This date has passed: a document that has expired is not enrolled.",
    ),
    "too_young": _two(
        "Тоді власникові ще не було {age} років: перевірте дату.",
        "The holder was not yet {age} on that date: check it.",
    ),
    "after_licence": _two(
        "Категорію не можуть відкрити пізніше за дату видачі посвідчення.",
        "A category cannot be granted after the licence's issue date.",
    ),
    "expiry_before_issue": _two(
        "Має бути пізніше за дату видачі.", "It must be after the date of issue."
    ),
    "categories_needed": _two(
        "Додайте хоча б одну категорію з датою, з якої її відкрито.",
        "Add at least one category with the date it was granted.",
    ),
    "category_unknown": _two("Оберіть категорію зі списку.", "Choose a category from the list."),
    "address_needed": _two(
        "Заповніть область, громаду й населений пункт.",
        "Fill in the region, community and settlement.",
    ),
    "not_an_object": _two("Заповніть ці поля.", "Fill in these fields."),
    "not_a_list": _two("Заповніть рядки списку.", "Fill in the rows of the list."),
    "parent_needed": _two("Вкажіть хоча б одного з батьків.", "Name at least one parent."),
    "study_form": _two("Оберіть форму навчання зі списку.", "Choose the form of study."),
    "batch_range": _two("Кількість — від 1 до {max}.", "The number is 1 to {max}."),
    "batch_number": _two("Кількість — це ціле число.", "The number must be a whole number."),
    "type_unknown": _two("Оберіть тип документа зі списку.", "Choose a document type."),
    "portrait_no_face": _two(
        "На фото не знайдено обличчя: сфотографуйте людину анфас, при рівному світлі.",
        "No face was found in the photo: photograph the person facing the camera, in even light.",
    ),
    "portrait_several_faces": _two(
        "На фото кілька облич: сфотографуйте людину саму, без інших людей у кадрі.",
        "The photo shows several faces: photograph the person alone, with nobody else in it.",
    ),
    "portrait_face_too_small": _two(
        "Обличчя на фото замале: підійдіть ближче, щоб голова й плечі заповнили кадр.",
        "The face in the photo is too small: come closer so that head and shoulders fill it.",
    ),
    "portrait_unreadable": _two(
        "Цей файл не вдалося прочитати як фото: оберіть знімок у форматі JPEG, PNG або WebP.",
        "This file could not be read as a photo: choose a JPEG, PNG or WebP picture.",
    ),
    "portrait_too_large": _two(
        "Фото завелике: оберіть знімок до 20 МБ і до 48 мегапікселів.",
        "The photo is too large: choose a picture of up to 20 MB and 48 megapixels.",
    ),
    "portrait_over_budget": _two(
        "З цього фото не вийшло зробити маленьке фото для документа: зробіть інший знімок.",
        "This photo could not be made small enough for the document: take another picture.",
    ),
    "portrait_invalid": _two(
        "З цього фото не вийшло зробити фото для документа: зробіть інший знімок.",
        "No document photo could be made from this one: take another picture.",
    ),
    "photo_needed": _two("Оберіть файл із фото.", "Choose a file with the photo."),
    "invalid": _two("Перевірте це поле.", "Check this field."),
}

#: the refusals a clerk can cause that are no field's fault
REFUSALS: Final[dict[str, dict[str, str]]] = {
    "login": _two(
        "Токен невірний, прострочений або відкликаний: попросіть в адміністратора новий.",
        "The token is wrong, expired or revoked: ask the administrator for a new one.",
    ),
    "signed_out": _two(
        "Сеанс завершено: увійдіть ще раз.", "Your session has ended: please sign in again."
    ),
    "person_taken": _two(
        "Особу з таким РНОКПП або УНЗР уже зареєстровано: знайдіть її через пошук.",
        "A person with this taxpayer or record number is already enrolled: find them by search.",
    ),
    "document_taken": _two(
        "Документ із цим номером уже внесено іншій зареєстрованій особі. Перевірте номер; якщо "
        "це та сама людина, знайдіть її запис через пошук (за прізвищем, РНОКПП чи УНЗР).",
        "A document with this number is already enrolled for another person. Check the number; "
        "if it is the same human being, find their record with the search (by surname, "
        "taxpayer or record number).",
    ),
    "document_held": _two(
        "Цей документ у цієї особи вже є (його видно вище, серед документів).",
        "This person already has this document (see it above, among the documents).",
    ),
    "person_missing": _two(
        "Такої особи немає: знайдіть її через пошук.", "There is no such person: use the search."
    ),
    "document_missing": _two("Такого документа немає.", "There is no such document."),
    "page_missing": _two("Такої сторінки немає.", "There is no such page."),
    "is_revoked": _two(
        "Документ відкликано, а відкликання остаточне: з ним нічого не зробити.",
        "The document is revoked, and revocation is final: nothing more can be done with it.",
    ),
    "not_suspended": _two(
        "Відновити можна лише призупинений документ.",
        "Only a suspended document can be reinstated.",
    ),
    "not_valid": _two(
        "QR-код роблять лише для дійсного документа: спершу відновіть його.",
        "A QR code is made only for a valid document: reinstate it first.",
    ),
    "document_expired": _two(
        "Строк дії документа минув: QR-код для нього не зробити.",
        "The document has expired: no QR code can be made for it.",
    ),
    "page_stale": _two(
        "Сторінка застаріла (відкрита до перезапуску сервера або дуже давно): відкрийте її "
        "знову й повторіть дію.",
        "The page is out of date (opened before the server restarted, or long ago): open it "
        "again and repeat the action.",
    ),
    "form_unreadable": _two(
        "Форму не вдалося прочитати: спробуйте ще раз.", "The form could not be read: try again."
    ),
    "failed": _two(
        "Не вдалося виконати дію: спробуйте ще раз.", "The action failed: please try again."
    ),
}

#: what an action did, shown once on the page after it
DONE: Final[dict[str, dict[str, str]]] = {
    "enrolled": _two("Особу зареєстровано.", "The person is enrolled."),
    "added": _two("Документ додано.", "The document is added."),
    "portrait_saved": _two(
        "Фото збережено: його отримають документи, видані відтепер.",
        "The photo is saved: credentials issued from now on carry it.",
    ),
    "suspended": _two(
        "Документ призупинено. Відновити його можна кнопкою «Відновити».",
        "The document is suspended. Reinstate it with the Reinstate button.",
    ),
    "reinstated": _two("Документ знову дійсний.", "The document is valid again."),
    "revoked": _two("Документ відкликано назавжди.", "The document is revoked for good."),
    "offered": _two("QR-код для гаманця готовий.", "The QR code for the wallet is ready."),
    "signed_out": _two("Ви вийшли.", "You have signed out."),
}


def words(table: dict[str, dict[str, str]], key: str, lang: str) -> str:
    """``table[key]`` in ``lang`` (English when it has no such language)."""
    entry = table[key]
    return entry.get(lang) or entry["en"]


def hint(doc_type: str, name: str, lang: str) -> str | None:
    """The format rule of field ``name`` of ``doc_type``, if it has one: that of the field in
    its list (``driving_privileges.issue_date``), else of its last part."""
    parts = name.split(".")
    field = parts[-1]
    entry = (HINTS.get(f"{doc_type}:{parts[0]}.{field}") if len(parts) > 1 else None) or (
        HINTS.get(f"{doc_type}:{field}") or HINTS.get(field)
    )
    return None if entry is None else entry.get(lang) or entry["en"]


def error_words(reason: str, params: dict[str, str], field_hint: str | None, lang: str) -> str:
    """The words of a broken rule, with its field's rule where it is about the format."""
    template = words(ERRORS, reason if reason in ERRORS else "invalid", lang)
    if "{hint}" in template and not field_hint:
        return words(ERRORS, "invalid", lang)
    try:
        return template.format(hint=(field_hint or "").rstrip("."), **params)
    except (KeyError, IndexError, ValueError):  # a rule's words need a value it did not give
        return words(ERRORS, "invalid", lang)


_ROW: Final = _two("рядок {n}", "row {n}")


def place(name: str, lang: str) -> str:
    """Where a field is, for the list of problems: ``Categories, row 2 — Category``."""
    parts = name.split(".")
    if len(parts) == 1:
        return label(name, lang)
    head = label(parts[0], lang)
    if len(parts) == 3 and parts[1].isdigit():
        head = f"{head}, {_ROW[lang].format(n=int(parts[1]) + 1)}"
    return f"{head} — {label(name, lang)}"


def label(name: str, lang: str) -> str:
    """A field's label: the claim's words (the last part of a nested name)."""
    field = name.rsplit(".", 1)[-1]
    own = {
        "driving_privileges.issue_date": _two("Відкрито з", "Granted on"),
        "driving_privileges.expiry_date": _two("Діє до", "Valid until"),
    }
    head = name.split(".", 1)[0]
    special = own.get(f"{head}.{field}")
    if special:
        return special[lang]
    return wording.claim_label(field, lang) or field.replace("_", " ")
