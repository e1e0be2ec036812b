"""The corpus's workbooks whose mess is in the layout: titles, notes, merged cells, two-row headers, header variants,
the template's code row, hidden and empty columns, blank rows."""

from __future__ import annotations

from .corpus import COLUMNS, Book, Builder, Case, bad, ok, people, table

BUILDERS: list[Builder] = []


def case(build: Builder) -> Builder:
    BUILDERS.append(build)
    return build


def wrong_check(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


@case
def title_row() -> Case:
    p = people(1, 5)
    book = Book()
    book.cell(0, 0, "2024年秋季学期教职工信息统计表")
    book.row(1, COLUMNS)
    book.data(3, [p[0].cells(), p[1].cells(性别="男女"), p[2].cells(), p[3].cells(出生日期="1985-02-30"), p[4].cells()])
    rows = [ok(3, p[0]), bad(4, p[1], ("gender", "unknown_code")), ok(5, p[2])]
    rows += [bad(6, p[3], ("birth_date", "invalid_date")), ok(7, p[4])]
    return Case("title_row", book.bytes(), "教职工信息统计表.xlsx", rows, header_row=2)


@case
def titles_note_blank() -> Case:
    p = people(2, 5)
    book = Book()
    book.title(0, "兰州市城关区中小学教师信息采集表", len(COLUMNS))
    book.cell(1, 0, "填报单位（盖章）：                     填报日期：2024年9月10日")
    book.cell(2, 0, "说明：1. 带*为必填项；2. 身份证件号请设置为文本格式；3. 日期格式为 1985-03-12。")
    book.row(4, COLUMNS)
    book.data(6, [p[0].cells(), p[1].cells(), p[2].cells(身份证件号=wrong_check(p[2].id_number))])
    book.data(9, [p[3].cells(), p[4].cells(姓名="")])
    rows = [ok(6, p[0]), ok(7, p[1]), bad(8, p[2], ("id_number", "id_checksum")), ok(9, p[3])]
    rows.append(bad(10, p[4], ("name", "required")))
    return Case("titles_note_blank", book.bytes(), "采集表.xlsx", rows, header_row=5)


@case
def merged_title() -> Case:
    p = people(3, 4)
    book = Book()
    book.title(0, "教职工基本信息表", len(COLUMNS))
    book.title(1, "学校：城关区第一小学", len(COLUMNS))
    book.row(2, COLUMNS)
    book.data(4, [p[0].cells(), p[1].cells(身份证件类型="学生证"), p[2].cells(), p[3].cells()])
    rows = [ok(4, p[0]), bad(5, p[1], ("id_type", "unknown_code")), ok(6, p[2]), ok(7, p[3])]
    return Case("merged_title", book.bytes(), "基本信息表.xlsx", rows, header_row=3)


@case
def two_row_header() -> Case:
    """Single headers merged down over two rows, 联系方式 merged across 手机号码 | 电子邮箱 below it."""
    p = people(4, 5)
    book = Book()
    width = len(COLUMNS) + 2
    book.title(0, "教师信息登记表", width)
    for column, header in enumerate(COLUMNS):
        book.sheet.merge_range(1, column, 2, column, header)
    book.sheet.merge_range(1, len(COLUMNS), 1, width - 1, "联系方式")
    book.row(2, ["手机号码", "电子邮箱"], len(COLUMNS))
    contacts = [["13912345678", "jia@example.cn"], ["13800001111", ""], ["13700002222", "bing@example.cn"]]
    contacts += [["13600003333", ""], ["13500004444", "wu@example.cn"]]
    cells = [p[0].cells(), p[1].cells(政治面貌="党员党员"), p[2].cells(), p[3].cells(民族="汉族族"), p[4].cells()]
    book.data(4, [row + contact for row, contact in zip(cells, contacts, strict=True)])
    rows = [
        ok(4, p[0], mobile="13912345678", email="jia@example.cn"),
        bad(5, p[1], ("political_status", "unknown_code")),
    ]
    rows += [ok(6, p[2], mobile="13700002222"), bad(7, p[3], ("ethnicity", "unknown_code"), hint="汉族"), ok(8, p[4])]
    return Case(
        "two_row_header",
        book.bytes(),
        "登记表.xlsx",
        rows,
        header_row=3,
        two_row_header=True,
        selected=("mobile", "email"),
        columns={8: ("mobile", "synonym"), 9: ("email", "synonym")},
    )


@case
def two_row_header_dates() -> Case:
    """The demo catalogue's own fields under a group header: 工作时间 over 参加工作时间 | 进本校时间."""
    p = people(33, 4)
    book = Book()
    for column, header in enumerate(COLUMNS):
        book.sheet.merge_range(0, column, 1, column, header)
    book.sheet.merge_range(0, len(COLUMNS), 0, len(COLUMNS) + 1, "工作时间")
    book.row(1, ["参加工作时间", "进本校时间"], len(COLUMNS))
    months = [["2008-09", "2012.09"], ["2010年9月", "2015-8"], ["2011-09", "2016-13"], [200509, "2009/09"]]
    cells = [person.cells() + month for person, month in zip(p, months, strict=True)]
    book.data(3, cells)
    rows = [ok(3, p[0], work_start_month="2008-09", school_entry_month="2012-09"), ok(4, p[1])]
    rows += [bad(5, p[2], ("school_entry_month", "invalid_month")), ok(6, p[3], work_start_month="2005-09")]
    columns = {len(COLUMNS): ("work_start_month", "synonym"), len(COLUMNS) + 1: ("school_entry_month", "synonym")}
    content = book.bytes()
    return Case(
        "two_row_header_dates", content, "工作时间.xlsx", rows, header_row=2, two_row_header=True, columns=columns
    )


@case
def header_variants_a() -> Case:
    p = people(5, 4)
    headers = ["教师姓名", "性别", "国籍", "证件类型", "身份证号码", "出生年月日", "民族", "政治面貌"]
    other_day = p[2].birth.replace(day=1 if p[2].birth.day != 1 else 2).isoformat()
    content = table(headers, [p[0].cells(), p[1].cells(), p[2].cells(出生日期=other_day), p[3].cells()])
    rows = [ok(2, p[0]), ok(3, p[1]), bad(4, p[2], ("birth_date", "id_birth_date_mismatch")), ok(5, p[3])]
    return Case("header_variants_a", content, "教师名册.xlsx", rows, header_row=1)


@case
def header_variants_b() -> Case:
    p = people(6, 5)
    headers = ["职工姓名", "性别", "国家(地区)", "身份证类型", "证件号码", "生日", "族别", "政治面目"]
    cells = [p[0].cells(), p[1].cells(), p[2].cells(身份证件号=""), p[3].cells(), p[4].cells(**{"国籍/地区": ""})]
    content = table(headers, cells)
    rows = [ok(2, p[0]), ok(3, p[1]), bad(4, p[2], ("id_number", "required")), ok(5, p[3])]
    rows.append(bad(6, p[4], ("nationality", "required")))
    return Case("header_variants_b", content, "职工花名册.xlsx", rows, header_row=1)


@case
def header_noise() -> Case:
    """Stray spaces, line breaks inside the cell, full-width brackets and slashes, * marks before and after."""
    p = people(7, 5)
    headers = ["* 姓  名", "性\n别", "国籍／地区", "身份证件类型*", "身份证件号（必填）", "出生日期\n（年-月-日）"]
    headers += [" 民族 ", "政治面貌【选填】"]
    wrong = "女" if p[1].male else "男"
    content = table(headers, [p[0].cells(), p[1].cells(性别=wrong), p[2].cells(), p[3].cells(), p[4].cells()])
    rows = [ok(2, p[0]), bad(3, p[1], ("gender", "id_gender_mismatch")), ok(4, p[2]), ok(5, p[3]), ok(6, p[4])]
    return Case("header_noise", content, "teachers.xlsx", rows, header_row=1)


@case
def english_headers() -> Case:
    p = people(8, 5)
    headers = ["Name", "Gender", "Nationality / region", "ID document type", "ID document number"]
    headers += ["Date of birth", "Ethnicity", "Political status"]
    english = {"国籍/地区": "China", "身份证件类型": "Resident identity card", "民族": "Han"}
    cells = [p[0].cells(性别="Male" if p[0].male else "Female", **english), p[1].cells(性别="F")]
    cells += [
        p[2].cells(性别="Mael", **english),
        p[3].cells(民族="Hann"),
        p[4].cells(性别="M" if p[4].male else "F", **english),
    ]
    rows = [ok(2, p[0], ethnicity="01", nationality="156", id_type="1"), ok(3, p[1], gender="2")]
    rows += [bad(4, p[2], ("gender", "unknown_code")), bad(5, p[3], ("ethnicity", "unknown_code")), ok(6, p[4])]
    return Case("english_headers", table(headers, cells), "staff.xlsx", rows, header_row=1)


@case
def template_code_row() -> Case:
    """The template's header row, renamed by the clerk, above its hidden indicator-code row (which decides)."""
    p = people(9, 5)
    school = "2162010201"
    headers = ["*学校代码", "*老师名字", "*性别", "*国籍/地区", "*身份证件类型", "*身份证件号码(18位)"]
    headers += ["*出生日期", "民族", "政治面貌"]
    codes = ["school", "name", "gender", "nationality", "id_type", "id_number", "birth_date", "ethnicity"]
    codes.append("political_status")
    book = Book()
    book.row(0, headers)
    book.row(1, codes)
    book.sheet.set_row(1, None, None, {"hidden": True})
    cells = [[school, *p[0].cells()], [school, *p[1].cells(民族="穿青人")], [school, *p[2].cells()]]
    cells += [["2162010299", *p[3].cells()], [school, *p[4].cells()]]
    book.data(3, cells)
    rows = [ok(3, p[0]), bad(4, p[1], ("ethnicity", "unknown_code")), ok(5, p[2])]
    rows += [bad(6, p[3], ("school", "school")), ok(7, p[4])]
    columns = {0: ("school", "code_row"), 1: ("name", "code_row"), 5: ("id_number", "code_row")}
    return Case("template_code_row", book.bytes(), "教师信息导入模板.xlsx", rows, header_row=1, columns=columns)


@case
def hidden_junk_column() -> Case:
    """A hidden column with the ID header and junk (an old column the clerk hid), and a hidden helper column."""
    p = people(10, 4)
    headers = ["姓名", "身份证件号", *COLUMNS[1:], "辅助列"]
    book = Book()
    book.row(0, headers)
    book.hide_column(1)
    book.hide_column(len(headers) - 1)
    cells = [[p[0].name, "作废", *p[0].cells()[1:], "#N/A"], [p[1].name, "", *p[1].cells()[1:], "#N/A"]]
    cells += [[p[2].name, "不用", *p[2].cells(出生日期="85-3-12")[1:], ""], [p[3].name, "x", *p[3].cells()[1:], 0]]
    book.data(2, cells)
    rows = [ok(2, p[0]), ok(3, p[1]), bad(4, p[2], ("birth_date", "invalid_date")), ok(5, p[3])]
    columns = {1: (None, "hidden"), 5: ("id_number", "name"), len(headers) - 1: (None, "hidden")}
    return Case("hidden_junk_column", book.bytes(), "隐藏列.xlsx", rows, header_row=1, columns=columns)


@case
def trailing_empty_columns() -> Case:
    """Bordered empty cells to the right of the table, blank-looking header cells, a note in an unheaded column."""
    p = people(11, 5)
    book = Book()
    border = book.book.add_format({"border": 1})
    book.row(0, [*COLUMNS, " ", "  "])
    for row in range(0, 12):
        for column in range(len(COLUMNS) + 2, len(COLUMNS) + 8):
            book.sheet.write_blank(row, column, None, border)
    book.data(2, [p[0].cells(), p[1].cells(**{"国籍/地区": "火星"})])
    book.data(4, [p[2].cells(), p[3].cells(), p[4].cells()])
    book.cell(3, len(COLUMNS) + 3, "已调出")
    rows = [ok(2, p[0]), bad(3, p[1], ("nationality", "unknown_code")), ok(4, p[2]), ok(5, p[3]), ok(6, p[4])]
    return Case("trailing_empty_columns", book.bytes(), "带格式空列.xlsx", rows, header_row=1)


@case
def blank_rows_middle() -> Case:
    p = people(12, 5)
    book = Book()
    book.row(0, COLUMNS)
    book.data(2, [p[0].cells(), p[1].cells(), None, p[2].cells(身份证件号=p[2].id_number[:17])])
    book.cell(5, 3, " ")  # row 6 holds only a space
    book.data(8, [p[3].cells(), None, p[4].cells()])
    rows = [ok(2, p[0]), ok(3, p[1]), bad(5, p[2], ("id_number", "id_format")), ok(8, p[3]), ok(10, p[4])]
    return Case("blank_rows_middle", book.bytes(), "中间有空行.xlsx", rows, header_row=1)
