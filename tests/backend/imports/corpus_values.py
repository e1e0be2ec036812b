"""The corpus's workbooks whose mess is in the values: synonyms and unknown codes, IDs turned into numbers, dates in
every spelling, booleans, numbers stored as text; and a sheet without its ID column, mapped by hand."""

from __future__ import annotations

import datetime as dt

from .corpus import COLUMNS, Builder, Case, Person, bad, ok, people, table

BUILDERS: list[Builder] = []


def case(build: Builder) -> Builder:
    BUILDERS.append(build)
    return build


def serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days


@case
def code_synonyms() -> Case:
    p = people(13, 6)
    cells = [
        p[0].cells(民族="汉", 政治面貌="党员", 性别="男性" if p[0].male else "女性", 身份证件类型="二代身份证"),
        p[1].cells(民族="01 汉族", 政治面貌="团员", 性别=p[1].gender_code, **{"国籍/地区": "中华人民共和国"}),
        p[2].cells(民族="回民", 政治面貌="中共党员", 身份证件类型="身份证", **{"国籍/地区": "CN"}),
        p[3].cells(民族="1", 政治面貌="13", 身份证件类型="1", **{"国籍/地区": "156"}),
        p[4].cells(民族="汉汉"),
        p[5].cells(民族="满", 政治面貌="无党派", **{"国籍/地区": "中国大陆"}),
    ]
    rows = [
        ok(2, p[0], ethnicity="01", political_status=["01"], gender=p[0].gender_code, id_type="1"),
        ok(3, p[1], ethnicity="01", political_status=["03"], nationality="156"),
        ok(4, p[2], ethnicity="03", political_status=["01"], nationality="156"),
        ok(5, p[3], ethnicity="01", political_status=["13"], id_type="1"),
        bad(6, p[4], ("ethnicity", "unknown_code")),
        ok(7, p[5], ethnicity="11", political_status=["12"], nationality="156"),
    ]
    return Case("code_synonyms", table(COLUMNS, cells), "同义词.xlsx", rows, header_row=1)


@case
def hong_kong_macao_taiwan() -> Case:
    """Teachers from Hong Kong, Macao and Taiwan: regions and documents by their common names."""
    p = people(14, 4)
    blank = {"民族": "", "政治面貌": ""}
    cells = [
        p[0].cells(**{"国籍/地区": "中国香港"}, 身份证件类型="回乡证", 身份证件号="H14000001", **blank),
        p[1].cells(**{"国籍/地区": "中国澳门"}, 身份证件类型="港澳居民来往内地通行证", 身份证件号="M14000002", **blank),
        p[2].cells(**{"国籍/地区": "中国台湾"}, 身份证件类型="台胞证", 身份证件号="14000003", **blank),
        p[3].cells(**{"国籍/地区": "香港特别行政区"}, 身份证件类型="回乡证", 身份证件号="H1400", **blank),
    ]
    rows = [ok(2, p[0], nationality="344", id_type="C"), ok(3, p[1], nationality="446", id_type="C")]
    rows += [ok(4, p[2], nationality="158", id_type="8"), bad(5, p[3], ("id_number", "id_format"))]
    return Case("hong_kong_macao_taiwan", table(COLUMNS, cells), "港澳台教师.xlsx", rows, header_row=1)


@case
def unknown_codes() -> Case:
    p = people(15, 7)
    cells = [p[0].cells(), p[1].cells(民族="穿青人"), p[2].cells(性别="男女"), p[3].cells(身份证件类型="学生证")]
    cells += [p[4].cells(政治面貌="少先队员"), p[5].cells(**{"国籍/地区": "中困"}), p[6].cells()]
    rows = [ok(2, p[0]), bad(3, p[1], ("ethnicity", "unknown_code")), bad(4, p[2], ("gender", "unknown_code"))]
    rows += [bad(5, p[3], ("id_type", "unknown_code")), bad(6, p[4], ("political_status", "unknown_code"))]
    rows += [bad(7, p[5], ("nationality", "unknown_code"), hint="中国"), ok(8, p[6])]
    return Case("unknown_codes", table(COLUMNS, cells), "未知代码.xlsx", rows, header_row=1)


@case
def ids_as_numbers() -> Case:
    """Some IDs typed into number cells (Excel keeps 15 digits of 18), two of them of colleagues born the same day
    whose numbers Excel rounds to the same float; the rest typed as text."""
    p = people(16, 5)
    twin = Person.of(16, 1, sequence_step=1).renamed("语料16同")  # p[1]'s birth date, the next sequence number
    assert float(twin.id_number) == float(p[1].id_number), "Excel keeps the same number for both"
    cells = [p[0].cells(), p[1].cells(身份证件号=float(p[1].id_number)), p[2].cells()]
    cells += [p[3].cells(身份证件号=float(p[3].id_number)), p[4].cells(), twin.cells(身份证件号=float(twin.id_number))]
    rows = [ok(2, p[0]), bad(3, p[1], ("id_number", "id_as_number")), ok(4, p[2])]
    rows += [bad(5, p[3], ("id_number", "id_as_number")), ok(6, p[4]), bad(7, twin, ("id_number", "id_as_number"))]
    return Case("ids_as_numbers", table(COLUMNS, cells), "身份证变数字.xlsx", rows, header_row=1)


@case
def id_spellings() -> Case:
    """A 15-digit first-generation number (as a number cell and as text: not a valid resident ID today), a lower-case
    x, full-width digits, spaces inside and around."""
    p = people(17, 6)
    x = p[2].with_x()
    old = p[0].id_number[:6] + p[0].id_number[8:14] + "001"
    full_width = p[3].id_number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    spaced = f" {p[4].id_number[:6]} {p[4].id_number[6:14]} {p[4].id_number[14:]} "
    cells = [p[0].cells(身份证件号=float(old)), p[1].cells(身份证件号=p[1].id_number[:6] + p[1].id_number[8:17])]
    cells += [x.cells(身份证件号=x.id_number.lower()), p[3].cells(身份证件号=full_width), p[4].cells(身份证件号=spaced)]
    cells.append(p[5].cells())
    rows = [bad(2, p[0], ("id_number", "id_format")), bad(3, p[1], ("id_number", "id_format")), ok(4, x)]
    rows += [ok(5, p[3]), ok(6, p[4]), ok(7, p[5])]
    return Case("id_spellings", table(COLUMNS, cells), "证件号写法.xlsx", rows, header_row=1)


@case
def dates_as_text() -> Case:
    p = people(18, 8)

    def spelt(person: Person, index: int) -> str:
        d = person.birth
        return [
            f"{d:%Y-%m-%d}",
            f"{d.year}-{d.month}-{d.day}",
            f"{d:%Y/%m/%d}",
            f"{d.year}/{d.month}/{d.day}",
            f"{d:%Y.%m.%d}",
            f"{d.year}年{d.month}月{d.day}日",
            f"{d:%Y%m%d}",
        ][index]

    cells = [person.cells(出生日期=spelt(person, index)) for index, person in enumerate(p[:7])]
    cells.append(p[7].cells(出生日期=f"{p[7].birth.year}-02-30"))
    rows = [ok(2 + index, person, birth_date=person.birth) for index, person in enumerate(p[:7])]
    rows.append(bad(9, p[7], ("birth_date", "invalid_date")))
    return Case("dates_as_text", table(COLUMNS, cells), "日期文本.xlsx", rows, header_row=1)


@case
def dates_as_cells() -> Case:
    """Date cells, a date-time cell, serial numbers, 19850312 as a number, a timestamp text; a year-month number."""
    p = people(19, 7)
    stamp = dt.datetime.combine(p[1].birth, dt.time(0, 0))
    cells = [p[0].cells(出生日期=p[0].birth), p[1].cells(出生日期=stamp), p[2].cells(出生日期=serial(p[2].birth))]
    cells += [p[3].cells(出生日期=int(f"{p[3].birth:%Y%m%d}")), p[4].cells(出生日期=f"{p[4].birth} 00:00:00")]
    cells += [p[5].cells(出生日期=float(f"{p[5].birth.year}.{p[5].birth.month:02d}")), p[6].cells(出生日期=1985)]
    rows = [ok(2 + index, person, birth_date=person.birth) for index, person in enumerate(p[:5])]
    rows += [bad(7, p[5], ("birth_date", "invalid_date")), bad(8, p[6], ("birth_date", "invalid_date"))]
    return Case("dates_as_cells", table(COLUMNS, cells), "日期单元格.xlsx", rows, header_row=1)


def _with_flag(number: int, flags: list[object], expected: list[bool | None]) -> tuple[list[list[object]], list]:
    p = people(number, len(flags))
    cells = [[*person.cells(), flag] for person, flag in zip(p, flags, strict=True)]
    rows = [
        ok(2 + index, person, on_establishment=value)
        if value is not None
        else bad(2 + index, person, ("on_establishment", "invalid_boolean"))
        for index, (person, value) in enumerate(zip(p, expected, strict=True))
    ]
    return cells, rows


@case
def booleans_as_text() -> Case:
    flags: list[object] = ["是", "否", "Y", "n", "√", "×", "待定", "1-是"]
    cells, rows = _with_flag(20, flags, [True, False, True, False, True, False, None, True])
    return Case("booleans_as_text", table([*COLUMNS, "是否在编"], cells), "在编.xlsx", rows, header_row=1)


@case
def booleans_as_cells() -> Case:
    flags: list[object] = [1, 0, True, False, "0-否", "1-否", 2]
    cells, rows = _with_flag(21, flags, [True, False, True, False, False, None, None])
    return Case("booleans_as_cells", table([*COLUMNS, "是否在编 "], cells), "在编2.xlsx", rows, header_row=1)


@case
def numbers_as_text() -> Case:
    """Phone numbers and staff numbers as text and as number cells; a +86 prefix (refused: it starts a formula)."""
    p = people(22, 5)
    headers = [*COLUMNS, "教职工号", "手机", "联系电话"]
    cells = [
        [*p[0].cells(), "0012", "13912345678", "0931-8412345"],
        [*p[1].cells(), 1013, 13912345679, "09318412346"],
        [*p[2].cells(), "T-014", "+86 13912345670", ""],
        [*p[3].cells(), 1015.0, 13912345671.0, ""],
        [*p[4].cells(), "", "", 9318412347],
    ]
    rows = [
        ok(2, p[0], staff_no="0012", mobile="13912345678", phone="0931-8412345"),
        ok(3, p[1], staff_no="1013", mobile="13912345679", phone="09318412346"),
        bad(4, p[2], ("mobile", "formula_text")),
        ok(5, p[3], staff_no="1015", mobile="13912345671"),
        ok(6, p[4]),
    ]
    content = table(headers, cells)
    return Case("numbers_as_text", content, "电话.xlsx", rows, header_row=1, selected=("staff_no", "mobile", "phone"))


# A sheet whose ID column has a header nobody knows: mapped by hand, then remembered ----------------------------------

UNKNOWN_ID_HEADER = "身份证号/护照号"
MAPPED_HEADERS = [UNKNOWN_ID_HEADER if header == "身份证件号" else header for header in COLUMNS]


def _unmapped(number: int, name: str, **fields: object) -> Case:
    p = people(number, 4)
    cells = [p[0].cells(), p[1].cells(), p[2].cells(出生日期="1985-02-30"), p[3].cells()]
    rows = [ok(2, p[0]), ok(3, p[1]), bad(4, p[2], ("birth_date", "invalid_date")), ok(5, p[3])]
    return Case(name, table(MAPPED_HEADERS, cells), "没有证件号列.xlsx", rows, header_row=1, **fields)


@case
def missing_id_column() -> Case:
    return _unmapped(
        23, "missing_id_column", needs_mapping=True, missing=("id_number",), columns={4: ("id_number", "proposal")}
    )


@case
def missing_id_column_mapped() -> Case:
    mapping = {UNKNOWN_ID_HEADER: "id_number"}
    return _unmapped(24, "missing_id_column_mapped", mapping=mapping, columns={4: ("id_number", "mapping")})


@case
def missing_id_column_remembered() -> Case:
    first = _unmapped(25, "missing_id_column_remembered:first", mapping={UNKNOWN_ID_HEADER: "id_number"})
    return _unmapped(26, "missing_id_column_remembered", prelude=first, columns={4: ("id_number", "mapping")})
