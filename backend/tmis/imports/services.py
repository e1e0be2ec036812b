"""Writes of imports: accept an upload and queue its job."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework import status

from tmis.audit.services import audit_record
from tmis.catalog.selectors import effective_for_organisation
from tmis.core.errors import AppError, field_error
from tmis.core.job_services import job_submit
from tmis.orgs.models import Organisation
from tmis.orgs.selectors import organisation_parameter

from .models import GroupMode, ImportJob, ImportMode
from .template import SCHOOL_COLUMN, template_fields

ACCEPTED_SUFFIXES = {".xlsx", ".csv"}


def import_target(*, actor: Any, code: str | None) -> Organisation:
    """The organisation an import (or a template) is for: a school or region in the actor's scope."""
    return organisation_parameter(user=actor, code=code)


def import_start(
    *,
    actor: Any,
    upload: UploadedFile,
    org_code: str | None = None,
    dry_run: bool = False,
    strict: bool = False,
    mode: str = ImportMode.CREATE,
    mapping: dict[str, str] | None = None,
    group_mode: str = GroupMode.APPEND,
) -> ImportJob:
    """Keeps the uploaded file and queues its import. The file's content is checked by the job (which reports a
    malformed or hostile file as the job's error); only its size and kind are checked here."""
    if upload.size is None or upload.size > settings.TMIS_IMPORT_MAX_BYTES:
        raise AppError(
            _("The file is larger than %(mb)d MB. Split it into several files.")
            % {"mb": settings.TMIS_IMPORT_MAX_BYTES // (1024 * 1024)},
            code="file_too_large",
            status_code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise field_error("file", "unsupported_file", _("Upload an .xlsx workbook or a .csv file."))
    organisation = import_target(actor=actor, code=org_code)
    _check_mapping(organisation, mapping or {})
    relative = Path("imports") / f"{uuid.uuid4().hex}{suffix}"
    target = Path(settings.TMIS_FILES_DIR) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    name = (upload.name or "upload")[:255]
    options = {"dry_run": dry_run, "strict": strict, "mode": mode, "mapping": mapping or {}, "group_mode": group_mode}
    return _queue(actor, organisation, name, str(relative), upload.size, options)


def import_rerun(
    *, actor: Any, job: ImportJob, mapping: dict[str, str], dry_run: bool, strict: bool, mode: str
) -> ImportJob:
    """The same file imported again as a new job, with the columns mapped as someone chose in the mapping step
    (the file is not uploaded twice)."""
    _check_mapping(job.organisation, mapping)
    options = {"dry_run": dry_run, "strict": strict, "mode": mode, "mapping": mapping, "group_mode": job.group_mode}
    return _queue(actor, job.organisation, job.file_name, job.file_path, job.file_size, options)


def _queue(
    actor: Any, organisation: Organisation, name: str, relative: str, size: int, options: dict[str, Any]
) -> ImportJob:
    with transaction.atomic():  # the job and its task commit together
        job = ImportJob.objects.create(
            owner=actor,
            organisation=organisation,
            org_path=organisation.path,
            title=name,
            file_name=name,
            file_path=relative,
            file_size=size,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            **options,
        )
        job_submit(job=job)
        audit_record(
            action="import.start",
            actor=actor,
            subject_type="import",
            subject_id=job.pk,
            detail={
                "file_name": name,
                "file_size": size,
                "organisation": organisation.code,
                **{key: value for key, value in options.items() if key != "mapping"},
                "mapped_columns": len(options["mapping"]),
            },
        )
    job.refresh_from_db()
    return job


def _check_mapping(organisation: Organisation, mapping: dict[str, str]) -> None:
    """Every indicator a mapping names is a column of the organisation's template (or 学校代码), at most once."""
    catalogue, _tables = effective_for_organisation(organisation=organisation)
    names = {SCHOOL_COLUMN[0]: SCHOOL_COLUMN[1], **{f.code: f.name for f in template_fields(catalogue)}}
    chosen = [code for code in mapping.values() if code]
    unknown = sorted({code for code in chosen if code not in names})
    if unknown:
        raise field_error(
            "mapping",
            "unknown_field",
            _("The mapping names indicators the template has no column for: %(codes)s.")
            % {"codes": "、".join(unknown)},
        )
    twice = sorted({names[code] for code in chosen if chosen.count(code) > 1})
    if twice:
        raise field_error(
            "mapping",
            "mapped_twice",
            _("Each indicator can take one column; mapped more than once: %(codes)s.") % {"codes": "、".join(twice)},
        )
