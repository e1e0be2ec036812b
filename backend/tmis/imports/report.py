"""The import report: the uploaded rows again, with a result column and the bad cells marked with the reason."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import xlsxwriter
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from tmis.core.messages import render_stored

from .models import ImportJob, ImportProblem, Severity
from .normalise import clean_text
from .pipeline import job_sheets
from .sheets import Sheet


def _problems_by_row(job: ImportJob, sheet_name: str) -> Iterator[tuple[int, list[ImportProblem]]]:
    """A sheet's problems grouped by row, in row order (never all rows' problems in memory)."""
    current: int | None = None
    group: list[ImportProblem] = []
    problems = ImportProblem.objects.filter(job=job, sheet=sheet_name).order_by("row", "id")
    for problem in problems.iterator(chunk_size=5000):
        if problem.row != current:
            if group:
                yield current, group  # type: ignore[misc]
            current, group = problem.row, []
        group.append(problem)
    if group:
        yield current, group  # type: ignore[misc]


def report_path(job: ImportJob) -> Path:
    """One report per job and language (its messages are rendered in the reader's)."""
    language = (translation.get_language() or settings.LANGUAGE_CODE).replace("_", "-")
    return Path(settings.TMIS_FILES_DIR) / "reports" / f"import-{job.pk}-{language}.xlsx"


def build_report(job: ImportJob) -> Path:
    """Writes the report once the job has finished (XlsxWriter constant_memory: rows go straight to disk)."""
    target = report_path(job)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    workbook = xlsxwriter.Workbook(str(partial), {"constant_memory": True, "strings_to_formulas": False})
    styles = {
        "bold": workbook.add_format({"bold": True, "bg_color": "#F0F0F0"}),
        "bad": workbook.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"}),
        "warn": workbook.add_format({"bg_color": "#FFEB9C"}),
    }
    for name, sheet in job_sheets(job):  # the basic sheet's result first, then one per group sheet
        _write_sheet(job, workbook.add_worksheet((name or _("Import result"))[:31]), name, sheet, styles)
    workbook.close()
    partial.replace(target)
    return target


def _write_sheet(job: ImportJob, worksheet: Worksheet, name: str, sheet: Sheet, styles: dict[str, Format]) -> None:
    """One uploaded sheet again, with a result column and its bad cells marked with the reason."""
    bold, bad, warn = styles["bold"], styles["bad"], styles["warn"]
    headers = [*sheet.headers, _("Import result"), _("Problems")]
    worksheet.write_row(0, 0, headers, bold)
    worksheet.freeze_panes(1, 0)
    result_column = len(sheet.headers)
    by_header = {header: index for index, header in enumerate(sheet.headers)}
    not_read = bool((job.layout or {}).get("needs_mapping"))  # a key column was missing: no row was read
    problems = _problems_by_row(job, name)
    pending = next(problems, None)
    out_row = 1
    for number, cells in sheet.rows():
        while pending is not None and pending[0] < number:
            pending = next(problems, None)
        found = pending[1] if pending is not None and pending[0] == number else []
        marks: dict[int, object] = {}
        for problem in found:
            index = by_header.get(problem.column)
            if index is not None and marks.get(index) is not bad:
                marks[index] = bad if problem.severity == Severity.ERROR else warn
        for index, cell in enumerate(cells):
            worksheet.write_string(out_row, index, clean_text(cell), marks.get(index))  # type: ignore[arg-type]
        failed = any(p.severity == Severity.ERROR for p in found)
        if not_read:
            result, style = _("Not read: map the columns first"), warn
        elif failed:
            result, style = _("Failed"), bad
        elif job.dry_run:
            result, style = (_("Can be imported (with warnings)"), warn) if found else (_("Can be imported"), None)
        else:
            result, style = (_("Imported (with warnings)"), warn) if found else (_("Imported"), None)
        worksheet.write_string(out_row, result_column, result, style)  # type: ignore[arg-type]
        reasons = "；".join(
            f"{p.column or p.field}：{render_stored(p.params, p.message)}"
            if (p.column or p.field)
            else render_stored(p.params, p.message)
            for p in found
        )
        worksheet.write_string(out_row, result_column + 1, reasons)
        out_row += 1
