"""The auditor's API: the audit trail, filtered, newest first, and its XLSX export (`audit.view` only)."""

from __future__ import annotations

import ipaddress

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import FileResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from tmis.core.filters import FilterSet, IsoDateTimeFilter
from tmis.core.pagination import IdCursorPagination
from tmis.core.views import ScopedViewSetMixin

from ..actions import ACTIONS, action_label
from ..export import XLSX_TYPE, audit_export
from ..models import AccessLog
from ..selectors import audit_events_visible_to
from .serializers import AuditActionSerializer, AuditEventSerializer


def _valid_address(value: str) -> None:
    try:
        ipaddress.ip_address(value)
    except ValueError as error:
        raise forms.ValidationError("Enter a valid IPv4 or IPv6 address.", code="invalid") from error


class AuditEventFilter(FilterSet):
    at_after = IsoDateTimeFilter(field_name="at", lookup_expr="gte", help_text="From this time on.")
    at_before = IsoDateTimeFilter(field_name="at", lookup_expr="lt", help_text="Before this time.")
    user = django_filters.CharFilter(field_name="username", help_text="The account's username (exact).")
    action = django_filters.CharFilter(help_text="The action's code (see /audit/actions/).")
    subject_type = django_filters.CharFilter(help_text="The subject's kind, e.g. teacher, import, organisation.")
    subject_id = django_filters.CharFilter(help_text="The subject's id.")
    address = django_filters.CharFilter(validators=[_valid_address], help_text="The client's address (exact).")
    request_id = django_filters.CharFilter(help_text="The request's id (exact).")

    class Meta:
        model = AccessLog
        fields = ["at_after", "at_before", "user", "action", "subject_type", "subject_id", "address", "request_id"]


class AuditEventPagination(IdCursorPagination):
    ordering = "-id"  # newest first (ids grow with time)


class AuditEventViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The audit trail, newest first: logins, role changes, full-ID views, exports, imports, review decisions,
    configuration changes. Read-only — no operation changes or removes an event (the database refuses it too)."""

    serializer_class = AuditEventSerializer
    filterset_class = AuditEventFilter
    pagination_class = AuditEventPagination
    permission = "audit.view"
    queryset = AccessLog.objects.none()  # for the OpenAPI document; requests read get_scoped_queryset

    def get_scoped_queryset(self) -> QuerySet[AccessLog]:
        return audit_events_visible_to(user=self.request.user)

    @extend_schema(operation_id="audit_actions", responses=AuditActionSerializer(many=True), filters=False)
    @action(detail=False, methods=["get"], pagination_class=None, filterset_class=None)
    def actions(self, request: Request) -> Response:
        """Every known action with its name, for the action filter."""
        rows = [{"code": code, "label": action_label(code)} for code in ACTIONS]
        return Response(AuditActionSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="audit_events_export",
        filters=True,
        responses={(200, XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="The filtered events, XLSX.")},
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def export(self, request: Request) -> FileResponse:
        """The filtered list as an XLSX workbook (at most TMIS_AUDIT_EXPORT_MAX_ROWS rows; narrow the filters
        otherwise). The export is itself an audit event."""
        events = self.filter_queryset(self.get_queryset())
        filters = {key: value for key, value in request.query_params.items() if key in AuditEventFilter.base_filters}
        handle, _rows = audit_export(actor=request.user, events=events, filters=filters)
        name = f"audit-{timezone.localtime():%Y%m%d-%H%M%S}.xlsx"
        return FileResponse(handle, as_attachment=True, filename=name, content_type=XLSX_TYPE)
