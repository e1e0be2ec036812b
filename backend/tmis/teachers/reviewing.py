"""The teacher archive as a subject of the review engine: submitting an archive (teacher_info), change requests
on an approved archive (teacher_change, teacher_key_change for key information), and what each decision does to
the teacher."""

from __future__ import annotations

import base64
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import status

from tmis.audit.services import audit_record
from tmis.catalog.selectors import effective_for_organisation
from tmis.catalog.validation import Errors, validate_row
from tmis.core import crypto
from tmis.core.errors import AppError
from tmis.notifications.security_alerts import full_id_alert_check
from tmis.reviews import services as engine
from tmis.reviews.models import OPEN_STATES, State, Submission
from tmis.reviews.registry import SubjectKind, register, register_progress

from .checks import COLUMN_FIELDS, KEY_FIELDS, catalogue_check, group_minimum_problems, validator_row
from .group_records import group_record_delete, group_record_save, group_records_apply_import
from .models import GROUP_MODELS, RecordState, Teacher
from .selectors import record_state_counts
from .writes import ID_CONTEXT, apply_values, id_number_of, id_prefix_keys, stamp_change

SUBJECT = "teacher"
#: The review kinds this app registers (see register_handlers).
TEACHER_INFO, TEACHER_CHANGE, TEACHER_KEY_CHANGE = "teacher_info", "teacher_change", "teacher_key_change"
SUBMITTABLE = (RecordState.DRAFT, RecordState.RETURNED)


def archive_problems(teacher: Teacher) -> Errors:
    """THE check of a whole archive before it is submitted, whichever path submits it (the form, the API, the demo):
    every catalogue problem of the one-row groups and of each group record, and the groups of the core set that
    have no record yet (`group_required`)."""
    values = {f: getattr(teacher, f) for f in COLUMN_FIELDS}
    number = crypto.decrypt(teacher.id_key, bytes(teacher.id_cipher), context=ID_CONTEXT)
    _version, problems = catalogue_check(teacher.school, values | {"id_number": number}, dict(teacher.extra))
    catalogue, _tables = effective_for_organisation(organisation=teacher.school)
    counts: dict[str, int] = {}
    for code, model in GROUP_MODELS.items():
        group = catalogue.group(code)
        if group is None:
            continue
        records = list(model.objects.filter(teacher=teacher).order_by("id"))
        counts[code] = len(records)
        for index, record in enumerate(records):
            for field, found in validate_row(group, validator_row(record, group)).items():
                problems[f"{code}[{index}].{field}"] = found
    return problems | group_minimum_problems(catalogue, counts)


@transaction.atomic
def teacher_submit(*, actor: Any, teacher_id: int) -> Submission:
    """Submit a draft (or a returned archive, as a new round) for review. It must pass the whole catalogue."""
    teacher = Teacher.objects.visible_to(actor).select_for_update().select_related("school").get(pk=teacher_id)
    if teacher.record_state not in SUBMITTABLE:
        raise AppError(
            _("Only a draft or a returned archive can be submitted."), code="not_submittable", status_code=409
        )
    problems = archive_problems(teacher)
    if problems:
        raise AppError(
            _("The archive does not pass the catalogue's checks yet; fix the fields listed."),
            code="invalid",
            errors=problems,
        )
    return engine.submit(
        actor=actor,
        kind=TEACHER_INFO,
        subject_type=SUBJECT,
        subject_id=teacher.pk,
        label=teacher.name,
        school=teacher.school,
    )


def request_change(
    *,
    actor: Any,
    teacher: Teacher,
    fields: dict[str, list[Any]] | None = None,
    id_secret: tuple[str, bytes] | None = None,
    id_digest: str | None = None,
    group_operation: dict[str, Any] | None = None,
    group_imports: list[dict[str, Any]] | None = None,
) -> Submission:
    """A change request for an approved archive: the diff waits in the submission until the last level approves.
    Key information (DOMAIN decision 4) climbs the key-change chain."""
    payload: dict[str, Any] = {"base_version": teacher.version, "fields": fields or {}}
    if id_secret is not None:
        payload["id"] = {
            "key": id_secret[0],
            "cipher": base64.b64encode(id_secret[1]).decode(),
            "digest": id_digest,
        }
    if group_operation is not None:
        payload["group"] = group_operation
    if group_imports:
        payload["groups"] = group_imports  # an import's records: [{group, mode, data: [records], old: [records]}]
    key = any(field in KEY_FIELDS for field in payload["fields"])
    submission = engine.submit(
        actor=actor,
        kind=TEACHER_KEY_CHANGE if key else TEACHER_CHANGE,
        subject_type=SUBJECT,
        subject_id=teacher.pk,
        label=teacher.name,
        school=teacher.school,
        payload=payload,
    )
    return submission


def change_id_numbers(*, actor: Any, teacher: Teacher, submission_id: int, address: str | None) -> dict[str, Any]:
    """The full old and new ID numbers of a key-information change (for a caller whose role may see full IDs):
    `id_number` the archive's number now (the old one while the change is open), `requested` the number the
    change asks for. Written to the access log like any full view, naming the change."""
    submission = (
        Submission.objects.visible_to(actor)
        .filter(pk=submission_id, subject_type=SUBJECT, subject_id=teacher.pk)
        .only("id", "payload", "state")
        .first()
    )
    if submission is None:
        raise AppError(_("No such change request of this archive."), code="not_found", status_code=404)
    secret = submission.payload.get("id")
    if not secret:
        raise AppError(_("This change request does not change the ID number."), code="no_id_change", status_code=409)
    audit_record(
        actor=actor,
        action="teacher.id_number.view",
        subject_type="teacher",
        subject_id=teacher.pk,
        address=address,
        detail={"submission": submission.pk},
    )
    full_id_alert_check(user=actor)
    requested = crypto.decrypt(secret["key"], base64.b64decode(secret["cipher"]), context=ID_CONTEXT)
    return {"id_number": id_number_of(teacher), "requested": requested, "open": submission.state in OPEN_STATES}


class TeacherSubject:
    """What every teacher kind tells the engine about its subject, the archive."""

    def label(self, subject_id: int) -> str:
        return Teacher.objects.values_list("name", flat=True).get(pk=subject_id)

    def origin(self, subject_id: int) -> Any:
        return Teacher.objects.select_related("school").get(pk=subject_id).school

    def may_submit(self, actor: Any, subject_id: int) -> bool:
        return Teacher.objects.visible_to(actor).filter(pk=subject_id).exists()

    def describe(self, submission: Submission) -> dict[str, Any] | None:
        """Change requests: field → [old, new] (ID numbers masked), and `group` for a group record change."""
        out: dict[str, Any] = {"fields": submission.payload.get("fields", {})}
        if "group" in submission.payload:
            out["group"] = submission.payload["group"]
        if "groups" in submission.payload:
            out["groups"] = submission.payload["groups"]
        return out


class TeacherInfoHandler(TeacherSubject):
    """A new archive: its record_state follows the submission; the first approval makes it approved for good."""

    STATES = {
        State.SUBMITTED: RecordState.SUBMITTED,
        State.IN_REVIEW: RecordState.IN_REVIEW,
        State.APPROVED: RecordState.APPROVED,
        State.RETURNED: RecordState.RETURNED,
    }

    def describe(self, submission: Submission) -> dict[str, Any] | None:
        return None  # the whole archive is reviewed

    def state_changed(self, submission: Submission) -> None:
        if submission.state == State.WITHDRAWN:
            state = RecordState.DRAFT if submission.round == 1 else RecordState.RETURNED
        else:
            state = self.STATES[submission.state]
        changes: dict[str, Any] = {"record_state": state}
        if state == RecordState.APPROVED:
            changes["ever_approved"] = True
        Teacher.objects.filter(pk=submission.subject_id).update(**changes)

    def apply(self, submission: Submission) -> None:
        return None


class TeacherChangeHandler(TeacherSubject):
    """A change request: `pending_change` while it is open; on approval the diff applies atomically, provided the
    archive is still the version the change was based on."""

    def state_changed(self, submission: Submission) -> None:
        pending = submission.state in (State.SUBMITTED, State.IN_REVIEW)
        Teacher.objects.filter(pk=submission.subject_id).update(pending_change=pending)

    def apply(self, submission: Submission) -> None:
        teacher = Teacher.objects.select_for_update().select_related("school").get(pk=submission.subject_id)
        payload = submission.payload
        if teacher.version != payload.get("base_version"):
            raise AppError(
                _("The archive changed after this request was made; return it so the filler can redo it."),
                code="stale_change",
                status_code=status.HTTP_409_CONFLICT,
            )
        actor = submission.submitted_by
        if imports := payload.get("groups"):
            group_records_apply_import(actor=actor, teacher=teacher, imports=imports)
            return
        if operation := payload.get("group"):
            model = GROUP_MODELS[operation["group"]]
            record = model.objects.filter(pk=operation.get("record"), teacher=teacher).first()
            if operation["op"] == "delete":
                if record is not None:
                    group_record_delete(actor=actor, teacher=teacher, record=record)
                return
            group_record_save(
                actor=actor,
                teacher=teacher,
                group_code=operation["group"],
                data=operation["data"],
                record=record,
            )
            return
        values = {
            field: Teacher._meta.get_field(field).to_python(new) if new is not None else None
            for field, (_old, new) in payload["fields"].items()
            if field in COLUMN_FIELDS
        }
        extra = payload["fields"]["extra"][1] if "extra" in payload["fields"] else dict(teacher.extra)
        if secret := payload.get("id"):
            if Teacher.objects.filter(id_digest=secret["digest"]).exclude(pk=teacher.pk).exists():
                raise AppError(
                    _("Another archive has registered this ID document in the meantime."),
                    code="duplicate_id_document",
                    status_code=status.HTTP_409_CONFLICT,
                )
            teacher.id_key, teacher.id_cipher = secret["key"], base64.b64decode(secret["cipher"])
            teacher.id_digest = secret["digest"]
            teacher.id_masked = payload["fields"]["id_number"][1]
            teacher.id_prefixes = id_prefix_keys(id_number_of(teacher))
        apply_values(teacher, actor=actor, values=values, extra=extra, catalogue_version=teacher.catalogue_version)
        teacher.save()
        stamp_change(teacher)


def register_handlers() -> None:
    """The teacher kinds (DOMAIN decisions 4 and 5): archives and changes climb school → county by default, a
    province may add levels; key information follows the teacher-information chain, then the province."""
    both = ("school", "county")
    register(
        SubjectKind(
            key=TEACHER_INFO,
            label=gettext_lazy("Teacher information"),
            subject_type=SUBJECT,
            handler=TeacherInfoHandler(),
            default_levels=both,
            required_levels=both,
        )
    )
    change = TeacherChangeHandler()
    register(
        SubjectKind(
            key=TEACHER_CHANGE,
            label=gettext_lazy("Change of teacher information"),
            subject_type=SUBJECT,
            handler=change,
            default_levels=both,
            required_levels=both,
        )
    )
    register(
        SubjectKind(
            key=TEACHER_KEY_CHANGE,
            label=gettext_lazy("Change of key information"),
            subject_type=SUBJECT,
            handler=change,
            derived_from=TEACHER_INFO,
            extra_levels=("province",),
        )
    )
    register_progress("states", lambda path: record_state_counts(path=path))
