"""Opening uploads: the kind is told by content, whole-file problems are refused up front, rows come back raw with
their sheet row numbers, and formula cells are found in the worksheet XML."""

from __future__ import annotations

import datetime as dt
import random
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from django.utils import translation

from tmis.imports import xlsx_formulas
from tmis.imports.sheets import Sheet, SheetProblem, open_sheet


@pytest.fixture(autouse=True)
def _english_messages():
    """The messages are asserted in their English source form (the server's default language is Chinese)."""
    with translation.override("en"):
        yield


CODES = {"school", "name", "gender", "id_number", "birth_date"}
HEADERS = ["学校代码", "姓名", "性别", "身份证件号", "出生日期"]


def workbook(path: Path, build) -> Path:
    book = xlsxwriter.Workbook(str(path))
    build(book)
    book.close()
    return path


def teacher_sheet(book, *, codes: bool = False, name: str = "教师基本信息"):
    sheet = book.add_worksheet(name)
    sheet.write_row(0, 0, HEADERS)
    row = 1
    if codes:
        sheet.write_row(1, 0, ["school", "name", "gender", "id_number", "birth_date"])
        sheet.set_row(1, None, None, {"hidden": True})
        row = 2
    sheet.write_row(row, 0, ["2162010201", "张伟", "男", "620102198001011234"])
    sheet.write_datetime(row, 4, dt.datetime(1980, 1, 1), book.add_format({"num_format": "yyyy-mm-dd"}))
    sheet.write_row(row + 1, 0, ["2162010201", "李娜", "女", "620102198502021220", "1985-02-02"])
    return sheet


def problem(path: Path, **kwargs) -> SheetProblem:
    with pytest.raises(SheetProblem) as caught:
        open_sheet(path, known_codes=CODES, **kwargs)
    return caught.value


# --- XLSX ----------------------------------------------------------------------------------------------------------


def test_plain_workbook(tmp_path):
    path = workbook(tmp_path / "upload.bin", lambda book: teacher_sheet(book))  # the name says nothing
    sheet = open_sheet(path, known_codes=CODES)
    assert isinstance(sheet, Sheet)
    assert sheet.name == "教师基本信息"
    assert sheet.headers == HEADERS
    assert sheet.codes is None
    assert sheet.first_data_row == 2
    assert sheet.formula_cells == set()
    rows = list(sheet.rows())
    assert rows == [
        (2, ["2162010201", "张伟", "男", "620102198001011234", dt.date(1980, 1, 1)]),
        (3, ["2162010201", "李娜", "女", "620102198502021220", "1985-02-02"]),
    ]
    assert list(sheet.rows()) == rows  # re-iterable


def test_hidden_code_row_is_detected(tmp_path):
    path = workbook(tmp_path / "t.xlsx", lambda book: teacher_sheet(book, codes=True))
    sheet = open_sheet(path, known_codes=CODES)
    assert sheet.codes == ["school", "name", "gender", "id_number", "birth_date"]
    assert sheet.first_data_row == 3
    assert [number for number, _cells in sheet.rows()] == [3, 4]


@pytest.mark.parametrize(
    "second_row",
    [
        ["school", "name", "gender", "身份证件号"],  # one cell is not a known code
        ["", "name"],  # a single code
    ],
)
def test_row_two_is_data_unless_it_is_all_known_codes(tmp_path, second_row):
    def build(book):
        sheet = book.add_worksheet("教师基本信息")
        sheet.write_row(0, 0, HEADERS)
        sheet.write_row(1, 0, second_row)

    sheet = open_sheet(workbook(tmp_path / "t.xlsx", build), known_codes=CODES)
    assert sheet.codes is None
    assert sheet.first_data_row == 2
    assert [number for number, _cells in sheet.rows()] == [2]


def test_blank_rows_are_skipped_and_row_numbers_kept(tmp_path):
    def build(book):
        sheet = book.add_worksheet("教师基本信息")
        sheet.write_row(0, 0, [*HEADERS[:2], "", ""])  # trailing empty header cells
        sheet.write_row(2, 0, ["2162010201", "张伟", "", "", "beyond the headers"])
        sheet.write_string(4, 1, "   ")  # only spaces: blank
        sheet.write_blank(5, 0, None, book.add_format({"bold": True}))  # formatted, no value
        sheet.write_row(7, 0, ["", "李娜"])
        sheet.write_string(9, 6, "only beyond the headers")

    sheet = open_sheet(workbook(tmp_path / "t.xlsx", build), known_codes=CODES)
    assert sheet.headers == HEADERS[:2]
    assert list(sheet.rows()) == [(3, ["2162010201", "张伟"]), (8, ["", "李娜"])]


def test_rows_are_padded_to_the_headers(tmp_path):
    def build(book):
        sheet = book.add_worksheet("教师基本信息")
        sheet.write_row(0, 0, HEADERS)
        sheet.write_row(1, 0, ["2162010201", "张伟"])

    sheet = open_sheet(workbook(tmp_path / "t.xlsx", build), known_codes=CODES)
    assert list(sheet.rows()) == [(2, ["2162010201", "张伟", "", "", ""])]


def test_cells_stay_in_their_columns_when_column_a_is_empty(tmp_path):
    def build(book):
        sheet = book.add_worksheet("教师基本信息")
        sheet.write_row(0, 1, ["姓名", "性别"])
        sheet.write_row(1, 1, ["张伟", "男"])
        sheet.write_formula(2, 2, '="女"', None, "女")
        sheet.write_string(2, 1, "李娜")

    sheet = open_sheet(workbook(tmp_path / "t.xlsx", build), known_codes=CODES)
    assert sheet.headers == ["", "姓名", "性别"]
    assert list(sheet.rows()) == [(2, ["", "张伟", "男"]), (3, ["", "李娜", "女"])]
    assert sheet.formula_cells == {(3, 2)}


def test_formula_cells_but_not_validations_or_conditional_formats(tmp_path):
    def build(book):
        sheet = teacher_sheet(book, codes=True)
        sheet.write_formula("B5", '=CONCATENATE("张","三")', None, "张三")
        sheet.write_formula("AB7", "=1+2", None, 3)
        sheet.write_array_formula("C6:C6", "{=1+1}", None, 2)
        sheet.data_validation(2, 2, 1000, 2, {"validate": "list", "source": ["男", "女"]})
        sheet.data_validation(2, 3, 1000, 3, {"validate": "list", "source": "=$A$1:$A$2"})
        sheet.data_validation(2, 4, 1000, 4, {"validate": "custom", "value": "=LEN(E3)=10"})
        sheet.conditional_format("A3:E1000", {"type": "formula", "criteria": "=$A3=1", "format": None})
        other = book.add_worksheet("其他")
        other.write_formula("A1", "=1+1", None, 2)

    sheet = open_sheet(workbook(tmp_path / "t.xlsx", build), known_codes=CODES)
    assert sheet.formula_cells == {(5, 1), (7, 27), (6, 2)}
    rows = dict(sheet.rows())
    assert rows[5][1] == "张三"  # calamine gives the formula's result


@pytest.mark.parametrize("chunk", [3, 17, 64, 1000])
def test_formula_scan_across_chunk_boundaries(tmp_path, monkeypatch, chunk):
    def build(book):
        sheet = book.add_worksheet("教师基本信息")
        sheet.write_row(0, 0, HEADERS)
        for row in range(1, 60):
            for column in range(5):
                if (row * 7 + column) % 4 == 0:
                    sheet.write_formula(row, column, f"={row}+{column}", None, row + column)
                else:
                    sheet.write_string(row, column, f"v{row}-{column}")
        sheet.data_validation(1, 0, 100, 4, {"validate": "list", "source": ["a", "b"]})

    path = workbook(tmp_path / "t.xlsx", build)
    expected = {(row + 1, column) for row in range(1, 60) for column in range(5) if (row * 7 + column) % 4 == 0}
    monkeypatch.setattr(xlsx_formulas, "CHUNK", chunk)
    monkeypatch.setattr(xlsx_formulas, "OVERLAP", 48)  # longer than XlsxWriter's <c r=".." s=".." t="str"> tags
    assert open_sheet(path, known_codes=CODES).formula_cells == expected


def test_formula_scan_with_a_namespace_prefix(tmp_path):
    path = tmp_path / "prefixed.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            b'<x:worksheet xmlns:x="m"><x:sheetData><x:row r="4">'
            b'<x:c r="C4"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>',
        )
        archive.writestr("xl/worksheets/sheet2.xml", b"")
    with zipfile.ZipFile(path) as archive:
        assert xlsx_formulas.formula_cells(archive, "xl/worksheets/sheet1.xml") == {(4, 2)}


def test_the_preferred_sheet_wins_wherever_it_is(tmp_path):
    def build(book):
        book.add_worksheet("填写说明").write("A1", "说明")
        other = book.add_worksheet("Sheet1")
        other.write_row(0, 0, ["x", "y"])
        teacher_sheet(book)

    assert open_sheet(workbook(tmp_path / "t.xlsx", build), known_codes=CODES).name == "教师基本信息"


def test_otherwise_the_first_visible_data_worksheet(tmp_path):
    def build(book):
        book.add_worksheet("填写说明").write("A1", "说明")
        hidden = book.add_worksheet("隐藏")
        hidden.write_row(0, 0, ["x", "y"])
        hidden.hide()
        codes = book.add_worksheet("代码")
        codes.write("A1", "01 汉族")
        teacher_sheet(book, name="Teachers")
        book.add_worksheet("Later").write_row(0, 0, ["p", "q"])
        book.worksheets()[3].activate()

    sheet = open_sheet(workbook(tmp_path / "t.xlsx", build), known_codes=CODES)
    assert sheet.name == "Teachers"
    assert sheet.headers == HEADERS


def test_no_data_worksheet(tmp_path):
    path = workbook(tmp_path / "t.xlsx", lambda book: book.add_worksheet("填写说明").write("A1", "x"))
    assert problem(path).code == "empty"


def test_workbook_without_header_row(tmp_path):
    assert problem(workbook(tmp_path / "t.xlsx", lambda book: book.add_worksheet("教师基本信息"))).code == "empty"


def test_headers_below_an_empty_first_row(tmp_path):
    def build(book):
        book.add_worksheet("教师基本信息").write_row(1, 0, HEADERS)

    sheet = open_sheet(workbook(tmp_path / "t.xlsx", build), known_codes=CODES)
    assert (sheet.header_row, sheet.headers, list(sheet.rows())) == (2, HEADERS, [])


def test_headers_only_is_no_rows(tmp_path):
    path = workbook(tmp_path / "t.xlsx", lambda book: book.add_worksheet("教师基本信息").write_row(0, 0, HEADERS))
    assert list(open_sheet(path, known_codes=CODES).rows()) == []


def test_too_many_rows_are_refused_before_anything_is_returned(tmp_path):
    def build(book):
        sheet = teacher_sheet(book, codes=True)  # rows 3 and 4
        sheet.write_row(9, 0, ["2162010201", "王芳"])

    path = workbook(tmp_path / "t.xlsx", build)
    assert len(list(open_sheet(path, known_codes=CODES, max_rows=3).rows())) == 3
    found = problem(path, max_rows=2)
    assert found.code == "too_many_rows"
    assert "3" in found.message and "2" in found.message


def test_unpacked_size_limit(tmp_path):
    path = workbook(tmp_path / "t.xlsx", lambda book: teacher_sheet(book))
    assert problem(path, max_unpacked_bytes=2000).code == "too_large_unpacked"


def test_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    path = tmp_path / "bomb.xlsx"
    zeros = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            for _ in range(300):
                entry.write(zeros)
    assert path.stat().st_size < 2 * 1024 * 1024
    found = problem(path)
    assert found.code == "too_large_unpacked"


def test_compression_ratio_alone(tmp_path):
    path = tmp_path / "ratio.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", bytes(20 * 1024 * 1024))
    assert problem(path).code == "too_large_unpacked"  # 20 MB is below the total limit, the ratio is not


# --- what is not a workbook ----------------------------------------------------------------------------------------


def test_encrypted_or_xls(tmp_path):
    path = tmp_path / "protected.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    found = problem(path)
    assert found.code == "encrypted_or_xls"
    assert "password" in found.message and ".xlsx" in found.message


def test_random_binary(tmp_path):
    path = tmp_path / "random.xlsx"
    path.write_bytes(b"\x89PNG" + random.Random(7).randbytes(8192))
    assert problem(path).code == "not_a_spreadsheet"


def test_text_with_nul_bytes_is_binary(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(b"name,gender\x00\x00\x00\n")
    assert problem(path).code == "not_a_spreadsheet"


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert problem(path).code == "not_a_spreadsheet"


def test_corrupt_zip(tmp_path):
    path = tmp_path / "broken.xlsx"
    good = workbook(tmp_path / "good.xlsx", lambda book: teacher_sheet(book)).read_bytes()
    path.write_bytes(good[: len(good) // 2])
    assert problem(path).code == "not_a_spreadsheet"


def test_damaged_worksheet_xml(tmp_path):
    path = tmp_path / "damaged.xlsx"
    source = workbook(tmp_path / "good.xlsx", lambda book: teacher_sheet(book))
    with zipfile.ZipFile(source) as good, zipfile.ZipFile(path, "w") as bad:
        for info in good.infolist():
            data = good.read(info)
            bad.writestr(info, b"<worksheet><sheetData><row" if info.filename.endswith("sheet1.xml") else data)
    assert problem(path).code == "not_a_spreadsheet"


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n", b",,\n"])
def test_empty(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    assert problem(path).code == "empty"


# --- CSV -----------------------------------------------------------------------------------------------------------


def test_csv_utf8_with_bom(tmp_path):
    path = tmp_path / "teachers.xlsx"  # a wrong extension does not matter
    path.write_bytes("姓名,性别\r\n张伟,男\r\n\r\n李娜,女\r\n".encode("utf-8-sig"))
    sheet = open_sheet(path, known_codes=CODES)
    assert sheet.name == ""
    assert sheet.headers == ["姓名", "性别"]
    assert sheet.codes is None
    assert sheet.formula_cells == set()
    assert list(sheet.rows()) == [(2, ["张伟", "男"]), (4, ["李娜", "女"])]
    assert list(sheet.rows()) == list(sheet.rows())


def test_csv_gbk(tmp_path):
    path = tmp_path / "teachers.csv"
    path.write_bytes("姓名,性别\n张伟,男\n".encode("gbk"))
    sheet = open_sheet(path, known_codes=CODES)
    assert sheet.headers == ["姓名", "性别"]
    assert list(sheet.rows()) == [(2, ["张伟", "男"])]


@pytest.mark.parametrize("delimiter", ["\t", ";"])
def test_csv_delimiters(tmp_path, delimiter):
    path = tmp_path / "teachers.txt"
    path.write_text(delimiter.join(["姓名", "性别", "备注"]) + "\n张伟" + delimiter + "男" + delimiter + "a,b\n")
    sheet = open_sheet(path, known_codes=CODES)
    assert sheet.headers == ["姓名", "性别", "备注"]
    assert list(sheet.rows()) == [(2, ["张伟", "男", "a,b"])]


def test_csv_with_code_row_quotes_and_ragged_rows(tmp_path):
    path = tmp_path / "teachers.csv"
    path.write_text(
        '学校代码,姓名,性别\nschool,name,gender\n2162010201,"张\n伟",男,extra\n2162010201,李娜\n', encoding="utf-8"
    )
    sheet = open_sheet(path, known_codes=CODES)
    assert sheet.codes == ["school", "name", "gender"]
    assert sheet.first_data_row == 3
    assert list(sheet.rows()) == [(3, ["2162010201", "张\n伟", "男"]), (4, ["2162010201", "李娜", ""])]


def test_csv_too_many_rows(tmp_path):
    path = tmp_path / "teachers.csv"
    path.write_text("姓名\n" + "".join(f"教师{i}\n" for i in range(5)), encoding="utf-8")
    found = problem(path, max_rows=4)
    assert found.code == "too_many_rows"
    assert "5" in found.message


def test_sheet_built_directly_has_no_rows():
    sheet = Sheet(name="", headers=["姓名"], codes=None, first_data_row=2, formula_cells=set())
    assert list(sheet.rows()) == []
