"""`/api/v1/headcounts/`: the statistics figures (教育事业统计) of the schools in the caller's scope — a paged list of
a subtree's schools with their figures, one school's figures (read, set, remove), the import of a file and its
template, and the gap report against the archives collected (JSON and XLSX). Reads with `reports.view`, writes with
`headcounts.manage` by a county or a level above."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tmis.core.errors import AppError, field_error
from tmis.core.pagination import CodeCursorPagination
from tmis.core.permissions import HasCapability
from tmis.orgs.models import Organisation
from tmis.orgs.selectors import organisation_parameter

from ..selectors import current_year, gap_report, headcount_list, headcount_of
from ..services import check_may_enter, check_year, headcount_delete, headcount_import, headcount_set, school_for_entry
from ..workbook import XLSX_TYPE, gap_workbook, template_workbook
from .serializers import (
    HeadcountGapSerializer,
    HeadcountImportInputSerializer,
    HeadcountImportResultSerializer,
    HeadcountInputSerializer,
    HeadcountSerializer,
    SchoolHeadcountRowSerializer,
)

ORG = OpenApiParameter("org", str, description="An organisation's code in your scope (default: your own).")
YEAR = OpenApiParameter("year", int, description="The statistics year (default: the current year).")
XLSX_RESPONSE = {(200, XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="The workbook.")}


class HeadcountApi(APIView):
    permission_classes = [HasCapability]
    permission = "reports.view"
    write_permission = "headcounts.manage"


def _year(request: Request) -> int:
    raw = request.query_params.get("year")
    if not raw:
        return current_year()
    if not (raw.isascii() and raw.isdigit() and len(raw) == 4):
        raise field_error("year", "invalid_year", _("Give the year as four digits."))
    return check_year(int(raw))


def _scope(request: Request) -> tuple[Organisation, int]:
    return organisation_parameter(user=request.user, code=request.query_params.get("org")), _year(request)


def _attachment(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


class HeadcountListApi(generics.ListAPIView):
    """The schools of an organisation's subtree with their figures of the year (null where none), by code."""

    permission_classes = [HasCapability]
    permission = "reports.view"
    serializer_class = SchoolHeadcountRowSerializer
    pagination_class = CodeCursorPagination
    filter_backends: list = []

    @extend_schema(
        operation_id="headcounts_list",
        parameters=[
            ORG,
            YEAR,
            OpenApiParameter("missing", bool, description="`true`: only the schools without figures of the year."),
        ],
    )
    def get(self, request: Request, *args: object, **kwargs: object) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):  # noqa: ANN201 - an annotated Organisation queryset
        organisation, year = _scope(self.request)
        missing = self.request.query_params.get("missing") in ("1", "true")
        return headcount_list(organisation=organisation, year=year, missing=missing)


class HeadcountDetailApi(HeadcountApi):
    """One school's figures of one year: `PUT` sets them (created or replaced), `DELETE` removes them."""

    def _school(self, request: Request, school_code: str, year: int) -> Organisation:
        if year > 9999:
            raise field_error("year", "invalid_year", _("Give the year as four digits."))
        return school_for_entry(actor=request.user, code=school_code)

    @extend_schema(operation_id="headcounts_read", responses=HeadcountSerializer)
    def get(self, request: Request, school_code: str, year: int) -> Response:
        figure = headcount_of(school=self._school(request, school_code, year), year=year)
        if figure is None:
            raise AppError(_("No figures were entered for this year."), code="not_found", status_code=404)
        return Response(HeadcountSerializer(figure).data)

    @extend_schema(operation_id="headcounts_set", request=HeadcountInputSerializer, responses=HeadcountSerializer)
    def put(self, request: Request, school_code: str, year: int) -> Response:
        school = self._school(request, school_code, year)
        check_may_enter(request.user)
        payload = HeadcountInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        figure = headcount_set(actor=request.user, school=school, year=year, **payload.validated_data)
        return Response(HeadcountSerializer(headcount_of(school=figure.school, year=year)).data)

    @extend_schema(operation_id="headcounts_delete", responses={204: None})
    def delete(self, request: Request, school_code: str, year: int) -> Response:
        headcount_delete(actor=request.user, school=self._school(request, school_code, year), year=year)
        return Response(status=status.HTTP_204_NO_CONTENT)


class GapApi(HeadcountApi):
    """统计人数 against the archives collected, per child organisation (a county's: per school), with the total."""

    @extend_schema(operation_id="headcounts_gap", parameters=[ORG, YEAR], responses=HeadcountGapSerializer)
    def get(self, request: Request) -> Response:
        organisation, year = _scope(request)
        return Response(HeadcountGapSerializer(gap_report(organisation=organisation, year=year)).data)


class GapXlsxApi(HeadcountApi):
    """The gap report as an XLSX workbook (names, not codes)."""

    @extend_schema(operation_id="headcounts_gap_xlsx", parameters=[ORG, YEAR], responses=XLSX_RESPONSE)
    def get(self, request: Request) -> HttpResponse:
        organisation, year = _scope(request)
        content = gap_workbook(gap_report(organisation=organisation, year=year))
        return _attachment(content, f"{organisation.name}-统计人数对比-{year}.xlsx")


class TemplateApi(HeadcountApi):
    """The import template pre-filled with the schools of the organisation's subtree and their figures of the year."""

    permission = "headcounts.manage"

    @extend_schema(operation_id="headcounts_template", parameters=[ORG, YEAR], responses=XLSX_RESPONSE)
    def get(self, request: Request) -> HttpResponse:
        check_may_enter(request.user)
        organisation, year = _scope(request)
        schools = headcount_list(organisation=organisation, year=year).order_by("code")
        return _attachment(template_workbook(schools=schools, year=year), f"统计人数-{organisation.code}-{year}.xlsx")


class ImportApi(HeadcountApi):
    """Upload a file of figures (≤ 50,000 rows, checked and saved at once): every valid row is saved in one
    transaction, every bad one reported with its row, column and reason; `dry_run` saves nothing."""

    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="headcounts_import",
        request={"multipart/form-data": HeadcountImportInputSerializer},
        responses=HeadcountImportResultSerializer,
    )
    def post(self, request: Request) -> Response:
        payload = HeadcountImportInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        result = headcount_import(
            actor=request.user, upload=payload.validated_data["file"], dry_run=payload.validated_data["dry_run"]
        )
        return Response(HeadcountImportResultSerializer(result).data)
