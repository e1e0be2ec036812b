"""Lockout after failed logins (django-axes, keyed on username + real client address): how long it still lasts, and
the answer when axes itself refuses a request."""

from __future__ import annotations

import math
from typing import Any

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.db.models import Max
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from tmis.core.request_context import client_address


def lockout_seconds(*, username: str, address: str | None) -> int:
    """Seconds until this username may log in again from this address (at least 1)."""
    cool_off = get_cool_off()
    last = AccessAttempt.objects.filter(username=username, ip_address=address).aggregate(at=Max("attempt_time"))["at"]
    if cool_off is None or last is None:
        return 60
    return max(1, math.ceil((last + cool_off - timezone.now()).total_seconds()))


def locked_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return _("Too many failed logins. Try again in %(minutes)d minutes.") % {"minutes": minutes}


def lockout_response(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> JsonResponse:
    """AXES_LOCKOUT_CALLABLE: a lockout axes answers itself is in our error format too, with Retry-After."""
    username = (credentials or {}).get("username") or ""
    seconds = lockout_seconds(username=username, address=client_address(request))
    response = JsonResponse(
        {
            "status": 429,
            "code": "login_locked",
            "message": locked_message(seconds),
            "retry_after": seconds,
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
