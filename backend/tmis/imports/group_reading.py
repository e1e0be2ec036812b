"""Reading a workbook's group sheets (`group_sheets` format) for the group import: which sheets are whose, the rows
as keys and values, and what the job's layout says of each sheet. No writes here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from tmis.core.crypto import is_masked
from tmis.teachers import identity
from tmis.teachers.models import Teacher

from .columns import PROBLEM, VALUE, CellReader, HeaderIndex
from .group_sheets import ID_NUMBER, NAME, TEACHER_NO, GroupSheet, group_sheets, sheet_for_name
from .rows import ParsedRow, Problem
from .sheets import Sheet, open_sheet
from .template import TEMPLATE_SHEET


@dataclass
class GroupRow:
    """One record row read from a group sheet: whose it is (keys), its values and its row's problems."""

    parsed: ParsedRow
    group: str  # the group's code
    id_number: str = ""
    teacher_no: str = ""
    name: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    bad_fields: set[str] = field(default_factory=set)
    teacher: Teacher | None = None

    @property
    def teacher_pk(self) -> int | None:
        return self.teacher.pk if self.teacher is not None else None


@dataclass
class OpenedSheet:
    name: str
    group_sheet: GroupSheet
    sheet: Sheet | None  # None: an owned group's sheet, not read


def plan_workbook(names_in_file: list[str], catalogue: Any) -> tuple[str | None, list[tuple[str, GroupSheet]]]:
    """Which of a workbook's sheets is the basic one and which hold groups. The basic sheet is 教师基本信息, or —
    in a workbook without group sheets — its first data sheet; a CSV file (no sheet names) is a basic sheet."""
    if not names_in_file:
        return TEMPLATE_SHEET, []
    known = group_sheets(catalogue)
    groups: list[tuple[str, GroupSheet]] = []
    others: list[str] = []
    for name in names_in_file:
        found = sheet_for_name(known, name)
        if found is not None:
            groups.append((name, found))
        else:
            others.append(name)
    if TEMPLATE_SHEET in others:
        return TEMPLATE_SHEET, groups
    if not groups:
        return others[0] if others else TEMPLATE_SHEET, []
    return None, groups


def open_group_sheet(path: Path, name: str, group_sheet: GroupSheet) -> Sheet:
    """A workbook's sheet `name` read as `group_sheet` (its header row found by the group's known headers)."""
    return open_sheet(
        path,
        known_codes={f.code for f in group_sheet.columns},
        preferred_sheet=name,
        max_rows=settings.TMIS_IMPORT_MAX_ROWS,
        known_headers=HeaderIndex(list(group_sheet.columns)).keys,
    )


def field_names(f: Any) -> dict[str, str]:
    return {"field_name": f.name if f else "", "field_name_en": (f.name_en or f.name) if f else ""}


def layout_names(sheet: GroupSheet) -> dict[str, str]:
    return {"group": sheet.code, "group_name": sheet.group.name, "group_name_en": sheet.group.name_en}


def read_group_row(
    sheet_name: str, group: str, number: int, cells: list[object], readers: list[CellReader]
) -> GroupRow:
    """One row of a group sheet: its keys, its values (extensions in `extra`) and its cells' problems."""
    row = GroupRow(ParsedRow(number, sheet=sheet_name), group)
    for reader in readers:
        cell = cells[reader.index]
        code = reader.code
        if code == ID_NUMBER and isinstance(cell, str) and is_masked(cell):
            continue  # a masked number (an export without full IDs): the teacher number finds the archive
        outcome = reader.read(cell)
        if outcome[0] == VALUE:
            value = outcome[1]
            if code == ID_NUMBER:
                row.id_number = identity.normalise(str(value))
            elif code == TEACHER_NO:
                row.teacher_no = str(value).strip()
            elif code == NAME:
                row.name = str(value).strip()
            else:
                (row.extra if reader.extension else row.values)[code] = value
        elif outcome[0] == PROBLEM:
            row.parsed.problems.append(Problem(reader.column.header, code, *outcome[1:]))
            row.bad_fields.add(code)
    return row
