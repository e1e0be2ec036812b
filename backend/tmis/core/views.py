"""Views that belong to no app: health and the SPA's index page."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tmis.core.permissions import HasCapability


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


def spa_index(request: HttpRequest) -> HttpResponse:
    """Every non-API path returns the SPA's index.html; the client-side router takes it from there."""
    index = settings.FRONTEND_DIST / "index.html"
    if not index.exists():
        return HttpResponse(
            "The SPA is not built. Run `make run` (or `npm --prefix frontend run build`).",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(index.read_bytes(), content_type="text/html; charset=utf-8")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """`handler404`: an API path that matches no route (an id of the wrong form, a misspelt path) answers in the
    one error format, like every other API error; other paths keep Django's page."""
    if not request.path.startswith("/api/"):
        return defaults.page_not_found(request, exception)
    body = {"status": 404, "code": "not_found", "message": str(NotFound.default_detail)}
    return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})


class ScopedViewSetMixin:
    """Base of every resource viewset: the queryset is restricted to the caller's scope before anything
    else runs, and the view's declared capabilities are enforced (`permission`, `write_permission`)."""

    permission_classes = [HasCapability]
    queryset: QuerySet | None = None

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
