"""Format, check-digit and consistency rules of Ukrainian documents (see shared design notes)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, Final

from ..errors import InvalidDocument

_EPOCH_1899: Final = dt.date(1899, 12, 31)
_TAX_WEIGHTS: Final = (-1, 5, 7, 9, 4, 6, 10, 5, 7)
DRIVING_CATEGORIES: Final = frozenset(
    {"A1", "A", "B1", "B", "C1", "C", "D1", "D", "BE", "C1E", "CE", "D1E", "DE", "T"}
)
_CYRILLIC_NAME: Final = re.compile(r"[А-ЩЬЮЯЄІЇҐа-щьюяєіїґ'’ʼ -]{1,60}")
_LATIN_NAME: Final = re.compile(r"[A-Za-z' -]{1,60}")


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
    if value is None or value == "":
        if required:
            raise InvalidDocument("is required", field=name)
        return None
    if not isinstance(value, str):
        raise InvalidDocument("must be text", field=name)
    value = value.strip()
    if len(value) > max_len:
        raise InvalidDocument(f"is longer than {max_len} characters", field=name)
    if pattern is not None and not re.fullmatch(pattern, value):
        raise InvalidDocument("has the wrong format", field=name)
    return value


def required_text(data: Mapping[str, Any], name: str, **kwargs: Any) -> str:
    """Like :func:`text` but never ``None``."""
    value = text(data, name, required=True, **kwargs)
    assert value is not None  # noqa: S101 - required=True raises instead
    return value


def date(data: Mapping[str, Any], name: str, *, required: bool = True) -> dt.date | None:
    """An ISO date field (YYYY-MM-DD)."""
    value = text(data, name, pattern=r"\d{4}-\d{2}-\d{2}", required=required)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidDocument("is not a real date", field=name) from None


def required_date(data: Mapping[str, Any], name: str) -> dt.date:
    """Like :func:`date` but never ``None``."""
    value = date(data, name)
    assert value is not None  # noqa: S101 - required dates raise instead
    return value


def cyrillic_name(data: Mapping[str, Any], name: str, *, required: bool = True) -> str | None:
    """A name in Ukrainian Cyrillic."""
    value = text(data, name, required=required, max_len=60)
    if value is not None and not _CYRILLIC_NAME.fullmatch(value):
        raise InvalidDocument("must be written in Ukrainian Cyrillic", field=name)
    return value


def latin_name(data: Mapping[str, Any], name: str) -> str | None:
    """An optional name in Latin letters (as printed in a passport)."""
    value = text(data, name, required=False, max_len=60)
    if value is not None and not _LATIN_NAME.fullmatch(value):
        raise InvalidDocument("must be written in Latin letters", field=name)
    return value


def tax_number_check_digit(first_nine: str) -> int:
    """The 10th digit of an РНОКПП: weighted sum of the first nine, mod 11, mod 10."""
    return sum(int(d) * w for d, w in zip(first_nine, _TAX_WEIGHTS, strict=True)) % 11 % 10


def check_tax_number(tax_number: str, birth_date: dt.date, sex: str) -> None:
    """РНОКПП: 10 digits; days since 1899-12-31; 9th digit odd for men; check digit."""
    if not re.fullmatch(r"\d{10}", tax_number):
        raise InvalidDocument("must be 10 digits", field="tax_number")
    if int(tax_number[:5]) != (birth_date - _EPOCH_1899).days:
        raise InvalidDocument("does not match the birth date", field="tax_number")
    if int(tax_number[8]) % 2 != (1 if sex == "M" else 0):
        raise InvalidDocument("its 9th digit does not match the sex", field="tax_number")
    if int(tax_number[9]) != tax_number_check_digit(tax_number[:9]):
        raise InvalidDocument("the check digit is wrong", field="tax_number")


def make_tax_number(birth_date: dt.date, sex: str, serial: int) -> str:
    """A valid РНОКПП for sample data (``serial`` fills digits 6-8)."""
    odd = 1 if sex == "M" else 0
    nine = f"{(birth_date - _EPOCH_1899).days:05d}{serial % 1000:03d}{(serial % 5) * 2 + odd}"
    return nine + str(tax_number_check_digit(nine))


def check_record_number(record_number: str, birth_date: dt.date) -> None:
    """УНЗР: ``YYYYMMDD-NNNNN`` whose date is the birth date."""
    if not re.fullmatch(r"\d{8}-\d{5}", record_number):
        raise InvalidDocument("must look like YYYYMMDD-NNNNN", field="record_number")
    if record_number[:8] != birth_date.strftime("%Y%m%d"):
        raise InvalidDocument("does not match the birth date", field="record_number")


def check_dates(issue: dt.date | None, expiry: dt.date | None, birth: dt.date) -> None:
    """Issue after birth, expiry after issue."""
    if issue is not None and issue < birth:
        raise InvalidDocument("is before the birth date", field="issue_date")
    if issue is not None and expiry is not None and expiry <= issue:
        raise InvalidDocument("is not after the issue date", field="expiry_date")


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29 February becomes 28 February)."""
    year = day.year + years
    if (day.month, day.day) == (2, 29) and not calendar.isleap(year):
        return day.replace(year=year, day=28)
    return day.replace(year=year)


def age_on(birth: dt.date, day: dt.date) -> int:
    """Whole years of age on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
