"""Display names of claims in Ukrainian and English (served in SD-JWT VC type metadata)."""

from __future__ import annotations

from typing import Final

CLAIM_LABELS: Final[dict[str, tuple[str, str]]] = {
    "family_name": ("Прізвище", "Surname"),
    "given_name": ("Ім'я", "Given name"),
    "patronymic": ("По батькові", "Patronymic"),
    "family_name_latin": ("Прізвище латиницею", "Surname (Latin)"),
    "given_name_latin": ("Ім'я латиницею", "Given name (Latin)"),
    "birth_date": ("Дата народження", "Date of birth"),
    "birth_place": ("Місце народження", "Place of birth"),
    "sex": ("Стать", "Sex"),
    "nationality": ("Громадянство", "Nationality"),
    "document_number": ("Номер документа", "Document number"),
    "record_number": ("Запис № (УНЗР)", "Record No. (UNZR)"),
    "tax_number": ("РНОКПП", "Taxpayer number (RNOKPP)"),
    "issuing_authority": ("Орган, що видав", "Issuing authority"),
    "issue_date": ("Дата видачі", "Date of issue"),
    "expiry_date": ("Дійсний до", "Date of expiry"),
    "portrait": ("Фото", "Portrait"),
    "age_equal_or_over": ("Вік не менше", "Age at least"),
    "driving_privileges": ("Категорії", "Categories"),
    "certificate_number": ("Номер довідки", "Certificate number"),
    "registration_date": ("Дата взяття на облік", "Registration date"),
    "previous_address": ("Попереднє місце проживання", "Previous address"),
    "current_address": ("Фактичне місце проживання", "Current address"),
    "family_members": ("Члени сім'ї", "Family members"),
    "series": ("Серія", "Series"),
    "mother": ("Мати", "Mother"),
    "father": ("Батько", "Father"),
    "institution": ("Заклад освіти", "Institution"),
    "faculty": ("Факультет", "Faculty"),
    "study_form": ("Форма навчання", "Form of study"),
    "valid_until": ("Дійсний до", "Valid until"),
}
