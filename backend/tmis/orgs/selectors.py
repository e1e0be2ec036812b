"""Reads of the organisation tree. Every query starts from `visible_to(user)`."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from tmis.core.errors import AppError, field_error

from . import codes
from .models import LEVEL_ORDER, Level, Organisation


def organisation_list_visible_to(*, user: Any) -> QuerySet[Organisation]:
    """Organisations in the user's subtree, annotated with `has_children` (one EXISTS, no N+1)."""
    children = Organisation.objects.filter(parent_id=OuterRef("pk"))
    return Organisation.objects.visible_to(user).select_related("parent").annotate(has_children=Exists(children))


def province_in_reach(*, user: Any, code: str) -> Organisation:
    """The province named, if the user sees it or lies under it (its rules are read from below): 404 otherwise."""
    province = Organisation.objects.filter(code=code, level=Level.PROVINCE).first()
    scope = getattr(user, "scope_path", None) or "\x00"
    if province is None or not (province.path.startswith(scope) or scope.startswith(province.path)):
        raise AppError(_("No such province in your scope."), code="not_found", status_code=404)
    return province


def organisation_in_scope(*, user: Any, code: str, level: str | None = None) -> Organisation | None:
    """The organisation with this code if the user may see it (and it has the level asked for), else None.
    Callers turn None into their own error: a 404, or a field error naming the input."""
    organisations = Organisation.objects.visible_to(user).filter(code=code)
    if level is not None:
        organisations = organisations.filter(level=level)
    return organisations.first()


def organisation_parameter(*, user: Any, code: str | None, parameter: str = "org") -> Organisation:
    """The organisation a request's parameter names (the user's own when it is empty). A code outside the user's
    scope — existing elsewhere or not at all, alike — is a 400 naming the parameter."""
    if not code:
        return getattr(user, "scope_organisation", user.organisation)
    organisation = organisation_in_scope(user=user, code=code)
    if organisation is None:
        raise field_error(parameter, "not_found", _("No organisation with this code in your scope."))
    return organisation


def organisation_search(*, queryset: QuerySet[Organisation], text: str) -> QuerySet[Organisation]:
    """Digits: code prefix (index range). Otherwise: name substring inside the already-scoped queryset."""
    text = text.strip()
    if not text:
        return queryset
    if text.isdigit():
        return queryset.filter(code__startswith=text)
    return queryset.filter(name__contains=text)


def organisation_subtree_counts(*, organisation: Organisation) -> dict[str, int]:
    """How many organisations of each level lie under `organisation` (itself excluded): one GROUP BY."""
    rows = (
        Organisation.objects.filter(path__startswith=organisation.path)
        .exclude(pk=organisation.pk)
        .values("level")
        .annotate(n=Count("id"))
    )
    counts = {level.value: 0 for level in LEVEL_ORDER if level != Level.CENTRAL}
    for row in rows:
        if row["level"] in counts:
            counts[row["level"]] = row["n"]
    return counts


def organisation_ancestors(*, organisation: Organisation) -> list[Organisation]:
    """The chain from the root down to `organisation` (inclusive), from its path: one query."""
    codes = [code for code in organisation.path.strip("/").split("/") if code]
    by_code = {org.code: org for org in Organisation.objects.filter(code__in=codes)}
    return [by_code[code] for code in codes if code in by_code]


def school_code_lists() -> dict[str, list[dict[str, str]]]:
    """The four attribute lists of a school as [{code, name}], in code order."""
    lists = {
        "school_type": codes.school_types(),
        "sponsor": codes.sponsors(),
        "urban_rural": codes.urban_rural_types(),
        "affiliation": codes.affiliations(),
    }
    return {key: [{"code": c, "name": n} for c, n in sorted(items.items())] for key, items in lists.items()}
