"""School attribute code lists vendored with the organisation app (JY/T 1001; see data/README.md).

The catalogue app owns the full national code tables; organisations sit below it in the layering and
only need these four short lists to validate a school's attributes.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from .models import SchoolStage

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def _load(filename: str) -> dict[str, str]:
    with (DATA_DIR / filename).open(encoding="utf-8") as handle:
        return {row["dm"]: row["mc"] for row in csv.DictReader(handle)}


def school_types() -> dict[str, str]:
    """办学类型: only the three-digit leaf codes (e.g. 211 小学) are assignable to a school."""
    return {code: name for code, name in _load("school-operation-type.csv").items() if len(code) == 3}


def sponsors() -> dict[str, str]:
    """学校办别 (11 教育部门和集体办, 21 公办, 22 民办 …); group headings 10/20 are not assignable."""
    return {code: name for code, name in _load("school-sponsor-k12.csv").items() if code not in {"10", "20"}}


def affiliations() -> dict[str, str]:
    """举办者 (811 省级教育部门 … 999 民办); the grouping rows with a slash are not assignable."""
    return {code: name for code, name in _load("school-sponsor.csv").items() if code.isdigit()}


def urban_rural_types() -> dict[str, str]:
    """城乡分类: three-digit leaves (111 主城区 … 220 村庄)."""
    return {code: name for code, name in _load("urban-rural-type.csv").items() if len(code) == 3}


SCHOOL_CATEGORY_PREFIXES = {"11", "21", "22", "31", "32", "33", "34", "35", "36", "37", "41", "42", "51"} | {
    "91",
    "92",
    "93",
}


def stage_for_school_type(school_type: str) -> str:
    """The catalogue's school kind for a 办学类型 code."""
    if school_type.startswith("11"):
        return SchoolStage.KINDERGARTEN
    if school_type.startswith("36") or school_type.startswith("93"):
        return SchoolStage.SECONDARY_VOCATIONAL
    if school_type.startswith("5"):
        return SchoolStage.SPECIAL
    if school_type.startswith("4") or school_type.startswith("91") or school_type.startswith("92"):
        return SchoolStage.HIGHER
    return SchoolStage.PRIMARY_SECONDARY
