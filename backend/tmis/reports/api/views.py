"""`GET /api/v1/reports/summary/` and `/children/`: figures from the summary tables (never a count over the archive),
for an organisation in the caller's scope."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tmis.core.permissions import HasCapability
from tmis.orgs.models import Organisation
from tmis.orgs.selectors import organisation_parameter

from ..dimensions import DIMENSIONS, PAIRS, SCHOOL_TYPES
from ..selectors import Breakdown, breakdown, children_summary, org_summary
from ..workbook import XLSX_TYPE, children_workbook, summary_workbook
from .serializers import ChildrenSummarySerializer, DimensionSerializer, SummarySerializer

PARAMETERS = [
    OpenApiParameter("org", str, description="An organisation's code in your scope (default: your own)."),
    OpenApiParameter(
        "by",
        str,
        description="One dimension, or a kept pair separated by a comma (`gender,age_band`); empty: the headcount "
        f"only. Dimensions: {', '.join(DIMENSIONS)}. Pairs: {'; '.join(','.join(pair) for pair in PAIRS)}.",
    ),
    OpenApiParameter("school_type", str, enum=list(SCHOOL_TYPES), description="Only schools of this kind."),
    OpenApiParameter("staff", str, enum=["all", "fulltime"], description="`fulltime`: 专任教师 only (default all)."),
]


def _request_scope(request: Request) -> tuple[Organisation, Breakdown]:
    """The organisation (`org`, in the caller's scope) and the breakdown the request asks for (each a 400 naming
    its parameter)."""
    params = request.query_params
    chosen = breakdown(
        by=params.get("by", ""), school_type=params.get("school_type", ""), staff=params.get("staff", "all")
    )
    return organisation_parameter(user=request.user, code=params.get("org")), chosen


class ReportApi(APIView):
    """Every report reads with `reports.view`."""

    permission_classes = [HasCapability]
    permission = "reports.view"


class SummaryApi(ReportApi):
    """An organisation's subtree: current teachers, by one dimension or a kept pair."""

    @extend_schema(operation_id="reports_summary", parameters=PARAMETERS, responses=SummarySerializer)
    def get(self, request: Request) -> Response:
        organisation, chosen = _request_scope(request)
        return Response(SummarySerializer(org_summary(organisation=organisation, breakdown=chosen)).data)


class ChildrenApi(ReportApi):
    """The same per child organisation (the drill-down), largest first."""

    @extend_schema(operation_id="reports_children", parameters=PARAMETERS, responses=ChildrenSummarySerializer)
    def get(self, request: Request) -> Response:
        organisation, chosen = _request_scope(request)
        return Response(ChildrenSummarySerializer(children_summary(organisation=organisation, breakdown=chosen)).data)


def _attachment(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


class SummaryXlsxApi(ReportApi):
    """The summary's figures as an XLSX workbook (names, not codes)."""

    @extend_schema(
        operation_id="reports_summary_xlsx",
        parameters=PARAMETERS,
        responses={(200, XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="The figures, XLSX.")},
    )
    def get(self, request: Request) -> HttpResponse:
        organisation, chosen = _request_scope(request)
        content = summary_workbook(org_summary(organisation=organisation, breakdown=chosen))
        return _attachment(content, f"{organisation.name}-{chosen.stored}.xlsx")


class ChildrenXlsxApi(ReportApi):
    """The drill-down's figures as an XLSX workbook: a row per child organisation, a column per value."""

    @extend_schema(
        operation_id="reports_children_xlsx",
        parameters=PARAMETERS,
        responses={(200, XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="The figures, XLSX.")},
    )
    def get(self, request: Request) -> HttpResponse:
        organisation, chosen = _request_scope(request)
        content = children_workbook(children_summary(organisation=organisation, breakdown=chosen))
        return _attachment(content, f"{organisation.name}-{chosen.stored}-children.xlsx")


class DimensionsApi(ReportApi):
    """The dimensions reports count by, with their names and the pairs kept."""

    @extend_schema(operation_id="reports_dimensions", responses=DimensionSerializer(many=True))
    def get(self, request: Request) -> Response:
        rows = [
            {
                "key": key,
                "name": str(dimension.label),
                "pairs_with": [b if a == key else a for a, b in PAIRS if key in (a, b)],
            }
            for key, dimension in DIMENSIONS.items()
        ]
        return Response(DimensionSerializer(rows, many=True).data)
