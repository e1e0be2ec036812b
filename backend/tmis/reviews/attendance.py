"""Who can act on a step. A step is attended when its organisation has an active user whose roles grant the kind's
decide capability; an open item waiting at an unattended step is shown to every level above it as 无人审核, which
may decide it by proxy (`services.decide`) or give the organisation a reviewer."""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When

from tmis.accounts.models import User
from tmis.accounts.roles import CAPABILITIES

from .models import OPEN_STATES, Submission
from .registry import get_kind, kinds


def roles_granting(capability: str) -> list[str]:
    """The roles whose capabilities include `capability`."""
    return sorted(role for role, capabilities in CAPABILITIES.items() if capability in capabilities)


def reviewers_of(*, organisation_id: int, kind: str) -> QuerySet[User]:
    """The active users of an organisation who may decide items of `kind`."""
    roles = roles_granting(get_kind(kind).decide_capability)
    return User.objects.filter(organisation_id=organisation_id, is_active=True, roles__overlap=roles)


def is_attended(*, organisation_id: int, kind: str) -> bool:
    return reviewers_of(organisation_id=organisation_id, kind=kind).exists()


def attended_condition() -> Q:
    """True on a submission row whose current organisation has an active reviewer for its kind (one EXISTS per
    decide capability in use; today one)."""
    by_capability: dict[str, list[str]] = {}
    for kind in kinds():
        by_capability.setdefault(kind.decide_capability, []).append(kind.key)
    condition: Q | None = None
    for capability, keys in by_capability.items():
        reviewer = User.objects.filter(
            organisation_id=OuterRef("current_org_id"), is_active=True, roles__overlap=roles_granting(capability)
        )
        term = Q(kind__in=keys) & Exists(reviewer)
        condition = term if condition is None else condition | term
    return condition if condition is not None else Q(pk__in=[])


def with_attendance(items: QuerySet[Submission]) -> QuerySet[Submission]:
    """Annotates `attended` (a bool) on every row."""
    return items.annotate(
        attended=Case(When(attended_condition(), then=Value(True)), default=Value(False), output_field=BooleanField())
    )


def unattended_below(*, user: Any) -> Q:
    """Open items waiting at an organisation strictly below the user's whose step nobody can decide."""
    organisation = user.organisation
    return (
        Q(state__in=OPEN_STATES, current_org__path__startswith=organisation.path)
        & ~Q(current_org_id=organisation.pk)
        & ~attended_condition()
    )


def is_unattended(submission: Submission) -> bool:
    """For one submission (the serializers read the `attended` annotation where a queryset has it)."""
    if submission.state not in OPEN_STATES or submission.current_org_id is None:
        return False
    attended = getattr(submission, "attended", None)
    if attended is None:
        attended = is_attended(organisation_id=submission.current_org_id, kind=submission.kind)
    return not attended
