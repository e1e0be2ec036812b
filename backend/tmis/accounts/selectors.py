from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from tmis.orgs.models import Level, Organisation
from tmis.orgs.selectors import organisation_ancestors

from .models import ApiToken, User
from .roles import Role


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


def api_tokens_visible_to(*, actor: Any) -> QuerySet[ApiToken]:
    """The caller's own API tokens and, for `tokens.manage`, those of the service accounts in their subtree."""
    visible = Q(user_id=actor.pk)
    if actor.has_capability("tokens.manage"):
        service_accounts = User.objects.visible_to(actor).filter(roles__contains=[Role.SERVICE]).values("pk")
        visible |= Q(user_id__in=service_accounts)
    return ApiToken.objects.filter(visible).select_related("user", "organisation", "created_by", "revoked_by")
