"""Named capabilities (pretix style): a view declares what it needs, roles grant capabilities.

    class OrganisationViewSet(...):
        permission = "orgs.view"            # reads
        write_permission = "orgs.manage"    # unsafe methods
        action_permissions = {"counts": "orgs.view"}  # optional per-action override

The user model answers `has_capability(name)`; core does not know which roles grant what.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request


def required_capability(request: Request, view: Any) -> str | None:
    overrides: dict[str, str] = getattr(view, "action_permissions", {}) or {}
    action = getattr(view, "action", None)
    if action and action in overrides:
        return overrides[action]
    if request.method in SAFE_METHODS:
        return getattr(view, "permission", None)
    return getattr(view, "write_permission", None) or getattr(view, "permission", None)


class HasCapability(BasePermission):
    """Authenticated, and holding the capability the view declares for this request."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        capability = required_capability(request, view)
        return capability is None or user.has_capability(capability)
