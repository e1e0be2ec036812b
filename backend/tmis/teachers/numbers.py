"""National teacher numbers (全国教师编号, DOMAIN.md decision 3): 16 characters, opaque, never reused.

PP YYYY NNNNNNNNN C
PP   two-digit code of the province that first registered the teacher (00: organisations under the Ministry)
YYYY year of registration
N…   9-digit sequence, one PostgreSQL sequence per PP (teacher_no_seq_PP), so numbers never repeat
C    ISO 7064 MOD 11-2 check character (0-9 or X), as in GB 11643
"""

from __future__ import annotations

import re

from django.db import connection

from tmis.core.check_digits import iso7064_mod11_2

NUMBER = re.compile(r"^(\d{2})(\d{4})(\d{9})([\dX])$")
SEQUENCE_LIMIT = 999_999_999


def sequence_name(prefix: str) -> str:
    if not re.fullmatch(r"\d{2}", prefix):
        raise ValueError(f"province prefix must be two digits, not {prefix!r}")
    return f"teacher_no_seq_{prefix}"


def format_number(prefix: str, year: int, serial: int) -> str:
    if not 0 < serial <= SEQUENCE_LIMIT:
        raise ValueError("serial out of range")
    body = f"{prefix}{year:04d}{serial:09d}"
    return body + iso7064_mod11_2(body)


def is_valid(number: str) -> bool:
    match = NUMBER.match(number)
    return bool(match) and iso7064_mod11_2(number[:15]) == number[15]


def allocate(*, prefix: str, year: int) -> str:
    """The next number for a province prefix and year (one nextval: safe under concurrency, never reused)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [sequence_name(prefix)])
        (serial,) = cursor.fetchone()
    return format_number(prefix, year, serial)


def allocate_many(*, prefix: str, year: int, count: int) -> list[str]:
    """`count` numbers in one round trip (bulk loads and imports)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [sequence_name(prefix), count])
        return [format_number(prefix, year, serial) for (serial,) in cursor.fetchall()]
