"""The XLSX sheets of an export: row 1 the Chinese column names, row 2 (hidden) the indicator codes, one row per
teacher or record from row 3 — the import template's layout, so that an exported file imports again."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO

import xlsxwriter
from xlsxwriter.workbook import Workbook

from tmis.imports.template import TEMPLATE_SHEET

BASIC_SHEET = TEMPLATE_SHEET  # 教师基本信息


def xlsx_book(target: str | IO[bytes]) -> Workbook:
    """A workbook written row by row (`constant_memory`: rows go straight to disk); a file object is written in
    memory (one teacher's archive). Strings stay strings: no numbers, formulas or links made of them."""
    in_memory = not isinstance(target, str)
    return xlsxwriter.Workbook(
        target,
        {
            "constant_memory": not in_memory,
            "in_memory": in_memory,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )


def write_sheet(
    book: Workbook,
    name: str,
    headers: list[tuple[str, str]],
    rows: Iterable[list[str]],
    on_row: Callable[[], None],
) -> None:
    """One sheet: the headers (even without rows, so that an import sees the sheet), then the rows in order;
    `on_row` after each. Every column is text, so ID numbers and codes with leading zeros stay as written."""
    sheet = book.add_worksheet(name)
    bold = book.add_format({"bold": True, "bg_color": "#F0F0F0"})
    text = book.add_format({"num_format": "@"})
    sheet.set_column(0, max(len(headers) - 1, 0), 14, text)
    sheet.write_row(0, 0, [header for header, _code in headers], bold)
    sheet.write_row(1, 0, [code for _header, code in headers])
    sheet.set_row(1, None, None, {"hidden": True})
    for index, row in enumerate(rows, start=2):
        for column, value in enumerate(row):
            if value != "":
                sheet.write_string(index, column, value)
        on_row()
