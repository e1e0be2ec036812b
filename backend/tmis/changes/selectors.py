"""Reads of teacher changes: the lists of both sides and what each side may see of a change."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tmis.orgs.models import Organisation

from .models import TeacherChange

#: `?direction=`: into the caller's subtree (transfers applied for there), out of it (its teachers leaving for
#: another school), or everything the caller sees.
DIRECTIONS = ("in", "out", "all")


def changes_for(*, user: Any, direction: str = "all") -> QuerySet[TeacherChange]:
    path = user.scope_path
    items = TeacherChange.objects.visible_to(user)
    if direction == "in":
        items = items.filter(to_path__startswith=path).exclude(from_path__startswith=path)
    elif direction == "out":
        items = items.filter(from_path__startswith=path).exclude(to_path="").exclude(to_path__startswith=path)
    return items.select_related("from_school", "to_school", "submission__current_org").order_by("-id")


def sees_sending_side(change: TeacherChange, user: Any) -> bool:
    """Whether the caller's subtree holds the school the teacher belonged to when the change was made."""
    return bool(user.scope_path) and change.from_path.startswith(user.scope_path)


def shows_full_name(change: TeacherChange, user: Any) -> bool:
    """The sending side always; the receiving side of a transfer once it is complete (before: the masked name)."""
    return sees_sending_side(change, user) or change.state == "approved"


def province_names() -> dict[str, str]:
    """Province code → name (34 rows, one query per list page)."""
    return dict(Organisation.objects.filter(level="province").values_list("code", "name"))
