"""A report's figures as an XLSX workbook (the dashboard's 下载数据): names, never codes, one row per value (or per
child organisation, its values in columns). Small tables: written in memory by XlsxWriter."""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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


MONTHLY_COLUMNS = [
    ("schools_expected", gettext_lazy("Schools that should report")),
    ("schools_submitted", gettext_lazy("Schools that have submitted")),
    ("schools_approved", gettext_lazy("Schools fully approved")),
    ("teachers_expected", gettext_lazy("Teachers expected")),
    ("collected", gettext_lazy("Teachers collected")),
    ("submitted", gettext_lazy("Submitted")),
    ("approved", gettext_lazy("Approved")),
    ("returned", gettext_lazy("Returned")),
    ("collection_rate", gettext_lazy("Collection rate")),
    ("approval_rate", gettext_lazy("Approval rate")),
    ("accounts", gettext_lazy("Accounts issued")),
    ("problems", gettext_lazy("Problem data")),
]


def monthly_workbook(report: dict[str, Any]) -> bytes:
    """附件3 as provinces send it: a row per child organisation and school kind, then the organisation's total."""
    out, workbook = _workbook()
    bold = workbook.add_format({"bold": True})
    percent = workbook.add_format({"num_format": "0.0%"})
    sheet = workbook.add_worksheet(report["period"])
    title = _("Monthly report on the deployment of the teacher management information system")
    sheet.write_string(0, 0, f"{report['organisation']['name']} {title} {report['period']}", bold)
    headers = [
        _("Organisation"),
        _("School type"),
        *[str(label) for _key, label in MONTHLY_COLUMNS],
        _("Working group contact"),
    ]
    for column, header in enumerate(headers):
        sheet.set_column(column, column, 24 if column == 0 else 12)
        sheet.write_string(1, column, header, bold)
    line = 2

    def write(name: str, kind: str, values: dict[str, Any], style: Any = None, contact: str = "") -> None:
        nonlocal line
        sheet.write_string(line, 0, name, style)
        sheet.write_string(line, 1, kind, style)
        for offset, (key, _label) in enumerate(MONTHLY_COLUMNS, start=2):
            value = values.get(key)
            if value is None:
                sheet.write_blank(line, offset, None)
            elif key.endswith("_rate"):
                sheet.write_number(line, offset, value, percent)
            else:
                sheet.write_number(line, offset, value, style)
        sheet.write_string(line, len(MONTHLY_COLUMNS) + 2, contact, style)
        line += 1

    for child in report["children"]:
        write(child["organisation"]["name"], _("All"), child["total"], contact=child["contact"])
        for kind in child["by_type"]:
            write(child["organisation"]["name"], kind["school_type_name"], kind)
    write(_("Total"), _("All"), report["total"], bold, contact=report["contact"])
    sheet.freeze_panes(2, 2)
    workbook.close()
    return out.getvalue()
