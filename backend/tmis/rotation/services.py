"""Writes of the exchange rotation: a province's rules, a county's plan and its assignments, the plan's submission
for review. Decisions go through the review engine (`reviewing`); starts and ends through the daily job
(`lifecycle`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tmis.audit.services import audit_record
from tmis.catalog.selectors import choosable_codes
from tmis.core.errors import AppError, field_error
from tmis.core.jobs import enqueue
from tmis.orgs.models import Level, Organisation
from tmis.reviews import services as engine
from tmis.reviews.models import Submission
from tmis.teachers.models import Teacher

from . import tallies
from .eligibility import judge_teacher_ids, reason_text
from .figures import plan_review
from .jobs import rebuild_province
from .models import EDITABLE_STATES, Assignment, AssignmentState, Plan, PlanState, RotationRules
from .reviewing import KIND, SUBJECT
from .rules import check_rules, rules_for

__all__ = [
    "AssignmentInput",
    "assignment_add",
    "assignment_change",
    "assignment_remove",
    "plan_create",
    "plan_delete",
    "plan_submit",
    "plan_update",
    "plan_withdraw",
    "rules_set",
]


@transaction.atomic
def rules_set(*, actor: Any, province: Organisation, data: dict[str, Any]) -> RotationRules:
    """The province's next version of its rules; a background job counts the eligible teachers of its schools again
    (the targets show the old counts until it has run; a county's own figures are judged live)."""
    org = actor.organisation
    if not (org.level == Level.PROVINCE and org.pk == province.pk):
        raise AppError(
            _("Only the province's own administrators set its rotation rules."),
            code="not_own_organisation",
            status_code=403,
        )
    check_rules(data)
    latest = RotationRules.objects.select_for_update().filter(province=province).order_by("-version").first()
    version = (latest.version if latest else 0) + 1
    row = RotationRules.objects.create(province=province, version=version, created_by=actor, **data)
    audit_record(
        action="rotation.rules_set",
        actor=actor,
        subject_type="rotation_rules",
        subject_id=row.pk,
        detail={"province": province.code, "version": version},
    )
    enqueue(rebuild_province, province=province.code)
    return row


def _own_county(actor: Any) -> Organisation:
    org = actor.organisation
    if org.level != Level.COUNTY:
        raise AppError(
            _("A rotation plan is made by a county's own administrators."), code="not_a_county", status_code=403
        )
    return org


@transaction.atomic
def plan_create(*, actor: Any, year: int, note: str = "") -> Plan:
    """The actor's county's plan for a school year (one a year: 409 `plan_exists` names the one there is)."""
    county = _own_county(actor)
    this_year = timezone.localdate().year
    if not this_year - 1 <= year <= this_year + 2:
        raise field_error(
            "year",
            "out_of_range",
            _("Plan a year from %(first)s to %(last)s.") % {"first": this_year - 1, "last": this_year + 2},
        )
    try:
        with transaction.atomic():
            plan = Plan.objects.create(county=county, org_path=county.path, year=year, note=note, created_by=actor)
    except IntegrityError as exc:
        existing = Plan.objects.filter(county=county, year=year).values_list("pk", flat=True).first()
        raise AppError(
            _("The county already has its plan for %(year)s (plan %(id)s).") % {"year": year, "id": existing},
            code="plan_exists",
            status_code=409,
        ) from exc
    audit_record(
        action="rotation.plan_create", actor=actor, subject_type=SUBJECT, subject_id=plan.pk, detail={"year": year}
    )
    return plan


def _editable(plan: Plan) -> None:
    if plan.state not in EDITABLE_STATES:
        raise AppError(
            _("The plan is %(state)s: its assignments change only while it is a draft or returned.")
            % {"state": plan.get_state_display()},
            code="plan_not_editable",
            status_code=409,
        )


def _locked_plan(actor: Any, plan_id: int) -> Plan:
    plan = Plan.objects.select_for_update(of=("self",)).select_related("county").filter(pk=plan_id).first()
    if plan is None or not Plan.objects.visible_to(actor).filter(pk=plan_id).exists():
        raise AppError(_("No such plan in your scope."), code="not_found", status_code=404)
    if plan.county_id != actor.organisation_id:
        raise AppError(_("Only the county's own administrators change its plan."), code="not_own_plan", status_code=403)
    return plan


@transaction.atomic
def plan_update(*, actor: Any, plan_id: int, note: str) -> Plan:
    plan = _locked_plan(actor, plan_id)
    _editable(plan)
    plan.note = note
    plan.save(update_fields=["note", "updated_at"])
    return plan


@transaction.atomic
def plan_delete(*, actor: Any, plan_id: int) -> None:
    """A plan never submitted goes with its assignments; one that was reviewed stays on record (409)."""
    plan = _locked_plan(actor, plan_id)
    if plan.state != PlanState.DRAFT or plan.submission_id is not None:
        raise AppError(_("Only a plan never submitted can be deleted."), code="plan_not_editable", status_code=409)
    audit_record(
        action="rotation.plan_delete", actor=actor, subject_type=SUBJECT, subject_id=plan.pk, detail={"year": plan.year}
    )
    plan.delete()


@dataclass(frozen=True)
class AssignmentInput:
    """What a county sends for one assignment (types checked by the API's serializer)."""

    teacher: int
    to_school: str
    rotation_type: str
    transfers_relation: bool
    start_date: dt.date
    end_date: dt.date


def _rural(school: Organisation) -> bool | None:
    """乡村 (城乡分类 2xx) or not; None when the school has no 城乡分类."""
    return school.urban_rural.startswith("2") if school.urban_rural else None


def flow_category(from_school: Organisation, to_school: Organisation) -> str:
    """教师流动类别 of a move: 1 农村→城区, 3 城区→农村, 2 within the town or the countryside, 9 unknown."""
    source, target = _rural(from_school), _rural(to_school)
    if source is None or target is None:
        return "9"
    if source and not target:
        return "1"
    if target and not source:
        return "3"
    return "2"


def _to_school(plan: Plan, code: str) -> Organisation:
    school = Organisation.objects.filter(code=code, level=Level.SCHOOL).first()
    if school is None or not school.path.startswith(plan.org_path):
        raise field_error("to_school", "not_found", _("No such school in the county."))
    return school


def _check(plan: Plan, data: AssignmentInput, teacher: Teacher, to_school: Organisation) -> None:
    if data.rotation_type not in choosable_codes("rotation-type") or data.rotation_type == "0":
        raise field_error("rotation_type", "invalid_choice", _("Choose the kind of rotation."))
    if data.end_date <= data.start_date:
        raise field_error("end_date", "before_start", _("The end date must be after the start date."))
    if not plan.year <= data.start_date.year <= plan.year + 1:
        raise field_error(
            "start_date",
            "out_of_range",
            _("A rotation of the %(year)s plan starts in %(year)s or %(next)s.")
            % {"year": plan.year, "next": plan.year + 1},
        )
    if to_school.pk == teacher.school_id:
        raise field_error("to_school", "same_school", _("The teacher already works at this school."))
    rules = rules_for(plan.county.province_code or "")
    reason = judge_teacher_ids(prefix=plan.org_path, year=plan.year, rules=rules, teacher_ids=[teacher.pk]).get(
        teacher.pk
    )
    if reason is None:
        raise field_error("teacher", "not_found", _("No such current teacher in the county."))
    if reason:
        text = reason_text(reason, {"school_entry_month": teacher.school_entry_month}, plan.year, rules)
        raise field_error(
            "teacher", "not_eligible", _("%(name)s is not eligible: %(why)s") % {"name": teacher.name, "why": text}
        )
    busy = (
        Assignment.objects.filter(teacher=teacher, state__in=[AssignmentState.PLANNED, AssignmentState.STARTED])
        .exclude(plan=plan)
        .exclude(plan__state__in=[PlanState.RETURNED, PlanState.WITHDRAWN, PlanState.DRAFT])
        .exists()
    )
    if busy:
        raise AppError(
            _("%(name)s already has a rotation planned or in progress.") % {"name": teacher.name},
            code="already_assigned",
            status_code=409,
        )


def _teacher(plan: Plan, teacher_id: int) -> Teacher:
    teacher = (
        Teacher.objects.filter(pk=teacher_id, org_path__startswith=plan.org_path, active=True)
        .select_related("school")
        .first()
    )
    if teacher is None:
        raise field_error("teacher", "not_found", _("No such current teacher in the county."))
    return teacher


@transaction.atomic
def assignment_add(*, actor: Any, plan_id: int, data: AssignmentInput) -> Assignment:
    plan = _locked_plan(actor, plan_id)
    _editable(plan)
    teacher = _teacher(plan, data.teacher)
    to_school = _to_school(plan, data.to_school)
    _check(plan, data, teacher, to_school)
    if Assignment.objects.filter(plan=plan, teacher=teacher).exists():
        raise AppError(
            _("%(name)s is already in this plan.") % {"name": teacher.name}, code="already_in_plan", status_code=409
        )
    assignment = Assignment.objects.create(
        plan=plan,
        teacher=teacher,
        from_school=teacher.school,
        from_path=teacher.school.path,
        to_school=to_school,
        to_path=to_school.path,
        rotation_type=data.rotation_type,
        transfers_relation=data.transfers_relation,
        flow_category=flow_category(teacher.school, to_school),
        backbone=bool(teacher.backbone_teacher),
        start_date=data.start_date,
        end_date=data.end_date,
        created_by=actor,
    )
    tallies.recount(plan_id=plan.pk, school_id=assignment.from_school_id)
    audit_record(
        action="rotation.assignment_add",
        actor=actor,
        subject_type="rotation_assignment",
        subject_id=assignment.pk,
        detail={"plan": plan.pk, "teacher_no": teacher.teacher_no, "to_school": to_school.code},
    )
    return assignment


def _locked_assignment(actor: Any, assignment_id: int) -> Assignment:
    found = Assignment.objects.visible_to(actor).filter(pk=assignment_id).values_list("plan_id", flat=True).first()
    if found is None:
        raise AppError(_("No such assignment in your scope."), code="not_found", status_code=404)
    plan = _locked_plan(actor, found)
    _editable(plan)
    # Only the assignment is locked (its plan is, above), never the teacher or the schools read with it.
    assignment = (
        Assignment.objects.select_for_update(of=("self",)).select_related("teacher__school").get(pk=assignment_id)
    )
    assignment.plan = plan
    return assignment


@transaction.atomic
def assignment_change(*, actor: Any, assignment_id: int, changes: dict[str, Any]) -> Assignment:
    """Change an assignment of an editable plan (school, kind, relation, dates); the same checks as a new one."""
    assignment = _locked_assignment(actor, assignment_id)
    current = {
        "teacher": assignment.teacher_id,
        "to_school": assignment.to_school.code,
        "rotation_type": assignment.rotation_type,
        "transfers_relation": assignment.transfers_relation,
        "start_date": assignment.start_date,
        "end_date": assignment.end_date,
    }
    data = AssignmentInput(**(current | {k: v for k, v in changes.items() if k in current and k != "teacher"}))
    to_school = _to_school(assignment.plan, data.to_school)
    _check(assignment.plan, data, assignment.teacher, to_school)
    assignment.to_school, assignment.to_path = to_school, to_school.path
    assignment.rotation_type, assignment.transfers_relation = data.rotation_type, data.transfers_relation
    assignment.start_date, assignment.end_date = data.start_date, data.end_date
    assignment.flow_category = flow_category(assignment.teacher.school, to_school)
    assignment.save()
    audit_record(
        action="rotation.assignment_change",
        actor=actor,
        subject_type="rotation_assignment",
        subject_id=assignment.pk,
        detail={k: str(v) for k, v in changes.items()},
    )
    return assignment


@transaction.atomic
def assignment_remove(*, actor: Any, assignment_id: int) -> None:
    assignment = _locked_assignment(actor, assignment_id)
    audit_record(
        action="rotation.assignment_remove",
        actor=actor,
        subject_type="rotation_assignment",
        subject_id=assignment.pk,
        detail={"plan": assignment.plan_id, "teacher_no": assignment.teacher.teacher_no},
    )
    assignment.delete()
    tallies.recount(plan_id=assignment.plan_id, school_id=assignment.from_school_id)


@transaction.atomic
def plan_submit(*, actor: Any, plan_id: int) -> Submission:
    """Submit the plan (or resubmit a returned one) for review, county → city by default. A plan short of its
    targets is submitted all the same (the figures and warnings go with it); an empty plan is refused."""
    plan = _locked_plan(actor, plan_id)
    _editable(plan)
    if not plan.assignments.exists():
        raise AppError(_("Add at least one assignment before submitting."), code="plan_empty", status_code=400)
    submission = engine.submit(
        actor=actor,
        kind=KIND,
        subject_id=plan.pk,
        label=f"{plan.county.name} · {plan.year}",
        school=plan.county,
        payload={"plan": plan_review(plan)},
    )
    plan.submission, plan.state = submission, PlanState(submission.state)
    plan.save(update_fields=["submission", "state", "updated_at"])
    return submission


@transaction.atomic
def plan_withdraw(*, actor: Any, plan_id: int) -> Submission:
    """The submitter takes the plan back before any reviewer has decided on it (the engine's rule); it is editable
    again and is submitted anew."""
    plan = _locked_plan(actor, plan_id)
    if plan.submission_id is None or plan.state not in (PlanState.SUBMITTED, PlanState.IN_REVIEW):
        raise AppError(_("The plan is not in review."), code="not_withdrawable", status_code=409)
    return engine.withdraw(actor=actor, submission_id=plan.submission_id)
