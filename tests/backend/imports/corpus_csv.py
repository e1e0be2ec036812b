"""The corpus's CSV files: as Excel and WPS save them (UTF-8 with BOM, GBK, GB18030), with semicolons or tabs, with
a title line and trailing empty fields, with the prefixes exporters put before long numbers."""

from __future__ import annotations

from .corpus import COLUMNS, Builder, Case, bad, csv_text, ok, people

BUILDERS: list[Builder] = []


def case(build: Builder) -> Builder:
    BUILDERS.append(build)
    return build


def scientific(number: str) -> str:
    """An 18-digit ID as Excel shows a number cell, and saves it to CSV: 6.22901E+17."""
    return f"{float(number):.5E}"


@case
def csv_utf8_bom() -> Case:
    """Excel's "CSV UTF-8": a title line, trailing empty fields of formatted columns, dates as 1985/3/12."""
    p = people(27, 5)
    pad = ["", "", ""]
    lines = [["2024年教师信息表", *[""] * (len(COLUMNS) + 2)], [*COLUMNS, *pad]]
    for index, person in enumerate(p):
        d = person.birth
        birth = f"{d.year}/{d.month}/{d.day}" if index != 3 else f"{d.year}-13-01"
        lines.append([*person.cells(出生日期=birth), *pad])
    rows = [ok(3, p[0], birth_date=p[0].birth), ok(4, p[1]), ok(5, p[2])]
    rows += [bad(6, p[3], ("birth_date", "invalid_date")), ok(7, p[4])]
    return Case("csv_utf8_bom", csv_text(lines), "教师信息.csv", rows, header_row=2)


@case
def csv_gbk() -> Case:
    """Chinese Excel's plain "CSV": GBK, and an ID column formatted as number saved as 6.22901E+17."""
    p = people(28, 5)
    lines = [COLUMNS, p[0].cells(), p[1].cells(身份证件号=scientific(p[1].id_number)), p[2].cells(民族="01 汉族")]
    lines += [p[3].cells(身份证件号=scientific(p[3].id_number)), p[4].cells(政治面貌="中共党员")]
    rows = [ok(2, p[0]), bad(3, p[1], ("id_number", "id_as_number")), ok(4, p[2], ethnicity="01")]
    rows += [bad(5, p[3], ("id_number", "id_as_number")), ok(6, p[4], political_status=["01"])]
    return Case("csv_gbk", csv_text(lines, encoding="gbk"), "教师信息(GBK).csv", rows, header_row=1)


@case
def csv_gb18030() -> Case:
    """GB18030 with a name GBK cannot write (a character outside the BMP)."""
    p = people(29, 4)
    rare = p[1].renamed("语料29𠮷")
    lines = [COLUMNS, p[0].cells(), rare.cells(), p[2].cells(政治面貌="党员、九三学社社员、xx"), p[3].cells()]
    rows = [ok(2, p[0]), ok(3, rare), bad(4, p[2], ("political_status", "unknown_code")), ok(5, p[3])]
    return Case("csv_gb18030", csv_text(lines, encoding="gb18030"), "教师.csv", rows, header_row=1)


@case
def csv_semicolon() -> Case:
    """A European-locale Excel's CSV: semicolons, UTF-8 without BOM, dates as 1985.03.12."""
    p = people(30, 5)
    wrong = "女" if p[2].male else "男"
    lines = [COLUMNS] + [
        person.cells(出生日期=f"{person.birth:%Y.%m.%d}", **({"性别": wrong} if index == 2 else {}))
        for index, person in enumerate(p)
    ]
    rows = [ok(2, p[0], birth_date=p[0].birth), ok(3, p[1]), bad(4, p[2], ("gender", "id_gender_mismatch"))]
    rows += [ok(5, p[3]), ok(6, p[4])]
    return Case("csv_semicolon", csv_text(lines, encoding="utf-8", delimiter=";"), "teachers.csv", rows, header_row=1)


@case
def csv_tab() -> Case:
    """Tab-separated text (WPS "文本文件(制表符分隔)") saved as .csv, with a blank line in the middle."""
    p = people(31, 5)
    lines = [COLUMNS, p[0].cells(), p[1].cells(身份证件类型="身份证件"), [], p[2].cells(), p[3].cells(), p[4].cells()]
    rows = [ok(2, p[0]), bad(3, p[1], ("id_type", "unknown_code")), ok(5, p[2]), ok(6, p[3]), ok(7, p[4])]
    return Case("csv_tab", csv_text(lines, delimiter="\t"), "制表符.csv", rows, header_row=1)


@case
def csv_export_prefixes() -> Case:
    """What other systems' exports put before long numbers so that Excel keeps them as text: a tab, an apostrophe;
    and dates with a midnight time."""
    p = people(32, 5)
    lines = [
        COLUMNS,
        p[0].cells(身份证件号="\t" + p[0].id_number),
        p[1].cells(身份证件号="'" + p[1].id_number),
        p[2].cells(出生日期=f"{p[2].birth} 00:00:00"),
        p[3].cells(出生日期=f"{p[3].birth}T00:00:00"),
        p[4].cells(身份证件号=p[4].id_number + "\t", 出生日期=f"{p[4].birth.year}-{p[4].birth.month}-32"),
    ]
    rows = [ok(2, p[0]), ok(3, p[1]), ok(4, p[2], birth_date=p[2].birth), ok(5, p[3], birth_date=p[3].birth)]
    rows.append(bad(6, p[4], ("birth_date", "invalid_date")))
    return Case("csv_export_prefixes", csv_text(lines), "系统导出.csv", rows, header_row=1)
