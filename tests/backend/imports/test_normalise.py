import datetime as dt

import pytest
from django.utils import translation

from tmis.imports.code_values import CodeNames, to_codes
from tmis.imports.normalise import (
    CellProblem,
    clean_text,
    is_formula_like,
    to_bool,
    to_date,
    to_month,
)


@pytest.fixture(autouse=True)
def _english_messages():
    """The messages are asserted in their English source form (the server's default language is Chinese)."""
    with translation.override("en"):
        yield


NATIONALITIES = CodeNames([("01", "汉族", "Han"), ("02", "蒙古族", "Mongol"), ("10", "朝鲜族", "Korean")])


def problem_of(call, *args):
    with pytest.raises(CellProblem) as caught:
        call(*args)
    return caught.value


def test_cell_problem_carries_code_and_message():
    problem = CellProblem("invalid_date", "Write the date as YYYY-MM-DD.")
    assert (problem.code, problem.message, str(problem)) == (
        "invalid_date",
        "Write the date as YYYY-MM-DD.",
        "Write the date as YYYY-MM-DD.",
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("", ""),
        ("   ", ""),
        (True, "1"),
        (False, "0"),
        (3, "3"),
        (-7, "-7"),
        (3.0, "3"),
        (1.5, "1.5"),
        (1985.03, "1985.03"),
        (0.1 + 0.2, "0.30000000000000004"),
        (1e-05, "0.00001"),
        (1e20, "100000000000000000000"),
        (dt.date(1985, 3, 12), "1985-03-12"),
        (dt.datetime(1985, 3, 12), "1985-03-12"),
        (dt.datetime(1985, 3, 12, 10, 30), "1985-03-12 10:30:00"),
        ("１９８５－０３－１２", "1985-03-12"),
        ("ＡＢＣ　ａｂｃ", "ABC abc"),
        ("（一）", "(一)"),
        ("张\u3000三", "张 三"),
        ("张\u00a0三", "张 三"),
        ("\ufeff张\u200b三\u200c\u200d", "张三"),
        ("  a \t\n  b  ", "a b"),
        ("㈠ 豈 ㊀ ⅰ", "㈠ 豈 ㊀ ⅰ"),  # no NFKC: enclosed and compatibility characters stay
        ("汉族", "汉族"),
    ],
)
def test_clean_text(value, text):
    assert clean_text(value) == text


@pytest.mark.parametrize(
    ("text", "formula"),
    [
        ("=SUM(A1:A3)", True),
        ("+1", True),
        ("-1+2", True),
        ("@cmd", True),
        ("  =1", True),
        ("＝1", True),  # full-width equals sign
        ("\u200b=1", True),
        ("", False),
        ("a=1", False),
        ("1985-03-12", False),
        ("汉族", False),
    ],
)
def test_is_formula_like(text, formula):
    assert is_formula_like(text) is formula


@pytest.mark.parametrize(
    "value",
    [
        "1985-03-12",
        "1985-3-12",
        "1985/3/12",
        "1985/03/12",
        "1985.03.12",
        "1985.3.12",
        "1985年3月12日",
        "1985年03月12号",
        "1985 年 3 月 12 日",
        "1985年3月12",
        "19850312",
        19850312,
        19850312.0,
        "  1985-03-12  ",
        "１９８５－０３－１２",
        "１９８５年３月１２日",
        "1985-03-12 00:00:00",
        "1985/3/12 0:00",
        dt.date(1985, 3, 12),
        dt.datetime(1985, 3, 12),
        dt.datetime(1985, 3, 12, 10, 30),
    ],
)
def test_to_date_reads_date_spellings(value):
    assert to_date(value) == "1985-03-12"


@pytest.mark.parametrize(
    ("serial", "date"),
    [
        (31118, "1985-03-12"),
        (31118.0, "1985-03-12"),
        ("31118", "1985-03-12"),
        (31118.75, "1985-03-12"),  # a date and time of day
        (1, "1900-01-01"),
        (59, "1900-02-28"),
        (61, "1900-03-01"),
        (36526, "2000-01-01"),
        (73415, "2100-12-31"),
    ],
)
def test_to_date_reads_excel_serial_numbers(serial, date):
    assert to_date(serial) == date


@pytest.mark.parametrize(
    "value",
    [
        "1985-02-30",
        "1985-13-01",
        "1985-00-12",
        "19850230",
        "1985年2月30日",
        "1899-12-31",
        "2101-01-01",
        dt.date(1899, 12, 31),
        dt.datetime(2101, 1, 1),
        60,  # Excel's 1900-02-29, which never was
        "60",
        0,
        -1,
        73416,  # 2101-01-01
        2958465,  # 9999-12-31
        2958466,
        "1985",  # a year, not the serial of a day in 1905
        1985.0,
        1985.03,  # a month Excel turned into a number
        "1985-03",
        "12/03/1985",
        "1985-3/12",
        "1985-03-12 morning",
        "yesterday",
        "",
        None,
        True,
        dt.time(10, 30),
    ],
)
def test_to_date_rejects_what_is_not_a_date(value):
    assert problem_of(to_date, value).code == "invalid_date"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("1985-02-30", ['"1985-02-30"', "calendar", "YYYY-MM-DD"]),
        ("2101-01-01", ['"2101-01-01"', "1900", "2100"]),
        ("yesterday", ['"yesterday"', "YYYY-MM-DD", "1985-03-12"]),
        ("1985", ['"1985"', "year"]),
        ("x" * 100, ['"' + "x" * 40 + '…"']),
    ],
)
def test_date_messages_quote_the_cell_and_say_what_is_expected(value, words):
    message = problem_of(to_date, value).message
    assert all(word in message for word in words), message


@pytest.mark.parametrize(
    "value",
    [
        "1985-03",
        "1985-3",
        "1985/3",
        "1985/03",
        "1985.03",
        "1985.3",
        "1985年3月",
        "1985年03月",
        "1985 年 3 月",
        "198503",
        198503,
        "１９８５－０３",
        "1985-03-12",
        "1985年3月12日",
        "19850312",
        31118,
        31118.0,
        dt.date(1985, 3, 12),
        dt.datetime(1985, 3, 12, 10, 30),
    ],
)
def test_to_month_reads_month_and_date_spellings(value):
    assert to_month(value) == "1985-03"


@pytest.mark.parametrize(
    ("value", "month"),
    [
        (1985.03, "1985-03"),
        (1985.3, "1985-03"),  # "1985.3" typed; "1985.30" is no month
        (1985.1, "1985-10"),  # "1985.10" lost its trailing zero: October, never January
        (1985.11, "1985-11"),
        (1985.12, "1985-12"),
        (1985.01, "1985-01"),
        ("1985.1", "1985-01"),  # a text keeps its digits: January
        ("1985.10", "1985-10"),
    ],
)
def test_to_month_reads_months_excel_turned_into_numbers(value, month):
    assert to_month(value) == month


@pytest.mark.parametrize(
    "value",
    [
        "1985-13",
        "1985-00",
        "198513",
        "1985年13月",
        1985.13,
        1985.123,
        "1985",
        1985.0,
        "1899-12",
        "2101-01",
        "1985-02-30",
        60,
        "March 1985",
        "",
        None,
        False,
    ],
)
def test_to_month_rejects_what_is_not_a_month(value):
    assert problem_of(to_month, value).code == "invalid_month"


def test_month_message_names_the_month_and_the_format():
    message = problem_of(to_month, "1985-13").message
    assert '"1985-13"' in message and "13" in message and "YYYY-MM" in message


@pytest.mark.parametrize(
    "value",
    ["是", "1", 1, 1.0, "true", "TRUE", "True", "yes", "Yes", "y", "Y", "有", "√", "✓", "1-是", "1 - 是", "1是", True],
)
def test_to_bool_true(value):
    assert to_bool(value) is True


@pytest.mark.parametrize(
    "value",
    ["否", "0", 0, 0.0, "false", "FALSE", "no", "No", "n", "N", "无", "×", "✗", "0-否", "0否", " 否 ", False],
)
def test_to_bool_false(value):
    assert to_bool(value) is False


@pytest.mark.parametrize("value", ["", None, "2", 2, "maybe", "是否", "1-否", "0-是", "yes please", "t", "x"])
def test_to_bool_rejects_other_values(value):
    assert problem_of(to_bool, value).code == "invalid_boolean"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("01", "01"),
        ("10", "10"),
        ("汉族", "01"),
        ("蒙古族", "02"),
        ("Han", "01"),
        ("han", "01"),
        ("KOREAN", "10"),
        ("01 汉族", "01"),
        ("01-汉族", "01"),
        ("01汉族", "01"),
        ("01：汉族", "01"),
        ("01:汉族", "01"),
        ("01 Han", "01"),
        ("10-朝鲜族", "10"),
        (" 02\u3000蒙古族 ", "02"),
        ("０１", "01"),
    ],
)
def test_code_names_resolve(text, code):
    assert NATIONALITIES.resolve(text) == code


@pytest.mark.parametrize(("text", "code"), [("1", "01"), ("2", "02"), ("1 汉族", "01"), ("1汉族", "01")])
def test_code_names_recover_a_lost_leading_zero(text, code):
    assert NATIONALITIES.resolve(text) == code


@pytest.mark.parametrize(
    ("items", "text", "code"),
    [
        ([("1", "一", ""), ("01", "零一", "")], "1", "1"),  # the exact code wins
        ([("01", "一", ""), ("001", "零一", "")], "01", "01"),
        ([("01", "一", ""), ("001", "零零一", "")], "1", None),  # "01" or "001"
        ([("01", "一", ""), ("011", "十一", "")], "1", "01"),
        ([("001", "一", "")], "01", "001"),
        ([("001", "一", "")], "1", "001"),
    ],
)
def test_leading_zero_recovery_only_when_unambiguous(items, text, code):
    names = CodeNames(items)
    if code is None:
        assert problem_of(names.resolve, text).code == "unknown_code"
    else:
        assert names.resolve(text) == code


@pytest.mark.parametrize("text", ["", "03", "3", "苗族", "Hans", "01 蒙古族", "02-汉族", "0１1", "汉", "1.0"])
def test_code_names_reject_unknown_values(text):
    problem = problem_of(NATIONALITIES.resolve, text)
    assert problem.code == "unknown_code"
    assert f'"{clean_text(text)}"' in problem.message and "drop-down list" in problem.message


def test_a_name_shared_by_two_codes_is_ambiguous():
    names = CodeNames([("19", "其他", "Other"), ("29", "其他", "Other")])
    assert names.resolve("19") == "19" and names.resolve("29 其他") == "29"
    problem = problem_of(names.resolve, "其他")
    assert problem.code == "unknown_code" and '"其他"' in problem.message


def test_code_names_len():
    assert len(NATIONALITIES) == 3
    assert len(CodeNames(iter([]))) == 0


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("", []),
        ("  ", []),
        ("01", ["01"]),
        ("汉族、蒙古族", ["01", "02"]),
        ("01,02，10", ["01", "02", "10"]),
        ("01;02；10", ["01", "02", "10"]),
        ("01/02|10", ["01", "02", "10"]),
        ("01 汉族\n02 蒙古族\r\n10-朝鲜族", ["01", "02", "10"]),
        ("汉族、 Mongol ，10", ["01", "02", "10"]),
        ("01、汉族、1、02、01", ["01", "02"]),  # duplicates dropped, first kept
        ("02、、01,", ["02", "01"]),
        ("１０／０２", ["10", "02"]),
    ],
)
def test_to_codes(text, codes):
    assert to_codes(text, NATIONALITIES) == codes


def test_to_codes_keeps_separators_that_belong_to_a_name():
    industries = CodeNames([("A", "农、林、牧、渔业", "Agriculture"), ("C", "制造业", ""), ("F", "林", "")])
    assert to_codes("农、林、牧、渔业、制造业", industries) == ["A", "C"]
    assert to_codes("制造业、林", industries) == ["C", "F"]


@pytest.mark.parametrize(("text", "part"), [("01、苗族、02", "苗族"), ("汉族,  03 ", "03"), ("01\n蒙古", "蒙古")])
def test_to_codes_names_the_unknown_part(text, part):
    problem = problem_of(to_codes, text, NATIONALITIES)
    assert problem.code == "unknown_code" and f'"{part}"' in problem.message
