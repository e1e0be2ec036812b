from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from tmis.orgs.models import Level, Organisation
from tmis.orgs.selectors import organisation_ancestors

from .models import User


def user_list_visible_to(*, actor: Any) -> QuerySet[User]:
    return User.objects.visible_to(actor).select_related("organisation")


def user_search(*, queryset: QuerySet[User], text: str) -> QuerySet[User]:
    text = text.strip()
    if not text:
        return queryset
    return queryset.filter(Q(username__startswith=text) | Q(display_name__contains=text))


def user_organisation_path(*, user: User) -> list[Organisation]:
    """The user's organisation and its ancestors for display (甘肃省 / 兰州市 / 城关区): the Ministry root is
    shown only to users who belong to it."""
    chain = organisation_ancestors(organisation=user.organisation)
    if len(chain) > 1 and chain[0].level == Level.CENTRAL:
        chain = chain[1:]
    return chain
