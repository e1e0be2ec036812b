"""Spreadsheets as clerks fill them: rows of teachers in display form, written with XlsxWriter or as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

import xlsxwriter

from tmis.core import idnumbers

#: The columns of a plain (non-template) sheet, by Chinese header, as most schools keep them.
PLAIN_HEADERS = ["学校代码", "姓名", "性别", "国籍/地区", "身份证件类型", "身份证件号", "出生日期", "民族", "政治面貌"]


def id_for(index: int, *, region: str = "620102", male: bool = True) -> tuple[str, str]:
    """A valid resident ID number unique per index (its birth date, ISO) for up to ~36,000 indexes."""
    birth = dt.date(1962, 1, 1) + dt.timedelta(days=index % 12_000)
    sequence = (index // 12_000) * 2 + (1 if male else 0)
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + idnumbers.check_char(first17), birth.isoformat()


def plain_row(index: int, *, school: str = "2162010201") -> list[object]:
    male = index % 3 != 0
    number, birth = id_for(index, male=male)
    return [school, f"教师{index:05d}", "男" if male else "女", "中国", "居民身份证", number, birth, "汉族", "群众"]


def xlsx_bytes(
    headers: Sequence[str], rows: Iterable[Sequence[object]], *, codes: Sequence[str] | None = None
) -> bytes:
    """A workbook with one sheet: headers (and the template's code row, hidden, when given), then the rows as
    text cells (as a clerk pastes them)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("教师基本信息")
    sheet.write_row(0, 0, list(headers))
    first = 1
    if codes is not None:
        sheet.write_row(1, 0, list(codes))
        sheet.set_row(1, None, None, {"hidden": True})
        first = 2
    for offset, row in enumerate(rows):
        for column, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                sheet.write_string(first + offset, column, value)
            else:
                sheet.write(first + offset, column, value)
    workbook.close()
    return buffer.getvalue()


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[object]], *, encoding: str = "utf-8-sig") -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(headers)
    writer.writerows(rows)
    return text.getvalue().encode(encoding)
