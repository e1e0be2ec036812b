"""Writes of the statistics headcounts: one school's figures of a year (set or removed), and an uploaded file's
rows checked and the valid ones saved in one upsert (a dry run saves nothing).

Who enters: an administrator (`headcounts.manage`) of a county or a level above, for the schools of their subtree;
a school's own people do not enter the figures they are measured against (403 `not_above_school`)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import status

from tmis.audit.services import audit_record
from tmis.core.errors import AppError, field_error
from tmis.imports.sheets import SheetProblem, open_sheet
from tmis.orgs.models import Level, Organisation
from tmis.orgs.selectors import organisation_in_scope

from .models import FIRST_YEAR, SchoolHeadcount
from .rows import COLUMNS, SHEET, RowChecker, School, column_indexes, school_code
from .selectors import current_year

#: A synchronous import's limit: a province's ~30,000 schools fit (checked and saved in a few seconds).
MAX_IMPORT_ROWS = 50_000
BATCH = 5_000
ACCEPTED_SUFFIXES = {".xlsx", ".csv"}


def last_year() -> int:
    """The latest year a figure may be entered for: next year's (planning) figure is allowed."""
    return current_year() + 1


def check_year(year: int, parameter: str = "year") -> int:
    if not FIRST_YEAR <= year <= last_year():
        raise field_error(
            parameter,
            "invalid_year",
            _("Give the year as four digits, from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": last_year()},
        )
    return year


def check_may_enter(actor: Any) -> None:
    """Only a county or a level above enters statistics figures (the capability is checked by the view)."""
    level = getattr(getattr(actor, "organisation", None), "level", None)
    if level in (None, Level.SCHOOL):
        raise AppError(
            _("Statistics figures are entered by the county or a level above."),
            code="not_above_school",
            status_code=status.HTTP_403_FORBIDDEN,
        )


def school_for_entry(*, actor: Any, code: str) -> Organisation:
    """The school a figure is entered for: in the actor's scope, else 404 like any object of another scope."""
    school = organisation_in_scope(user=actor, code=code, level=Level.SCHOOL)
    if school is None:
        raise AppError(_("Not found."), code="not_found", status_code=status.HTTP_404_NOT_FOUND)
    return school


@transaction.atomic
def headcount_set(*, actor: Any, school: Organisation, year: int, fulltime: int, staff: int) -> SchoolHeadcount:
    """Create or replace the school's figures of the year (fulltime ≤ staff is checked by the serializer and the
    table's constraint)."""
    check_may_enter(actor)
    check_year(year)
    headcount, created = SchoolHeadcount.objects.update_or_create(
        school=school, year=year, defaults={"fulltime": fulltime, "staff": staff, "entered_by": actor}
    )
    audit_record(
        action="headcount.set",
        actor=actor,
        subject_type="headcount",
        subject_id=headcount.pk,
        detail={"school": school.code, "year": year, "fulltime": fulltime, "staff": staff, "created": created},
    )
    return headcount


@transaction.atomic
def headcount_delete(*, actor: Any, school: Organisation, year: int) -> None:
    check_may_enter(actor)
    deleted, _rows = SchoolHeadcount.objects.filter(school=school, year=year).delete()
    if not deleted:
        raise AppError(_("No figures were entered for this year."), code="not_found", status_code=404)
    audit_record(
        action="headcount.delete", actor=actor, subject_type="headcount", detail={"school": school.code, "year": year}
    )


def _upload_to_file(upload: UploadedFile, directory: str) -> Path:
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
    target = Path(directory) / f"upload{suffix}"
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return target


def _save(actor: Any, valid: dict[tuple[int, int], tuple[int, int, int]]) -> tuple[int, int]:
    """One upsert of the valid rows (in batches): (created, updated)."""
    keys = list(valid)
    existing: set[tuple[int, int]] = set()
    for start in range(0, len(keys), BATCH):
        batch = keys[start : start + BATCH]
        existing |= set(
            SchoolHeadcount.objects.filter(
                school_id__in={k[0] for k in batch}, year__in={k[1] for k in batch}
            ).values_list("school_id", "year")
        )
    rows = [
        SchoolHeadcount(school_id=school_id, year=year, fulltime=fulltime, staff=staff, entered_by=actor)
        for (school_id, year), (_row, fulltime, staff) in valid.items()
    ]
    SchoolHeadcount.objects.bulk_create(
        rows,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["school", "year"],
        update_fields=["fulltime", "staff", "entered_by", "updated_at"],
    )
    updated = len(existing & set(keys))
    return len(keys) - updated, updated


def headcount_import(*, actor: Any, upload: UploadedFile, dry_run: bool = False) -> dict[str, Any]:
    """Check every row of an uploaded file (columns 学校标识码, 学校名称, 年度, 专任教师数, 教职工数) and save the
    valid ones in one transaction; bad rows are reported (row, column, value, why) and never block the others."""
    check_may_enter(actor)
    with tempfile.TemporaryDirectory(prefix="tmis-headcounts-") as directory:
        path = _upload_to_file(upload, directory)
        try:
            sheet = open_sheet(path, known_codes=(), preferred_sheet=SHEET, max_rows=MAX_IMPORT_ROWS)
        except SheetProblem as problem:
            raise AppError(str(problem.message), code=problem.code) from problem
        columns, missing = column_indexes(sheet)
        if missing:
            raise field_error(
                "file",
                "missing_columns",
                _("Row 1 lacks the columns %(missing)s. The file needs: %(columns)s.")
                % {"missing": "、".join(missing), "columns": "、".join(COLUMNS)},
            )
        rows = list(sheet.rows())
    codes = {school_code(cells[columns[COLUMNS[0]]]) for _number, cells in rows} - {""}
    schools = {
        code: School(pk, path, level)
        for code, pk, path, level in Organisation.objects.filter(code__in=codes).values_list(
            "code", "id", "path", "level"
        )
    }
    checker = RowChecker(schools=schools, scope=actor.scope_path or "\x00", last_year=last_year())
    for number, cells in rows:
        checker.check(number, cells, columns)
    checked = checker.checked
    created = updated = 0
    if not dry_run and checked.valid:
        with transaction.atomic():
            created, updated = _save(actor, checked.valid)
            audit_record(
                action="headcount.import",
                actor=actor,
                subject_type="headcount",
                detail={
                    "file_name": (upload.name or "")[:255],
                    "saved": len(checked.valid),
                    "bad_rows": len(checked.bad_rows),
                },
            )
    return {
        "dry_run": dry_run,
        "rows": checked.rows,
        "valid": len(checked.valid),
        "bad_rows": len(checked.bad_rows),
        "created": created,
        "updated": updated,
        "problems": checked.problems,
        "problem_total": checked.problem_total,
    }
