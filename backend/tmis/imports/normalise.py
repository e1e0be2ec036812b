"""Spreadsheet cells to catalogue values: one cell as python-calamine or the csv module gives it (None, str, int,
float, bool, date, datetime, time) becomes the text, date ("YYYY-MM-DD"), month ("YYYY-MM"), boolean or code(s)
the catalogue validator expects. What a clerk's spreadsheet typically does to a value is undone here: full-width
digits and punctuation, stray and zero-width spaces, dates turned into Excel serial numbers, "1985.10" turned into
the number 1985.1. Coded cells are read by `code_values`. A cell that cannot be read raises CellProblem."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal

from django.utils.translation import gettext_noop

from tmis.core.messages import Message

FIRST_YEAR, LAST_YEAR = 1900, 2100
LAST_SERIAL = 2958465  # 9999-12-31, the last day Excel can show
FAKE_LEAP_DAY = 60  # Excel's 1900-02-29, kept for Lotus 1-2-3 compatibility; that day never existed
QUOTE_LIMIT = 40  # characters of a cell quoted in a message

_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # full-width ASCII forms -> ASCII
_SPACES = {0x3000: " ", 0x00A0: " "}
_ZERO_WIDTH = {code: None for code in (0x200B, 0x200C, 0x200D, 0xFEFF)}
_TRANSLATION: dict[int, int | str | None] = {**_WIDTH, **_SPACES, **_ZERO_WIDTH}

_FORMULA_START = ("=", "+", "-", "@")
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"  # a midnight time a csv export may add to a date
_YMD = re.compile(rf"^(\d{{4}})([-/.])(\d{{1,2}})\2(\d{{1,2}}){_TIME}$")
_YMD_CN = re.compile(r"^(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?[日号號]?$")
_YM = re.compile(r"^(\d{4})([-/.])(\d{1,2})$")
_YM_CN = re.compile(r"^(\d{4}) ?年 ?(\d{1,2}) ?月?$")
_DIGITS = re.compile(r"^[0-9]+$")

_TRUE = frozenset({"是", "1", "true", "yes", "y", "有", "√", "✓", "✔"})
_FALSE = frozenset({"否", "0", "false", "no", "n", "无", "無", "×", "✗", "✘", "✕"})
_CODED_BOOL = re.compile(r"^([01]) ?[-:.、]? ?([是否])$")  # "1-是", "0-否" as a drop-down list shows them


class CellProblem(Exception):
    """A cell that cannot be read as its field's type."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# Text


def clean_text(value: object) -> str:
    """The cell as a single-line text: numbers without a spurious ".0", dates as ISO dates, full-width ASCII forms
    as ASCII, every run of spaces as one space. Chinese characters are left alone (no NFKC)."""
    if type(value) is str:  # most cells: checked first (an import cleans ~50 cells a row)
        return " ".join(value.translate(_TRANSLATION).split())
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return " ".join(str(value).translate(_TRANSLATION).split())


def _float_text(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    if value.is_integer():
        return str(int(value))
    text = repr(value)  # the shortest text that reads back as the same float: 1.5, 1985.03
    return format(Decimal(text), "f") if "e" in text else text


def is_formula_like(text: str) -> bool:
    """True when the cleaned text would start a formula in Excel or another spreadsheet (CSV injection)."""
    return clean_text(text).startswith(_FORMULA_START)


def quoted(text: str) -> str:
    return f'"{text}"' if len(text) <= QUOTE_LIMIT else f'"{text[:QUOTE_LIMIT]}…"'


# Dates and months


def to_date(value: object) -> str:
    """The cell as "YYYY-MM-DD": a date cell, an Excel serial number or a text such as 1985-3-12, 1985/3/12,
    1985.03.12, 1985年3月12日 or 19850312."""
    if isinstance(value, bool):
        raise _not_a_date(clean_text(value))
    if isinstance(value, dt.datetime):
        return _in_range(value.date(), clean_text(value), "invalid_date").isoformat()
    if isinstance(value, dt.date):
        return _in_range(value, clean_text(value), "invalid_date").isoformat()
    if isinstance(value, float) and math.isfinite(value) and not value.is_integer():
        text = clean_text(value)
        if FIRST_YEAR <= value < LAST_YEAR + 1:
            raise CellProblem(
                "invalid_date",
                Message(
                    gettext_noop(
                        "%(value)s looks like a year and month; write the whole date as YYYY-MM-DD, e.g. 1985-03-12."
                    ),
                    {"value": quoted(text)},
                ),
            )
        return _serial(math.floor(value), text, "invalid_date").isoformat()  # a serial with a time of day
    text = clean_text(value)
    return _text_date(text, "invalid_date").isoformat()


def _text_date(text: str, code: str) -> dt.date:
    match = _YMD.match(text) or _YMD_CN.match(text)
    if match:
        year, month, day = match.group(1), match.groups()[-2], match.groups()[-1]
        return _calendar_date(int(year), int(month), int(day), text, code)
    if not _DIGITS.match(text):
        raise _not_a_date(text) if code == "invalid_date" else _not_a_month(text)
    if len(text) == 8:
        return _calendar_date(int(text[:4]), int(text[4:6]), int(text[6:]), text, code)
    if FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise _year_only(text, code)
    return _serial(int(text), text, code)


def _serial(serial: int, text: str, code: str) -> dt.date:
    """Excel's 1900 date system: serial 1 is 1900-01-01 and 60 the 1900-02-29 that never was, so serials past 60
    count from 1899-12-30 and those before it from 1899-12-31."""
    if not 1 <= serial <= LAST_SERIAL or serial == FAKE_LEAP_DAY:
        raise _not_a_calendar_date(text, code)
    start = dt.date(1899, 12, 30) if serial > FAKE_LEAP_DAY else dt.date(1899, 12, 31)
    return _in_range(start + dt.timedelta(days=serial), text, code)


def _calendar_date(year: int, month: int, day: int, text: str, code: str) -> dt.date:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise _not_a_calendar_date(text, code) from None
    return _in_range(date, text, code)


def _in_range(date: dt.date, text: str, code: str) -> dt.date:
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise CellProblem(
            code,
            Message(
                gettext_noop("The year of %(value)s is not between %(first)s and %(last)s."),
                {"value": quoted(text), "first": FIRST_YEAR, "last": LAST_YEAR},
            ),
        )
    return date


def to_month(value: object) -> str:
    """The cell as "YYYY-MM": what to_date reads (the day is dropped) and 1985-03, 1985-3, 1985/3, 1985.03,
    1985.3, 1985年3月 or 198503."""
    if isinstance(value, bool):
        raise _not_a_month(clean_text(value))
    if isinstance(value, dt.date):
        return _in_range(value, clean_text(value), "invalid_month").isoformat()[:7]
    if isinstance(value, float) and math.isfinite(value) and not value.is_integer():
        text = clean_text(value)
        if FIRST_YEAR <= value < LAST_YEAR + 1:
            return _number_month(text)
        return _serial(math.floor(value), text, "invalid_month").isoformat()[:7]
    text = clean_text(value)
    match = _YM.match(text) or _YM_CN.match(text)
    if match:
        return _month(int(match.group(1)), int(match.groups()[-1]), text)
    if _DIGITS.match(text) and len(text) == 6:
        return _month(int(text[:4]), int(text[4:]), text)
    return _text_date(text, "invalid_month").isoformat()[:7]


def _number_month(text: str) -> str:
    """A month cell Excel turned into a number: "1985.03" became 1985.03 and "1985.10" became 1985.1. One digit
    after the point is read as the month that lost its trailing zero when that zero makes a month (1985.1 ->
    1985-10), otherwise as the month itself (1985.3 -> 1985-03, since 1985.30 is no month). So a number 1985.1
    means October, never January; a text "1985.1" (csv, or a cell formatted as text) still means January."""
    year, fraction = text.split(".")
    if len(fraction) == 1:
        month = 10 if fraction == "1" else int(fraction)
    elif len(fraction) == 2:
        month = int(fraction)
    else:
        raise _not_a_month(text)
    return _month(int(year), month, text)


def _month(year: int, month: int, text: str) -> str:
    if not 1 <= month <= 12:
        raise CellProblem(
            "invalid_month",
            Message(
                gettext_noop("%(value)s has no month %(month)s. Write the month as YYYY-MM, e.g. 1985-03."),
                {"value": quoted(text), "month": month},
            ),
        )
    return _in_range(dt.date(year, month, 1), text, "invalid_month").isoformat()[:7]


def _not_a_date(text: str) -> CellProblem:
    return CellProblem(
        "invalid_date",
        Message(
            gettext_noop("Cannot read %(value)s as a date. Write the date as YYYY-MM-DD, e.g. 1985-03-12."),
            {"value": quoted(text)},
        ),
    )


def _not_a_month(text: str) -> CellProblem:
    return CellProblem(
        "invalid_month",
        Message(
            gettext_noop("Cannot read %(value)s as a month. Write the month as YYYY-MM, e.g. 1985-03."),
            {"value": quoted(text)},
        ),
    )


def _not_a_calendar_date(text: str, code: str) -> CellProblem:
    return CellProblem(
        code,
        Message(
            gettext_noop("%(value)s is not a date on the calendar. Write the date as YYYY-MM-DD, e.g. 1985-03-12."),
            {"value": quoted(text)},
        ),
    )


def _year_only(text: str, code: str) -> CellProblem:
    """A bare 1900..2100 is a year, not the Excel serial of a day in 1905."""
    if code == "invalid_month":
        template = gettext_noop("%(value)s is only a year. Write the month as YYYY-MM, e.g. 1985-03.")
    else:
        template = gettext_noop("%(value)s is only a year. Write the date as YYYY-MM-DD, e.g. 1985-03-12.")
    return CellProblem(code, Message(template, {"value": quoted(text)}))


# Booleans


def to_bool(value: object) -> bool:
    """是/否, 1/0, true/false, yes/no, y/n, 有/无, √/×, "1-是"/"0-否" (any case); Python bools as they are."""
    if isinstance(value, bool):
        return value
    text = clean_text(value)
    key = text.casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    match = _CODED_BOOL.match(key)
    if match and (match.group(1) == "1") == (match.group(2) == "是"):
        return match.group(1) == "1"
    raise CellProblem(
        "invalid_boolean",
        Message(
            gettext_noop("Cannot read %(value)s as yes or no. Write 是 or 否."),
            {"value": quoted(text)},
        ),
    )


def to_number(text: str) -> int | float:
    """A decimal cell as a number: "1,200.50", "１２００", "1200元" is not one (CellProblem). Whole numbers stay
    int, so a column allowing no decimals is checked as the catalogue says."""
    plain = unicodedata.normalize("NFKC", text).replace(",", "").strip()
    try:
        number = Decimal(plain)
    except ArithmeticError as error:
        raise CellProblem("invalid_number", Message(gettext_noop("Write a number."))) from error
    if not number.is_finite():
        raise CellProblem("invalid_number", Message(gettext_noop("Write a number.")))
    return int(number) if number == number.to_integral_value() else float(number)
