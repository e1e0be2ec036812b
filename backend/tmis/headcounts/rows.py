"""The import's file: its columns (学校标识码, 学校名称, 年度, 专任教师数, 教职工数 — the template's headers) and the
check of each row. Every problem names the row, the column as the file heads it, the value and why; a row with a
problem is left out, the others are kept. No writes here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tmis.imports.normalise import clean_text
from tmis.imports.sheet_layout import Sheet

from .models import FIRST_YEAR

SHEET = "统计人数"
CODE, NAME, YEAR, FULLTIME, STAFF = "学校标识码", "学校名称", "年度", "专任教师数", "教职工数"
COLUMNS = (CODE, NAME, YEAR, FULLTIME, STAFF)
REQUIRED = (CODE, YEAR, FULLTIME, STAFF)
#: The problems of one import returned in full; beyond this many only their count (the file has a pattern to fix).
MAX_PROBLEMS = 1000


@dataclass(frozen=True)
class School:
    id: int
    path: str
    level: str


@dataclass
class Checked:
    """The rows of a file, checked: the valid ones as (school id, year) → (row, fulltime, staff), the problems."""

    rows: int = 0
    valid: dict[tuple[int, int], tuple[int, int, int]] = field(default_factory=dict)
    problems: list[dict[str, Any]] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)
    problem_total: int = 0


def column_indexes(sheet: Sheet) -> tuple[dict[str, int], list[str]]:
    """Column name → index by the header row (spaces and a required mark `*` ignored), and the required ones
    missing."""
    found: dict[str, int] = {}
    for index, header in enumerate(sheet.headers):
        name = clean_text(header).replace(" ", "").rstrip("*").lstrip("*")
        if name in COLUMNS and name not in found:
            found[name] = index
    return found, [name for name in REQUIRED if name not in found]


def school_code(value: object) -> str:
    return clean_text(value).replace(" ", "")


def _whole_number(value: object) -> int | None:
    """A count cell as an int (12, 12.0, "12", "１２"), None when it is no whole number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = clean_text(value).replace(",", "").replace(" ", "")
    if text.endswith(".0"):
        text = text[:-2]
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("-")
    return sign * int(digits) if digits.isdigit() and digits.isascii() else None


def _year(value: object, last_year: int) -> int | None:
    text = clean_text(value).replace(" ", "").removesuffix("年")
    year = _whole_number(text) if text else None
    return year if year is not None and FIRST_YEAR <= year <= last_year else None


class RowChecker:
    """Checks the rows of one file against the schools it names (loaded once) and the actor's scope."""

    def __init__(self, *, schools: dict[str, School], scope: str, last_year: int) -> None:
        self.schools, self.scope, self.last_year = schools, scope, last_year
        self.checked = Checked()

    def problem(self, row: int, column: str, value: object, code: str, message: str) -> None:
        self.checked.bad_rows.add(row)
        self.checked.problem_total += 1
        if len(self.checked.problems) < MAX_PROBLEMS:
            self.checked.problems.append(
                {"row": row, "column": column, "value": clean_text(value)[:40], "code": code, "message": message}
            )

    def _school(self, row: int, cell: object) -> School | None:
        code = school_code(cell)
        if not code:
            self.problem(row, CODE, cell, "required", _("Fill in the school's code (学校标识码)."))
            return None
        school = self.schools.get(code)
        if school is None or school.level != "school":
            self.problem(row, CODE, cell, "unknown_school", _("No school has this code."))
            return None
        if not school.path.startswith(self.scope):
            self.problem(row, CODE, cell, "out_of_scope", _("This school is outside your area."))
            return None
        return school

    def _count(self, row: int, column: str, cell: object) -> int | None:
        if not clean_text(cell):
            self.problem(row, column, cell, "required", _("Fill in a number."))
            return None
        number = _whole_number(cell)
        if number is None:
            self.problem(row, column, cell, "not_integer", _("Give a whole number."))
            return None
        if number < 0:
            self.problem(row, column, cell, "negative", _("The number cannot be negative."))
            return None
        if number > 10_000_000:
            self.problem(row, column, cell, "too_large", _("The number is too large."))
            return None
        return number

    def check(self, number: int, cells: list[object], columns: dict[str, int]) -> None:
        if not clean_text(cells[columns[FULLTIME]]) and not clean_text(cells[columns[STAFF]]):
            return  # a school of the pre-filled template left blank: nothing to import, nothing wrong
        self.checked.rows += 1
        school = self._school(number, cells[columns[CODE]])
        year_cell = cells[columns[YEAR]]
        year = _year(year_cell, self.last_year)
        if year is None:
            self.problem(
                number,
                YEAR,
                year_cell,
                "invalid_year",
                _("Give the year as four digits, from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": self.last_year},
            )
        fulltime = self._count(number, FULLTIME, cells[columns[FULLTIME]])
        staff = self._count(number, STAFF, cells[columns[STAFF]])
        if fulltime is not None and staff is not None and fulltime > staff:
            self.problem(
                number,
                FULLTIME,
                cells[columns[FULLTIME]],
                "fulltime_above_staff",
                _("专任教师数 cannot be larger than 教职工数 (%(staff)s).") % {"staff": staff},
            )
            return
        if school is None or year is None or fulltime is None or staff is None:
            return
        earlier = self.checked.valid.get((school.id, year))
        if earlier is not None:
            self.problem(
                number,
                CODE,
                cells[columns[CODE]],
                "duplicate",
                _("The school's figures of this year are already in row %(row)s.") % {"row": earlier[0]},
            )
            return
        self.checked.valid[(school.id, year)] = (number, fulltime, staff)
