from __future__ import annotations

from django.db.models import QuerySet
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from tmis.core.pagination import IdCursorPagination
from tmis.core.views import ScopedViewSetMixin

from ..models import ExportFormat, ExportJob
from ..services import export_columns, export_groups, export_start, export_take
from .serializers import ExportColumnSerializer, ExportGroupSerializer, ExportJobSerializer, ExportStartSerializer

CONTENT_TYPES = {
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.CSV: "text/csv; charset=utf-8",
}


class NewestFirst(IdCursorPagination):
    ordering = "-id"


class ExportViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Exports of the teacher list: a background job writes the file; it is downloaded once."""

    serializer_class = ExportJobSerializer
    pagination_class = NewestFirst
    permission = "teachers.view"
    write_permission = "teachers.view"
    filter_backends: list = []

    def get_scoped_queryset(self) -> QuerySet[ExportJob]:
        return ExportJob.objects.owned_by(self.request.user)

    @extend_schema(request=ExportStartSerializer, responses={202: ExportJobSerializer})
    def create(self, request: Request) -> Response:
        """Export the teachers the filters select (in your scope). ID numbers are masked unless `full_id`; every
        export is written to the access log. With `groups` (XLSX): the whole archive — the basic sheet, then a sheet
        per group listed with every record of those teachers. Poll `GET /exports/{id}/`, then download once."""
        payload = ExportStartSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        job = export_start(
            actor=request.user,
            filters=data.get("filters") or {},
            fields=data.get("fields"),
            fmt=data["format"],
            full_id=data["full_id"],
            groups=data.get("groups") or [],
        )
        return Response(ExportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(operation_id="exports_columns", responses=ExportColumnSerializer(many=True))
    @action(detail=False, pagination_class=None)
    def columns(self, request: Request) -> Response:
        """The columns an export may have for you (your organisation's catalogue), in the default order."""
        return Response([{"code": code, "name": name} for code, name in export_columns(request.user)])

    @extend_schema(operation_id="exports_groups", responses=ExportGroupSerializer(many=True))
    @action(detail=False, pagination_class=None)
    def groups(self, request: Request) -> Response:
        """The many-valued groups an export may have a sheet for (your organisation's catalogue), in order; the
        owned ones (国内培训, 交流轮岗) are exported but have no import template."""
        return Response(ExportGroupSerializer(export_groups(request.user), many=True).data)

    @extend_schema(
        operation_id="exports_download",
        responses={
            **{
                (200, media.split(";")[0]): OpenApiResponse(OpenApiTypes.BINARY, description="The file, once.")
                for media in CONTENT_TYPES.values()
            },
            409: OpenApiResponse(description="Not finished yet (`not_finished`)."),
            410: OpenApiResponse(description="Downloaded already, or its file is no longer kept."),
        },
    )
    @action(detail=True)
    def download(self, request: Request, pk: str) -> FileResponse:
        """The file; it is removed as it is handed over (410 afterwards)."""
        job = self.get_object()
        handle = export_take(job=job)
        name = f"教师信息导出-{job.pk}.{job.format}"
        return FileResponse(handle, as_attachment=True, filename=name, content_type=CONTENT_TYPES[job.format])
