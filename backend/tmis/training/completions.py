"""A programme's enrolment and completion list, uploaded from Excel or CSV through the import pipeline's reader
(`tmis.imports.sheets`, the cell normalisers of `tmis.imports.normalise`), and its confirmation: every completed,
unconfirmed participant becomes an approved claim and an archive record in one set of bulk writes.

Columns (the header row; spaces and `*` ignored): 教师编号 or 身份证件号 (with 身份证件类型, default 居民身份证),
姓名 (checked against the archive when given), 完成学时 (empty: enrolled only), 完成日期 (default: the programme's
end). Every problem names the row, the column, the value and why; bad rows never block the others."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tmis.audit.services import audit_record
from tmis.catalog.validation import MESSAGES as ID_MESSAGES
from tmis.core.errors import AppError, field_error
from tmis.imports.normalise import CellProblem, clean_text, to_date
from tmis.imports.sheets import SheetProblem, open_sheet
from tmis.teachers import identity
from tmis.teachers.models import Teacher
from tmis.teachers.writes import id_dedup_key

from .archive import write_records
from .models import Claim, ClaimKind, ClaimSource, ClaimState, Participant, Programme
from .rules import rules_for
from .standings import recount

SHEET = "培训名单"
NUMBER, ID_TYPE, ID_NUMBER, NAME, HOURS, DATE = "教师编号", "身份证件类型", "身份证件号", "姓名", "完成学时", "完成日期"
COLUMNS = (NUMBER, ID_TYPE, ID_NUMBER, NAME, HOURS, DATE)
RESIDENT_ID = "1"
MAX_ROWS = 50_000
MAX_PROBLEMS = 1000
MAX_BYTES = 50 * 1024 * 1024


def _columns(headers: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = clean_text(header).replace(" ", "").strip("*")
        if name in COLUMNS and name not in found:
            found[name] = index
    if NUMBER not in found and ID_NUMBER not in found:
        raise field_error(
            "file",
            "missing_columns",
            _("Row 1 needs a column %(number)s or %(id)s to find each teacher. The file may have: %(columns)s.")
            % {"number": NUMBER, "id": ID_NUMBER, "columns": "、".join(COLUMNS)},
        )
    return found


class _Rows:
    """The checked rows: teacher id → (row, hours or None, date or None), and the problems."""

    def __init__(self, programme: Programme) -> None:
        self.programme = programme
        self.valid: dict[int, tuple[int, int | None, dt.date | None]] = {}
        self.problems: list[dict[str, Any]] = []
        self.bad_rows: set[int] = set()
        self.problem_total = 0
        self.rows = 0

    def problem(self, row: int, column: str, value: object, code: str, message: str) -> None:
        self.bad_rows.add(row)
        self.problem_total += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(
                {"row": row, "column": column, "value": clean_text(value)[:40], "code": code, "message": message}
            )


def _hours(text: str) -> int | None:
    text = text.replace(" ", "").removesuffix(".0")
    return int(text) if text.isdigit() and text.isascii() else None


def _check(rows: _Rows, found: dict[str, int], parsed: list[tuple[int, list[object]]]) -> None:
    programme = rows.programme
    numbers = {clean_text(c[found[NUMBER]]) for _n, c in parsed} if NUMBER in found else set()
    keys: dict[int, str] = {}
    malformed: dict[int, str] = {}
    for number, cells in parsed:
        if ID_NUMBER in found and clean_text(cells[found[ID_NUMBER]]):
            id_type = clean_text(cells[found[ID_TYPE]]) if ID_TYPE in found else ""
            id_type = {"居民身份证": RESIDENT_ID, "": RESIDENT_ID}.get(id_type, id_type)
            id_number = identity.normalise(clean_text(cells[found[ID_NUMBER]]))
            keys[number] = id_dedup_key(id_type, id_number)
            malformed[number] = identity.problem(id_type, id_number) or ""
    teachers = Teacher.objects.filter(teacher_no__in=numbers - {""}) | Teacher.objects.filter(
        id_digest__in=set(keys.values())
    )
    by_number, by_key = {}, {}
    for teacher in teachers.only("id", "teacher_no", "id_digest", "name", "org_path", "active"):
        by_number[teacher.teacher_no], by_key[teacher.id_digest] = teacher, teacher
    for number, cells in parsed:
        rows.rows += 1
        teacher_no = clean_text(cells[found[NUMBER]]) if NUMBER in found else ""
        teacher = by_number.get(teacher_no) if teacher_no else by_key.get(keys.get(number, ""))
        column = NUMBER if teacher_no else ID_NUMBER
        value = teacher_no or (cells[found[ID_NUMBER]] if ID_NUMBER in found else "")
        if not teacher_no and number not in keys:
            rows.problem(number, column, "", "required", _("Give the teacher number or the ID number."))
            continue
        if not teacher_no and malformed[number]:
            message = ID_MESSAGES.get(malformed[number], ID_MESSAGES["invalid_format"])
            rows.problem(number, column, value, malformed[number], _(message) % {"label": ID_NUMBER})
            continue
        if teacher is None or not teacher.org_path.startswith(programme.org_path):
            rows.problem(number, column, value, "unknown_teacher", _("No teacher of this programme's area has it."))
            continue
        if NAME in found and clean_text(cells[found[NAME]]) and clean_text(cells[found[NAME]]) != teacher.name:
            rows.problem(number, NAME, cells[found[NAME]], "name_mismatch", _("The name differs from the archive's."))
            continue
        hours_text = clean_text(cells[found[HOURS]]) if HOURS in found else ""
        hours = _hours(hours_text) if hours_text else None
        if hours_text and (hours is None or not 0 < hours <= programme.hours):
            rows.problem(
                number,
                HOURS,
                hours_text,
                "invalid_hours",
                _("Give whole hours from 1 to %(n)d (the programme's).") % {"n": programme.hours},
            )
            continue
        date = None
        if DATE in found and clean_text(cells[found[DATE]]):
            try:
                date = dt.date.fromisoformat(to_date(cells[found[DATE]]))
            except CellProblem as problem:
                rows.problem(number, DATE, cells[found[DATE]], problem.code, str(problem.message))
                continue
            if date < programme.start_date or date > timezone.localdate():
                rows.problem(
                    number,
                    DATE,
                    cells[found[DATE]],
                    "out_of_range",
                    _("The date is outside the programme or later than today."),
                )
                continue
        if teacher.pk in rows.valid:
            rows.problem(
                number,
                column,
                value,
                "duplicate",
                _("The teacher is already in row %(row)s.") % {"row": rows.valid[teacher.pk][0]},
            )
            continue
        rows.valid[teacher.pk] = (number, hours, date)


def completions_import(*, actor: Any, programme: Programme, upload: UploadedFile, dry_run: bool = False) -> dict:
    """Check an uploaded list and save its valid rows (enrolled, or completed with hours); a confirmed participant's
    row is kept as confirmed."""
    if upload.size is None or upload.size > MAX_BYTES:
        raise AppError(_("The file is larger than 50 MB."), code="file_too_large", status_code=413)
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise field_error("file", "unsupported_file", _("Upload an .xlsx workbook or a .csv file."))
    with tempfile.TemporaryDirectory(prefix="tmis-completions-") as directory:
        path = Path(directory) / f"upload{suffix}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            sheet = open_sheet(path, known_codes=(), preferred_sheet=SHEET, max_rows=MAX_ROWS)
        except SheetProblem as problem:
            raise AppError(str(problem.message), code=problem.code) from problem
        found = _columns(sheet.headers)
        parsed = list(sheet.rows())
    rows = _Rows(programme)
    _check(rows, found, parsed)
    saved = 0
    if not dry_run and rows.valid:
        with transaction.atomic():
            confirmed = set(
                Participant.objects.filter(programme=programme, claim__isnull=False).values_list(
                    "teacher_id", flat=True
                )
            )
            Participant.objects.bulk_create(
                [
                    Participant(programme=programme, teacher_id=teacher, hours=hours, completed_on=date)
                    for teacher, (_row, hours, date) in rows.valid.items()
                    if teacher not in confirmed
                ],
                update_conflicts=True,
                unique_fields=["programme", "teacher"],
                update_fields=["hours", "completed_on", "added_at"],
                batch_size=2000,
            )
            saved = len(rows.valid.keys() - confirmed)
            audit_record(
                action="training.completions_import",
                actor=actor,
                subject_type="training_programme",
                subject_id=programme.pk,
                detail={"file_name": (upload.name or "")[:255], "saved": saved, "bad_rows": len(rows.bad_rows)},
            )
    return {
        "dry_run": dry_run,
        "rows": rows.rows,
        "valid": len(rows.valid),
        "bad_rows": len(rows.bad_rows),
        "saved": saved,
        "problems": rows.problems,
        "problem_total": rows.problem_total,
    }


@transaction.atomic
def completions_confirm(*, actor: Any, programme: Programme) -> dict[str, int]:
    """Every completed participant not yet confirmed becomes an approved claim (source `completion`) with its archive
    record; the standings of those teachers are recounted. Participants who left meanwhile are skipped."""
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    waiting = list(
        Participant.objects.filter(programme=programme, claim__isnull=True, hours__isnull=False)
        .select_related("teacher")
        .only(
            "id",
            "hours",
            "completed_on",
            "teacher__id",
            "teacher__school_id",
            "teacher__province_code",
            "teacher__active",
        )
    )
    current = [p for p in waiting if p.teacher.active]
    now, today = timezone.now(), timezone.localdate()
    provinces = {p.teacher_id: p.teacher.province_code for p in current}
    rules = {code: rules_for(code) for code in set(provinces.values())}
    claims = [
        Claim(
            teacher_id=p.teacher_id,
            school_id=p.teacher.school_id,
            kind=ClaimKind.PROGRAMME,
            source=ClaimSource.COMPLETION,
            programme=programme,
            title=programme.name,
            provider=programme.provider,
            level=programme.level,
            form=programme.form,
            hours=p.hours,
            credits=rules[provinces[p.teacher_id]].credits(p.hours, programme.form),
            date=p.completed_on or min(programme.end_date, today),
            state=ClaimState.APPROVED,
            created_by=actor,
            approved_at=now,
        )
        for p in current
    ]
    write_records(claims, provinces)
    Claim.objects.bulk_create(claims, batch_size=2000)
    for participant, claim in zip(current, claims, strict=True):
        participant.claim = claim
    Participant.objects.bulk_update(current, ["claim"], batch_size=2000)
    recount(provinces)
    audit_record(
        action="training.completions_confirm",
        actor=actor,
        subject_type="training_programme",
        subject_id=programme.pk,
        detail={"confirmed": len(claims), "skipped_inactive": len(waiting) - len(current)},
    )
    return {"confirmed": len(claims), "skipped_inactive": len(waiting) - len(current)}
