"""The export job: the teacher list's filters → rows read by a server-side cursor → XLSX (XlsxWriter
`constant_memory`, rows go straight to disk) or CSV. Memory stays flat whatever the row count.

Columns are the import template's (a file exported here imports again): Chinese headers, the indicator codes in a
hidden second row (XLSX), coded values as names. ID numbers are masked unless the job asked for the full value, which
needs `teachers.view_id`. Text that begins with = + - or @ is written with a leading apostrophe so that no
spreadsheet program runs it as a formula. Every export is written to the access log with its filter and row count.

With `groups` (XLSX only) the workbook is the whole archive: after the basic sheet, one sheet per many-valued group
with every record of the teachers (`archive_sheets`, the group import's format).
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tmis.audit.services import access_log_record
from tmis.catalog.effective import EffectiveCatalogue, Field
from tmis.catalog.selectors import effective_for_organisation
from tmis.core import crypto
from tmis.core.job_services import JobError, job_progress, job_run
from tmis.imports.template import SCHOOL_COLUMN, Names, cell_writer, code_names, escape, template_fields
from tmis.notifications.security_alerts import full_id_alert_check
from tmis.teachers.filters import TeacherFilter
from tmis.teachers.models import Teacher
from tmis.teachers.writes import ID_CONTEXT

from .archive_sheets import export_group_sheets, group_headers, group_record_counts, group_rows
from .models import ExportFormat, ExportJob
from .xlsx import BASIC_SHEET, write_sheet, xlsx_book

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 5000

STATE_NAMES = {
    "draft": "草稿",
    "submitted": "已提交",
    "in_review": "审核中",
    "approved": "已审核",
    "returned": "已退回",
}


class FilterCaller:
    """What TeacherFilter needs of a request: the user whose scope applies."""

    def __init__(self, user: Any) -> None:
        self.user = user


def export_fields(user: Any) -> list[Field]:
    catalogue, _tables = effective_for_organisation(organisation=user.organisation)
    return template_fields(catalogue)


def basic_columns(
    *, codes: list[str], full_id: bool, catalogue: EffectiveCatalogue, names: Names
) -> tuple[list[tuple[str, str]], list[str], list[Any]]:
    """(header, code) per column of the basic sheet, the values_list() columns, and how each column's value is
    written."""
    fields = {f.code: f for f in template_fields(catalogue)}
    headers: list[tuple[str, str]] = []
    selects: list[str] = []
    writers: list[Any] = []
    for code in codes:
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
            if full_id:
                selects.append("id_cipher")
                writers.append(None)  # decrypted per row with its key id (below)
            else:
                selects.append("id_masked")
                writers.append(str)
        elif code in fields:
            field = fields[code]
            headers.append((field.name, code))
            selects.append(f"extra__{code}" if field.extension else code)
            writers.append(cell_writer(field, {c: n for c, n, _en in names.get(code, [])}))
    return headers, selects, writers


def _teachers(job: ExportJob) -> QuerySet[Teacher]:
    """The teachers the job's filters select in its owner's scope."""
    owner = job.owner
    filterset = TeacherFilter(
        data=job.filters,
        queryset=Teacher.objects.visible_to(owner),
        request=FilterCaller(owner),  # type: ignore[arg-type]
    )
    if not filterset.is_valid():  # checked when asked; a code list may have changed since
        raise JobError("invalid_filters", _("The filters are no longer valid. Export again."))
    return filterset.qs


def basic_rows(teachers: QuerySet[Teacher], selects: list[str], writers: list[Any]) -> Iterator[list[str]]:
    """The basic sheet's rows, one per teacher in id order, read by a server-side cursor."""
    full_id = "id_cipher" in selects
    columns = [*selects, "id_key"] if full_id else selects
    for values in teachers.order_by("id").values_list(*columns).iterator(chunk_size=2000):
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
    catalogue, tables = effective_for_organisation(organisation=job.owner.organisation)
    names = code_names(catalogue, tables)
    teachers = _teachers(job)
    groups = export_group_sheets(catalogue, job.groups)
    records = group_record_counts(groups, teachers)
    job_progress(job=job, total=teachers.count() + sum(records))
    try:
        headers, selects, writers = basic_columns(
            codes=job.fields, full_id=job.full_id, catalogue=catalogue, names=names
        )
        rows = basic_rows(teachers, selects, writers)
        sheets = [(s.name, group_headers(s), group_rows(s, teachers, names=names, full_id=job.full_id)) for s in groups]
        counts = _write(job, target, headers, rows, sheets)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    # `rows` counts teachers (the full-ID alert adds them up); a group sheet repeats their numbers, no new ones.
    detail = {"filters": job.filters, "fields": job.fields, "rows": counts[0], "full_id": job.full_id}
    if job.groups:
        detail |= {"groups": [s.code for s in groups], "records": sum(counts[1:])}
    access_log_record(
        actor=job.owner, action="teachers.export", subject_type="export", subject_id=job.pk, detail=detail
    )
    if job.full_id:
        full_id_alert_check(user=job.owner)
    return {"progress_done": sum(counts), "file_path": str(relative), "file_size": target.stat().st_size}


def _write(job: ExportJob, target: Path, headers: list[tuple[str, str]], rows: Any, sheets: list[Any]) -> list[int]:
    """The file: CSV (the basic sheet only), or XLSX with the basic sheet then each group's; the rows written per
    sheet."""
    counts = [0]

    def tick() -> None:
        counts[-1] += 1
        written = sum(counts)
        if written % PROGRESS_EVERY == 0:
            job_progress(job=job, done=written)  # a cancelled export stops here

    if job.format == ExportFormat.CSV:
        with target.open("w", encoding="utf-8-sig", newline="") as out:  # the BOM makes Excel read UTF-8
            writer = csv.writer(out)
            writer.writerow([header for header, _code in headers])
            for row in rows:
                writer.writerow(row)
                tick()
        return counts
    book = xlsx_book(str(target))
    write_sheet(book, BASIC_SHEET, headers, rows, tick)
    for name, group_head, group_body in sheets:
        counts.append(0)
        write_sheet(book, name, group_head, group_body, tick)
    book.close()
    return counts
