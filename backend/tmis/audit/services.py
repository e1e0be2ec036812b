"""The one audit trail (ARCHITECTURE §10). Every security-relevant event goes through `audit_record`: logins and
failures, token revocations, role and permission changes, full-ID views, exports, imports, review decisions and
configuration changes. Address and request id come from the request being served (`tmis.core.request_context`)
unless given."""

from __future__ import annotations

from typing import Any

from tmis.core.request_context import current

from .models import AccessLog


def audit_record(
    *,
    action: str,
    actor: Any = None,
    username: str | None = None,
    subject_type: str = "",
    subject_id: object = "",
    address: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AccessLog:
    """Append one event. `actor` is the user acting (None for anonymous events such as a failed login, where
    `username` names the account tried)."""
    context = current()
    if address is None and context is not None:
        address = context.address
    return AccessLog.objects.create(
        user=actor if getattr(actor, "pk", None) else None,
        username=(username if username is not None else getattr(actor, "username", "")) or "",
        action=action,
        subject_type=subject_type,
        subject_id=str(subject_id),
        address=address,
        request_id=context.request_id if context is not None else "",
        detail=detail or {},
    )


#: The name the first modules used; kept so that their calls read the same.
access_log_record = audit_record
