"""`/api/v1/reports/monthly/` (月报表 snapshots: list, take on demand, read a period, its XLSX form) and
`/api/v1/reports/ranking/` (通报)."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tmis.core.permissions import HasCapability
from tmis.orgs.selectors import organisation_parameter

from ..monthly import snapshot_on_demand
from ..monthly_selectors import latest_of, monthly_report, ranking, snapshots
from ..workbook import XLSX_TYPE, monthly_workbook
from .monthly_serializers import MonthlyReportSerializer, RankingSerializer, SnapshotSerializer

ORG = OpenApiParameter("org", str, description="An organisation's code in your scope (default: your own).")
PERIOD = OpenApiParameter("period", str, OpenApiParameter.PATH, description="YYYY-MM.")


class MonthlyListApi(APIView):
    """The snapshots, newest first; POST takes the current month's now (central or province administrators)."""

    permission_classes = [HasCapability]
    permission = "reports.view"
    write_permission = "reports.snapshot"

    @extend_schema(operation_id="reports_monthly_list", responses=SnapshotSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(SnapshotSerializer(snapshots()[:120], many=True).data)

    @extend_schema(operation_id="reports_monthly_take", request=None, responses={201: SnapshotSerializer})
    def post(self, request: Request) -> Response:
        snapshot = snapshot_on_demand(actor=request.user)
        return Response(SnapshotSerializer(snapshot).data, status=status.HTTP_201_CREATED)


class MonthlyReportApi(APIView):
    """A period's report (its latest snapshot) for an organisation: its figures and each child's, per school kind."""

    permission_classes = [HasCapability]
    permission = "reports.view"

    @extend_schema(operation_id="reports_monthly_read", parameters=[PERIOD, ORG], responses=MonthlyReportSerializer)
    def get(self, request: Request, period: str) -> Response:
        organisation = organisation_parameter(user=request.user, code=request.query_params.get("org"))
        report = monthly_report(snapshot=latest_of(period), organisation=organisation)
        return Response(MonthlyReportSerializer(report).data)


class MonthlyXlsxApi(APIView):
    """The same as the XLSX form provinces send (附件3)."""

    permission_classes = [HasCapability]
    permission = "reports.view"

    @extend_schema(
        operation_id="reports_monthly_xlsx",
        parameters=[PERIOD, ORG],
        responses={(200, XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="The report, XLSX.")},
    )
    def get(self, request: Request, period: str) -> HttpResponse:
        organisation = organisation_parameter(user=request.user, code=request.query_params.get("org"))
        report = monthly_report(snapshot=latest_of(period), organisation=organisation)
        response = HttpResponse(monthly_workbook(report), content_type=XLSX_TYPE)
        name = quote(f"月报表-{organisation.name}-{period}.xlsx")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
        return response


class RankingApi(APIView):
    """通报: the children ranked by approval rate, with the change since the previous period."""

    permission_classes = [HasCapability]
    permission = "reports.view"

    @extend_schema(
        operation_id="reports_ranking",
        parameters=[ORG, OpenApiParameter("period", str, required=True, description="YYYY-MM.")],
        responses=RankingSerializer,
    )
    def get(self, request: Request) -> Response:
        organisation = organisation_parameter(user=request.user, code=request.query_params.get("org"))
        snapshot = latest_of(request.query_params.get("period", ""))
        return Response(RankingSerializer(ranking(snapshot=snapshot, organisation=organisation)).data)
