"""The import template: an XLSX workbook built from an organisation's effective catalogue.

Sheet 教师基本信息 (active): row 1 the Chinese column names (required ones marked *), row 2 hidden, the indicator
codes the pipeline maps columns by; one teacher per row from row 3. Coded columns get drop-down lists fed from the
hidden sheet 代码 ("01 汉族"), yes/no columns the list 是,否; text-like columns are formatted as text so 18-digit ID
numbers and codes with leading zeros survive Excel. Sheet 填写说明 gives the rules and one line per column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, BinaryIO

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import quote_sheetname, xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from tmis.catalog.effective import EffectiveCatalogue, Field
from tmis.catalog.models import CodeItem, CodeTable

from .sheets import MAX_ROWS

TEMPLATE_SHEET = "教师基本信息"
INSTRUCTIONS_SHEET = "填写说明"
CODES_SHEET = "代码"
SCHOOL_COLUMN = ("school", "学校代码")  # (code, Chinese header)
#: The one-per-teacher groups the template (and the import) covers, in column order.
TEMPLATE_GROUPS = ("basic", "contact")
CODED = frozenset({"code", "multi_code"})
FIRST_DATA_ROW = 2  # 0-based: rows 3..200002 in Excel
LAST_DATA_ROW = FIRST_DATA_ROW + MAX_ROWS - 1
MAX_UPLOAD_MB = 50
MULTI_SEPARATOR = "、"
YES_NO = ["是", "否"]
#: Values listed inline in the instructions up to this many codes; longer lists only in the drop-down.
INLINE_CODES = 12

TYPE_NAMES = {
    "text": "文本",
    "integer": "整数",
    "decimal": "数字",
    "date": "日期",
    "year_month": "年月",
    "boolean": "是/否",
    "code": "代码（单选）",
    "multi_code": "代码（可多选）",
    "id_number": "证件号码（文本）",
    "phone": "电话号码（文本）",
    "email": "电子邮箱",
    "org_ref": "单位代码（文本）",
}
STAGE_NAMES = {
    "kindergarten": "幼儿园",
    "primary_secondary": "中小学",
    "secondary_vocational": "中等职业学校",
    "special": "特殊教育学校",
    "higher": "高等学校",
}

Names = dict[str, list[tuple[str, str, str]]]


def template_fields(catalogue: EffectiveCatalogue) -> list[Field]:
    """The fields the template has a column for (after 学校代码) and the pipeline imports: those of 基本信息 then
    联系方式 in catalogue order, without the derived ones (最高学历, 现任岗位 …, filled from the records)."""
    fields: list[Field] = []
    for code in TEMPLATE_GROUPS:
        group = catalogue.group(code)
        if group is not None:
            fields += [f for f in group.fields if not f.validation.get("derived")]
    return fields


@lru_cache(maxsize=512)
def _national_items(slug: str, version: int) -> tuple[tuple[str, str, str], ...]:
    """A national table's items in table order; cached per version (a change of the items bumps it)."""
    return tuple(
        CodeItem.objects.filter(table__slug=slug).order_by("order", "id").values_list("code", "name", "name_en")
    )


def _province_items(table: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (str(item["code"]), str(item["name"]), str(item.get("name_en") or item["name"]))
        for item in table.get("items") or []
    ]


def code_names(catalogue: EffectiveCatalogue, province_tables: list[dict[str, Any]]) -> Names:
    """Field code -> [(code, name, name_en)] for every coded field of the catalogue, in table order, limited to
    the codes the field allows. Province tables (from the published spec) come before national ones."""
    coded = [f for group in catalogue.groups for f in group.fields if f.data_type in CODED and f.code_table]
    province = {str(table.get("slug")): table for table in province_tables}
    slugs = {f.code_table for f in coded} - set(province)
    versions = dict(CodeTable.objects.filter(slug__in=slugs).values_list("slug", "version")) if slugs else {}
    out: Names = {}
    for f in coded:
        slug = f.code_table or ""
        if slug in province:
            items: Iterable[tuple[str, str, str]] = _province_items(province[slug])
        elif slug in versions:
            items = _national_items(slug, versions[slug])
        else:
            items = ()
        allowed = frozenset(f.codes) if f.codes is not None else None
        out[f.code] = [item for item in items if allowed is None or item[0] in allowed]
    return out


# --- the workbook --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    code: str
    name: str
    required: bool
    field: Field | None  # None for 学校代码


@dataclass(frozen=True)
class Styles:
    title: Format
    heading: Format
    wrap: Format
    table_head: Format
    star: Format
    bold: Format
    required_head: Format
    optional_head: Format
    code_row: Format
    text: Format
    date: Format
    integer: Format


def _styles(book: Workbook) -> Styles:
    def fmt(**props: Any) -> Format:
        return book.add_format({"valign": "vcenter", **props})

    head = {"bold": True, "border": 1, "align": "center", "text_wrap": True, "num_format": "@"}
    return Styles(
        title=fmt(bold=True, font_size=16),
        heading=fmt(bold=True, font_size=12),
        wrap=fmt(text_wrap=True, valign="top", border=1),
        table_head=fmt(bold=True, border=1, bg_color="#D9E1F2", text_wrap=True),
        star=fmt(bold=True, font_color="#C00000"),
        bold=fmt(bold=True),
        required_head=fmt(**head, bg_color="#FCE4D6"),
        optional_head=fmt(**head, bg_color="#DDEBF7"),
        code_row=fmt(font_color="#808080", font_size=9, num_format="@"),
        text=fmt(num_format="@"),
        date=fmt(num_format="yyyy-mm-dd"),
        integer=fmt(num_format="0"),
    )


def _columns(fields: list[Field], *, school_required: bool) -> list[Column]:
    school = Column(SCHOOL_COLUMN[0], SCHOOL_COLUMN[1], school_required, None)
    return [school, *(Column(f.code, f.name, f.required, f) for f in fields)]


def _clip(text: str, limit: int) -> str:
    """Cut to Excel's limit, which counts UTF-16 code units."""
    encoded = text.encode("utf-16-le")
    if len(encoded) <= limit * 2:
        return text
    return encoded[: (limit - 1) * 2].decode("utf-16-le", errors="ignore") + "…"


def _display_width(text: str) -> int:
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


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
    return min(max(minimum, _display_width(column.name) + 4), 40)


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


def _school_hint(school_code: str | None) -> str:
    if school_code:
        return f"本校学校代码为 {school_code}；可留空，留空即为本校。"
    return "填写教师所在学校的学校代码（10位学校标识码），须为本单位所辖学校。"


def _input_message(column: Column, school_code: str | None) -> str:
    """The prompt Excel shows when a cell of the column is selected."""
    f = column.field
    if f is None:
        return _school_hint(school_code)
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
            "error_title": _clip("可多选" if multi else "请从列表中选择", 32),
            "error_message": _clip(
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
            "error_message": _clip(f"{column.name}请填写“是”或“否”。", 255),
        }
    message = _input_message(column, school_code)
    if message:
        options |= {"input_title": _clip(column.name, 32), "input_message": _clip(message, 255)}
    return options


def _write_code_lists(sheet: Worksheet, columns: list[Column], names: Names, styles: Styles) -> dict[str, str]:
    """One column per coded field on the hidden 代码 sheet ("01 汉族" …); returns field code -> list source."""
    sources: dict[str, str] = {}
    position = 0
    for column in columns:
        items = names.get(column.code) if column.field and column.field.data_type in CODED else None
        if not items:
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


def _allowed(column: Column, names: Names, school_code: str | None) -> str:
    """The 可选值 / 格式 cell of a column's line in the instructions."""
    f = column.field
    if f is None:
        return school_code or "10位学校标识码"
    kind, rules = f.data_type, f.validation
    if kind in CODED:
        items = names.get(f.code) or []
        listed = (
            MULTI_SEPARATOR.join(f"{code} {name}" for code, name, _en in items)
            if len(items) <= INLINE_CODES
            else f"共 {len(items)} 项，见下拉列表"
        )
        return listed + (f"；可多选，用“{MULTI_SEPARATOR}”分隔" if kind == "multi_code" else "")
    fixed = {"boolean": "是 / 否", "date": "YYYY-MM-DD", "year_month": "YYYY-MM", "email": "如 name@example.cn"}
    if kind in fixed:
        return fixed[kind]
    limits = []
    if "minimum" in rules or "maximum" in rules:
        limits.append(f"{rules.get('minimum', '')}～{rules.get('maximum', '')}")
    if "decimals" in rules:
        limits.append(f"最多 {rules['decimals']} 位小数")
    if "max_length" in rules:
        limits.append(f"不超过 {rules['max_length']} 个字符")
    if kind == "id_number":
        limits.insert(0, "居民身份证为18位")
    return "，".join(limits)


def _rules(school_code: str | None) -> list[str]:
    return [
        "每行填写一名教师；从第 3 行开始填写，中间可以有空行。",
        "请勿修改、删除或移动第 1 行的列名和第 2 行（隐藏的指标代码行，系统据此识别各列）；可以删除不需要的选填列。",
        "带 * 的列为必填项。",
        f"学校代码：{_school_hint(school_code)}",
        "日期按 YYYY-MM-DD 填写（如 1985-06-01），年月按 YYYY-MM 填写（如 2008-09）。",
        f"代码类指标请从单元格的下拉列表中选择；可多选的指标，多个值用“{MULTI_SEPARATOR}”分隔。",
        "身份证件号等号码请以文本形式填写：本模板已将这些列设为文本格式，从其他表格粘贴时请使用“选择性粘贴-数值”，"
        "以免18位号码末尾变成 0 或显示为科学计数法。",
        "请直接填写数值，不要使用公式。",
        f"每个文件最多 {MAX_ROWS:,} 行、{MAX_UPLOAD_MB} MB；可上传本模板（.xlsx），"
        "也可上传 CSV 文件（UTF-8 或 GBK 编码，第 1 行为列名）。",
    ]


def _write_instructions(
    sheet: Worksheet,
    columns: list[Column],
    names: Names,
    styles: Styles,
    *,
    catalogue: EffectiveCatalogue,
    organisation_name: str,
    school_code: str | None,
) -> None:
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 30)
    sheet.set_column(2, 2, 9)
    sheet.set_column(3, 3, 16)
    sheet.set_column(4, 4, 40)
    sheet.set_column(5, 5, 50)
    sheet.merge_range(0, 0, 0, 5, f"{organisation_name} 教师基本信息导入模板 填写说明", styles.title)
    stage = STAGE_NAMES.get(catalogue.stage or "", "全部学校类型")
    source = f"省级指标目录 {catalogue.province} 第 {catalogue.version} 版" if catalogue.version else "国家指标目录"
    sheet.write_string(1, 0, f"适用：{stage}；{source}。", styles.wrap)
    sheet.write_string(3, 0, "填写规则", styles.heading)
    row = 4
    for number, rule in enumerate(_rules(school_code), start=1):
        sheet.merge_range(row, 0, row, 5, f"{number}. {rule}", styles.wrap)
        sheet.set_row(row, 30 if _display_width(rule) > 150 else None)
        row += 1
    row += 1
    sheet.write_string(row, 0, "各列说明", styles.heading)
    row += 1
    sheet.write_row(row, 0, ["列名", "指标代码", "是否必填", "类型", "可选值 / 格式", "说明"], styles.table_head)
    for column in columns:
        row += 1
        kind = column.field.data_type if column.field else "text"
        sheet.write_row(
            row,
            0,
            [
                column.name,
                column.code,
                "必填" if column.required else "选填",
                TYPE_NAMES.get(kind, kind),
                _allowed(column, names, school_code),
                column.field.help if column.field else _school_hint(school_code),
            ],
            styles.wrap,
        )


def write_template(
    out: BinaryIO | str,
    *,
    catalogue: EffectiveCatalogue,
    names: Names,
    organisation_name: str,
    school_code: str | None,
) -> None:
    """Write the import template for a catalogue. `school_code` is the school's own code for a school's template
    (its school column may stay blank), None for a region's (the school column is required)."""
    columns = _columns(template_fields(catalogue), school_required=school_code is None)
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    styles = _styles(book)
    data = book.add_worksheet(TEMPLATE_SHEET)
    instructions = book.add_worksheet(INSTRUCTIONS_SHEET)
    lists = book.add_worksheet(CODES_SHEET)
    sources = _write_code_lists(lists, columns, names, styles)
    _write_data_sheet(data, columns, sources, styles, school_code)
    _write_instructions(
        instructions,
        columns,
        names,
        styles,
        catalogue=catalogue,
        organisation_name=organisation_name,
        school_code=school_code,
    )
    lists.hide()
    data.activate()
    book.close()
