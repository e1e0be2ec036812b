from __future__ import annotations

from typing import Any

from .models import AccessLog


def access_log_record(
    *,
    actor: Any,
    action: str,
    subject_type: str = "",
    subject_id: object = "",
    address: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AccessLog:
    return AccessLog.objects.create(
        user=actor if getattr(actor, "pk", None) else None,
        username=getattr(actor, "username", "") or "",
        action=action,
        subject_type=subject_type,
        subject_id=str(subject_id),
        address=address,
        detail=detail or {},
    )
