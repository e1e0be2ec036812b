"""One demo teacher's life as the record builders see it, and the small helpers they share."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .data import STAGE_NAMES, SUBJECT_WEIGHTS, SUBJECTS, VOCATIONAL_FIELDS
from .people import SchoolContext


def year_month(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


def month_before(value: str) -> str:
    year, month = int(value[:4]), int(value[5:])
    return year_month(year - 1, 12) if month == 1 else year_month(year, month - 1)


def weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class Life:
    """What one teacher's records are drawn from: the person, the school, and what earlier steps decided (the
    title and grade of the post). `rows` collects the records, group code → rows (model column → value)."""

    rng: random.Random
    person: dict[str, Any]
    ctx: SchoolContext
    duty: str
    today: dt.date
    level: str
    subject: str
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    title: str = ""
    title_month: str = ""
    grade: str = ""

    @classmethod
    def draw(cls, rng: random.Random, person: dict[str, Any], ctx: SchoolContext, duty: str) -> Life:
        """The stage taught (a nine-year school's teachers teach one of two) and the subject, drawn in this order."""
        level = ctx.kind if ctx.kind != "nine_year" else rng.choice(("primary", "junior"))
        subject = weighted(rng, SUBJECT_WEIGHTS[level])
        return cls(rng, person, ctx, duty, dt.date.today(), level, subject)

    @property
    def last_year(self) -> int:
        return self.today.year - 1

    @property
    def born(self) -> int:
        return self.person["birth_date"].year

    @property
    def start(self) -> int:
        return int(self.person["work_start_month"][:4])

    @property
    def entry(self) -> int:
        return int(self.person["school_entry_month"][:4])

    @property
    def major(self) -> str:
        return SUBJECTS[self.subject][0]

    @property
    def courses(self) -> dict[str, str]:
        return SUBJECTS[self.subject][4]

    @property
    def course_category(self) -> str:
        return SUBJECTS[self.subject][5]

    @property
    def professional(self) -> bool:
        return self.subject in VOCATIONAL_FIELDS

    @property
    def stage_name(self) -> str:
        return STAGE_NAMES[self.level]

    @property
    def label(self) -> str:
        return f"{self.stage_name}{self.subject}" if self.level not in {"kindergarten", "special"} else self.stage_name

    @property
    def county_bureau(self) -> str:
        return f"{self.ctx.county}教育局"

    @property
    def city_bureau(self) -> str:
        return f"{self.ctx.city}教育局"

    @property
    def province_bureau(self) -> str:
        return f"{self.ctx.province}教育厅"

    @property
    def leader(self) -> bool:
        return self.duty != "00"

    @property
    def senior_title(self) -> bool:
        return self.title in {"062", "061", "022", "012", "011"}

    def unit_at(self, month: str) -> str:
        """Where the teacher worked in a month."""
        return next(w["work_unit"] for w in reversed(self.rows["work"]) if w["work_start"] <= month)
