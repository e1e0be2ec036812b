"""A province's rotation rules (DOMAIN decision 7) and the arithmetic that needs no database: who is near
retirement, the year's reference date, the targets of a number of eligible teachers. The set-based selection of the
eligible is `eligibility.py`, which reads the same `Rules`."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from tmis.catalog.selectors import choosable_codes
from tmis.core.errors import field_error

from .models import RotationRules

#: 任教学段 of compulsory education: 小学, 普通初中, 职业初中.
COMPULSORY_STAGES = ["2", "3", "5"]
#: 办学类型 of compulsory education, for a teacher with no 教育教学 record yet: 小学 (211, 218, 219), 初中 (311, 312,
#: 319, 321, 329) and the through schools that hold a junior section (341 完全中学, 345 十二年一贯制).
COMPULSORY_SCHOOL_TYPES = ["211", "218", "219", "311", "312", "319", "321", "329", "341", "345"]
MALE, FEMALE = "1", "2"


@dataclass(frozen=True)
class Rules:
    """The rules in force in a province (`version` 0: the national defaults)."""

    min_years: int = 6
    retirement_window_years: int = 5
    retirement_age_male: int = 60
    retirement_age_female: int = 55
    target_share: Decimal = Decimal("0.10")
    backbone_share: Decimal = Decimal("0.20")
    stages: list[str] = field(default_factory=lambda: list(COMPULSORY_STAGES))
    version: int = 0
    note: str = ""

    @staticmethod
    def reference_date(year: int) -> dt.date:
        """Eligibility is judged on 1 September of the plan's year, when the school year and its rotations start."""
        return dt.date(year, 9, 1)

    def latest_entry_month(self, year: int) -> str:
        """The latest 进本校年月 with `min_years` full years at the school on the reference date: 2026 → 2020-09."""
        return f"{year - self.min_years:04d}-09"

    def retirement_age(self, gender: str) -> int:
        return self.retirement_age_female if gender == FEMALE else self.retirement_age_male

    def born_before_is_near_retirement(self, year: int, gender: str) -> dt.date:
        """Born before this date: retires within `retirement_window_years` of the reference date (not eligible).
        2026, men at 60, window 5 → born before 1971-09-01."""
        reference = self.reference_date(year)
        return reference.replace(year=reference.year - self.retirement_age(gender) + self.retirement_window_years)

    def targets(self, eligible: int) -> tuple[int, int]:
        """(teachers to rotate, of whom backbone teachers) for a number of eligible teachers, rounded up: 105
        eligible at 10 % and 20 % → (11, 3)."""
        total = math.ceil(Decimal(eligible) * self.target_share - Decimal("1e-9")) if eligible else 0
        backbone = math.ceil(Decimal(total) * self.backbone_share - Decimal("1e-9")) if total else 0
        return max(total, 0), max(backbone, 0)

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in (*_STORED, "version")}


DEFAULTS = Rules()

_STORED = (
    "min_years",
    "retirement_window_years",
    "retirement_age_male",
    "retirement_age_female",
    "target_share",
    "backbone_share",
    "stages",
    "note",
)


def rules_from(row: RotationRules) -> Rules:
    return Rules(version=row.version, **{name: getattr(row, name) for name in _STORED})


def rules_for(province_code: str) -> Rules:
    """The rules in force in a province: its highest version, or the national defaults."""
    row = RotationRules.objects.filter(province__code=province_code).order_by("-version").first()
    return rules_from(row) if row is not None else DEFAULTS


def check_rules(data: dict[str, Any]) -> None:
    """What a serializer cannot say alone: the stages are 任教学段 codes, the retirement window below the ages."""
    known = set(choosable_codes("teaching-stage"))
    stages = data.get("stages") or []
    if not stages or any(code not in known for code in stages):
        raise field_error("stages", "invalid_choice", _("Choose the teaching stages of compulsory education."))
    youngest = min(data["retirement_age_male"], data["retirement_age_female"])
    if data["retirement_window_years"] >= youngest - 18:
        raise field_error(
            "retirement_window_years", "invalid", _("The window before retirement must be shorter than a career.")
        )
