"""The import template's 填写说明 sheet: the filling rules and, per data sheet, one line per column (type, allowed
values, help)."""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from tmis.catalog.effective import EffectiveCatalogue

from .sheets import MAX_ROWS
from .template import CODED, MULTI_SEPARATOR, Column, Names, school_hint
from .template_sheets import TemplateSheet
from .template_styles import Styles, display_width

MAX_UPLOAD_MB = 50
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


def _rules(school_code: str | None, sheets: list[TemplateSheet]) -> list[str]:
    basic = any(sheet.group is None for sheet in sheets)
    groups = [sheet.name for sheet in sheets if sheet.group is not None]
    rules = []
    if basic:
        rules.append("教师基本信息：每行填写一名教师；从第 3 行开始填写，中间可以有空行。")
    if groups:
        rules += [
            f"{'、'.join(groups)}：每行填写一条记录，同一教师的多条记录各占一行；从第 3 行开始填写。",
            "记录所属的教师由“身份证件号”或“全国教师编号”确定，两者至少填写一项（先按身份证件号查找）；"
            "“姓名”仅供核对，导入时不读取。",
        ]
    rules += [
        "请勿修改、删除或移动第 1 行的列名和第 2 行（隐藏的指标代码行，系统据此识别各列）；可以删除不需要的选填列。",
        "带 * 的列为必填项。",
    ]
    if basic:
        rules.append(f"学校代码：{school_hint(school_code)}")
    return [
        *rules,
        "日期按 YYYY-MM-DD 填写（如 1985-06-01），年月按 YYYY-MM 填写（如 2008-09）。",
        f"代码类指标请从单元格的下拉列表中选择；可多选的指标，多个值用“{MULTI_SEPARATOR}”分隔。",
        "身份证件号等号码请以文本形式填写：本模板已将这些列设为文本格式，从其他表格粘贴时请使用“选择性粘贴-数值”，"
        "以免18位号码末尾变成 0 或显示为科学计数法。",
        "请直接填写数值，不要使用公式。",
        f"每个文件最多 {MAX_ROWS:,} 行、{MAX_UPLOAD_MB} MB；可上传本模板（.xlsx），"
        "也可上传 CSV 文件（UTF-8 或 GBK 编码，第 1 行为列名）。",
    ]


def _title(organisation_name: str, sheets: list[TemplateSheet]) -> str:
    if len(sheets) > 1:
        return f"{organisation_name} 教师信息导入模板（全部信息集） 填写说明"
    return f"{organisation_name} {sheets[0].name}导入模板 填写说明"


def write_instructions(
    sheet: Worksheet,
    sheets: list[TemplateSheet],
    names: Names,
    styles: Styles,
    *,
    catalogue: EffectiveCatalogue,
    organisation_name: str,
    school_code: str | None,
) -> None:
    """Fills the instructions sheet: title, scope (school kind, catalogue version), the rules, then per data sheet a
    line per column."""
    for index, width in enumerate((26, 30, 9, 16, 40, 50)):
        sheet.set_column(index, index, width)
    sheet.merge_range(0, 0, 0, 5, _title(organisation_name, sheets), styles.title)
    stage = STAGE_NAMES.get(catalogue.stage or "", "全部学校类型")
    source = f"省级指标目录 {catalogue.province} 第 {catalogue.version} 版" if catalogue.version else "国家指标目录"
    sheet.write_string(1, 0, f"适用：{stage}；{source}。", styles.wrap)
    sheet.write_string(3, 0, "填写规则", styles.heading)
    row = 4
    for number, rule in enumerate(_rules(school_code, sheets), start=1):
        sheet.merge_range(row, 0, row, 5, f"{number}. {rule}", styles.wrap)
        sheet.set_row(row, 30 if display_width(rule) > 150 else None)
        row += 1
    for data in sheets:
        row += 1
        sheet.write_string(row, 0, "各列说明" if len(sheets) == 1 else f"各列说明：{data.name}", styles.heading)
        row += 1
        sheet.write_row(row, 0, ["列名", "指标代码", "是否必填", "类型", "可选值 / 格式", "说明"], styles.table_head)
        for column in data.columns:
            row += 1
            sheet.write_row(row, 0, _column_line(column, names, school_code), styles.wrap)
        row += 1


def _column_line(column: Column, names: Names, school_code: str | None) -> list[str]:
    kind = column.field.data_type if column.field else "text"
    return [
        column.name,
        column.code,
        "必填" if column.required else "选填",
        TYPE_NAMES.get(kind, kind),
        _allowed(column, names, school_code),
        column.field.help if column.field else school_hint(school_code),
    ]
