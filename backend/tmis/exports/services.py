"""Writes of exports: ask for one (queued as a job) and hand its file over once."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from rest_framework import status

from tmis.catalog.selectors import effective_for_organisation
from tmis.core.errors import AppError, field_error
from tmis.core.job_services import job_submit
from tmis.teachers.filters import TeacherFilter

from .archive_sheets import ALL_GROUPS, export_group_codes, exported_sheets
from .models import ExportFormat, ExportJob, ExportState
from .writer import FilterCaller, export_fields


def export_columns(user: Any) -> list[tuple[str, str]]:
    """(code, Chinese header) of every column an export may have, in the default order."""
    fields = export_fields(user)
    return [
        ("teacher_no", "全国教师编号"),
        ("school", "学校代码"),
        ("school_name", "学校名称"),
        *((f.code, f.name) for f in fields),
        ("record_state", "信息状态"),
    ]


def export_groups(user: Any) -> list[dict[str, Any]]:
    """The many-valued groups of the user's catalogue an export may have a sheet for, in catalogue order."""
    catalogue, _tables = effective_for_organisation(organisation=user.organisation)
    return [
        {"code": s.code, "name": s.group.name, "name_en": s.group.name_en, "owned": s.owned}
        for s in exported_sheets(catalogue)
    ]


def export_title(*, fmt: str, filters: dict[str, str]) -> str:
    """What the jobs list calls an export: its format, and the words searched for when there were some."""
    words = filters.get("q") or filters.get("name")
    if words:
        return _("Teacher list “%(words)s” (%(format)s)") % {"words": words[:100], "format": fmt.upper()}
    if filters:
        return _("Teacher list, filtered (%(format)s)") % {"format": fmt.upper()}
    return _("Teacher list (%(format)s)") % {"format": fmt.upper()}


def export_groups_check(*, actor: Any, groups: list[str], fmt: str) -> list[str]:
    """The groups an export asked for, without repeats: codes of the actor's catalogue's many-valued groups, or
    `all`; 400 `unknown_group` for any other, `groups_need_xlsx` with CSV (one sheet only)."""
    if not groups:
        return []
    catalogue, _tables = effective_for_organisation(organisation=actor.organisation)
    known = {ALL_GROUPS, *export_group_codes(catalogue)}
    unknown = [code for code in groups if code not in known]
    if unknown:
        raise field_error(
            "groups", "unknown_group", _("Unknown groups: %(codes)s.") % {"codes": ", ".join(unknown)[:200]}
        )
    if fmt == ExportFormat.CSV:
        raise field_error(
            "groups", "groups_need_xlsx", _("A CSV file has one sheet: export the groups as Excel (.xlsx).")
        )
    return [ALL_GROUPS] if ALL_GROUPS in groups else list(dict.fromkeys(groups))


def export_start(
    *,
    actor: Any,
    filters: dict[str, Any],
    fields: list[str] | None,
    fmt: str,
    full_id: bool,
    groups: list[str] | None = None,
) -> ExportJob:
    known = [code for code, _name in export_columns(actor)]
    if fields:
        unknown = [code for code in fields if code not in known]
        if unknown:
            raise field_error(
                "fields", "unknown_field", _("Unknown columns: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        chosen = list(dict.fromkeys(fields))
    else:
        chosen = known
    if full_id and not actor.has_capability("teachers.view_id"):
        raise AppError(
            _("Your role may not export full ID numbers."),
            code="permission_denied",
            status_code=status.HTTP_403_FORBIDDEN,
        )
    clean = {key: str(value) for key, value in (filters or {}).items() if value not in (None, "")}
    filterset = TeacherFilter(data=clean, request=FilterCaller(actor))  # type: ignore[arg-type]
    if not filterset.is_valid():
        errors = {
            k: [{"code": e.code or "invalid", "message": e.message % (e.params or {})} for e in v.as_data()]
            for k, v in filterset.errors.items()
        }
        raise AppError(
            _("The filters are invalid."), code="invalid", errors={f"filters.{k}": v for k, v in errors.items()}
        )
    fmt = fmt if fmt in ExportFormat.values else ExportFormat.XLSX
    chosen_groups = export_groups_check(actor=actor, groups=groups or [], fmt=fmt)
    with transaction.atomic():  # the job and its task commit together
        job = ExportJob.objects.create(
            owner=actor,
            organisation=actor.organisation,
            org_path=actor.scope_path,
            title=export_title(fmt=fmt, filters=clean),
            language=translation.get_language() or settings.LANGUAGE_CODE,
            filters=clean,
            fields=chosen,
            format=fmt,
            full_id=full_id,
            groups=chosen_groups,
        )
        job_submit(job=job)
    job.refresh_from_db()
    return job


def export_take(*, job: ExportJob) -> IO[bytes]:
    """The finished file, once: opened, then removed from disk (the open handle still reads it)."""
    if job.state == ExportState.DOWNLOADED:
        raise AppError(
            _("This export was downloaded already; export again for a new copy."),
            code="already_downloaded",
            status_code=status.HTTP_410_GONE,
        )
    if job.state != ExportState.DONE:
        raise AppError(_("The export is not ready yet."), code="not_finished", status_code=status.HTTP_409_CONFLICT)
    updated = ExportJob.objects.filter(pk=job.pk, state=ExportState.DONE).update(
        state=ExportState.DOWNLOADED, downloaded_at=timezone.now()
    )
    if not updated:  # a second request won the race
        raise AppError(_("This export was downloaded already."), code="already_downloaded", status_code=410)
    path = Path(settings.TMIS_FILES_DIR) / job.file_path
    try:
        handle = path.open("rb")
    except FileNotFoundError:  # removed from the files directory (cleaned, restored from a backup without it)
        raise AppError(
            _("The exported file is no longer kept; export again."), code="file_gone", status_code=status.HTTP_410_GONE
        ) from None
    path.unlink()
    return handle
