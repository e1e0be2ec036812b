"""The XLSX files of the statistics headcounts: the import template pre-filled with the schools of a subtree (and
their figures of the year where entered), and the gap report. Names, never bare codes, for people to read; the
template's 学校标识码 column is the key the import matches (a school's code is what the statistics forms carry)."""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tmis.orgs.models import Organisation

from .rows import COLUMNS, SHEET

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

INSTRUCTIONS = (
    "每行一所学校：学校标识码（10位）、年度（四位数字）、专任教师数、教职工数（均为不小于0的整数，专任教师数不大于教职工数）。",
    "学校名称仅供核对，导入时不读取；学校须为本单位所辖学校。",
    "同一学校同一年度已有数字的，导入后以本文件为准；留空或有误的行不导入，其余行照常保存。",
    "可先选择“仅检查”，确认无误后再正式导入。",
)


def _workbook(out: io.BytesIO, *, constant_memory: bool = False) -> Any:
    return xlsxwriter.Workbook(
        out,
        {
            "in_memory": not constant_memory,
            "constant_memory": constant_memory,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
        },
    )


def template_workbook(*, schools: QuerySet[Organisation], year: int) -> bytes:
    """Sheet 统计人数: the five columns, a row per school (code, name, year, its figures if entered); a second sheet
    explains them. Streamed row by row (a province's ~30,000 schools)."""
    out = io.BytesIO()
    workbook = _workbook(out, constant_memory=True)
    bold = workbook.add_format({"bold": True, "bg_color": "#EEF3FB", "border": 1})
    text = workbook.add_format({"num_format": "@"})
    sheet = workbook.add_worksheet(SHEET)
    widths = (14, 36, 8, 12, 12)
    for column, (title, width) in enumerate(zip(COLUMNS, widths, strict=True)):
        sheet.set_column(column, column, width, text if column == 0 else None)
        sheet.write_string(0, column, title, bold)
    sheet.freeze_panes(1, 0)
    for line, school in enumerate(schools.iterator(chunk_size=2000), start=1):
        sheet.write_string(line, 0, school.code, text)
        sheet.write_string(line, 1, school.name)
        sheet.write_number(line, 2, year)
        if school.hc_fulltime is not None:
            sheet.write_number(line, 3, school.hc_fulltime)
            sheet.write_number(line, 4, school.hc_staff)
    notes = workbook.add_worksheet("填写说明")
    notes.set_column(0, 0, 110)
    for line, note in enumerate(INSTRUCTIONS):
        notes.write_string(line, 0, note)
    workbook.close()
    return out.getvalue()


GAP_COLUMNS = (
    ("schools_with_figure", None),
    ("staff", None),
    ("collected", None),
    ("staff_gap", None),
    ("collection_rate", "rate"),
    ("fulltime", None),
    ("collected_fulltime", None),
    ("fulltime_gap", None),
    ("fulltime_rate", "rate"),
)


def _gap_headers() -> list[str]:
    return [
        _("Organisation"),
        _("Schools"),
        _("Schools with figures"),
        _("Staff (statistics)"),
        _("Archives collected"),
        _("Staff gap"),
        _("Collection rate"),
        _("Full-time teachers (statistics)"),
        _("Full-time teacher archives"),
        _("Full-time gap"),
        _("Full-time collection rate"),
    ]


def gap_workbook(report: dict[str, Any]) -> bytes:
    """A row per child organisation, then the organisation's total."""
    out = io.BytesIO()
    workbook = _workbook(out)
    bold = workbook.add_format({"bold": True})
    percent = workbook.add_format({"num_format": "0.0%"})
    bold_percent = workbook.add_format({"num_format": "0.0%", "bold": True})
    sheet = workbook.add_worksheet(str(report["year"]))
    title = _("Statistics headcount against archives collected, %(year)s") % {"year": report["year"]}
    sheet.write_string(0, 0, f"{report['organisation']['name']} {title}", bold)
    for column, header in enumerate(_gap_headers()):
        sheet.set_column(column, column, 30 if column == 0 else 13)
        sheet.write_string(1, column, header, bold)

    def write(line: int, name: str, figures: dict[str, Any], strong: bool = False) -> None:
        sheet.write_string(line, 0, name, bold if strong else None)
        sheet.write_number(line, 1, figures["schools"], bold if strong else None)
        for offset, (key, kind) in enumerate(GAP_COLUMNS, start=2):
            value = figures[key]
            if value is None:
                sheet.write_blank(line, offset, None)
            elif kind == "rate":
                sheet.write_number(line, offset, value, bold_percent if strong else percent)
            else:
                sheet.write_number(line, offset, value, bold if strong else None)

    line = 2
    for line, child in enumerate(report["children"], start=2):
        write(line, child["organisation"]["name"], child)
    write(line + 1 if report["children"] else 2, _("Total"), report["total"], strong=True)
    sheet.freeze_panes(2, 1)
    workbook.close()
    return out.getvalue()
