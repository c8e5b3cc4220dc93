"""What the officer reads, in Ukrainian, English, Polish and German: verdicts, answers, checks,
why a check failed and what to do next, warnings, labels, and how dates and values are written.

The reasons are chosen by check name and the crypto core's error code (stable, unique across
the project), never shown from the English messages meant for developers.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from posvid.common import wording

LANGUAGES: Final = wording.LANGUAGES
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
    "status_unknown": {
        "uk": "СТАН НЕВІДОМИЙ",
        "en": "STATUS UNKNOWN",
        "pl": "STATUS NIEZNANY",
        "de": "STATUS UNBEKANNT",
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

#: headlines that answer the question, beside the verdict words ({age}: the age asked)
HEADLINES: Final[dict[str, dict[str, str]]] = {
    "under_age": {
        "uk": "МОЛОДШЕ {age}",
        "en": "UNDER {age}",
        "pl": "PONIŻEJ {age} LAT",
        "de": "UNTER {age}",
    },
    "of_age": {
        "uk": "{age} АБО СТАРШЕ",
        "en": "{age} OR OVER",
        "pl": "{age} LAT LUB WIĘCEJ",
        "de": "{age} ODER ÄLTER",
    },
    "not_enough_data": {
        "uk": "НЕДОСТАТНЬО ДАНИХ",
        "en": "NOT ENOUGH DATA",
        "pl": "ZA MAŁO DANYCH",
        "de": "ZU WENIG DATEN",
    },
    "try_again": {
        "uk": "СПРОБУЙТЕ ЩЕ РАЗ",
        "en": "TRY AGAIN",
        "pl": "SPRÓBUJ PONOWNIE",
        "de": "NOCHMAL VERSUCHEN",
    },
    #: a genuine paper credential (docs/verifier.md, "Paper credentials"): blue, never green
    "paper": {
        "uk": "ПАПІР — порівняйте фото",
        "en": "PAPER — compare the photo",
        "pl": "PAPIER — porównaj zdjęcie",
        "de": "PAPIER — Foto vergleichen",
    },
}

#: under the headline of a genuine document: what it means, what to do ({age}, {missing})
ADVICE: Final[dict[str, dict[str, str]]] = {
    "paper": {
        "uk": "Паперовий документ справжній, але копія діє так само. Лише фото пов'язує його з "
        "особою: порівняйте обличчя; не збігається — відмовте.",
        "en": "The paper credential is genuine, but a copy works just the same. Only the photo "
        "ties it to the person: compare the face; if it does not match, refuse.",
        "pl": "Dokument papierowy jest autentyczny, ale kopia działa tak samo. Tylko zdjęcie "
        "wiąże go z osobą: porównaj twarz; jeśli się nie zgadza, odmów.",
        "de": "Der Papiernachweis ist echt, aber eine Kopie wirkt genauso. Nur das Foto bindet "
        "ihn an die Person: Vergleichen Sie das Gesicht; passt es nicht, lehnen Sie ab.",
    },
    "paper_no_portrait": {
        "uk": "Паперовий документ справжній, але без фото: перевірте особу за паспортом чи "
        "ID-карткою з фото.",
        "en": "The paper credential is genuine but has no photo: check the person against a "
        "passport or ID card with a photo.",
        "pl": "Dokument papierowy jest autentyczny, ale bez zdjęcia: sprawdź osobę z paszportem "
        "lub dowodem ze zdjęciem.",
        "de": "Der Papiernachweis ist echt, hat aber kein Foto: Prüfen Sie die Person anhand "
        "eines Passes oder Ausweises mit Foto.",
    },
    "valid": {
        "uk": "Документ справжній. Порівняйте фото і дані з особою.",
        "en": "The document is genuine. Compare the photo and the data with the person.",
        "pl": "Dokument jest autentyczny. Porównaj zdjęcie i dane z osobą.",
        "de": "Das Dokument ist echt. Vergleichen Sie Foto und Daten mit der Person.",
    },
    "valid_no_portrait": {
        "uk": "Документ справжній. Порівняйте дані з паспортом чи ID-карткою особи.",
        "en": "The document is genuine. Compare the data with the person's passport or ID card.",
        "pl": "Dokument jest autentyczny. Porównaj dane z paszportem lub dowodem osoby.",
        "de": "Das Dokument ist echt. Vergleichen Sie die Daten mit Pass oder Ausweis der Person.",
    },
    "of_age": {
        "uk": "Документ справжній: власнику вже виповнилося {age}.",
        "en": "The document is genuine: its holder is {age} or older.",
        "pl": "Dokument jest autentyczny: posiadacz ma {age} lat lub więcej.",
        "de": "Das Dokument ist echt: Der Inhaber ist {age} Jahre oder älter.",
    },
    "under_age": {
        "uk": "Документ справжній, але власнику ще не виповнилося {age}.",
        "en": "The document is genuine, but its holder is under {age}.",
        "pl": "Dokument jest autentyczny, ale posiadacz ma mniej niż {age} lat.",
        "de": "Das Dokument ist echt, aber der Inhaber ist jünger als {age}.",
    },
    "not_enough_data": {
        "uk": "Документ справжній, але не показує: {missing}. Попросіть код із цими даними.",
        "en": "The document is genuine but does not show: {missing}. Ask for a code with them.",
        "pl": "Dokument jest autentyczny, ale nie pokazuje: {missing}. Poproś o kod z tymi danymi.",
        "de": "Das Dokument ist echt, zeigt aber nicht: {missing}. Bitten Sie um einen Code damit.",
    },
}

_FORGED = {
    "uk": "Підпис видавця не збігається: код підроблено або змінено. Не приймайте його.",
    "en": "The issuer's signature does not match: the code is forged or altered. Do not accept it.",
    "pl": "Podpis wystawcy się nie zgadza: kod jest podrobiony lub zmieniony. Nie akceptuj go.",
    "de": "Die Signatur des Ausstellers stimmt nicht: Der Code ist gefälscht oder verändert. "
    "Nicht akzeptieren.",
}
_NOT_YET = {
    "uk": "Документ ще не дійсний. Перевірте годинник цього пристрою; якщо він правильний, "
    "не приймайте документ.",
    "en": "The document is not valid yet. Check this device's clock; if it is right, do not "
    "accept the document.",
    "pl": "Dokument nie jest jeszcze ważny. Sprawdź zegar tego urządzenia; jeśli jest dobry, "
    "nie akceptuj dokumentu.",
    "de": "Das Dokument ist noch nicht gültig. Prüfen Sie die Uhr dieses Geräts; stimmt sie, "
    "das Dokument nicht akzeptieren.",
}
_STALE = {
    "uk": "Код застарів. Попросіть власника показати новий код.",
    "en": "The code is too old. Ask the holder to show a new code.",
    "pl": "Kod jest zbyt stary. Poproś posiadacza o pokazanie nowego kodu.",
    "de": "Der Code ist zu alt. Bitten Sie den Inhaber, einen neuen Code zu zeigen.",
}
_OTHER_VERIFIER = {
    "uk": "Код створено для іншого перевіряльника. Попросіть новий код.",
    "en": "The code was made for another verifier. Ask for a new code.",
    "pl": "Kod utworzono dla innego weryfikatora. Poproś o nowy kod.",
    "de": "Der Code wurde für einen anderen Prüfer erstellt. Bitten Sie um einen neuen Code.",
}

#: why a check failed, in plain words with the next step: by ``check:code`` (the crypto core's
#: error code), else ``check:verdict``, else ``check``
REASONS: Final[dict[str, dict[str, str]]] = {
    "readable": {
        "uk": "Код не вдалося прочитати. Піднесіть телефон ближче, тримайте рівно і "
        "сфотографуйте ще раз.",
        "en": "The code could not be read. Hold the phone closer, keep it steady and retake "
        "the photo.",
        "pl": "Nie udało się odczytać kodu. Zbliż telefon, trzymaj go nieruchomo i zrób "
        "zdjęcie ponownie.",
        "de": "Der Code konnte nicht gelesen werden. Halten Sie das Telefon näher und ruhig "
        "und fotografieren Sie erneut.",
    },
    "readable:qr_format_unknown": {
        "uk": "Цей QR-код не є кодом документа. Попросіть власника відкрити документ у "
        "гаманці та показати його код.",
        "en": "This QR code is not a document code. Ask the holder to open the document in "
        "the wallet and show its code.",
        "pl": "Ten kod QR nie jest kodem dokumentu. Poproś posiadacza, aby otworzył dokument "
        "w portfelu i pokazał jego kod.",
        "de": "Dieser QR-Code ist kein Dokumentcode. Bitten Sie den Inhaber, das Dokument in "
        "der Wallet zu öffnen und dessen Code zu zeigen.",
    },
    "readable:qr_version_unsupported": {
        "uk": "Код створено новішою версією гаманця: оновіть перевірку або попросіть показати "
        "документ інакше.",
        "en": "This code comes from a newer wallet: update this verifier, or ask to see the "
        "document another way.",
        "pl": "Kod pochodzi z nowszej wersji portfela: zaktualizuj weryfikator albo poproś o "
        "dokument w inny sposób.",
        "de": "Der Code stammt aus einer neueren Wallet: Aktualisieren Sie den Prüfer oder "
        "lassen Sie sich das Dokument anders zeigen.",
    },
    "format": {
        "uk": "Це не код дійсного документа. Не приймайте його; попросіть показати код із гаманця.",
        "en": "This is not a valid document code. Do not accept it; ask for the code from the "
        "wallet.",
        "pl": "To nie jest kod ważnego dokumentu. Nie akceptuj go; poproś o kod z portfela.",
        "de": "Dies ist kein gültiger Dokumentcode. Nicht akzeptieren; bitten Sie um den Code "
        "aus der Wallet.",
    },
    "issuer_trusted": {
        "uk": "Видавця цього документа немає в списку довірених на цьому пункті. Не приймайте "
        "його; зверніться до керівника.",
        "en": "The issuer of this document is not on this post's trust list. Do not accept it; "
        "ask your supervisor.",
        "pl": "Wystawcy tego dokumentu nie ma na liście zaufanych w tym punkcie. Nie akceptuj "
        "go; zwróć się do przełożonego.",
        "de": "Der Aussteller dieses Dokuments steht nicht auf der Vertrauensliste dieser "
        "Stelle. Nicht akzeptieren; fragen Sie Ihre Vorgesetzten.",
    },
    "issuer_trusted:x5c_expired": {
        "uk": "Сертифікат, яким підписано документ, прострочений. Не приймайте його; власник має "
        "отримати документ заново.",
        "en": "The certificate the document is signed under has expired. Do not accept it; the "
        "holder must get the document again.",
        "pl": "Certyfikat, którym podpisano dokument, wygasł. Nie akceptuj go; posiadacz musi "
        "uzyskać dokument ponownie.",
        "de": "Das Zertifikat, unter dem das Dokument signiert ist, ist abgelaufen. Nicht "
        "akzeptieren; der Inhaber muss das Dokument neu erhalten.",
    },
    "issuer_trusted:x5c_not_yet_valid": {
        "uk": "Сертифікат видавця ще не чинний. Перевірте годинник цього пристрою; якщо він "
        "правильний, не приймайте документ.",
        "en": "The issuer's certificate is not valid yet. Check this device's clock; if it is "
        "right, do not accept the document.",
        "pl": "Certyfikat wystawcy nie jest jeszcze ważny. Sprawdź zegar tego urządzenia; jeśli "
        "jest dobry, nie akceptuj dokumentu.",
        "de": "Das Zertifikat des Ausstellers ist noch nicht gültig. Prüfen Sie die Uhr dieses "
        "Geräts; stimmt sie, das Dokument nicht akzeptieren.",
    },
    "issuer_trusted:x5c_untrusted_root": {
        "uk": "Сертифікат видавця походить від центру, якому цей пункт не довіряє. Не приймайте "
        "документ; зверніться до керівника.",
        "en": "The issuer's certificate comes from an authority this post does not trust. Do "
        "not accept the document; ask your supervisor.",
        "pl": "Certyfikat wystawcy pochodzi od urzędu, któremu ten punkt nie ufa. Nie akceptuj "
        "dokumentu; zwróć się do przełożonego.",
        "de": "Das Zertifikat des Ausstellers stammt von einer Stelle, der diese Stelle nicht "
        "vertraut. Nicht akzeptieren; fragen Sie Ihre Vorgesetzten.",
    },
    "issuer_trusted:x5c_issuer_missing": {
        "uk": "У документі бракує проміжного сертифіката видавця, тож його не можна перевірити. "
        "Не приймайте; попросіть показати документ ще раз із гаманця.",
        "en": "The document lacks an intermediate certificate of its issuer, so it cannot be "
        "checked. Do not accept it; ask to see it again from the wallet.",
        "pl": "Dokumentowi brakuje certyfikatu pośredniego wystawcy, więc nie można go sprawdzić. "
        "Nie akceptuj; poproś o ponowne okazanie z portfela.",
        "de": "Dem Dokument fehlt ein Zwischenzertifikat des Ausstellers, es ist nicht prüfbar. "
        "Nicht akzeptieren; bitten Sie, es erneut aus der Wallet zu zeigen.",
    },
    "issuer_trusted:x5c_leaf_is_ca": {
        "uk": "Документ підписано сертифікатом центру сертифікації, а не видавця: так "
        "документи не підписують. Не приймайте його.",
        "en": "The document is signed with a certificate authority's certificate, not an "
        "issuer's: documents are not signed that way. Do not accept it.",
        "pl": "Dokument podpisano certyfikatem urzędu certyfikacji, a nie wystawcy: tak nie "
        "podpisuje się dokumentów. Nie akceptuj go.",
        "de": "Das Dokument ist mit dem Zertifikat einer Zertifizierungsstelle signiert, nicht "
        "eines Ausstellers: so wird nicht signiert. Nicht akzeptieren.",
    },
    "issuer_trusted:x5c_key_usage": {
        "uk": "Сертифікат видавця не дозволяє підписувати документи. Не приймайте документ.",
        "en": "The issuer's certificate does not allow signing documents. Do not accept it.",
        "pl": "Certyfikat wystawcy nie pozwala podpisywać dokumentów. Nie akceptuj go.",
        "de": "Das Zertifikat des Ausstellers erlaubt keine Dokumentsignatur. Nicht akzeptieren.",
    },
    "issuer_trusted:x5c_iss_mismatch": {
        "uk": "Видавець, названий у документі, не збігається з його сертифікатом. Не приймайте "
        "документ.",
        "en": "The issuer the document names does not match its certificate. Do not accept it.",
        "pl": "Wystawca wskazany w dokumencie nie zgadza się z jego certyfikatem. Nie akceptuj go.",
        "de": "Der im Dokument genannte Aussteller passt nicht zu seinem Zertifikat. Nicht "
        "akzeptieren.",
    },
    "issuer_trusted:x5c_invalid": {
        "uk": "Ланцюжок сертифікатів видавця не проходить перевірку. Не приймайте документ; "
        "зверніться до керівника.",
        "en": "The issuer's certificate chain does not check out. Do not accept the document; "
        "ask your supervisor.",
        "pl": "Łańcuch certyfikatów wystawcy nie przechodzi kontroli. Nie akceptuj dokumentu; "
        "zwróć się do przełożonego.",
        "de": "Die Zertifikatskette des Ausstellers besteht die Prüfung nicht. Nicht "
        "akzeptieren; fragen Sie Ihre Vorgesetzten.",
    },
    "issuer_trusted:key_unknown": _FORGED,
    "format:alg_unsupported": {
        "uk": "Документ підписано алгоритмом, який цей пункт не приймає. Не приймайте його; "
        "зверніться до керівника.",
        "en": "The document is signed with an algorithm this post does not accept. Do not "
        "accept it; ask your supervisor.",
        "pl": "Dokument podpisano algorytmem, którego ten punkt nie akceptuje. Nie akceptuj go; "
        "zwróć się do przełożonego.",
        "de": "Das Dokument ist mit einem Verfahren signiert, das diese Stelle nicht annimmt. "
        "Nicht akzeptieren; fragen Sie Ihre Vorgesetzten.",
    },
    "disclosures:sd_alg_unsupported": {
        "uk": "Дані документа захищено способом, який цей пункт не приймає. Не приймайте його; "
        "зверніться до керівника.",
        "en": "The document's data are protected in a way this post does not accept. Do not "
        "accept it; ask your supervisor.",
        "pl": "Dane dokumentu zabezpieczono w sposób, którego ten punkt nie akceptuje. Nie "
        "akceptuj go; zwróć się do przełożonego.",
        "de": "Die Daten des Dokuments sind auf eine Weise geschützt, die diese Stelle nicht "
        "annimmt. Nicht akzeptieren; fragen Sie Ihre Vorgesetzten.",
    },
    "signature": _FORGED,
    "signature:key_unknown": {
        "uk": "Підписано ключем, якого видавець не публікував: підробка або застарілий список "
        "довірених. Не приймайте; оновіть список, коли буде мережа.",
        "en": "Signed with a key the issuer never published: forged, or the trust list is out "
        "of date. Do not accept it; update the trust list when online.",
        "pl": "Podpisano kluczem, którego wystawca nie opublikował: fałszerstwo lub "
        "nieaktualna lista zaufanych. Nie akceptuj; zaktualizuj listę, gdy będzie sieć.",
        "de": "Mit einem Schlüssel signiert, den der Aussteller nie veröffentlicht hat: "
        "Fälschung oder veraltete Vertrauensliste. Nicht akzeptieren; Liste online "
        "aktualisieren.",
    },
    "validity": {
        "uk": "Дати дії документа неправильні. Не приймайте його.",
        "en": "The document's validity dates are wrong. Do not accept it.",
        "pl": "Daty ważności dokumentu są błędne. Nie akceptuj go.",
        "de": "Die Gültigkeitsdaten des Dokuments sind fehlerhaft. Nicht akzeptieren.",
    },
    "validity:expired": {
        "uk": "Строк дії документа минув. Не приймайте його; власник має його оновити.",
        "en": "The document has expired. Do not accept it; the holder must renew it.",
        "pl": "Dokument wygasł. Nie akceptuj go; posiadacz musi go odnowić.",
        "de": "Das Dokument ist abgelaufen. Nicht akzeptieren; der Inhaber muss es erneuern.",
    },
    "validity:not_yet_valid": _NOT_YET,
    "validity:iat_future": _NOT_YET,
    "disclosures": {
        "uk": "Показані дані не збігаються з підписаними видавцем: код змінено. Не приймайте його.",
        "en": "The data shown do not match what the issuer signed: the code was altered. Do "
        "not accept it.",
        "pl": "Pokazane dane nie zgadzają się z podpisanymi przez wystawcę: kod zmieniono. Nie "
        "akceptuj go.",
        "de": "Die gezeigten Daten stimmen nicht mit den signierten überein: Der Code wurde "
        "verändert. Nicht akzeptieren.",
    },
    "key_binding": {
        "uk": "Код не підписано телефоном власника: це може бути копія. Не приймайте його; "
        "попросіть новий код із гаманця.",
        "en": "The code was not signed by the holder's own phone: it may be a copy. Do not "
        "accept it; ask for a new code from the wallet.",
        "pl": "Kod nie został podpisany telefonem posiadacza: może to być kopia. Nie akceptuj "
        "go; poproś o nowy kod z portfela.",
        "de": "Der Code wurde nicht vom Telefon des Inhabers signiert: Es kann eine Kopie sein. "
        "Nicht akzeptieren; bitten Sie um einen neuen Code aus der Wallet.",
    },
    "freshness": _STALE,
    "freshness:kb_future": {
        "uk": "Код датовано майбутнім часом: годинник телефону власника неправильний. "
        "Попросіть виправити час і показати новий код.",
        "en": "The code is dated in the future: the holder's phone clock is wrong. Ask them to "
        "set it right and show a new code.",
        "pl": "Kod ma datę z przyszłości: zegar telefonu posiadacza jest błędny. Poproś o "
        "ustawienie czasu i pokazanie nowego kodu.",
        "de": "Der Code ist in die Zukunft datiert: Die Uhr des Telefons ist falsch. Bitten "
        "Sie, sie zu stellen und einen neuen Code zu zeigen.",
    },
    "audience_nonce": _OTHER_VERIFIER,
    "audience_nonce:invalid": {
        "uk": "Код відповідає на запит, якого цей перевіряльник не робив або який уже минув. "
        "Створіть новий запит.",
        "en": "The code answers a request this verifier did not make, or one that expired. "
        "Make a new request.",
        "pl": "Kod odpowiada na prośbę, której ten weryfikator nie wysłał lub która wygasła. "
        "Utwórz nową prośbę.",
        "de": "Der Code antwortet auf eine Anfrage, die dieser Prüfer nicht gestellt hat oder "
        "die abgelaufen ist. Stellen Sie eine neue Anfrage.",
    },
    "replay": {
        "uk": "Цей код уже показували. Попросіть новий код.",
        "en": "This code was shown before. Ask for a new code.",
        "pl": "Ten kod był już pokazany. Poproś o nowy kod.",
        "de": "Dieser Code wurde bereits vorgezeigt. Bitten Sie um einen neuen Code.",
    },
    "status": {
        "uk": "Не вдалося підтвердити, що документ не відкликано. Не приймайте його; "
        "синхронізуйте, коли буде мережа.",
        "en": "Could not confirm that the document is not revoked. Do not accept it; sync "
        "when online.",
        "pl": "Nie udało się potwierdzić, że dokument nie jest unieważniony. Nie akceptuj go; "
        "zsynchronizuj, gdy będzie sieć.",
        "de": "Es ließ sich nicht bestätigen, dass das Dokument nicht widerrufen ist. Nicht "
        "akzeptieren; bei Netzverbindung synchronisieren.",
    },
    "status:revoked": {
        "uk": "Видавець відкликав цей документ. Не приймайте його.",
        "en": "The issuer has revoked this document. Do not accept it.",
        "pl": "Wystawca unieważnił ten dokument. Nie akceptuj go.",
        "de": "Der Aussteller hat dieses Dokument widerrufen. Nicht akzeptieren.",
    },
    "status:suspended": {
        "uk": "Видавець призупинив дію цього документа. Не приймайте його.",
        "en": "The issuer has suspended this document. Do not accept it.",
        "pl": "Wystawca zawiesił ten dokument. Nie akceptuj go.",
        "de": "Der Aussteller hat dieses Dokument ausgesetzt. Nicht akzeptieren.",
    },
    "": {
        "uk": "Перевірка не пройшла. Не приймайте документ.",
        "en": "This check failed. Do not accept the document.",
        "pl": "Ta kontrola nie przeszła. Nie akceptuj dokumentu.",
        "de": "Diese Prüfung ist fehlgeschlagen. Das Dokument nicht akzeptieren.",
    },
}

#: the checks' warnings (English, for developers) in the officer's words, by the first phrase
#: found in them (``{time}``: the status list's time)
WARNINGS: Final[dict[str, dict[str, str]]] = {
    "status unknown": {
        "uk": "Невідомо, чи документ відкликано: немає списку відкликань. Синхронізуйте, коли "
        "буде мережа.",
        "en": "Not known whether the document was revoked: no status list here. Sync when online.",
        "pl": "Nie wiadomo, czy dokument unieważniono: brak listy statusów. Zsynchronizuj, gdy "
        "będzie sieć.",
        "de": "Unbekannt, ob das Dokument widerrufen wurde: keine Statusliste vorhanden. Bei "
        "Netzverbindung synchronisieren.",
    },
    "as of": {
        "uk": "Стан відкликання на {time}. Синхронізуйте, коли буде мережа.",
        "en": "Revocation status as of {time}. Sync when online.",
        "pl": "Status unieważnienia na {time}. Zsynchronizuj, gdy będzie sieć.",
        "de": "Widerrufsstatus vom {time}. Bei Netzverbindung synchronisieren.",
    },
    "no status": {
        "uk": "Цей документ не має статусу відкликання: його не можна відкликати.",
        "en": "This document has no revocation status: it cannot be revoked.",
        "pl": "Ten dokument nie ma statusu unieważnienia: nie można go unieważnić.",
        "de": "Dieses Dokument hat keinen Widerrufsstatus: Es kann nicht widerrufen werden.",
    },
    "": {
        "uk": "Одна з перевірок дала попередження; див. подробиці перевірок.",
        "en": "One of the checks gave a warning; see the details of the checks.",
        "pl": "Jedna z kontroli zgłosiła ostrzeżenie; zobacz szczegóły kontroli.",
        "de": "Eine Prüfung hat gewarnt; siehe die Einzelheiten der Prüfungen.",
    },
}

#: the words of the pages and the CLI ({age}: an age)
WORDS: Final[dict[str, dict[str, str]]] = {
    "paper_not_needed": {
        "uk": "не потрібно для паперу",
        "en": "not needed on paper",
        "pl": "niepotrzebne dla papieru",
        "de": "bei Papier nicht nötig",
    },
    "nav_scan": {"uk": "Сканувати", "en": "Scan", "pl": "Skanuj", "de": "Scannen"},
    "nav_trust": {"uk": "Довірені", "en": "Trust list", "pl": "Zaufani", "de": "Vertrauensliste"},
    "document": {"uk": "Документ", "en": "Document", "pl": "Dokument", "de": "Dokument"},
    "issued_by": {"uk": "Видав", "en": "Issued by", "pl": "Wydał", "de": "Ausgestellt von"},
    "checked_for": {
        "uk": "Що перевіряли",
        "en": "Checked for",
        "pl": "Sprawdzano",
        "de": "Geprüft auf",
    },
    "checks": {
        "uk": "Подробиці перевірок",
        "en": "Details of the checks",
        "pl": "Szczegóły kontroli",
        "de": "Einzelheiten der Prüfungen",
    },
    "not_run": {
        "uk": "не перевірено",
        "en": "not checked",
        "pl": "nie sprawdzono",
        "de": "nicht geprüft",
    },
    "unknown": {"uk": "невідомо", "en": "unknown", "pl": "nieznany", "de": "unbekannt"},
    "scan_next": {
        "uk": "Сканувати наступний",
        "en": "Scan the next code",
        "pl": "Skanuj następny kod",
        "de": "Nächsten Code scannen",
    },
    "question": {
        "uk": "Що ви перевіряєте?",
        "en": "What are you checking?",
        "pl": "Co sprawdzasz?",
        "de": "Was prüfen Sie?",
    },
    "q_identity": {
        "uk": "Особу (кордон, посвідчення)",
        "en": "Identity (border, ID check)",
        "pl": "Tożsamość (granica, dowód)",
        "de": "Identität (Grenze, Ausweis)",
    },
    "q_age": {
        "uk": "Вік: {age} або старше",
        "en": "Age: {age} or over",
        "pl": "Wiek: {age} lat lub więcej",
        "de": "Alter: {age} oder älter",
    },
    "q_any": {
        "uk": "Лише справжність документа",
        "en": "Only that the document is genuine",
        "pl": "Tylko autentyczność dokumentu",
        "de": "Nur die Echtheit des Dokuments",
    },
    "q_request": {
        "uk": "Дані, яких просив запит",
        "en": "The data the request asked for",
        "pl": "Dane, o które prosiło zapytanie",
        "de": "Die angefragten Daten",
    },
    "age_over": {
        "uk": "{age} або старше",
        "en": "{age} or over",
        "pl": "{age} lat lub więcej",
        "de": "{age} oder älter",
    },
    "how_to": {
        "uk": "Сфотографуйте QR-код власника (зблизька, рівно) або вставте текст коду, потім "
        "натисніть «Перевірити».",
        "en": "Take a photo of the holder's QR code (close, steady) or paste the code's text, "
        "then press Check.",
        "pl": "Zrób zdjęcie kodu QR posiadacza (z bliska, nieruchomo) albo wklej tekst kodu, "
        "potem naciśnij Sprawdź.",
        "de": "Fotografieren Sie den QR-Code des Inhabers (nah, ruhig) oder fügen Sie den Text "
        "des Codes ein, dann Prüfen drücken.",
    },
    "photo": {
        "uk": "Сфотографувати код",
        "en": "Take a photo of the code",
        "pl": "Zrób zdjęcie kodu",
        "de": "Code fotografieren",
    },
    "text": {
        "uk": "або текст коду",
        "en": "or the code's text",
        "pl": "lub tekst kodu",
        "de": "oder der Text des Codes",
    },
    "check": {"uk": "Перевірити", "en": "Check", "pl": "Sprawdź", "de": "Prüfen"},
    "portrait_alt": {
        "uk": "Фото власника документа",
        "en": "Photo of the document's holder",
        "pl": "Zdjęcie posiadacza dokumentu",
        "de": "Lichtbild des Inhabers",
    },
    "camera_ask": {
        "uk": "Дозвольте камеру, щоб сканувати наживо.",
        "en": "Allow the camera to scan live.",
        "pl": "Zezwól na użycie aparatu, aby skanować na żywo.",
        "de": "Erlauben Sie die Kamera, um live zu scannen.",
    },
    "camera_point": {
        "uk": "Наведіть камеру на QR-код власника й тримайте нерухомо: результат з'явиться сам.",
        "en": "Point the camera at the holder's QR code and hold still: the result appears "
        "by itself.",
        "pl": "Skieruj aparat na kod QR posiadacza i trzymaj nieruchomo: wynik pojawi się sam.",
        "de": "Richten Sie die Kamera auf den QR-Code des Inhabers und halten Sie still: das "
        "Ergebnis erscheint von selbst.",
    },
    "camera_found": {
        "uk": "Код зчитано, перевіряю…",
        "en": "Code read, checking…",
        "pl": "Kod odczytany, sprawdzam…",
        "de": "Code gelesen, wird geprüft…",
    },
    "camera_refused": {
        "uk": "Камера недоступна або не дозволена: сфотографуйте код або вставте його текст нижче.",
        "en": "The camera is unavailable or not allowed: take a photo of the code or paste its "
        "text below.",
        "pl": "Aparat jest niedostępny lub niedozwolony: zrób zdjęcie kodu albo wklej jego tekst "
        "poniżej.",
        "de": "Die Kamera ist nicht verfügbar oder nicht erlaubt: fotografieren Sie den Code oder "
        "fügen Sie seinen Text unten ein.",
    },
    "camera_lost": {
        "uk": "Перевіряльник не відповідає; пробую ще раз…",
        "en": "No answer from the verifier; trying again…",
        "pl": "Brak odpowiedzi weryfikatora; próbuję ponownie…",
        "de": "Keine Antwort vom Prüfgerät; neuer Versuch…",
    },
    "retake": {
        "uk": "Сфотографувати ще раз",
        "en": "Retake the photo",
        "pl": "Zrób zdjęcie ponownie",
        "de": "Erneut fotografieren",
    },
    "checked_with": {
        "uk": "Як перевірено",
        "en": "Checked with",
        "pl": "Sprawdzono przez",
        "de": "Geprüft mit",
    },
    "gone": {
        "uk": "Цей результат більше не зберігається. Відскануйте код ще раз.",
        "en": "This result is no longer kept. Scan the code again.",
        "pl": "Ten wynik nie jest już przechowywany. Zeskanuj kod ponownie.",
        "de": "Dieses Ergebnis wird nicht mehr aufbewahrt. Scannen Sie den Code erneut.",
    },
}

#: how the issuer's key was vouched for, after the signature's algorithm ({anchor}: its subject)
TRUST_PATHS: Final[dict[str, dict[str, str]]] = {
    "issuer_keys": {
        "uk": "ключі довіреного видавця",
        "en": "trusted issuer keys",
        "pl": "klucze zaufanego wystawcy",
        "de": "Schlüssel eines vertrauenswürdigen Ausstellers",
    },
    "issuer_metadata": {
        "uk": "ключі, опубліковані видавцем (перевірено під час додавання)",
        "en": "keys the issuer published (checked when added)",
        "pl": "klucze opublikowane przez wystawcę (sprawdzone przy dodaniu)",
        "de": "vom Aussteller veröffentlichte Schlüssel (beim Hinzufügen geprüft)",
    },
    "did": {
        "uk": "ідентифікатор DID зі списку довірених",
        "en": "a DID on the trust list",
        "pl": "identyfikator DID z listy zaufanych",
        "de": "eine DID aus der Vertrauensliste",
    },
    "x5c": {
        "uk": "ланцюжок сертифікатів до {anchor}",
        "en": "certificate chain to {anchor}",
        "pl": "łańcuch certyfikatów do {anchor}",
        "de": "Zertifikatskette bis {anchor}",
    },
}

#: countries a certificate names (ISO 3166-1 alpha-2), in words
COUNTRIES: Final[dict[str, dict[str, str]]] = {
    "UA": {"uk": "Україна", "en": "Ukraine", "pl": "Ukraina", "de": "Ukraine"},
    "PL": {"uk": "Польща", "en": "Poland", "pl": "Polska", "de": "Polen"},
    "DE": {"uk": "Німеччина", "en": "Germany", "pl": "Niemcy", "de": "Deutschland"},
    "CZ": {"uk": "Чехія", "en": "Czechia", "pl": "Czechy", "de": "Tschechien"},
    "SK": {"uk": "Словаччина", "en": "Slovakia", "pl": "Słowacja", "de": "Slowakei"},
    "RO": {"uk": "Румунія", "en": "Romania", "pl": "Rumunia", "de": "Rumänien"},
    "MD": {"uk": "Молдова", "en": "Moldova", "pl": "Mołdawia", "de": "Moldau"},
    "HU": {"uk": "Угорщина", "en": "Hungary", "pl": "Węgry", "de": "Ungarn"},
    "LT": {"uk": "Литва", "en": "Lithuania", "pl": "Litwa", "de": "Litauen"},
    "AT": {"uk": "Австрія", "en": "Austria", "pl": "Austria", "de": "Österreich"},
    "FR": {"uk": "Франція", "en": "France", "pl": "Francja", "de": "Frankreich"},
    "IT": {"uk": "Італія", "en": "Italy", "pl": "Włochy", "de": "Italien"},
    "ES": {"uk": "Іспанія", "en": "Spain", "pl": "Hiszpania", "de": "Spanien"},
    "NL": {"uk": "Нідерланди", "en": "Netherlands", "pl": "Holandia", "de": "Niederlande"},
    "EU": {"uk": "Європейський Союз", "en": "European Union", "pl": "Unia Europejska",
           "de": "Europäische Union"},
}  # fmt: skip


# --- the trust page (issuers with keys, certificate authorities, DID issuers) ---------------
#: the trust page's words, read by :func:`word` like :data:`WORDS` ({minutes}, {date})
TRUST_PAGE: Final[dict[str, dict[str, str]]] = {
    "trust_issuers": {
        "uk": "Видавці з власними ключами",
        "en": "Issuers with their own keys",
        "pl": "Wystawcy z własnymi kluczami",
        "de": "Aussteller mit eigenen Schlüsseln",
    },
    "trust_anchors": {
        "uk": "Центри сертифікації",
        "en": "Certificate authorities",
        "pl": "Urzędy certyfikacji",
        "de": "Zertifizierungsstellen",
    },
    "trust_dids": {
        "uk": "Видавці з ідентифікатором DID",
        "en": "Issuers identified by a DID",
        "pl": "Wystawcy z identyfikatorem DID",
        "de": "Aussteller mit einer DID",
    },
    "trust_none": {
        "uk": "Немає жодного.",
        "en": "None yet.",
        "pl": "Jeszcze żadnych.",
        "de": "Noch keine.",
    },
    "trust_documents": {
        "uk": "Може підтверджувати",
        "en": "May vouch for",
        "pl": "Może poświadczać",
        "de": "Darf bestätigen",
    },
    "trust_valid_until": {
        "uk": "Дійсний до",
        "en": "Valid until",
        "pl": "Ważny do",
        "de": "Gültig bis",
    },
    "trust_expired": {
        "uk": "Строк дії минув {date}: документи з ним не перевіряться",
        "en": "Expired on {date}: documents under it will not verify",
        "pl": "Wygasł {date}: dokumenty z nim nie zostaną potwierdzone",
        "de": "Abgelaufen am {date}: Dokumente darunter werden nicht bestätigt",
    },
    "trust_fingerprint": {
        "uk": "Відбиток",
        "en": "Fingerprint",
        "pl": "Odcisk",
        "de": "Fingerabdruck",
    },
    "trust_source": {"uk": "Джерело", "en": "Source", "pl": "Źródło", "de": "Quelle"},
    "source_bundle": {
        "uk": "підписаний список довіри",
        "en": "the signed trust list",
        "pl": "podpisana lista zaufania",
        "de": "die signierte Vertrauensliste",
    },
    "source_file": {"uk": "файл", "en": "a file", "pl": "plik", "de": "eine Datei"},
    "source_url": {
        "uk": "сайт видавця",
        "en": "the issuer's website",
        "pl": "strona wystawcy",
        "de": "die Website des Ausstellers",
    },
    "source_did": {
        "uk": "додано вручну",
        "en": "added by hand",
        "pl": "dodany ręcznie",
        "de": "von Hand hinzugefügt",
    },
    "type_unnamed": {
        "uk": "документ без назви",
        "en": "a document without a name",
        "pl": "dokument bez nazwy",
        "de": "ein Dokument ohne Namen",
    },
    "issuer_unnamed": {
        "uk": "видавець без назви",
        "en": "an issuer without a name",
        "pl": "wystawca bez nazwy",
        "de": "ein Aussteller ohne Namen",
    },
    "status_fetched": {
        "uk": "Список відкликань отримано {minutes} хв тому",
        "en": "Revocation list fetched {minutes} min ago",
        "pl": "Lista unieważnień pobrana {minutes} min temu",
        "de": "Widerrufsliste vor {minutes} Min. abgerufen",
    },
    "status_never": {
        "uk": "Список відкликань ще не отримано",
        "en": "Revocation list not fetched yet",
        "pl": "Lista unieważnień jeszcze nie pobrana",
        "de": "Widerrufsliste noch nicht abgerufen",
    },
}
# --- end of the trust page's words ----------------------------------------------------------


def _pick(entry: dict[str, str] | None, lang: str) -> str | None:
    return None if entry is None else entry.get(lang) or entry.get(DEFAULT_LANGUAGE)


def verdict_word(verdict: str, lang: str) -> str:
    return _pick(VERDICTS.get(verdict), lang) or verdict


def check_name(name: str, lang: str) -> str:
    return _pick(CHECK_NAMES.get(name), lang) or name


def word(key: str, lang: str, **values: object) -> str:
    """One of :data:`WORDS` or :data:`TRUST_PAGE` in ``lang``, ``{placeholders}`` filled in."""
    return (_pick(WORDS.get(key) or TRUST_PAGE.get(key), lang) or key).format(**values)


def headline(key: str, lang: str, age: int | None = None) -> str:
    """The banner's words: a verdict, or an answer (``under_age``, ``not_enough_data``...)."""
    return (_pick(HEADLINES.get(key), lang) or verdict_word(key, lang)).format(age=age)


def advice(key: str, lang: str, **values: object) -> str:
    """What a genuine document's answer means, and what to do (:data:`ADVICE`)."""
    return (_pick(ADVICE.get(key), lang) or "").format(**values)


def reason(check: str, code: str, verdict: str, lang: str) -> str:
    """Why ``check`` failed, in plain words with the next step (by code, verdict, check)."""
    keys = (f"{check}:{code}", f"{check}:{verdict}", check, "")
    return next(_pick(REASONS[k], lang) or "" for k in keys if k in REASONS)


def warning(text: str, lang: str, time: str) -> str:
    """A check's warning in ``lang``: the first known phrase in it decides the words."""
    key = next(k for k in WARNINGS if k in text)
    return (_pick(WARNINGS[key], lang) or text).format(time=time)


def claim_label(name: str, lang: str) -> str | None:
    """Posvid's own label of a well-known claim, or None (:mod:`posvid.common.wording`)."""
    return wording.claim_label(name, lang)


def date_words(day: dt.date, lang: str) -> str:
    """A date as ``lang`` writes it: ``15 Mar 1990``, ``15.03.1990``."""
    return wording.date_words(day, lang)


def time_words(moment: dt.datetime, lang: str) -> str:
    """A UTC time as ``lang`` writes it, to the minute."""
    return f"{wording.time_words(moment, lang, dt.UTC)} UTC"


def trust_path(alg: str, path: str, anchor: str | None, lang: str) -> str:
    """The signature's algorithm and the trust path that vouched for its key, in words."""
    words = (_pick(TRUST_PATHS.get(path), lang) or path).format(anchor=anchor or "?")
    return f"{alg} · {words}"


def country(code: str | None, lang: str) -> str | None:
    """A two-letter country code in words (else the code as it is)."""
    if not code:
        return None
    return _pick(COUNTRIES.get(code.upper()), lang) or code
