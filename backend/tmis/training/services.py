"""Writes of claims (学时申报) and of a province's rules. A claim is filed for a teacher of the filer's scope and
submitted to the review engine at once (kind `training_claim`); the engine's approval writes the archive's 国内培训
record (`reviewing.py`). Corrections of approved claims need a reason and stay in the history."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import status

from tmis.audit.services import audit_record
from tmis.catalog.selectors import choosable_codes
from tmis.core.errors import AppError, field_error
from tmis.core.etag import Precondition, lock_current
from tmis.core.jobs import enqueue
from tmis.orgs.models import Level, Organisation
from tmis.reviews.services import submit
from tmis.teachers.models import Teacher

from .archive import update_record
from .jobs import rebuild_province
from .models import Claim, ClaimKind, ClaimState, Correction, Programme, TrainingRules
from .reviewing import KIND, describe_claim
from .rules import OTHER_FORM, OTHER_LEVEL, SCHOOL_BASED_FORM, SCHOOL_BASED_LEVEL, check_rules, rules_for
from .standings import recount

__all__ = [
    "BULK_LIMIT",
    "MIN_REASON",
    "claim_attach",
    "claim_correct",
    "claim_file",
    "claim_file_many",
    "claim_resubmit",
    "rules_set",
]

MIN_REASON = 5
BULK_LIMIT = 500
MAX_HOURS = 1000
EARLIEST = dt.date(1990, 1, 1)
EVIDENCE_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
OPEN = (ClaimState.SUBMITTED, ClaimState.IN_REVIEW)
CORRECTABLE = ("hours", "date", "level", "form", "title", "provider")
RESUBMITTED = ("title", "provider", "level", "form", "hours", "date", "note")


def _check_codes(level: str, form: str) -> None:
    if level not in choosable_codes("training-category"):
        raise field_error("level", "invalid_choice", _("Choose a training category."))
    if form not in choosable_codes("training-form"):
        raise field_error("form", "invalid_choice", _("Choose a training form."))


def _check_date_hours(date: dt.date, hours: int) -> None:
    if date > timezone.localdate():
        raise field_error("date", "future", _("The hours cannot be earned in the future."))
    if date < EARLIEST:
        raise field_error("date", "too_early", _("The date is before %(date)s.") % {"date": EARLIEST.isoformat()})
    if not 0 < hours <= MAX_HOURS:
        raise field_error("hours", "out_of_range", _("Give from 1 to %(n)d hours.") % {"n": MAX_HOURS})


def _fields(*, actor: Any, data: dict[str, Any]) -> dict[str, Any]:
    """A claim's fields with the kind's defaults (a programme's name, provider, category and form; 校本 for
    school-based study; 其他 otherwise), checked."""
    kind = data["kind"]
    fields = {k: data.get(k) for k in ("title", "provider", "level", "form", "hours", "date", "note")}
    programme: Programme | None = None
    if kind == ClaimKind.PROGRAMME:
        programme = data.get("programme")
        if programme is None:
            raise field_error("programme", "required", _("Choose the programme the hours were earned in."))
        fields["title"] = fields["title"] or programme.name
        fields["provider"] = fields["provider"] or programme.provider
        fields["level"], fields["form"] = programme.level, programme.form
        fields["hours"] = fields["hours"] or programme.hours
        fields["date"] = fields["date"] or min(programme.end_date, timezone.localdate())
        if fields["hours"] > programme.hours:
            raise field_error(
                "hours", "above_programme", _("The programme gives at most %(n)d hours.") % {"n": programme.hours}
            )
        if fields["date"] < programme.start_date:
            raise field_error("date", "before_programme", _("The date is before the programme started."))
    elif kind == ClaimKind.SCHOOL_BASED:
        fields["level"] = fields["level"] or SCHOOL_BASED_LEVEL
        fields["form"] = fields["form"] or SCHOOL_BASED_FORM
    fields["level"] = fields["level"] or OTHER_LEVEL
    fields["form"] = fields["form"] or OTHER_FORM
    if not (fields["title"] or "").strip():
        raise field_error("title", "required", _("Name what the hours were earned in."))
    if fields["hours"] is None or fields["date"] is None:
        missing = "hours" if fields["hours"] is None else "date"
        raise field_error(missing, "required", _("This field is required."))
    _check_codes(fields["level"], fields["form"])
    _check_date_hours(fields["date"], fields["hours"])
    fields["title"], fields["provider"] = fields["title"].strip(), (fields["provider"] or "").strip()
    fields["note"] = (fields["note"] or "").strip()
    return {**fields, "kind": kind, "programme": programme}


def _teacher(actor: Any, teacher: Teacher, programme: Programme | None) -> None:
    if not teacher.active:
        raise AppError(_("The teacher has left; no hours can be claimed."), code="inactive", status_code=409)
    if programme is not None:
        if not teacher.org_path.startswith(programme.org_path):
            raise field_error("programme", "not_for_teacher", _("The programme is not run for this teacher's school."))
        taken = Claim.objects.filter(teacher=teacher, programme=programme).exclude(
            state__in=[ClaimState.RETURNED, ClaimState.WITHDRAWN]
        )
        if taken.exists():
            raise AppError(
                _("This teacher already has a claim for this programme."), code="duplicate_claim", status_code=409
            )


@transaction.atomic
def claim_file(*, actor: Any, teacher: Teacher, data: dict[str, Any]) -> Claim:
    """File one claim for a teacher of the actor's scope and submit it for review."""
    fields = _fields(actor=actor, data=data)
    _teacher(actor, teacher, fields["programme"])
    claim = Claim.objects.create(teacher=teacher, school=teacher.school, created_by=actor, **fields)
    submit(
        actor=actor,
        kind=KIND,
        subject_id=claim.pk,
        label=f"{teacher.name} · {claim.title}",
        school=teacher.school,
        payload={"claim": describe_claim(claim)},
    )
    claim.refresh_from_db(fields=["state"])
    return claim


def claim_file_many(*, actor: Any, data: dict[str, Any], entries: list[tuple[Teacher, int | None]]) -> list[dict]:
    """One claim per (teacher, hours or None for the common hours), each in its own transaction: one result per
    entry, in order — a refused one names its code and message and never stops the others."""
    if len(entries) > BULK_LIMIT:
        raise field_error("teachers", "max_length", _("At most %(n)d teachers per call.") % {"n": BULK_LIMIT})
    results: list[dict] = []
    for teacher, hours in entries:
        try:
            claim = claim_file(actor=actor, teacher=teacher, data={**data, "hours": hours or data.get("hours")})
        except AppError as error:
            results.append(
                {"teacher": teacher.pk, "ok": False, "code": error.code, "message": str(error.detail), "claim": None}
            )
        else:
            results.append({"teacher": teacher.pk, "ok": True, "code": "", "message": "", "claim": claim.pk})
    return results


@transaction.atomic
def claim_resubmit(*, actor: Any, claim: Claim, data: dict[str, Any], precondition: Precondition | None) -> Claim:
    """A returned claim changed and submitted again (the review's next round)."""
    lock_current(claim, precondition)
    if claim.state != ClaimState.RETURNED:
        raise AppError(
            _("Only a returned claim can be changed and submitted again."), code="not_returned", status_code=409
        )
    current = {name: getattr(claim, name) for name in RESUBMITTED}  # the fields not sent stay as they are
    fields = _fields(actor=actor, data={**current, "kind": claim.kind, "programme": claim.programme, **data})
    for name in RESUBMITTED:
        setattr(claim, name, fields[name])
    claim.save()
    submit(actor=actor, kind=KIND, subject_id=claim.pk, school=claim.school, payload={"claim": describe_claim(claim)})
    claim.refresh_from_db()
    return claim


def _evidence_dir(claim: Claim) -> Path:
    return Path(settings.TMIS_FILES_DIR) / "training" / str(claim.pk)


@transaction.atomic
def claim_attach(*, actor: Any, claim: Claim, upload: UploadedFile) -> Claim:
    """The claim's evidence (PDF, JPEG or PNG up to 10 MB), replacing an earlier one; not after approval."""
    if claim.state == ClaimState.APPROVED:
        raise AppError(_("An approved claim's evidence cannot change."), code="claim_approved", status_code=409)
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in EVIDENCE_TYPES:
        raise field_error("file", "unsupported_file", _("Attach a PDF, JPEG or PNG file."))
    if upload.size is None or upload.size > EVIDENCE_MAX_BYTES:
        raise AppError(
            _("The file is larger than 10 MB."),
            code="file_too_large",
            status_code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    directory = _evidence_dir(claim)
    directory.mkdir(parents=True, exist_ok=True)
    name = f"{uuid.uuid4().hex}{suffix}"
    with (directory / name).open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    claim.evidence_name = Path(upload.name or name).name[:200]
    claim.evidence_path = f"training/{claim.pk}/{name}"
    claim.save(update_fields=["evidence_name", "evidence_path", "updated_at"])
    audit_record(action="training.claim_evidence", actor=actor, subject_type="training_claim", subject_id=claim.pk)
    return claim


def evidence_file(claim: Claim) -> Path | None:
    return Path(settings.TMIS_FILES_DIR) / claim.evidence_path if claim.evidence_path else None


@transaction.atomic
def claim_correct(
    *, actor: Any, claim: Claim, changes: dict[str, Any], reason: str, precondition: Precondition | None
) -> Claim:
    """An administrator's correction of an approved claim: the changed fields and the reason go into the history
    and the audit trail; the credits are computed again, the archive's record follows, the standing is recounted."""
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise field_error("reason", "min_length", _("Give a reason of at least %(n)d characters.") % {"n": MIN_REASON})
    lock_current(claim, precondition)
    if claim.state != ClaimState.APPROVED:
        raise AppError(
            _("Only an approved claim is corrected; a claim in review is returned."),
            code="not_approved",
            status_code=409,
        )
    proposed = {name: changes[name] for name in CORRECTABLE if name in changes and changes[name] is not None}
    merged = {name: proposed.get(name, getattr(claim, name)) for name in CORRECTABLE}
    _check_codes(merged["level"], merged["form"])
    _check_date_hours(merged["date"], merged["hours"])
    diff = {
        name: [str(getattr(claim, name)), str(value)]
        for name, value in proposed.items()
        if getattr(claim, name) != value
    }
    if not diff:
        raise AppError(_("The correction changes nothing."), code="no_change", status_code=400)
    for name, value in proposed.items():
        setattr(claim, name, value)
    claim.credits = rules_for(claim.teacher.province_code).credits(claim.hours, claim.form)
    claim.save()
    Correction.objects.create(claim=claim, changes=diff, reason=reason, actor=actor)
    update_record(claim)
    audit_record(
        action="training.claim_correct",
        actor=actor,
        subject_type="training_claim",
        subject_id=claim.pk,
        detail={"changes": diff, "reason": reason},
    )
    recount([claim.teacher_id])
    return claim


def _may_set_rules(actor: Any, province: Organisation) -> None:
    org = actor.organisation
    if org.level == Level.PROVINCE and org.pk == province.pk:
        return
    raise AppError(
        _("Only the province's own administrators set its training rules."),
        code="not_own_organisation",
        status_code=403,
    )


@transaction.atomic
def rules_set(*, actor: Any, province: Organisation, data: dict[str, Any]) -> TrainingRules:
    """The province's next version of its rules; a background job counts every standing of the province again by
    them (the roll-ups show the old counts until it has run)."""
    _may_set_rules(actor, province)
    check_rules(data)
    latest = TrainingRules.objects.select_for_update().filter(province=province).order_by("-version").first()
    version = (latest.version if latest else 0) + 1
    row = TrainingRules.objects.create(province=province, version=version, created_by=actor, **data)
    audit_record(
        action="training.rules_set",
        actor=actor,
        subject_type="training_rules",
        subject_id=row.pk,
        detail={"province": province.code, "version": version},
    )
    enqueue(rebuild_province, province=province.code)  # after the commit, by a worker (~35 s at 1M teachers)
    return row
