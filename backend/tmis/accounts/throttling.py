"""The login rate limit: counted per real client address (tmis.core.request_context: X-Forwarded-For believed only
from TMIS_TRUSTED_PROXIES — DRF's own get_ident believed any client's header) in the shared `rate_limit` cache, so
that every worker process counts against one limit."""

from __future__ import annotations

from django.core.cache import caches
from django.utils.connection import ConnectionProxy
from rest_framework.request import Request
from rest_framework.throttling import ScopedRateThrottle

from tmis.core.request_context import client_address


class ClientAddressThrottleMixin:
    def get_ident(self, request: Request) -> str:
        return getattr(request, "client_address", None) or client_address(request) or "unknown"


class LoginRateThrottle(ClientAddressThrottleMixin, ScopedRateThrottle):
    """`throttle_scope = "login"`: TMIS_LOGIN_RATE (30/min) per client address, for every step of a login."""

    cache = ConnectionProxy(caches, "rate_limit")
