"""The files of training credits: a teacher's transcript (学分银行 record) as XLSX and PDF, and a school's compliance
list as XLSX. Names, never codes; column headings in the reader's language."""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter
from django.utils.translation import gettext as _

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE = "application/pdf"


def status_names() -> dict[str, str]:
    return {"compliant": _("Compliant"), "on_track": _("On track"), "behind": _("Behind")}


def _workbook(out: io.BytesIO) -> Any:
    return xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})


def _table(sheet: Any, row: int, headers: list[str], rows: list[list[Any]], bold: Any) -> int:
    for col, header in enumerate(headers):
        sheet.write_string(row, col, header, bold)
    for offset, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            if isinstance(value, int | float):
                sheet.write_number(row + offset, col, value)
            else:
                sheet.write_string(row + offset, col, "" if value is None else str(value))
    return row + len(rows) + 2


def transcript_workbook(data: dict[str, Any]) -> bytes:
    out = io.BytesIO()
    book = _workbook(out)
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 14})
    sheet = book.add_worksheet(_("Transcript")[:31])
    teacher = data["teacher"]
    sheet.write_string(0, 0, _("Training transcript"), title)
    sheet.write_string(1, 0, f"{teacher['name']}  {teacher['teacher_no']}  {teacher['school']}")
    statuses = status_names()
    cycles = [
        [c["cycle"], c["required"], c["counted"], c["hours"], float(c["credits"]), c["missing"], statuses[c["status"]]]
        for c in data["cycles"]
    ]
    row = _table(
        sheet,
        3,
        [
            _("Cycle"),
            _("Required hours"),
            _("Hours counted"),
            _("Hours approved"),
            _("Credits"),
            _("Missing"),
            _("Status"),
        ],
        cycles,
        bold,
    )
    claims = [
        [
            c["date"].isoformat(),
            c["cycle"],
            c["kind_name"],
            c["title"],
            c["provider"],
            c["level_name"],
            c["form_name"],
            c["hours"],
            float(c["credits"]) if c["credits"] is not None else None,
        ]
        for c in data["claims"]
    ]
    _table(
        sheet,
        row,
        [
            _("Date"),
            _("Cycle"),
            _("Kind"),
            _("Title"),
            _("Provider"),
            _("Category"),
            _("Form"),
            _("Hours"),
            _("Credits"),
        ],
        claims,
        bold,
    )
    sheet.set_column(0, 1, 12)
    sheet.set_column(2, 2, 14)
    sheet.set_column(3, 4, 30)
    sheet.set_column(5, 8, 12)
    book.close()
    return out.getvalue()


def compliance_workbook(*, school: str, cycle: str, rows: list[dict[str, Any]]) -> bytes:
    out = io.BytesIO()
    book = _workbook(out)
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet(_("Compliance")[:31])
    sheet.write_string(0, 0, f"{school}  {cycle}", bold)
    statuses = status_names()
    _table(
        sheet,
        2,
        [
            _("Teacher number"),
            _("Name"),
            _("Required hours"),
            _("Hours counted"),
            _("Hours approved"),
            _("Credits"),
            _("Missing"),
            _("Status"),
        ],
        [
            [
                r["teacher_no"],
                r["name"],
                r["required"],
                r["counted"],
                r["hours"],
                float(r["credits"]),
                r["missing"],
                statuses[r["status"]],
            ]
            for r in rows
        ],
        bold,
    )
    sheet.set_column(0, 0, 18)
    sheet.set_column(1, 7, 12)
    book.close()
    return out.getvalue()


def transcript_pdf(data: dict[str, Any]) -> bytes:
    raise NotImplementedError("the PDF transcript is being written")
