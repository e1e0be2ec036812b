"""The auditor's XLSX export of a filtered event list: XlsxWriter `constant_memory` (rows go straight to a temporary
file, memory stays flat), at most TMIS_AUDIT_EXPORT_MAX_ROWS rows (more is refused: narrow the filters), streamed to
the client from that file, and itself an audit event."""

from __future__ import annotations

import json
import tempfile
from typing import IO, Any

import xlsxwriter
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import status

from tmis.core.errors import AppError

from .actions import action_label, subject_label
from .models import AccessLog
from .selectors import audit_events_for_export
from .services import audit_record

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def audit_export(*, actor: Any, events: QuerySet[AccessLog], filters: dict[str, str]) -> tuple[IO[bytes], int]:
    """Write the events (newest first) to a temporary XLSX file; returns it (open, at its start) and the row count."""
    limit = settings.TMIS_AUDIT_EXPORT_MAX_ROWS
    if events.order_by().values("pk")[limit : limit + 1].exists():
        raise AppError(
            _("More than %(limit)d events match: narrow the filters (a shorter time range) and export again.")
            % {"limit": limit},
            code="too_many_rows",
            status_code=status.HTTP_400_BAD_REQUEST,
        )
    out = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes (and so removes) it
    workbook = xlsxwriter.Workbook(
        out, {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "in_memory": False}
    )
    sheet = workbook.add_worksheet(_("Audit log"))
    bold = workbook.add_format({"bold": True})
    when = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    headers = [
        (_("Time"), 20),
        (_("Account"), 18),
        (_("Name"), 16),
        (_("Action"), 22),
        (_("Subject"), 12),
        (_("Subject id"), 12),
        (_("Address"), 16),
        (_("Request id"), 34),
        (_("Details"), 60),
    ]
    for column, (title, width) in enumerate(headers):
        sheet.set_column(column, column, width)
        sheet.write_string(0, column, title, bold)
    rows = 0
    for rows, event in enumerate(audit_events_for_export(events=events, limit=limit), start=1):
        sheet.write_datetime(rows, 0, timezone.localtime(event["at"]).replace(tzinfo=None), when)
        sheet.write_string(rows, 1, event["username"])
        sheet.write_string(rows, 2, event["user__display_name"] or "")
        sheet.write_string(rows, 3, action_label(event["action"]))
        sheet.write_string(rows, 4, subject_label(event["subject_type"]))
        sheet.write_string(rows, 5, event["subject_id"])
        sheet.write_string(rows, 6, event["address"] or "")
        sheet.write_string(rows, 7, event["request_id"])
        sheet.write_string(rows, 8, json.dumps(event["detail"], ensure_ascii=False) if event["detail"] else "")
    sheet.freeze_panes(1, 0)
    workbook.close()
    out.seek(0)
    audit_record(action="audit.export", actor=actor, subject_type="audit", detail={"filters": filters, "rows": rows})
    return out, rows
