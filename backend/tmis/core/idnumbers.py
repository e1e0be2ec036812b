"""Mainland resident ID numbers (GB 11643-1999): 6-digit region + 8-digit birth date + 3-digit sequence
(odd = male) + ISO 7064 MOD 11-2 check character."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .check_digits import iso7064_mod11_2

_SHAPE = re.compile(r"^\d{17}[\dX]$")
EARLIEST_BIRTH = dt.date(1900, 1, 1)


def normalise(value: str) -> str:
    return value.strip().upper()


def check_char(first17: str) -> str:
    return iso7064_mod11_2(first17)


@lru_cache(maxsize=256)  # a row's number is checked by the catalogue validator and again as key information
def problem(value: str) -> str | None:
    """None when the number is well formed; otherwise a machine code: id_format, id_checksum, id_birth_date."""
    number = normalise(value)
    if not _SHAPE.match(number):
        return "id_format"
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "id_birth_date"
    if not EARLIEST_BIRTH <= born <= dt.date.today():
        return "id_birth_date"
    if check_char(number[:17]) != number[17]:
        return "id_checksum"
    return None


def birth_date(value: str) -> dt.date:
    number = normalise(value)
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def gender_code(value: str) -> str:
    """GB/T 2261.1 code: 1 male (odd sequence), 2 female."""
    return "1" if int(normalise(value)[16]) % 2 else "2"
