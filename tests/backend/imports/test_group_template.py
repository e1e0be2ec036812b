"""Group templates over HTTP (`GET /imports/template/?group=`): a group's sheet keyed by 身份证件号 / 全国教师编号, the
whole-archive template (basic + every importable group), and the 400s of groups that have no template."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from python_calamine import CalamineWorkbook, SheetVisibleEnum

from tmis.catalog.selectors import effective_for_organisation
from tmis.imports.group_sheets import KEY_CODES, group_sheet, group_sheets
from tmis.imports.template import CODES_SHEET, INSTRUCTIONS_SHEET, TEMPLATE_SHEET, template_fields
from tmis.orgs.models import Organisation

pytestmark = pytest.mark.django_db

SCHOOL = "2162010201"
KEY_HEADERS = ["身份证件号", "全国教师编号", "姓名"]


@pytest.fixture
def filler(client_for):
    return client_for("demo-school-a")


@pytest.fixture
def catalogue():
    return effective_for_organisation(organisation=Organisation.objects.get(code=SCHOOL))[0]


def template(client, group: str) -> bytes:
    response = client.get("/api/v1/imports/template/", {"group": group})
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"template-{SCHOOL}-{group}.xlsx" in response["Content-Disposition"]
    return response.content


def rows(content: bytes, sheet: str) -> list[list[object]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def sheet_xml(content: bytes, index: int) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml").decode()


def text_columns(content: bytes, index: int) -> set[int]:
    """0-based columns of a sheet whose default style is text (@)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        styles = archive.read("xl/styles.xml").decode()
    xfs = re.findall(r"<xf [^>]*>", styles.split("<cellXfs", 1)[1].split("</cellXfs>", 1)[0])
    text_formats = {
        "49",
        *(n for n, code in re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles) if code == "@"),
    }
    text = set()
    for col in re.findall(r"<col [^>]*>", sheet_xml(content, index)):
        style = re.search(r'style="(\d+)"', col)
        if style and re.search(r'numFmtId="(\d+)"', xfs[int(style.group(1))]).group(1) in text_formats:
            low, high = (int(re.search(rf'{b}="(\d+)"', col).group(1)) for b in ("min", "max"))
            text |= set(range(low - 1, high))
    return text


def test_a_groups_template_has_its_sheet_keyed_by_id_number_or_teacher_number(filler, catalogue):
    content = template(filler, "study")
    sheet = group_sheet(catalogue, "study")
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    assert book.sheet_names == [sheet.name, INSTRUCTIONS_SHEET, CODES_SHEET] and sheet.name == "学习经历"
    visible = {m.name: m.visible for m in book.sheets_metadata}
    assert visible[CODES_SHEET] == SheetVisibleEnum.Hidden and visible[sheet.name] == SheetVisibleEnum.Visible
    head, codes, *data = rows(content, sheet.name)
    assert codes == [*KEY_CODES, *(f.code for f in sheet.fields)]
    assert head == [*KEY_HEADERS, *(("*" if f.required else "") + f.name for f in sheet.fields)]
    assert any(h.startswith("*") for h in head[3:]), "学习经历 has required columns, marked *"
    assert data == []  # nothing prefilled
    xml = sheet_xml(content, 1)
    assert 'hidden="1"' in re.search(r'<row r="2"[^>]*>', xml).group()  # the code row
    assert '<pane ySplit="2" topLeftCell="A3"' in xml
    assert {0, 1, 2} <= text_columns(content, 1)  # 18-digit numbers and teacher numbers stay text
    # Coded columns get their drop-down from the hidden 代码 sheet; yes/no columns 是,否.
    education = codes.index("study_education")
    letter = chr(65 + education)
    validation = re.search(
        rf'<dataValidation type="list"[^>]*sqref="{letter}3:{letter}200002"[^>]*>.*?</dataValidation>', xml, re.S
    )
    assert validation and "代码" in validation.group()
    assert re.search(r'<dataValidation type="list"[^>]*>\s*<formula1>"是,否"</formula1>', xml)
    lists = rows(content, CODES_SHEET)
    assert any(str(cell).endswith("（study_education）") for cell in lists[0])
    instructions = "\n".join(str(c) for row in rows(content, INSTRUCTIONS_SHEET) for c in row)
    assert "学习经历导入模板" in instructions and "全国教师编号" in instructions and "study_major" in instructions


def test_the_whole_archive_template_has_the_basic_sheet_and_every_importable_group(filler, catalogue):
    content = template(filler, "all")
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    importable = [s for s in group_sheets(catalogue, importable=True) if s.fields]
    assert book.sheet_names == [TEMPLATE_SHEET, *(s.name for s in importable), INSTRUCTIONS_SHEET, CODES_SHEET]
    assert "国内培训" not in book.sheet_names and "交流轮岗" not in book.sheet_names  # owned: written by their module
    assert "工作经历" not in book.sheet_names  # the catalogue has no indicator of it here
    basic = rows(content, TEMPLATE_SHEET)
    assert basic[1] == ["school", *(f.code for f in template_fields(catalogue))]
    for index, sheet in enumerate(importable, start=2):
        head, codes = rows(content, sheet.name)[:2]
        assert codes == [*KEY_CODES, *(f.code for f in sheet.fields)], sheet.code
        assert head[:3] == KEY_HEADERS
        assert 'hidden="1"' in re.search(r'<row r="2"[^>]*>', sheet_xml(content, index)).group()
    # Each coded field has one list on 代码, whichever sheets use it.
    headers = [str(c) for c in rows(content, CODES_SHEET)[0] if c]
    assert len(headers) == len(set(headers))
    assert 'tabSelected="1"' in sheet_xml(content, 1) and 'tabSelected="1"' not in sheet_xml(content, 2)


def test_basic_stays_the_default(filler):
    response = filler.get("/api/v1/imports/template/")
    assert response.status_code == 200
    assert f"template-{SCHOOL}.xlsx" in response["Content-Disposition"]
    assert CalamineWorkbook.from_filelike(io.BytesIO(response.content)).sheet_names == [
        TEMPLATE_SHEET,
        INSTRUCTIONS_SHEET,
        CODES_SHEET,
    ]


@pytest.mark.parametrize(
    ("group", "code", "says"),
    [
        ("salary", "unsupported_group", "salary"),
        ("contact", "unsupported_group", "contact"),  # one-per-teacher: part of basic
        ("training", "group_owned", "学时申报"),  # the training module writes it
        ("rotation", "group_owned", ""),
        ("work", "group_not_in_catalogue", "work"),  # no indicator of 工作经历 in this catalogue
    ],
)
def test_groups_without_a_template_are_400s_naming_the_reason(filler, group, code, says):
    response = filler.get("/api/v1/imports/template/", {"group": group})
    assert response.status_code == 400
    errors = response.json()["errors"]["group"]
    assert errors[0]["code"] == code
    assert says in errors[0]["message"]


def test_the_template_of_another_organisation_stays_out_of_reach(filler):
    response = filler.get("/api/v1/imports/template/", {"group": "study", "org": "620103"})
    assert response.status_code == 400 and "org" in response.json()["errors"]
