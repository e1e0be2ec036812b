"""ID documents by type (JY/T 1001 身份证件类型): normalisation and the rules each type's numbers follow."""

from __future__ import annotations

import re
import unicodedata

from tmis.core import idnumbers
from tmis.core.check_digits import hkid_check

RESIDENT_ID = "1"
# GB/T 2260 province-level prefixes (incl. 71 Taiwan, 81 Hong Kong, 82 Macao on resident IDs of those residents).
PROVINCE_PREFIXES = {
    "11",
    "12",
    "13",
    "14",
    "15",
    "21",
    "22",
    "23",
    "31",
    "32",
    "33",
    "34",
    "35",
    "36",
    "37",
    "41",
    "42",
    "43",
    "44",
    "45",
    "46",
    "50",
    "51",
    "52",
    "53",
    "54",
    "61",
    "62",
    "63",
    "64",
    "65",
    "71",
    "81",
    "82",
}
PATTERNS = {
    "6": re.compile(r"^[A-Z]{1,2}\d{6}\(?[0-9A]\)?$|^[HM]\d{8}(\d{2})?$"),  # 香港身份证 / 回乡证
    "7": re.compile(r"^[157]\d{6}\(?\d\)?$|^[HM]\d{8}(\d{2})?$"),  # 澳门身份证 / 回乡证
    "8": re.compile(r"^\d{8}(\d{2})?$"),  # 台湾居民来往大陆通行证
    "9": re.compile(r"^[A-Z]{3}\d{12}$|^9\d{16}[\dX]$"),  # 境外永久居住证 (old 15 / new 18 characters)
    "A": re.compile(r"^[A-Z0-9]{5,17}$"),  # 护照
    "C": re.compile(r"^[HM]\d{8}(\d{2})?$"),  # 港澳居民来往内地通行证
    "D": re.compile(r"^[A-Z]{3}\d{12}$|^9\d{16}[\dX]$"),  # 外国人永久居留身份证
}
OTHER = re.compile(r"^[A-Z0-9()\-]{4,30}$")


def normalise(number: str) -> str:
    """Full-width to half-width, no spaces, upper case (a lower-case x becomes X)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", number)).upper()


def problem(id_type: str, number: str) -> str | None:
    """A machine code when the number cannot be a document of that type, else None."""
    if id_type == RESIDENT_ID:
        found = idnumbers.problem(number)
        if found is None and number[:2] not in PROVINCE_PREFIXES:
            return "id_region"
        return found
    pattern = PATTERNS.get(id_type, OTHER)
    if not pattern.match(number):
        return "id_format"
    return _check_character_problem(id_type, number)


_HKID = re.compile(r"^([A-Z]{1,2})(\d{6})\(?([0-9A])\)?$")


def _check_character_problem(id_type: str, number: str) -> str | None:
    """Documents that carry a check character: the 2023 permanent residence card (18 characters, GB 11643's
    MOD 11-2 over the first 17) and the Hong Kong identity card."""
    if id_type in {"9", "D"} and len(number) == 18 and idnumbers.check_char(number[:17]) != number[17]:
        return "id_checksum"
    if id_type == "6" and (match := _HKID.match(number)) and hkid_check(match[1], match[2]) != match[3]:
        return "id_checksum"
    return None
