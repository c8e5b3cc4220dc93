"""Format, check-digit and consistency rules of Ukrainian documents (see shared design notes).

Each rule raises :class:`~issuer.errors.InvalidDocument` with the field at fault and a stable
``reason`` (made by :func:`invalid`); :class:`Checks` runs the rules of a whole form and keeps
every problem, so a clerk hears of all of them at once.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any, Final, ParamSpec, TypeVar

from ..errors import InvalidDocument

_EPOCH_1899: Final = dt.date(1899, 12, 31)
_TAX_WEIGHTS: Final = (-1, 5, 7, 9, 4, 6, 10, 5, 7)
DRIVING_CATEGORIES: Final = frozenset(
    {"A1", "A", "B1", "B", "C1", "C", "D1", "D", "BE", "C1E", "CE", "D1E", "DE", "T"}
)
_CYRILLIC_NAME: Final = re.compile(r"[А-ЩЬЮЯЄІЇҐа-щьюяєіїґ'’ʼ -]{1,60}")
_LATIN_NAME: Final = re.compile(r"[A-Za-z' -]{1,60}")
_LATIN_LETTER: Final = re.compile(r"[A-Za-z]")
#: capital Latin letters that look like Cyrillic ones, and back: a number typed with the
#: keyboard in the other language is stored as one form, so a duplicate is still caught
TO_CYRILLIC: Final = str.maketrans("ABCEHIKMOPTX", "АВСЕНІКМОРТХ")
TO_LATIN: Final = str.maketrans("АВСЕНІКМОРТХ", "ABCEHIKMOPTX")
#: the youngest age at which a driving category is granted (A1 and A1-class mopeds)
DRIVING_AGE: Final = 16
_P = ParamSpec("_P")
_T = TypeVar("_T")


def invalid(field: str, reason: str, message: str, **params: str) -> InvalidDocument:
    """The error of one broken rule: English ``message`` for the API, ``reason`` for words."""
    error = InvalidDocument(message, field=field)
    error.reason = reason
    error.params = params
    return error


class Checks:
    """Runs a form's rules one by one and keeps every problem (:meth:`done` raises them).

    A rule that fails gives ``None`` in place of its value, so what depends on it is skipped;
    ``prefix`` names where nested fields sit (``driving_privileges.0.``).
    """

    def __init__(self, prefix: str = "", problems: list[InvalidDocument] | None = None) -> None:
        self.prefix = prefix
        self.problems: list[InvalidDocument] = [] if problems is None else problems

    def __call__(self, rule: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs) -> _T | None:
        try:
            return rule(*args, **kwargs)
        except InvalidDocument as error:
            self.add(error)
            return None

    def add(self, error: InvalidDocument) -> None:
        """Keep ``error`` (every problem it carries), its field under this prefix."""
        for problem in error.problems or (error,):
            if self.prefix:
                problem.field = self.prefix + (problem.field or "")
            self.problems.append(problem)

    def nested(self, prefix: str) -> Checks:
        """Checks of the fields under ``prefix``, whose problems are kept here too."""
        return Checks(self.prefix + prefix, self.problems)

    def failed(self, *fields: str) -> bool:
        """Whether a problem was found in one of ``fields`` (or any, with none named)."""
        names = {self.prefix + f for f in fields}
        return any(not fields or p.field in names for p in self.problems)

    def done(self) -> None:
        """Raise the first problem, carrying every one, if any was found."""
        if self.problems:
            first = self.problems[0]
            error = invalid(first.field or "", first.reason, first.message, **first.params)
            error.problems = tuple(self.problems)
            raise error


def _printable(value: str) -> bool:
    """No control character (a line break neither), lone surrogate or unassigned code point."""
    return not any(unicodedata.category(c) in ("Cc", "Cs", "Cn") for c in value)


def text(
    data: Mapping[str, Any],
    name: str,
    *,
    pattern: str | None = None,
    max_len: int = 200,
    required: bool = True,
) -> str | None:
    """A string field, stripped, optionally matching ``pattern`` (whole string)."""
    value = data.get(name)
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        if required:
            raise invalid(name, "required", "is required")
        return None
    if not isinstance(value, str):
        raise invalid(name, "not_text", "must be text")
    if len(value) > max_len:
        raise invalid(name, "too_long", f"is longer than {max_len} characters", max=str(max_len))
    if not _printable(value):
        raise invalid(name, "characters", "holds control or invalid characters")
    if pattern is not None and not re.fullmatch(pattern, value):
        raise invalid(name, "format", "has the wrong format")
    return value


def required_text(data: Mapping[str, Any], name: str, **kwargs: Any) -> str:
    """Like :func:`text` but never ``None``."""
    value = text(data, name, required=True, **kwargs)
    assert value is not None  # noqa: S101 - required=True raises instead
    return value


def date(data: Mapping[str, Any], name: str, *, required: bool = True) -> dt.date | None:
    """An ISO date field (YYYY-MM-DD)."""
    value = text(data, name, required=required)
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise invalid(name, "date_format", "has the wrong format")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise invalid(name, "not_a_date", "is not a real date") from None


def required_date(data: Mapping[str, Any], name: str) -> dt.date:
    """Like :func:`date` but never ``None``."""
    value = date(data, name)
    assert value is not None  # noqa: S101 - required dates raise instead
    return value


def cyrillic_name(data: Mapping[str, Any], name: str, *, required: bool = True) -> str | None:
    """A name in Ukrainian Cyrillic."""
    value = text(data, name, required=required, max_len=60)
    if value is not None and not _CYRILLIC_NAME.fullmatch(value):
        raise invalid(name, "cyrillic", "must be written in Ukrainian Cyrillic")
    return value


def cyrillic_text(data: Mapping[str, Any], name: str, *, max_len: int = 120) -> str:
    """A required text in Ukrainian (an address): Latin letters are refused as in names."""
    value = required_text(data, name, max_len=max_len)
    if _LATIN_LETTER.search(value):
        raise invalid(name, "cyrillic", "must be written in Ukrainian Cyrillic")
    return value


def cyrillic_code(data: Mapping[str, Any], name: str, pattern: str) -> str:
    """A number with Cyrillic capital letters (``ВХА123456``), the Latin look-alikes typed
    instead (``BXA123456``) read as the Cyrillic ones."""
    return _code(data, name, pattern, TO_CYRILLIC)


def latin_code(data: Mapping[str, Any], name: str, pattern: str) -> str:
    """A number with Latin capital letters (``FX123456``), Cyrillic look-alikes read as Latin."""
    return _code(data, name, pattern, TO_LATIN)


def _code(data: Mapping[str, Any], name: str, pattern: str, table: dict[int, int]) -> str:
    value = required_text(data, name, max_len=40).translate(table)
    if not re.fullmatch(pattern, value):
        raise invalid(name, "format", "has the wrong format")
    return value


def not_future(day: dt.date | None, today: dt.date, name: str) -> None:
    """A date that has come (an issue, a registration, a birth)."""
    if day is not None and day > today:
        raise invalid(name, "future_date", "is in the future")


def still_valid(day: dt.date | None, today: dt.date, name: str) -> None:
    """An expiry that has not passed: an expired document is not enrolled."""
    if day is not None and day < today:
        raise invalid(name, "expired", "has passed: the document is no longer valid")


def latin_name(data: Mapping[str, Any], name: str) -> str | None:
    """An optional name in Latin letters (as printed in a passport)."""
    value = text(data, name, required=False, max_len=60)
    if value is not None and not _LATIN_NAME.fullmatch(value):
        raise invalid(name, "latin", "must be written in Latin letters")
    return value


def tax_number_check_digit(first_nine: str) -> int:
    """The 10th digit of an РНОКПП: weighted sum of the first nine, mod 11, mod 10."""
    return sum(int(d) * w for d, w in zip(first_nine, _TAX_WEIGHTS, strict=True)) % 11 % 10


def check_tax_number(tax_number: str, birth_date: dt.date | None, sex: str | None) -> None:
    """РНОКПП: 10 digits; days since 1899-12-31; 9th digit odd for men; check digit.

    Without a birth date or sex (a form that has them wrong too) only what is left is checked.
    """
    if not re.fullmatch(r"\d{10}", tax_number):
        raise invalid("tax_number", "tax_digits", "must be 10 digits")
    if birth_date is not None and int(tax_number[:5]) != (birth_date - _EPOCH_1899).days:
        raise invalid("tax_number", "tax_birth_date", "does not match the birth date")
    if sex is not None and int(tax_number[8]) % 2 != (1 if sex == "M" else 0):
        raise invalid("tax_number", "tax_sex", "its 9th digit does not match the sex")
    if int(tax_number[9]) != tax_number_check_digit(tax_number[:9]):
        raise invalid("tax_number", "tax_check_digit", "the check digit is wrong")


def make_tax_number(birth_date: dt.date, sex: str, serial: int) -> str:
    """A valid РНОКПП for sample data (``serial`` fills digits 6-8)."""
    odd = 1 if sex == "M" else 0
    nine = f"{(birth_date - _EPOCH_1899).days:05d}{serial % 1000:03d}{(serial % 5) * 2 + odd}"
    return nine + str(tax_number_check_digit(nine))


def check_record_number(record_number: str, birth_date: dt.date | None) -> None:
    """УНЗР: ``YYYYMMDD-NNNNN`` whose date is the birth date (when known)."""
    if not re.fullmatch(r"\d{8}-\d{5}", record_number):
        raise invalid("record_number", "record_format", "must look like YYYYMMDD-NNNNN")
    if birth_date is not None and record_number[:8] != birth_date.strftime("%Y%m%d"):
        raise invalid("record_number", "record_birth_date", "does not match the birth date")


def check_dates(
    issue: dt.date | None,
    expiry: dt.date | None,
    birth: dt.date,
    today: dt.date,
    *,
    issue_field: str = "issue_date",
    expiry_field: str = "expiry_date",
) -> None:
    """Issue after birth and not in the future, expiry after issue and not passed."""
    if issue is not None and issue < birth:
        raise invalid(issue_field, "before_birth", "is before the birth date")
    not_future(issue, today, issue_field)
    if issue is not None and expiry is not None and expiry <= issue:
        raise invalid(expiry_field, "expiry_before_issue", "is not after the issue date")
    still_valid(expiry, today, expiry_field)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29 February becomes 28 February)."""
    year = day.year + years
    if (day.month, day.day) == (2, 29) and not calendar.isleap(year):
        return day.replace(year=year, day=28)
    return day.replace(year=year)


def age_on(birth: dt.date, day: dt.date) -> int:
    """Whole years of age on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
