"""What the import pipeline carries from parsing to writing: a parsed row and its problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from tmis.teachers.writes import CheckedTeacher

from .models import Severity


@dataclass
class Problem:
    column: str
    field: str
    value: str
    code: str
    message: str
    severity: str = Severity.ERROR


@dataclass
class ParsedRow:
    number: int  # the sheet's row number
    sheet: str = ""  # a group sheet's name (empty: the basic sheet)
    checked: CheckedTeacher | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(p.severity == Severity.ERROR for p in self.problems)
