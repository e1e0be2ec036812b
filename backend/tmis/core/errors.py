"""One error format for every error the API returns.

    {"status": 404, "code": "not_found", "message": "未找到。", "errors": {"f": [{"code": "…", "message": "…"}]}}

Services raise `AppError` (or a subclass) for business-rule failures; DRF and Django exceptions are mapped
here, so views never build error responses by hand.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class AppError(exceptions.APIException):
    """A business-rule failure with a machine code, a translated message and optional field errors."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"
    default_detail = gettext_lazy("The request is invalid.")

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        status_code: int | None = None,
        errors: dict[str, list[dict[str, str]]] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail=message or self.default_detail, code=code or self.default_code)
        if status_code is not None:
            self.status_code = status_code
        self.code = code or self.default_code
        self.errors = errors
        self.extra = extra or {}


def field_error(field: str, code: str, message: str) -> AppError:
    """A 400 naming one field, e.g. field_error("code", "code_prefix", "…")."""
    return AppError(
        _("The submitted data is invalid."),
        code="invalid",
        errors={field: [{"code": code, "message": message}]},
    )


def _flatten_validation(detail: Any) -> dict[str, list[dict[str, str]]]:
    """Turn DRF's nested ValidationError detail into {field: [{code, message}]}; nested keys join with '.'."""
    out: dict[str, list[dict[str, str]]] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, sub in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), sub)
        elif isinstance(value, list):
            if all(isinstance(v, exceptions.ErrorDetail) for v in value):
                for item in value:
                    out.setdefault(prefix or "non_field_errors", []).append(
                        {"code": item.code or "invalid", "message": str(item)}
                    )
            else:
                for index, sub in enumerate(value):
                    walk(f"{prefix}.{index}" if prefix else str(index), sub)
        else:
            code = getattr(value, "code", None) or "invalid"
            out.setdefault(prefix or "non_field_errors", []).append({"code": code, "message": str(value)})

    walk("", detail)
    return out


def error_response(
    status_code: int, code: str, message: str, errors: dict[str, list[dict[str, str]]] | None = None
) -> JsonResponse:
    """The one format for errors answered outside DRF (middleware, Django's handlers for unmatched URLs)."""
    body: dict[str, Any] = {"status": status_code, "code": code, "message": message}
    if errors is not None:
        body["errors"] = errors
    return JsonResponse(body, status=status_code)


def suspicious_request_error(exc: SuspiciousOperation) -> AppError:
    """What a request Django refuses to read is: a body over DATA_UPLOAD_MAX_MEMORY_SIZE a 413, else a 400."""
    if isinstance(exc, RequestDataTooBig):
        return AppError(
            _("The request body is too large."), code="too_large", status_code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
        )
    return AppError(_("The request is malformed."), code="bad_request")


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, SuspiciousOperation):  # logged as Django logs the ones it answers itself
        logging.getLogger(f"django.security.{type(exc).__name__}").error(str(exc))
        exc = suspicious_request_error(exc)

    response = drf_exception_handler(exc, context)
    if response is None:
        return None

    body: dict[str, Any] = {"status": response.status_code}
    if isinstance(exc, AppError):
        body.update(code=exc.code, message=str(exc.detail))
        if exc.errors is not None:
            body["errors"] = exc.errors
        body.update(exc.extra)
    elif isinstance(exc, exceptions.ValidationError):
        body.update(code="invalid", message=_("The submitted data is invalid."))
        body["errors"] = _flatten_validation(exc.detail)
    else:
        detail = getattr(exc, "detail", "")
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        if isinstance(detail, dict):  # e.g. simplejwt's {"detail": ..., "code": ...}
            body.update(code=str(detail.get("code", codes)), message=str(detail.get("detail", "")))
        else:
            body.update(code=codes if isinstance(codes, str) else "error", message=str(detail))
    if response.status_code == status.HTTP_429_TOO_MANY_REQUESTS:
        _retry_after(response, body, exc)
    response.data = body
    return response


def _retry_after(response: Response, body: dict[str, Any], exc: Exception) -> None:
    """Every 429 says when to try again: the `Retry-After` header and `retry_after` in the body (whole seconds, at
    least 1) — from a throttle's wait, an AppError's `retry_after`, else a minute."""
    wait = body.get("retry_after")
    if wait is None:
        wait = getattr(exc, "wait", None)
    seconds = max(1, math.ceil(float(wait))) if wait is not None else 60
    body["retry_after"] = seconds
    response["Retry-After"] = str(seconds)
