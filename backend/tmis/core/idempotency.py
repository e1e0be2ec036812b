"""`Idempotency-Key` on API POSTs (issue 20): an integration that retries a POST whose answer it never saw (a timeout,
a dropped connection) sends the same key again and gets the first answer back instead of a second export, import or
change request.

- The key belongs to the user who sent it and lives KEEP_HOURS; it is remembered with a fingerprint of the request
  (method, path, query and body; an upload's multipart body is not read here). The same key with another request:
  422 `idempotency_key_reused`.
- While the first request runs, the key is taken: 409 `idempotency_in_progress` with Retry-After. A first request
  that died (its worker killed) frees its key after ABANDONED_SECONDS.
- Answers are kept when they are 2xx–4xx and at most MAX_BODY bytes; a 5xx, a streamed answer, and a request that
  never ran (401 not logged in, 429 throttled) free the key, so a retry runs again. A replayed answer carries
  `Idempotent-Replayed: true`.
- Only authenticated POSTs under /api/ with the header take part; without it, nothing changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.settings import api_settings

from .errors import error_response
from .models import IdempotentRequest

HEADER = "Idempotency-Key"
KEEP_HOURS = 24
ABANDONED_SECONDS = 300
MAX_BODY = 1_000_000
MAX_KEY = 255
NOT_RUN = frozenset({401, 429})  # answers of a request that did not run: never replayed


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get(HEADER)
        if request.method != "POST" or key is None or not request.path_info.startswith("/api/"):
            return self.get_response(request)
        if not key or len(key) > MAX_KEY or not key.isascii() or not key.isprintable():
            message = _("Idempotency-Key must be 1 to %(max)d printable ASCII characters.") % {"max": MAX_KEY}
            return error_response(400, "invalid_idempotency_key", message)
        user_id = _user_id(request)
        if user_id is None:
            return self.get_response(request)  # the view answers 401
        fingerprint = _fingerprint(request)
        record, answer = _claim(user_id, key, fingerprint)
        if answer is not None:
            return answer
        try:
            response = self.get_response(request)
        except BaseException:
            IdempotentRequest.objects.filter(pk=record.pk).delete()
            raise
        _keep(record, response)
        return response


def _user_id(request: HttpRequest) -> int | None:
    """The caller by the API's own authenticators (the view authenticates again: one more user query, paid only by
    requests that carry a key)."""
    drf_request = Request(request, authenticators=[auth() for auth in api_settings.DEFAULT_AUTHENTICATION_CLASSES])
    try:
        user = drf_request.user
    except APIException:
        return None
    return user.pk if user is not None and user.is_authenticated else None


def _fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256()
    for part in (request.method or "", request.path_info, request.META.get("QUERY_STRING", "")):
        digest.update(part.encode() + b"\0")
    if request.content_type != "multipart/form-data":  # an upload (up to 50 MB) is matched by its path alone
        digest.update(request.body)
    return digest.hexdigest()


def _claim(user_id: int, key: str, fingerprint: str) -> tuple[IdempotentRequest, HttpResponse | None]:
    """The key's record, taken for this request (answer None), or the answer to give instead."""
    now = timezone.now()
    _forget_old(now)
    try:
        with transaction.atomic():
            return IdempotentRequest.objects.create(user_id=user_id, key=key, fingerprint=fingerprint), None
    except IntegrityError:
        pass
    record = IdempotentRequest.objects.get(user_id=user_id, key=key)
    if record.fingerprint != fingerprint:
        message = _("This Idempotency-Key was used for another request; use a new key for a new request.")
        return record, error_response(422, "idempotency_key_reused", message)
    if record.status is None:
        if now - record.created_at < timedelta(seconds=ABANDONED_SECONDS):
            answer = error_response(
                409, "idempotency_in_progress", _("The first request with this Idempotency-Key is still running.")
            )
            answer["Retry-After"] = "1"
            return record, answer
        IdempotentRequest.objects.filter(pk=record.pk, status__isnull=True).update(created_at=now)  # abandoned
        return record, None
    return record, _replay(record)


def _replay(record: IdempotentRequest) -> HttpResponse:
    answer = HttpResponse(bytes(record.body), status=record.status, content_type=record.content_type or None)
    if record.location:
        answer["Location"] = record.location
    answer["Idempotent-Replayed"] = "true"
    return answer


def _keep(record: IdempotentRequest, response: HttpResponse | Any) -> None:
    keepable = (
        not getattr(response, "streaming", False)
        and response.status_code < 500
        and response.status_code not in NOT_RUN
        and len(getattr(response, "content", b"")) <= MAX_BODY
    )
    if not keepable:
        IdempotentRequest.objects.filter(pk=record.pk).delete()
        return
    IdempotentRequest.objects.filter(pk=record.pk).update(
        status=response.status_code,
        content_type=response.get("Content-Type", "")[:100],
        location=response.get("Location", "")[:500],
        body=response.content,
    )


def _forget_old(now: Any) -> None:
    """Keys older than KEEP_HOURS, a hundred at a time (each claim sweeps a little: no job needed)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {IdempotentRequest._meta.db_table} WHERE id IN "
            f"(SELECT id FROM {IdempotentRequest._meta.db_table} WHERE created_at < %s LIMIT 100)",
            [now - timedelta(hours=KEEP_HOURS)],
        )
