"""The import template: built from the organisation's effective catalogue, read back as the pipeline reads it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook, SheetVisibleEnum

from tmis.catalog.effective import build
from tmis.catalog.selectors import effective_for_organisation
from tmis.imports.sheets import open_sheet
from tmis.imports.template import (
    CODES_SHEET,
    INSTRUCTIONS_SHEET,
    SCHOOL_COLUMN,
    TEMPLATE_SHEET,
    code_names,
    template_fields,
)
from tmis.imports.template_workbook import write_template
from tmis.orgs.models import Organisation

pytestmark = pytest.mark.django_db

SCHOOL = "2162010201"  # a primary school in 城关区
COUNTY = "620102"


def make(tmp_path: Path, code: str):
    organisation = Organisation.objects.get(code=code)
    catalogue, tables = effective_for_organisation(organisation=organisation)
    names = code_names(catalogue, tables)
    path = tmp_path / f"template-{code}.xlsx"
    school_code = organisation.code if organisation.level == "school" else None
    write_template(
        str(path), catalogue=catalogue, names=names, organisation_name=organisation.name, school_code=school_code
    )
    return path, catalogue, template_fields(catalogue), names


def rows_of(path: Path, sheet: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode()


def sheet_xml(path: Path, index: int) -> str:
    return part(path, f"xl/worksheets/sheet{index}.xml")


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_style(path: Path, index: int) -> str:
    """The number format code of a data-sheet column's default style."""
    xml = sheet_xml(path, 1)
    for col in re.findall(r"<col [^>]*>", xml):  # XlsxWriter joins neighbouring columns of the same width and style
        low, high = (int(re.search(rf'{bound}="(\d+)"', col).group(1)) for bound in ("min", "max"))
        if low <= index + 1 <= high:
            break
    style = int(re.search(r'style="(\d+)"', col).group(1))
    styles = part(path, "xl/styles.xml")
    xfs = re.findall(r"<xf [^>]*>", styles.split("<cellXfs", 1)[1].split("</cellXfs>", 1)[0])
    num_fmt = int(re.search(r'numFmtId="(\d+)"', xfs[style]).group(1))
    if num_fmt == 49:
        return "@"
    custom = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles))
    return custom.get(str(num_fmt), str(num_fmt))


@pytest.mark.parametrize("code", [SCHOOL, COUNTY])
def test_sheets_and_active_sheet(tmp_path, code):
    path, *_ = make(tmp_path, code)
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == [TEMPLATE_SHEET, INSTRUCTIONS_SHEET, CODES_SHEET]
    visible = {m.name: m.visible for m in book.sheets_metadata}
    assert visible[TEMPLATE_SHEET] == SheetVisibleEnum.Visible
    assert visible[INSTRUCTIONS_SHEET] == SheetVisibleEnum.Visible
    assert visible[CODES_SHEET] == SheetVisibleEnum.Hidden
    workbook = part(path, "xl/workbook.xml")
    assert 'activeTab="' not in workbook or 'activeTab="0"' in workbook  # the data sheet is active
    assert 'tabSelected="1"' in sheet_xml(path, 1)
    assert 'tabSelected="1"' not in sheet_xml(path, 2)


@pytest.mark.parametrize("code", [SCHOOL, COUNTY])
def test_header_and_code_rows(tmp_path, code):
    path, _catalogue, fields, _names = make(tmp_path, code)
    rows = rows_of(path, TEMPLATE_SHEET)
    school_header = ("*" if code == COUNTY else "") + SCHOOL_COLUMN[1]  # a school's own template may leave it blank
    assert rows[0] == [school_header, *[("*" if f.required else "") + f.name for f in fields]]
    assert rows[1] == ["school", *[f.code for f in fields]]
    assert len(rows) == 2  # nothing prefilled
    xml = sheet_xml(path, 1)
    row2 = re.search(r'<row r="2"[^>]*>', xml).group()
    assert 'hidden="1"' in row2
    assert 'hidden="1"' not in re.search(r'<row r="1"[^>]*>', xml).group()
    assert '<pane ySplit="2" topLeftCell="A3"' in xml and 'state="frozen"' in xml


def test_template_fields_are_basic_then_contact_without_derived(tmp_path):
    catalogue, _tables = effective_for_organisation(organisation=Organisation.objects.get(code=SCHOOL))
    fields = template_fields(catalogue)
    groups = [f.group for f in fields]
    assert groups == sorted(groups, key=["basic", "contact"].index)
    assert [f.code for f in fields if f.group == "basic"] == [
        f.code for f in catalogue.group("basic").fields if not f.validation.get("derived")
    ]
    codes = {f.code for f in fields}
    assert {"name", "gender", "id_number", "birth_date", "ethnicity", "political_status"} <= codes
    assert not codes & {"highest_education", "current_post_category"}  # filled from the records
    county, _ = effective_for_organisation(organisation=Organisation.objects.get(code=COUNTY))
    assert codes <= {f.code for f in template_fields(county)}  # a region's template has every kind's fields


def test_code_sheet_and_drop_downs(tmp_path):
    path, _catalogue, fields, names = make(tmp_path, SCHOOL)
    lists = rows_of(path, CODES_SHEET)
    headers = lists[0]
    ethnicity = headers.index("民族（ethnicity）")
    assert lists[1][ethnicity] == "01 汉族"
    assert [row[ethnicity] for row in lists[1:] if row[ethnicity]] == [f"{c} {n}" for c, n, _en in names["ethnicity"]]
    coded = [f for f in fields if f.data_type in {"code", "multi_code"} and names.get(f.code)]
    assert len([h for h in headers if h]) == len(coded)

    xml = sheet_xml(path, 1)
    validations = re.findall(r"<dataValidation [^>]*?(?:/>|>.*?</dataValidation>)", xml, re.S)
    by_column = {re.search(r'sqref="([A-Z]+)3:[A-Z]+200002"', v).group(1): v for v in validations}
    columns = ["school", *[f.code for f in fields]]

    gender = by_column[column_letter(columns.index("gender"))]
    assert 'type="list"' in gender
    gender_list = column_letter(headers.index("性别（gender）"))
    source = f"代码!${gender_list}$2:${gender_list}${len(names['gender']) + 1}"
    assert f"<formula1>{source}</formula1>" in gender or f"<formula1>'代码'!{source[3:]}</formula1>" in gender
    assert "errorStyle" not in gender  # stop: only listed values

    political = by_column[column_letter(columns.index("political_status"))]
    assert 'errorStyle="information"' in political  # several values joined by 、 pass

    boolean = next(f for f in fields if f.data_type == "boolean")
    assert '<formula1>"是,否"</formula1>' in by_column[column_letter(columns.index(boolean.code))]

    id_number = by_column[column_letter(columns.index("id_number"))]
    assert 'type="list"' not in id_number and 'promptTitle="身份证件号"' in id_number


def test_column_formats(tmp_path):
    path, _catalogue, fields, _names = make(tmp_path, SCHOOL)
    columns = ["school", *[f.code for f in fields]]
    assert column_style(path, columns.index("id_number")) == "@"
    assert column_style(path, columns.index("school")) == "@"
    assert column_style(path, columns.index("ethnicity")) == "@"  # 01 keeps its zero
    assert column_style(path, columns.index("work_start_month")) == "@"
    assert column_style(path, columns.index("birth_date")) == "yyyy-mm-dd"
    month = re.search(r'<dataValidation [^>]*promptTitle="参加工作年月"[^>]*>', sheet_xml(path, 1)).group()
    assert "YYYY-MM" in month


def test_instructions(tmp_path):
    path, _catalogue, fields, _names = make(tmp_path, SCHOOL)
    rows = rows_of(path, INSTRUCTIONS_SHEET)
    text = "\n".join(str(cell) for row in rows for cell in row)
    organisation = Organisation.objects.get(code=SCHOOL)
    assert organisation.name in rows[0][0]
    assert SCHOOL in text  # a school's template names its code
    assert "YYYY-MM-DD" in text and "200,000" in text and "50 MB" in text
    head = next(i for i, row in enumerate(rows) if row[:2] == ["列名", "指标代码"])
    table = rows[head + 1 :]
    assert [row[1] for row in table] == ["school", *[f.code for f in fields]]
    by_code = {row[1]: row for row in table}
    assert by_code["school"][2] == "选填"  # blank means the school itself
    assert by_code["name"][2] == "必填" and by_code["ethnicity"][2] == "选填"  # required only for nationality 156
    assert by_code["gender"][4] == "0 未知的性别、1 男、2 女、9 未说明的性别"
    assert "见下拉列表" in by_code["ethnicity"][4]


def test_open_sheet_reads_the_template(tmp_path):
    path, _catalogue, fields, _names = make(tmp_path, COUNTY)
    known = {SCHOOL_COLUMN[0], *(f.code for f in fields)}
    sheet = open_sheet(path, known_codes=known)
    assert sheet.name == TEMPLATE_SHEET
    assert sheet.codes == ["school", *[f.code for f in fields]]
    assert sheet.headers[0] == "*学校代码"
    assert sheet.first_data_row == 3
    assert sheet.formula_cells == set()  # <formula1> of the drop-downs is no formula
    assert list(sheet.rows()) == []


def test_code_names_limits_to_allowed_codes_and_uses_province_tables(tmp_path):
    spec = {
        "selected": {"former_name": {"required": False}, "mobile": {"required": True}},
        "code_tables": [
            {
                "slug": "gs-dialect",
                "name": "方言区",
                "name_en": "Dialect area",
                "items": [{"code": "2", "name": "兰银官话", "name_en": "Lanyin"}, {"code": "1", "name": "中原官话"}],
            }
        ],
        "extensions": [
            {
                "code": "ext_dialect",
                "group": "basic",
                "name": "方言区" * 20,
                "type": "code",
                "code_table": "gs-dialect",
                "help": "很长的说明" * 80,  # longer than Excel's 255-character prompt
                "stages": ["primary_secondary"],
                "order": 2000,
            }
        ],
    }
    catalogue = build(province="620000", version=3, spec=spec, stage="primary_secondary")
    names = code_names(catalogue, spec["code_tables"])
    assert names["ext_dialect"] == [("2", "兰银官话", "Lanyin"), ("1", "中原官话", "中原官话")]
    education = next(f for g in catalogue.groups for f in g.fields if f.code_table == "education")
    assert {code for code, _n, _e in names[education.code]} == set(education.codes)  # leaf codes only
    assert names["gender"][1:3] == [("1", "男", "Male"), ("2", "女", "Female")]

    path = tmp_path / "province.xlsx"
    with path.open("wb") as out:  # a file object works as well as a path
        write_template(out, catalogue=catalogue, names=names, organisation_name="甘肃省", school_code=None)
    headers, codes = rows_of(path, TEMPLATE_SHEET)[:2]
    assert codes == ["school", *[f.code for f in template_fields(catalogue)]]
    assert codes[-2:] == ["ext_dialect", "mobile"]  # 基本信息 (extensions last by their order), then 联系方式
    assert "曾用名" in headers and "*手机" in headers
    assert column_style(path, codes.index("mobile")) == "@"
    lists = rows_of(path, CODES_SHEET)
    column = lists[0].index("方言区" * 20 + "（ext_dialect）")
    assert [row[column] for row in lists[1:4]] == ["2 兰银官话", "1 中原官话", ""]
    prompt = re.search(r'<dataValidation [^>]*prompt="(很长[^"]*)"', sheet_xml(path, 1)).group(1)
    assert len(prompt) == 255 and prompt.endswith("…")
