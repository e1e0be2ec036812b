from __future__ import annotations

import itertools

from tmis.core import idnumbers

_serial = itertools.count(1)


def resident_id(birth: str = "19850312", region: str = "620102", male: bool = True) -> str:
    """A valid GB 11643 number (unique per call)."""
    n = next(_serial)
    sequence = (n * 2 + (1 if male else 0)) % 1000
    first17 = f"{region}{birth}{sequence:03d}"
    return first17 + idnumbers.check_char(first17)


def teacher_payload(school: str = "2162010201", **overrides: object) -> dict:
    """Key information of a draft archive (valid; the rest of the catalogue comes back as warnings)."""
    return {
        "school": school,
        "name": "张伟",
        "gender": "1",
        "nationality": "156",
        "id_type": "1",
        "id_number": resident_id(),
        "birth_date": "1985-03-12",
    } | overrides
