"""The workbook format of the many-valued groups (学习经历, 工作经历 …): what the group templates, the group import and
the whole-archive export share, so that a file exported imports again.

One sheet per group, named by the group's Chinese name (at most 31 characters, Excel's limit). Row 1 holds the Chinese
column names (required ones marked * in the template), row 2 (hidden) the indicator codes, one record per row from
row 3. The first columns say whose record it is: 身份证件号 (`id_number`) or 全国教师编号 (`teacher_no`) — either one
finds the archive, the ID number first — and 姓名 (`name`), which is only there for the reader. The group's own
columns follow in catalogue order. Values are written as people read them: code names (several joined by 、), 是/否,
ISO dates (`template.cell_writer`).

Groups a business module owns (国内培训: training credits; 交流轮岗: rotation) are exported but have no template and
are not imported: their records are written by their module (`teachers.owned_groups`).
"""

from __future__ import annotations

from dataclasses import dataclass

from tmis.catalog.effective import EffectiveCatalogue, Field, Group
from tmis.teachers.owned_groups import OWNED_GROUPS

from .header_row import header_key

SHEET_NAME_MAX = 31
ID_NUMBER, TEACHER_NO, NAME = "id_number", "teacher_no", "name"
#: The key columns' codes, in sheet order; `name` only helps the reader and is never imported.
KEY_CODES = (ID_NUMBER, TEACHER_NO, NAME)
#: The columns that find the archive (either is enough).
ROW_KEYS = (ID_NUMBER, TEACHER_NO)


def _key_field(code: str, name: str, name_en: str, data_type: str, order: int) -> Field:
    return Field(
        code=code,
        group="key",
        name=name,
        name_en=name_en,
        data_type=data_type,
        required=False,
        core=True,
        extension=False,
        order=order,
    )


#: The key columns as fields, so headers match and cells are read like any other column.
KEY_COLUMNS: tuple[Field, ...] = (
    _key_field(ID_NUMBER, "身份证件号", "ID number", "id_number", -3),
    _key_field(TEACHER_NO, "全国教师编号", "National teacher number", "text", -2),
    _key_field(NAME, "姓名", "Name", "text", -1),
)


@dataclass(frozen=True)
class GroupSheet:
    """One group's sheet: its name, the group and the group's columns (after the key columns)."""

    group: Group
    name: str
    fields: tuple[Field, ...]

    @property
    def code(self) -> str:
        return self.group.code

    @property
    def owned(self) -> bool:
        """Written by a business module: exported, never imported."""
        return self.group.code in OWNED_GROUPS

    @property
    def columns(self) -> tuple[Field, ...]:
        """Every column of the sheet: the key columns, then the group's."""
        return (*KEY_COLUMNS, *self.fields)


def sheet_name(group: Group) -> str:
    """The group's sheet name: its Chinese name, cut to Excel's 31 characters, without the characters Excel refuses."""
    name = "".join(ch for ch in group.name if ch not in "[]:*?/\\")
    return name[:SHEET_NAME_MAX] or group.code[:SHEET_NAME_MAX]


def group_sheets(catalogue: EffectiveCatalogue, *, importable: bool = False) -> list[GroupSheet]:
    """The catalogue's many-valued groups as sheets, in catalogue order; `importable` leaves out the owned ones. A
    group the catalogue gives no indicator (a province that selected none of its optional ones) has no sheet."""
    out = []
    for group in catalogue.groups:
        fields = tuple(f for f in group.fields if not f.validation.get("derived"))
        if not group.many or not fields:
            continue
        sheet = GroupSheet(group, sheet_name(group), fields)
        if not (importable and sheet.owned):
            out.append(sheet)
    return out


def group_sheet(catalogue: EffectiveCatalogue, code: str) -> GroupSheet | None:
    """The sheet of one group by its code (None: not a many-valued group of this catalogue)."""
    return next((s for s in group_sheets(catalogue) if s.code == code), None)


def sheet_for_name(sheets: list[GroupSheet], name: str) -> GroupSheet | None:
    """The group a workbook's sheet holds, by its name as a person may have typed it: the sheet name, the group's
    name in Chinese or English, or its code, compared after `header_row.header_key` (spaces, widths, brackets)."""
    key = header_key(name)
    if not key:
        return None
    for sheet in sheets:
        names = (sheet.name, sheet.group.name, sheet.group.name_en, sheet.group.code)
        if key in {header_key(n) for n in names if n}:
            return sheet
    return None
