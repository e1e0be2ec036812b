"""Finding the table in a sheet: the header row below titles and notes, two-row headers, the code row, header keys."""

from __future__ import annotations

import pytest

from tmis.imports.header_row import find_header, header_key, loose_header_key

KNOWN = frozenset(header_key(h) for h in ("学校代码", "姓名", "性别", "身份证件号", "出生日期", "手机号码", "电子邮箱"))
CODES = frozenset({"school", "name", "gender", "id_number", "birth_date"})


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("*身份证件号", "身份证件号"),
        (" 身份证件号＊ ", "身份证件号"),
        ("身份证\n件号", "身份证件号"),
        ("身 份 证 件 号", "身份证件号"),
        ("国籍/地区", "国籍地区"),
        ("Ｅｍａｉｌ", "email"),
        ("ID Number", "idnumber"),
    ],
)
def test_header_key_folds_what_clerks_vary(text, key):
    assert header_key(text) == key


@pytest.mark.parametrize(
    "text", ["出生日期（YYYY-MM-DD）", "出生日期(必填)", "出生日期【年-月-日】", "*出生日期 (格式:1985-03-12)"]
)
def test_loose_key_drops_bracketed_remarks(text):
    assert loose_header_key(text) == "出生日期"


def test_title_notes_and_blank_rows_above_the_header():
    rows = [
        ["城关区第一实验小学教师基本信息表", "", "", ""],
        ["填表说明：带*为必填项", "", "", ""],
        [],
        ["", "姓名", "性别", "身份证件号", "出生日期"],
        ["", "张三", "男", "620102198503120011", "1985-03-12"],
    ]
    found = find_header(rows, CODES, KNOWN)
    assert found is not None
    assert (found.index, found.headers, found.codes, found.two_rows) == (
        3,
        ["", "姓名", "性别", "身份证件号", "出生日期"],
        None,
        False,
    )


def test_two_row_header_with_a_merged_group_name():
    rows = [
        ["教师信息", None, None, None, None],
        ["姓名", "性别", "身份证件号", "联系方式", None],
        [None, None, None, "手机号码", "电子邮箱"],
        ["张三", "男", "620102198503120011", "13800138000", "a@b.cn"],
    ]
    found = find_header(rows, CODES, KNOWN)
    assert found is not None
    assert (found.index, found.headers, found.two_rows) == (
        2,
        ["姓名", "性别", "身份证件号", "手机号码", "电子邮箱"],
        True,
    )


def test_the_template_code_row_marks_the_header_above_it():
    rows = [["*姓名", "*性别", "备注"], ["name", "gender", ""], ["张三", "男", ""]]
    found = find_header(rows, CODES, KNOWN)
    assert found is not None and (found.index, found.codes) == (0, ["name", "gender", ""])


def test_unknown_headers_fall_back_to_the_first_row_that_is_not_empty():
    rows = [[], [None, ""], ["列一", "列二"], ["a", "b"]]
    found = find_header(rows, CODES, KNOWN)
    assert found is not None and (found.index, found.headers) == (2, ["列一", "列二"])
    assert find_header([[], [""]], CODES, KNOWN) is None


def test_a_data_row_never_beats_the_header():
    rows = [["姓名", "性别", "出生日期"], ["姓名", "男", "1985-03-12"]]
    found = find_header(rows, CODES, KNOWN)
    assert found is not None and found.index == 0
