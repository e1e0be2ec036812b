"""Organisation scope — the one rule of visibility (ARCHITECTURE §3).

A user sees the subtree of their own organisation. Every scoped model's queryset inherits
`ScopedQuerySet` and names the column holding the materialised organisation path
(`/000000/620000/620100/620102/…/`); `visible_to(user)` is one indexed `LIKE 'prefix%'` predicate
(a btree index on a column with collation "C", which serves LIKE-prefix and ORDER BY alike). A row that belongs to
two places (a transfer: the sending and the receiving school) names both columns and is seen from either.
Views never filter by organisation by hand: `ScopedViewSetMixin` applies it.
"""

from __future__ import annotations

from typing import Any, Protocol, Self

from django.db import models
from django.db.models import Q


class ScopedUser(Protocol):
    is_authenticated: bool

    @property
    def scope_path(self) -> str | None: ...


class ScopedQuerySet(models.QuerySet):
    #: lookup paths of the materialised organisation path(s) on this model, e.g. ("path",) or ("org_path",); a row
    #: lies in a scope when any of them does
    scope_path_fields: tuple[str, ...] = ("org_path",)

    @classmethod
    def scope_condition(cls, path: str) -> Q:
        """The rows whose path (any of them) lies in the subtree `path`."""
        condition = Q()
        for field in cls.scope_path_fields:
            condition |= Q(**{f"{field}__startswith": path})
        return condition

    def visible_to(self, user: Any) -> Self:
        path = getattr(user, "scope_path", None) if user is not None and user.is_authenticated else None
        if not path:
            return self.none()
        return self.filter(self.scope_condition(path))


class OwnedQuerySet(ScopedQuerySet):
    """Rows that belong to one user as well as to a place in the tree (jobs: imports, exports)."""

    def owned_by(self, user: Any) -> Self:
        return self.visible_to(user).filter(owner_id=getattr(user, "pk", None))


def path_in_scope(path: str, user: Any) -> bool:
    """The same rule for one object already loaded (e.g. a parent chosen in a create request)."""
    scope = getattr(user, "scope_path", None)
    return bool(scope) and path.startswith(scope)


class SystemActor:
    """The system itself acting (data migrations, the demo loader, background jobs): sees the whole tree."""

    is_authenticated = True
    pk = None
    scope_path = "/"
    roles = ("sysadmin",)

    def has_capability(self, capability: str) -> bool:
        return True


SYSTEM = SystemActor()
