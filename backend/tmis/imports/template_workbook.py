"""The import template as an XLSX workbook, built from an organisation's effective catalogue: its data sheets
(`template_sheets`: 教师基本信息, a many-valued group's sheet, or both kinds), then 填写说明 and the hidden 代码.

Coded columns get drop-down lists fed from the hidden sheet 代码 ("01 汉族"), yes/no columns the list 是,否; text-like
columns are formatted as text so 18-digit ID numbers and codes with leading zeros survive Excel. Sheet 填写说明 gives
the rules and one line per column (`template_instructions`).
"""

from __future__ import annotations

from typing import Any, BinaryIO

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import quote_sheetname, xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from tmis.catalog.effective import EffectiveCatalogue

from .sheets import MAX_ROWS
from .template import CODED, CODES_SHEET, INSTRUCTIONS_SHEET, MULTI_SEPARATOR, YES_NO, Column, Names, school_hint
from .template_instructions import write_instructions
from .template_sheets import TemplateSheet, basic_sheet
from .template_styles import Styles, clip, display_width, template_styles

FIRST_DATA_ROW = 2  # 0-based: rows 3..200002 in Excel
LAST_DATA_ROW = FIRST_DATA_ROW + MAX_ROWS - 1
KEY_GROUP = "key"  # the key columns of a group's sheet (`group_sheets.KEY_COLUMNS`)
KEY_HINTS = {
    "id_number": "身份证件号与全国教师编号至少填写一项，据此确定记录所属的教师；以文本形式填写。",
    "teacher_no": "身份证件号与全国教师编号至少填写一项，据此确定记录所属的教师。",
    "name": "仅供核对，导入时不读取。",
}


def _column_width(column: Column) -> float:
    kind = column.field.data_type if column.field else "school"
    minimum = {
        "school": 14,
        "id_number": 22,
        "date": 12,
        "year_month": 11,
        "code": 16,
        "multi_code": 20,
        "phone": 15,
        "email": 22,
    }.get(kind, 12)
    if column.field and int(column.field.validation.get("max_length") or 0) >= 200:
        minimum = 30
    return min(max(minimum, display_width(column.name) + 4), 40)


def _column_format(column: Column, styles: Styles) -> Format | None:
    """Dates as dates, numbers as numbers; everything else as text so Excel keeps what is typed."""
    kind = column.field.data_type if column.field else "text"
    if kind == "date":
        return styles.date
    if kind == "integer":
        return styles.integer
    if kind == "decimal":
        return None
    return styles.text


def _input_message(column: Column, school_code: str | None) -> str:
    """The prompt Excel shows when a cell of the column is selected."""
    f = column.field
    if f is None:
        return school_hint(school_code)
    if f.group == KEY_GROUP:
        return KEY_HINTS.get(f.code, "")
    kind = f.data_type
    parts = {
        "code": ["请从下拉列表中选择。"],
        "multi_code": [f"从下拉列表中选择；可多选，多个值用“{MULTI_SEPARATOR}”分隔。"],
        "boolean": ["请选择“是”或“否”。"],
        "date": ["格式：YYYY-MM-DD，如 1985-06-01。"],
        "year_month": ["格式：YYYY-MM，如 2008-09。"],
        "id_number": ["以文本形式填写（本列已设为文本格式）。"],
    }.get(kind, [])
    if f.help:
        parts.insert(0, f.help if f.help.endswith(("。", ".", "）", ")")) else f.help + "。")
    return "".join(parts)


def _validation(column: Column, source: str | None, school_code: str | None) -> dict[str, Any]:
    """The data validation of a column: a drop-down for coded and yes/no fields, else a prompt only."""
    options: dict[str, Any] = {"validate": "any"}
    kind = column.field.data_type if column.field else "school"
    if kind in CODED and source:
        multi = kind == "multi_code"
        options = {
            "validate": "list",
            "source": source,
            # Several values joined by 、 are not in the list: inform, but let them through.
            "error_type": "information" if multi else "stop",
            "error_title": clip("可多选" if multi else "请从列表中选择", 32),
            "error_message": clip(
                f"多个值请用“{MULTI_SEPARATOR}”分隔，每个值须是下拉列表中的一项。"
                if multi
                else f"{column.name}须从下拉列表中选择。",
                255,
            ),
        }
    elif kind == "boolean":
        options = {
            "validate": "list",
            "source": YES_NO,
            "error_type": "stop",
            "error_title": "请从列表中选择",
            "error_message": clip(f"{column.name}请填写“是”或“否”。", 255),
        }
    message = _input_message(column, school_code)
    if message:
        options |= {"input_title": clip(column.name, 32), "input_message": clip(message, 255)}
    return options


def _write_code_lists(sheet: Worksheet, columns: list[Column], names: Names, styles: Styles) -> dict[str, str]:
    """One column per coded field on the hidden 代码 sheet ("01 汉族" …), once whichever sheets have it; returns
    field code -> list source."""
    sources: dict[str, str] = {}
    position = 0
    for column in columns:
        items = names.get(column.code) if column.field and column.field.data_type in CODED else None
        if not items or column.code in sources:
            continue
        sheet.write_string(0, position, f"{column.name}（{column.code}）", styles.bold)
        for offset, (code, name, _name_en) in enumerate(items, start=1):
            sheet.write_string(offset, position, f"{code} {name}")
        letter = xl_col_to_name(position)
        sources[column.code] = f"={quote_sheetname(CODES_SHEET)}!${letter}$2:${letter}${len(items) + 1}"
        sheet.set_column(position, position, 24)
        position += 1
    return sources


def _write_data_sheet(
    sheet: Worksheet, columns: list[Column], sources: dict[str, str], styles: Styles, school_code: str | None
) -> None:
    for index, column in enumerate(columns):
        if column.required:
            sheet.write_rich_string(0, index, styles.star, "*", styles.bold, column.name, styles.required_head)
        else:
            sheet.write_string(0, index, column.name, styles.optional_head)
        sheet.write_string(1, index, column.code, styles.code_row)
        sheet.set_column(index, index, _column_width(column), _column_format(column, styles))
        sheet.data_validation(
            FIRST_DATA_ROW, index, LAST_DATA_ROW, index, _validation(column, sources.get(column.code), school_code)
        )
    sheet.set_row(0, 32)
    sheet.set_row(1, None, None, {"hidden": True})
    sheet.freeze_panes(2, 0)


def write_template(
    out: BinaryIO | str,
    *,
    catalogue: EffectiveCatalogue,
    names: Names,
    organisation_name: str,
    school_code: str | None,
    sheets: list[TemplateSheet] | None = None,
) -> None:
    """Write the import template for a catalogue: `sheets` (default: the basic sheet alone), 填写说明, 代码 (hidden).
    `school_code` is the school's own code for a school's template (its school column may stay blank), None for a
    region's (the school column is required)."""
    sheets = sheets or [basic_sheet(catalogue, school_code=school_code)]
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    styles = template_styles(book)
    data = [book.add_worksheet(sheet.name) for sheet in sheets]
    instructions = book.add_worksheet(INSTRUCTIONS_SHEET)
    lists = book.add_worksheet(CODES_SHEET)
    sources = _write_code_lists(lists, [column for sheet in sheets for column in sheet.columns], names, styles)
    for worksheet, sheet in zip(data, sheets, strict=True):
        _write_data_sheet(worksheet, sheet.columns, sources, styles, school_code)
    write_instructions(
        instructions,
        sheets,
        names,
        styles,
        catalogue=catalogue,
        organisation_name=organisation_name,
        school_code=school_code,
    )
    lists.hide()
    data[0].activate()
    book.close()
