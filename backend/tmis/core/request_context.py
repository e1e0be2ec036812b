"""Who is asking, from where, in which request — one answer for the whole code base.

`RequestContextMiddleware` gives every request an id (a valid incoming `X-Request-ID`, else a new one, echoed in
the response) and resolves the client's address: `REMOTE_ADDR`, or — only when the direct peer is one of
`TMIS_TRUSTED_PROXIES` — the right-most `X-Forwarded-For` entry that is not itself a trusted proxy. Anything a
client writes in `X-Forwarded-For` is ignored unless it came through a configured proxy, so it cannot change its
apparent address (rate limits and lockouts key on this address). The same goes for `X-Forwarded-Proto` (whether the
client used TLS, read by Django through SECURE_PROXY_SSL_HEADER): it is dropped unless a trusted proxy sent it.

Services that have no request at hand (the audit trail, say) read the same values with `current()`.
"""

from __future__ import annotations

import ipaddress
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    address: str | None


_current: ContextVar[RequestContext | None] = ContextVar("tmis_request_context", default=None)


def current() -> RequestContext | None:
    """The context of the request being served (None outside a request: jobs, commands)."""
    return _current.get()


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in spec if item.strip())


def _trusted(address: str) -> bool:
    networks = _networks(tuple(getattr(settings, "TMIS_TRUSTED_PROXIES", ()) or ()))
    if not networks:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def _valid_ip(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The client's address: the direct peer, or what trusted proxies say it was."""
    remote = _valid_ip(request.META.get("REMOTE_ADDR", "") or "")
    if remote is None or not _trusted(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop for hop in (h.strip() for h in forwarded.split(",")) if hop]
    for hop in reversed(hops):  # the right-most entries were added by our own proxies
        ip = _valid_ip(hop)
        if ip is None:
            return remote
        if not _trusted(ip):
            return ip
    return remote


def request_id_of(request: HttpRequest) -> str:
    incoming = request.META.get("HTTP_X_REQUEST_ID", "")
    return incoming if _REQUEST_ID.match(incoming or "") else uuid.uuid4().hex


class RequestContextMiddleware:
    """Sets `request.request_id`, `request.client_address` and the context `current()` returns; echoes the id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "HTTP_X_FORWARDED_PROTO" in request.META and not _trusted(request.META.get("REMOTE_ADDR", "") or ""):
            del request.META["HTTP_X_FORWARDED_PROTO"]
        context = RequestContext(request_id=request_id_of(request), address=client_address(request))
        request.request_id = context.request_id  # type: ignore[attr-defined]
        request.client_address = context.address  # type: ignore[attr-defined]
        # Headers any layer below wants on the answer, whatever it turns out to be (the API token's rate, say).
        request.response_headers = {}  # type: ignore[attr-defined]
        token = _current.set(context)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = context.request_id
        for name, value in request.response_headers.items():  # type: ignore[attr-defined]
            response[name] = value
        return response
