"""Views that belong to no app: health, the SPA's index page, Django's error pages on API paths (the one error
format) and the base of every resource viewset."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views import defaults
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tmis.core.errors import error_response, field_error, suspicious_request_error
from tmis.core.permissions import HasCapability

MAX_BIGINT = 2**63 - 1


class HealthApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        operation_id="health",
        responses=inline_serializer(
            "Health",
            {
                "status": serializers.CharField(help_text="`ok` or `error`"),
                "database": serializers.CharField(help_text="`ok` or `error`"),
            },
        ),
        auth=[],
    )
    def get(self, request: Request) -> Response:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            database = "ok"
        except Exception:
            database = "error"
        ok = database == "ok"
        return Response({"status": "ok" if ok else "error", "database": database}, status=200 if ok else 503)


def _api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400 (a request it refuses to read: a body over DATA_UPLOAD_MAX_MEMORY_SIZE is a 413) in the one error
    format on API paths."""
    if not _api(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, SuspiciousOperation):
        error = suspicious_request_error(exception)
        return error_response(error.status_code, error.code, str(error.detail))
    return error_response(400, "bad_request", _("The request is malformed."))


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """An API path no route matches: the one error format (not Django's HTML page)."""
    if not _api(request):
        return defaults.page_not_found(request, exception)
    return error_response(404, "not_found", _("Not found."))


def server_error(request: HttpRequest) -> HttpResponse:
    if not _api(request):
        return defaults.server_error(request)
    return error_response(500, "server_error", _("A server error occurred."))


def spa_index(request: HttpRequest) -> HttpResponse:
    """Every non-API path returns the SPA's index.html; the client-side router takes it from there."""
    index = settings.FRONTEND_DIST / "index.html"
    if not index.exists():
        return HttpResponse(
            "The SPA is not built. Run `make run` (or `npm --prefix frontend run build`).",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(index.read_bytes(), content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"  # it names the hashed assets of the build in force
    return response


class ScopedViewSetMixin:
    """Base of every resource viewset: the queryset is restricted to the caller's scope before anything
    else runs, and the view's declared capabilities are enforced (`permission`, `write_permission`)."""

    permission_classes = [HasCapability]
    queryset: QuerySet | None = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        # An id in the path that is no integer of the database's range is a 400 naming it, before any query.
        integer_ids = [k for k in self.kwargs if k.endswith("_pk")]  # type: ignore[attr-defined]
        lookup = self.lookup_url_kwarg or self.lookup_field  # type: ignore[attr-defined]
        if self.lookup_field in ("pk", "id") and lookup in self.kwargs:  # type: ignore[attr-defined]
            integer_ids.append(lookup)
        for name in integer_ids:
            value = self.kwargs[name]  # type: ignore[attr-defined]
            if not (value.isascii() and value.isdigit() and int(value) <= MAX_BIGINT):
                raise field_error("id" if name == "pk" else name, "invalid", _("Not a valid id."))

    def get_scoped_queryset(self) -> QuerySet:
        assert self.queryset is not None, "set queryset or override get_scoped_queryset()"
        return self.queryset.visible_to(self.request.user)  # type: ignore[attr-defined]

    def get_queryset(self) -> QuerySet:
        return self.get_scoped_queryset()

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # List filters and ordering narrow lists; a record addressed by its key needs only the scope. Skipping
        # them on detail routes saves building a FilterSet (a deep copy of every filter) on each request.
        if getattr(self, "detail", False):
            return queryset
        return super().filter_queryset(queryset)  # type: ignore[misc]
