"""The export job: the teacher list's filters → rows read by a server-side cursor → XLSX (XlsxWriter
`constant_memory`, rows go straight to disk) or CSV. Memory stays flat whatever the row count.

Columns are the import template's (a file exported here imports again): Chinese headers, the indicator codes in a
hidden second row (XLSX), coded values as names. ID numbers are masked unless the job asked for the full value, which
needs `teachers.view_id`. Text that begins with = + - or @ is written with a leading apostrophe so that no
spreadsheet program runs it as a formula. Every export is written to the access log with its filter and row count.
"""

from __future__ import annotations

import csv
import logging
from pathlib import Path
from typing import Any

import xlsxwriter
from django.conf import settings
from django.utils.translation import gettext as _

from tmis.audit.services import access_log_record
from tmis.catalog.effective import Field
from tmis.catalog.selectors import effective_for_organisation
from tmis.core import crypto
from tmis.core.job_services import JobError, job_progress, job_run
from tmis.imports.template import SCHOOL_COLUMN, code_names, template_fields
from tmis.notifications.security_alerts import full_id_alert_check
from tmis.teachers.filters import TeacherFilter
from tmis.teachers.models import Teacher
from tmis.teachers.writes import ID_CONTEXT

from .models import ExportFormat, ExportJob

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 5000

STATE_NAMES = {
    "draft": "草稿",
    "submitted": "已提交",
    "in_review": "审核中",
    "approved": "已审核",
    "returned": "已退回",
}
FORMULA_START = ("=", "+", "-", "@")


def escape(text: str) -> str:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_START) else text


class FilterCaller:
    """What TeacherFilter needs of a request: the user whose scope applies."""

    def __init__(self, user: Any) -> None:
        self.user = user


def export_fields(user: Any) -> list[Field]:
    catalogue, _tables = effective_for_organisation(organisation=user.organisation)
    return template_fields(catalogue)


def _formatter(field: Field, names: dict[str, str]) -> Any:
    kind = field.data_type
    if kind == "code":
        return lambda v: names.get(v, v) if v else ""
    if kind == "multi_code":
        return lambda v: "、".join(names.get(c, c) for c in (v or []))
    if kind == "boolean":
        return lambda v: "" if v is None else ("是" if v else "否")
    return lambda v: "" if v is None else escape(str(v) if not hasattr(v, "isoformat") else v.isoformat())


def _columns(job: ExportJob) -> tuple[list[tuple[str, str]], list[str], list[Any]]:
    """(header, code) per column, the values_list() columns, and how each column's value is written."""
    owner = job.owner
    catalogue, tables = effective_for_organisation(organisation=owner.organisation)
    fields = {f.code: f for f in template_fields(catalogue)}
    names = code_names(catalogue, tables)
    headers: list[tuple[str, str]] = []
    selects: list[str] = []
    writers: list[Any] = []
    for code in job.fields:
        if code == SCHOOL_COLUMN[0]:
            headers.append((SCHOOL_COLUMN[1], code))
            selects.append("school__code")
            writers.append(str)
        elif code == "school_name":
            headers.append(("学校名称", code))
            selects.append("school__name")
            writers.append(escape)
        elif code == "teacher_no":
            headers.append(("全国教师编号", code))
            selects.append("teacher_no")
            writers.append(str)
        elif code == "record_state":
            headers.append(("信息状态", code))
            selects.append("record_state")
            writers.append(lambda v: STATE_NAMES.get(v, v))
        elif code == "id_number":
            headers.append((fields[code].name if code in fields else "身份证件号", code))
            if job.full_id:
                selects.append("id_cipher")
                writers.append(None)  # decrypted per row with its key id (below)
            else:
                selects.append("id_masked")
                writers.append(str)
        elif code in fields:
            field = fields[code]
            headers.append((field.name, code))
            selects.append(f"extra__{code}" if field.extension else code)
            writers.append(_formatter(field, {c: n for c, n, _en in names.get(code, [])}))
    return headers, selects, writers


def _rows(job: ExportJob, selects: list[str], writers: list[Any]) -> Any:
    owner = job.owner
    filterset = TeacherFilter(
        data=job.filters,
        queryset=Teacher.objects.visible_to(owner),
        request=FilterCaller(owner),  # type: ignore[arg-type]
    )
    if not filterset.is_valid():  # checked when asked; a code list may have changed since
        raise JobError("invalid_filters", _("The filters are no longer valid. Export again."))
    queryset = filterset.qs.order_by("id")
    job_progress(job=job, total=queryset.count())
    full_id = "id_cipher" in selects
    columns = [*selects, "id_key"] if full_id else selects
    for values in queryset.values_list(*columns).iterator(chunk_size=2000):
        out = []
        for index, writer in enumerate(writers):
            value = values[index]
            if writer is None:
                out.append(crypto.decrypt(values[-1], bytes(value), context=ID_CONTEXT))
            else:
                out.append(writer(value) if value is not None else "")
        yield out


def run_export(job_id: int) -> None:
    """The job: write one export's file through the job lifecycle (`core.job_services.job_run`). A failed or
    cancelled export leaves no file."""
    job_run(model=ExportJob, job_id=job_id, work=_export)


def _export(job: ExportJob) -> dict[str, Any]:
    relative = Path("exports") / f"export-{job.pk}.{job.format}"
    target = Path(settings.TMIS_FILES_DIR) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        headers, selects, writers = _columns(job)
        written = _write(job, target, headers, _rows(job, selects, writers))
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    access_log_record(
        actor=job.owner,
        action="teachers.export",
        subject_type="export",
        subject_id=job.pk,
        detail={"filters": job.filters, "fields": job.fields, "rows": written, "full_id": job.full_id},
    )
    if job.full_id:
        full_id_alert_check(user=job.owner)
    return {"progress_done": written, "file_path": str(relative), "file_size": target.stat().st_size}


def _progress(job: ExportJob, written: int) -> None:
    if written % PROGRESS_EVERY == 0:
        job_progress(job=job, done=written)  # a cancelled export stops here


def _write(job: ExportJob, target: Path, headers: list[tuple[str, str]], rows: Any) -> int:
    written = 0
    if job.format == ExportFormat.CSV:
        with target.open("w", encoding="utf-8-sig", newline="") as out:  # the BOM makes Excel read UTF-8
            writer = csv.writer(out)
            writer.writerow([header for header, _code in headers])
            for row in rows:
                writer.writerow(row)
                written += 1
                _progress(job, written)
        return written
    workbook = xlsxwriter.Workbook(
        str(target), {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
    )
    sheet = workbook.add_worksheet("教师基本信息")
    bold = workbook.add_format({"bold": True, "bg_color": "#F0F0F0"})
    sheet.write_row(0, 0, [header for header, _code in headers], bold)
    sheet.write_row(1, 0, [code for _header, code in headers])
    sheet.set_row(1, None, None, {"hidden": True})
    for index, row in enumerate(rows, start=2):
        for column, value in enumerate(row):
            if value != "":
                sheet.write_string(index, column, value)
        written += 1
        _progress(job, written)
    workbook.close()
    return written
