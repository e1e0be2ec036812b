"""A report's figures as an XLSX workbook (the dashboard's 下载数据): names, never codes, one row per value (or per
child organisation, its values in columns). Small tables: written in memory by XlsxWriter."""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter
from django.utils.translation import gettext as _

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook() -> tuple[io.BytesIO, Any]:
    out = io.BytesIO()
    return out, xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})


def _value_label(row: dict[str, Any]) -> str:
    return " · ".join(row["names"])


def summary_workbook(summary: dict[str, Any]) -> bytes:
    """Value(s) and count under one organisation, with the total."""
    out, workbook = _workbook()
    bold = workbook.add_format({"bold": True})
    sheet = workbook.add_worksheet(_("Figures"))
    sheet.write_string(0, 0, summary["organisation"]["name"], bold)
    headers = [dimension["name"] for dimension in summary["by"]] + [_("Teachers")]
    for column, title in enumerate(headers):
        sheet.set_column(column, column, 18)
        sheet.write_string(1, column, title, bold)
    line = 2
    for line, row in enumerate(summary["rows"], start=2):
        for column, name in enumerate(row["names"]):
            sheet.write_string(line, column, name)
        sheet.write_number(line, len(row["names"]), row["count"])
    sheet.write_string(line + 1, 0, _("Total"), bold)
    sheet.write_number(line + 1, len(headers) - 1, summary["total"], bold)
    workbook.close()
    return out.getvalue()


def children_workbook(children: dict[str, Any]) -> bytes:
    """One row per child organisation: its total and, per value of the breakdown, a column."""
    out, workbook = _workbook()
    bold = workbook.add_format({"bold": True})
    sheet = workbook.add_worksheet(_("Figures"))
    sheet.write_string(0, 0, children["organisation"]["name"], bold)
    columns: dict[tuple[str, ...], str] = {}
    for child in children["children"]:
        for row in child["rows"]:
            columns.setdefault(tuple(row["codes"]), _value_label(row))
    headers = [_("Organisation"), _("Code"), _("Teachers"), *columns.values()]
    for column, title in enumerate(headers):
        sheet.set_column(column, column, 26 if column == 0 else 14)
        sheet.write_string(1, column, title, bold)
    for line, child in enumerate(children["children"], start=2):
        sheet.write_string(line, 0, child["organisation"]["name"])
        sheet.write_string(line, 1, child["organisation"]["code"])
        sheet.write_number(line, 2, child["total"])
        counts = {tuple(row["codes"]): row["count"] for row in child["rows"]}
        for offset, key in enumerate(columns, start=3):
            sheet.write_number(line, offset, counts.get(key, 0))
    sheet.freeze_panes(2, 1)
    workbook.close()
    return out.getvalue()
