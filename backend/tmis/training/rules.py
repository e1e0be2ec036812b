"""A province's training rules (DOMAIN decision 6) and the arithmetic that needs no database: cycles, credits, the
requirement of a teacher. The set-based counting over many teachers is `standings.py`, which reads the same
`Rules`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from tmis.catalog.selectors import choosable_codes
from tmis.core.errors import field_error

from .models import ClaimKind, TrainingRules

#: 培训类别 (code table `training-category`) of a programme run at each organisation level.
LEVEL_OF_ORGANISATION = {"central": "1", "province": "2", "city": "3", "county": "4", "school": "5"}
SCHOOL_BASED_LEVEL, OTHER_LEVEL = "5", "9"
SCHOOL_BASED_FORM, OTHER_FORM = "4", "9"
#: The levels "at county level or above" (国家级, 省级, 地市级, 县级).
COUNTY_OR_ABOVE = ["1", "2", "3", "4"]


@dataclass(frozen=True)
class Rules:
    """The rules in force in a province (`version` 0: the national defaults, never changed by the province)."""

    cycle_start_year: int = 2021
    cycle_years: int = 5
    required_hours: int = 360
    new_teacher_hours: int = 120
    hours_per_credit: Decimal = Decimal("10")
    credit_ratios: dict[str, str] = field(default_factory=dict)
    quotas: list[dict[str, Any]] = field(default_factory=list)
    yearly_caps: dict[str, int] = field(default_factory=dict)
    version: int = 0
    note: str = ""

    def cycle_of(self, year: int) -> tuple[int, int]:
        """The (first, last) year of the cycle holding `year`: 2025 → (2021, 2025), 2026 → (2026, 2030)."""
        start = self.cycle_start_year + ((year - self.cycle_start_year) // self.cycle_years) * self.cycle_years
        return start, start + self.cycle_years - 1

    def ratio(self, form: str) -> Decimal:
        """学时 per 学分 of a 培训方式 (its own ratio, else the province's default)."""
        return Decimal(str(self.credit_ratios.get(form, self.hours_per_credit)))

    def credits(self, hours: int, form: str) -> Decimal:
        """学分 of `hours` 学时 of a form, to two decimals (15 h at 10 h per credit → 1.50)."""
        return (Decimal(hours) / self.ratio(form)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def required_for(self, *, cycle_start: int, work_start_year: int | None) -> int:
        """学时 a teacher must earn in a cycle. A teacher who started work within it owes the new-teacher hours of the
        first year plus the cycle's hours pro rata for the cycle's years after that year, never more than the
        cycle's: starting in 2030 (the last year of 2026–2030) → 120; in 2028 → 120 + 360 × 2/5 = 264."""
        last = cycle_start + self.cycle_years - 1
        if work_start_year is None or not cycle_start <= work_start_year <= last:
            return self.required_hours
        later = Decimal(self.required_hours * (last - work_start_year)) / self.cycle_years
        return min(self.required_hours, self.new_teacher_hours + int(later.quantize(0, rounding=ROUND_HALF_UP)))

    def pace(self, cycle_start: int, on: dt.date) -> Decimal:
        """The share of the cycle gone by on a day, 0 … 1 (on track = counted ≥ required × pace)."""
        first = dt.date(cycle_start, 1, 1)
        end = dt.date(cycle_start + self.cycle_years, 1, 1)
        if on <= first:
            return Decimal(0)
        if on >= end:
            return Decimal(1)
        return Decimal((on - first).days) / Decimal((end - first).days)

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "cycle_start_year": self.cycle_start_year,
            "cycle_years": self.cycle_years,
            "required_hours": self.required_hours,
            "new_teacher_hours": self.new_teacher_hours,
            "hours_per_credit": self.hours_per_credit,
            "credit_ratios": dict(self.credit_ratios),
            "quotas": list(self.quotas),
            "yearly_caps": dict(self.yearly_caps),
            "note": self.note,
        }


DEFAULTS = Rules()

_STORED = (
    "cycle_start_year",
    "cycle_years",
    "required_hours",
    "new_teacher_hours",
    "hours_per_credit",
    "credit_ratios",
    "quotas",
    "yearly_caps",
    "note",
)


def rules_from(row: TrainingRules) -> Rules:
    return Rules(version=row.version, **{name: getattr(row, name) for name in _STORED})


def rules_for(province_code: str) -> Rules:
    """The rules in force in a province: its highest version, or the national defaults."""
    row = TrainingRules.objects.filter(province__code=province_code).order_by("-version").first()
    return rules_from(row) if row is not None else DEFAULTS


def parse_cycle(text: str, rules: Rules) -> tuple[int, int]:
    """`2026-2030` (or one year of it) → the cycle's (first, last) year; 400 naming `cycle` otherwise."""
    parts = [part.strip() for part in (text or "").replace("–", "-").split("-") if part.strip()]
    if not parts or not all(part.isdigit() and len(part) == 4 for part in parts) or len(parts) > 2:
        raise field_error("cycle", "invalid", _("Give the cycle as its years, e.g. 2026-2030."))
    start, last = rules.cycle_of(int(parts[0]))
    if int(parts[0]) != start or (len(parts) == 2 and int(parts[1]) != last):
        raise field_error(
            "cycle",
            "invalid",
            _("%(text)s is not a cycle of these rules; the cycle of %(year)s is %(start)s-%(last)s.")
            % {"text": text, "year": parts[0], "start": start, "last": last},
        )
    return start, last


def check_rules(data: dict[str, Any]) -> None:
    """What a serializer cannot say alone: the quotas' shares and levels, the caps' kinds, the ratios' forms."""
    levels, forms = set(choosable_codes("training-category")), set(choosable_codes("training-form"))
    for index, quota in enumerate(data.get("quotas") or []):
        share = quota.get("min_share")
        if not isinstance(share, int | float | str) or not 0 < float(share) <= 1:
            raise field_error(f"quotas.{index}.min_share", "invalid", _("Give a share above 0 and at most 1."))
        unknown = [code for code in quota.get("levels") or [] if code not in levels]
        if not quota.get("levels") or unknown:
            raise field_error(f"quotas.{index}.levels", "invalid_choice", _("Choose training categories."))
    for kind, cap in (data.get("yearly_caps") or {}).items():
        if kind not in ClaimKind.values:
            raise field_error("yearly_caps", "invalid_choice", _("Unknown claim kind: %(kind)s.") % {"kind": kind})
        if not isinstance(cap, int) or cap < 0:
            raise field_error("yearly_caps", "invalid", _("A cap is a whole number of hours."))
    for form, ratio in (data.get("credit_ratios") or {}).items():
        if form not in forms:
            raise field_error("credit_ratios", "invalid_choice", _("Unknown training form: %(form)s.") % {"form": form})
        if Decimal(str(ratio)) <= 0:
            raise field_error("credit_ratios", "invalid", _("A ratio is a number of hours above 0."))
