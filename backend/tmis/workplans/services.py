"""Writes of work plans, their milestones and working-group members. Every write is its organisation's own
(rules.ensure_owner), checked under the row lock against the client's If-Match (tmis.core.etag), and recorded in the
one audit trail (who, what, which fields — never a member's phone or e-mail)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import status

from tmis.audit.services import audit_record
from tmis.core.errors import AppError
from tmis.core.etag import Precondition, lock_current

from . import rules
from .models import GroupMember, Milestone, WorkPlan

__all__ = [
    "member_create",
    "member_delete",
    "member_update",
    "milestone_create",
    "milestone_delete",
    "milestone_update",
    "plan_create",
    "plan_delete",
    "plan_update",
]

PLAN_FIELDS = ("year", "title", "description")
MILESTONE_FIELDS = ("title", "due_date", "done_date", "owner", "sort_order")
MEMBER_FIELDS = ("name", "unit", "post", "role", "office_phone", "mobile", "email", "sort_order")


def _plan_exists() -> AppError:
    return AppError(
        _("Your organisation already has a work plan for this year; change that one."),
        code="plan_exists",
        status_code=status.HTTP_409_CONFLICT,
    )


def _apply(instance: Any, fields: dict[str, Any], allowed: tuple[str, ...]) -> list[str]:
    changed = []
    for name in allowed:
        if name in fields and getattr(instance, name) != fields[name]:
            setattr(instance, name, fields[name])
            changed.append(name)
    return changed


def _record(action: str, actor: Any, subject_type: str, subject_id: int, **detail: Any) -> None:
    audit_record(action=action, actor=actor, subject_type=subject_type, subject_id=subject_id, detail=detail)


# --- plans -------------------------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, actor: Any, year: int, title: str, description: str = "") -> WorkPlan:
    """The actor's organisation's plan for `year` (a province or a 部属高校; one per year: 409 `plan_exists`)."""
    organisation = rules.own_organisation(actor, plan=True)
    plan = WorkPlan(organisation=organisation, year=year, title=title.strip(), description=description.strip())
    plan.created_by = actor
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as exc:
        raise _plan_exists() from exc
    _record("workplan.create", actor, "work_plan", plan.pk, org=organisation.code, year=year, title=plan.title)
    return plan


@transaction.atomic
def plan_update(*, actor: Any, plan: WorkPlan, precondition: Precondition | None, **fields: Any) -> WorkPlan:
    rules.ensure_owner(actor, plan.organisation_id)
    plan = lock_current(plan, precondition)
    for text in ("title", "description"):
        if text in fields:
            fields[text] = fields[text].strip()
    changed = _apply(plan, fields, PLAN_FIELDS)
    if changed:
        try:
            with transaction.atomic():
                plan.save()
        except IntegrityError as exc:
            raise _plan_exists() from exc
        _record("workplan.update", actor, "work_plan", plan.pk, fields=changed)
    return plan


@transaction.atomic
def plan_delete(*, actor: Any, plan: WorkPlan, precondition: Precondition | None) -> None:
    """The plan and its milestones."""
    rules.ensure_owner(actor, plan.organisation_id)
    plan = lock_current(plan, precondition)
    detail = {"org": plan.organisation.code, "year": plan.year, "title": plan.title}
    plan_id = plan.pk
    plan.delete()
    _record("workplan.delete", actor, "work_plan", plan_id, **detail)


# --- milestones --------------------------------------------------------------------------------------------------


def _today() -> dt.date:
    return timezone.localdate()


@transaction.atomic
def milestone_create(
    *,
    actor: Any,
    plan: WorkPlan,
    title: str,
    due_date: dt.date,
    done_date: dt.date | None = None,
    owner: str = "",
    sort_order: int = 0,
) -> Milestone:
    rules.ensure_owner(actor, plan.organisation_id)
    rules.check_milestone_dates(year=plan.year, due_date=due_date, done_date=done_date, today=_today())
    milestone = Milestone.objects.create(
        plan=plan,
        title=title.strip(),
        due_date=due_date,
        done_date=done_date,
        owner=owner.strip(),
        sort_order=sort_order,
    )
    WorkPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())
    _record("milestone.create", actor, "milestone", milestone.pk, plan=plan.pk, title=milestone.title)
    return milestone


@transaction.atomic
def milestone_update(
    *, actor: Any, milestone: Milestone, precondition: Precondition | None, **fields: Any
) -> Milestone:
    """A change of any field; marking one done is `done_date` (null: not done after all)."""
    rules.ensure_owner(actor, milestone.plan.organisation_id)
    milestone = lock_current(milestone, precondition)
    for text in ("title", "owner"):
        if text in fields:
            fields[text] = fields[text].strip()
    rules.check_milestone_dates(
        year=milestone.plan.year,
        due_date=fields.get("due_date", milestone.due_date),
        done_date=fields.get("done_date", milestone.done_date),
        today=_today(),
    )
    changed = _apply(milestone, fields, MILESTONE_FIELDS)
    if changed:
        milestone.save()
        WorkPlan.objects.filter(pk=milestone.plan_id).update(updated_at=timezone.now())
        detail: dict[str, Any] = {"plan": milestone.plan_id, "fields": changed}
        if "done_date" in changed:
            detail["done_date"] = milestone.done_date.isoformat() if milestone.done_date else None
        _record("milestone.update", actor, "milestone", milestone.pk, **detail)
    return milestone


@transaction.atomic
def milestone_delete(*, actor: Any, milestone: Milestone, precondition: Precondition | None) -> None:
    rules.ensure_owner(actor, milestone.plan.organisation_id)
    milestone = lock_current(milestone, precondition)
    detail = {"plan": milestone.plan_id, "title": milestone.title}
    milestone_id = milestone.pk
    milestone.delete()
    WorkPlan.objects.filter(pk=detail["plan"]).update(updated_at=timezone.now())
    _record("milestone.delete", actor, "milestone", milestone_id, **detail)


# --- working-group members ---------------------------------------------------------------------------------------


def _clean_member(fields: dict[str, Any]) -> dict[str, Any]:
    cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    rules.check_contact(mobile=cleaned.get("mobile"), office_phone=cleaned.get("office_phone"))
    return cleaned


@transaction.atomic
def member_create(*, actor: Any, **fields: Any) -> GroupMember:
    """A member of the actor's organisation's working group (any region or a 部属高校)."""
    organisation = rules.own_organisation(actor, plan=False)
    fields = _clean_member(fields)
    if GroupMember.objects.filter(organisation=organisation).count() >= rules.MAX_MEMBERS:
        raise AppError(
            _("A working group has at most %(max)s members.") % {"max": rules.MAX_MEMBERS},
            code="group_full",
            status_code=status.HTTP_409_CONFLICT,
        )
    member = GroupMember.objects.create(
        organisation=organisation, **{k: fields[k] for k in MEMBER_FIELDS if k in fields}
    )
    _record("groupmember.create", actor, "group_member", member.pk, org=organisation.code, role=member.role)
    return member


@transaction.atomic
def member_update(*, actor: Any, member: GroupMember, precondition: Precondition | None, **fields: Any) -> GroupMember:
    rules.ensure_owner(actor, member.organisation_id)
    member = lock_current(member, precondition)
    changed = _apply(member, _clean_member(fields), MEMBER_FIELDS)
    if changed:
        member.save()
        _record("groupmember.update", actor, "group_member", member.pk, fields=changed)
    return member


@transaction.atomic
def member_delete(*, actor: Any, member: GroupMember, precondition: Precondition | None) -> None:
    rules.ensure_owner(actor, member.organisation_id)
    member = lock_current(member, precondition)
    member_id, role = member.pk, member.role
    member.delete()
    _record("groupmember.delete", actor, "group_member", member_id, role=role)
