"""Reads of work plans and working groups: what a user sees (its subtree and the levels above, models.UpwardsQuerySet)
and the public reads of the reports module (月报表 contact, 通报 overdue milestones) — each a fixed number of queries,
whatever the number of organisations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from tmis.core import crypto
from tmis.core.errors import field_error
from tmis.orgs.models import Organisation

from .models import GroupMember, GroupRole, Milestone, WorkPlan, ancestor_paths

__all__ = [
    "OverdueMilestone",
    "contacts_for",
    "group_organisations",
    "is_overdue",
    "members_of",
    "organisation_upwards",
    "overdue_milestones",
    "overdue_milestones_of_children",
    "plans_visible_to",
    "shows_full_contact",
]


@dataclass(frozen=True)
class OverdueMilestone:
    """A milestone due before the day asked about and not done, with its plan (for the 通报)."""

    id: int
    title: str
    due_date: dt.date
    owner: str
    plan_id: int
    plan_title: str
    plan_year: int
    days_overdue: int


def is_overdue(milestone: Milestone, on: dt.date) -> bool:
    """Due before `on` and not done: a milestone due today is not overdue yet."""
    return milestone.done_date is None and milestone.due_date < on


def _overdue(on: dt.date) -> Q:
    return Q(done_date__isnull=True, due_date__lt=on)


def _grouped(rows: QuerySet[Milestone], on: dt.date) -> dict[int, list[OverdueMilestone]]:
    out: dict[int, list[OverdueMilestone]] = {}
    for m in rows.select_related("plan").order_by("plan__organisation_id", "due_date", "sort_order", "id"):
        out.setdefault(m.plan.organisation_id, []).append(
            OverdueMilestone(
                id=m.pk,
                title=m.title,
                due_date=m.due_date,
                owner=m.owner,
                plan_id=m.plan_id,
                plan_title=m.plan.title,
                plan_year=m.plan.year,
                days_overdue=(on - m.due_date).days,
            )
        )
    return out


def overdue_milestones(org_ids: Iterable[int], on: dt.date) -> dict[int, list[OverdueMilestone]]:
    """Organisation id → the overdue milestones (on `on`) of the plans it owns, oldest due first; organisations
    without any are absent (use `.get(org_id, [])`). One query."""
    ids = list(org_ids)
    if not ids:
        return {}
    return _grouped(Milestone.objects.filter(_overdue(on), plan__organisation_id__in=ids), on)


def overdue_milestones_of_children(parent_id: int, on: dt.date) -> dict[int, list[OverdueMilestone]]:
    """For the 通报 of an organisation: child organisation id → the overdue milestones of the child's own plans
    (not of units further down). One query."""
    return _grouped(Milestone.objects.filter(_overdue(on), plan__organisation__parent_id=parent_id), on)


#: Who a report names as an organisation's contact: the liaison first, else the group leader.
CONTACT_ROLES = (GroupRole.LIAISON, GroupRole.LEADER)


def contacts_for(org_ids: Iterable[int], *, full_mobile: bool = False) -> dict[int, str]:
    """Organisation id → its working group's contact for the monthly report: the 联络员 (else the 组长) as
    "name phone" — the office phone, else the mobile (masked unless `full_mobile`); the first by sort order when a
    group has several. Organisations without either role are absent. One query."""
    ids = list(org_ids)
    if not ids:
        return {}
    rows = (
        GroupMember.objects.filter(organisation_id__in=ids, role__in=CONTACT_ROLES)
        .order_by("organisation_id", "sort_order", "id")
        .values_list("organisation_id", "role", "name", "office_phone", "mobile")
    )
    best: dict[int, tuple[int, str]] = {}
    for org_id, role, name, office, mobile in rows:
        rank = CONTACT_ROLES.index(role)
        if org_id in best and best[org_id][0] <= rank:
            continue
        phone = office or (mobile if full_mobile or not mobile else crypto.mask(mobile))
        best[org_id] = (rank, f"{name} {phone}".strip())
    return {org_id: text for org_id, (_rank, text) in best.items()}


def plans_visible_to(*, user: Any, on: dt.date, with_milestones: bool = False) -> QuerySet[WorkPlan]:
    """The plans of the user's subtree and of the organisations above it, with their milestone counts on `on`."""
    plans = (
        WorkPlan.objects.visible_to(user)
        .select_related("organisation")
        .annotate(
            milestones_total=Count("milestones"),
            milestones_done=Count("milestones", filter=Q(milestones__done_date__isnull=False)),
            milestones_overdue=Count(
                "milestones", filter=Q(milestones__done_date__isnull=True, milestones__due_date__lt=on)
            ),
        )
    )
    if with_milestones:
        plans = plans.prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("sort_order", "due_date", "id"))
        )
    return plans


def organisation_upwards(*, user: Any, code: str | None, parameter: str = "org") -> Organisation:
    """The organisation a request's parameter names (the user's own when empty), if the user sees its plans and
    groups: in the user's subtree or above it. Anything else — elsewhere or nowhere alike — is a 400 naming it."""
    if not code:
        return getattr(user, "scope_organisation", user.organisation)
    path = user.scope_path or ""
    organisation = (
        Organisation.objects.filter(code=code)
        .filter(Q(path__startswith=path) | Q(path__in=ancestor_paths(path)))
        .select_related("parent")
        .first()
        if path
        else None
    )
    if organisation is None:
        raise field_error(parameter, "not_found", _("No organisation with this code in your scope."))
    return organisation


def members_of(*, organisation: Organisation) -> QuerySet[GroupMember]:
    return (
        GroupMember.objects.filter(organisation=organisation)
        .select_related("organisation")
        .order_by("sort_order", "id")
    )


def shows_full_contact(member: GroupMember, user: Any) -> bool:
    """A member's mobile is personal data: shown in full to the member's own organisation only."""
    return getattr(user, "organisation_id", None) == member.organisation_id


def group_organisations(*, user: Any) -> list[dict[str, Any]]:
    """The organisations the user sees that filed a working group, with their member count and report contact, in
    path order (the user's own first when it has one). Two queries."""
    counts = list(
        GroupMember.objects.visible_to(user)
        .values(
            "organisation_id", "organisation__code", "organisation__name", "organisation__level", "organisation__path"
        )
        .annotate(members=Count("id"))
        .order_by("organisation__path")
    )
    contacts = contacts_for(row["organisation_id"] for row in counts)
    return [
        {
            "code": row["organisation__code"],
            "name": row["organisation__name"],
            "level": row["organisation__level"],
            "members": row["members"],
            "contact": contacts.get(row["organisation_id"], ""),
        }
        for row in counts
    ]


def every_contact() -> dict[int, str]:
    """Every organisation's contact (those with a liaison or leader): what a monthly snapshot copies. Two queries."""
    org_ids = GroupMember.objects.filter(role__in=CONTACT_ROLES).values_list("organisation_id", flat=True).distinct()
    return contacts_for(list(org_ids))


def overdue_for_ranking(org_ids: Iterable[int], on: dt.date) -> dict[int, list[dict[str, Any]]]:
    """The 通报's note per ranked organisation: its own plans' overdue milestones (title, due date, owner, plan)."""
    return {
        org_id: [{"title": m.title, "due_date": m.due_date, "owner": m.owner, "plan": m.plan_title} for m in found]
        for org_id, found in overdue_milestones(org_ids, on).items()
    }
