"""One teacher's whole archive as a workbook (`GET /teachers/{teacher_pk}/archive.xlsx`): the basic sheet with the
teacher, then every many-valued group's sheet — the whole-archive export's format, so that it imports again. Built at
once (one teacher is small); written to the access log as an export is, full ID numbers counted for the alert."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import status

from tmis.audit.services import access_log_record
from tmis.catalog.selectors import effective_for_organisation
from tmis.core.errors import AppError
from tmis.imports.template import SCHOOL_COLUMN, code_names, template_fields
from tmis.notifications.security_alerts import full_id_alert_check
from tmis.teachers.models import Teacher

from .archive_sheets import ALL_GROUPS, exported_sheets, group_headers, group_rows
from .writer import basic_columns, basic_rows
from .xlsx import BASIC_SHEET, write_sheet, xlsx_book


def full_id_check(*, actor: Any, full_id: bool) -> None:
    """403 for full ID numbers without `teachers.view_id` (as an export's)."""
    if full_id and not actor.has_capability("teachers.view_id"):
        raise AppError(
            _("Your role may not export full ID numbers."),
            code="permission_denied",
            status_code=status.HTTP_403_FORBIDDEN,
        )


def teacher_archive_workbook(*, actor: Any, teacher: Teacher, full_id: bool) -> bytes:
    """The workbook of one teacher (already found in the actor's scope), by the catalogue of the teacher's school."""
    full_id_check(actor=actor, full_id=full_id)
    catalogue, tables = effective_for_organisation(organisation=teacher.school)
    names = code_names(catalogue, tables)
    codes = ["teacher_no", SCHOOL_COLUMN[0], "school_name", *(f.code for f in template_fields(catalogue))]
    headers, selects, writers = basic_columns(
        codes=[*codes, "record_state"], full_id=full_id, catalogue=catalogue, names=names
    )
    teachers = Teacher.objects.filter(pk=teacher.pk)
    buffer = io.BytesIO()
    book = xlsx_book(buffer)
    counts = [0]

    def tick() -> None:
        counts[-1] += 1

    write_sheet(book, BASIC_SHEET, headers, basic_rows(teachers, selects, writers), tick)
    sheets = exported_sheets(catalogue)
    for sheet in sheets:
        counts.append(0)
        rows = group_rows(sheet, teachers, names=names, full_id=full_id)
        write_sheet(book, sheet.name, group_headers(sheet), rows, tick)
    book.close()
    access_log_record(
        actor=actor,
        action="teachers.export",
        subject_type="teacher",
        subject_id=teacher.pk,
        detail={
            "archive": True,
            "rows": counts[0],
            "records": sum(counts[1:]),
            "groups": [ALL_GROUPS],
            "full_id": full_id,
        },
    )
    if full_id:
        full_id_alert_check(user=actor)
    return buffer.getvalue()


def archive_file_name(teacher: Teacher) -> str:
    return f"{teacher.name}-档案.xlsx"
