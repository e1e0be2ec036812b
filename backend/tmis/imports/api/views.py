from __future__ import annotations

import io

from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from tmis.catalog.selectors import effective_for_organisation
from tmis.core.errors import AppError, field_error
from tmis.core.pagination import IdCursorPagination
from tmis.core.views import ScopedViewSetMixin

from ..models import ImportJob, ImportState, Severity
from ..report import build_report
from ..selectors import import_fields, import_jobs_of, import_problem_groups, import_problems
from ..services import import_rerun, import_start, import_target
from ..template import code_names
from ..template_sheets import BASIC, TEMPLATE_CHOICES, template_choice_check, template_file_name, template_sheets
from ..template_workbook import write_template
from .serializers import (
    ImportFieldSerializer,
    ImportJobSerializer,
    ImportProblemGroupSerializer,
    ImportProblemSerializer,
    ImportRerunSerializer,
    ImportStartSerializer,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class NewestFirst(IdCursorPagination):
    ordering = "-id"


class ProblemPagination(IdCursorPagination):
    ordering = ("row", "id")
    page_size = 100


class ImportViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Excel/CSV imports of teacher archives: a background job per upload, its progress, problems and report."""

    serializer_class = ImportJobSerializer
    pagination_class = NewestFirst
    permission = "teachers.change"
    filter_backends: list = []
    parser_classes = [MultiPartParser]

    def get_scoped_queryset(self) -> QuerySet[ImportJob]:
        return import_jobs_of(user=self.request.user)

    @extend_schema(
        request={"multipart/form-data": ImportStartSerializer},
        responses={202: ImportJobSerializer},
    )
    def create(self, request: Request) -> Response:
        """Upload a file (≤ 50 MB, ≤ 200,000 rows) and start its import. Answers 202 with the job; poll
        `GET /imports/{id}/` for progress. Rows with valid key information become drafts; `dry_run` writes nothing."""
        payload = ImportStartSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        job = import_start(
            actor=request.user,
            upload=data["file"],
            org_code=data.get("org") or None,
            dry_run=data["dry_run"],
            strict=data["strict"],
            mode=data["mode"],
            mapping=data.get("mapping") or None,
            group_mode=data["group_mode"],
        )
        return Response(ImportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        operation_id="imports_errors",
        parameters=[OpenApiParameter("severity", str, enum=["error", "warning"], description="Only these.")],
        responses=ImportProblemSerializer(many=True),
    )
    @action(detail=True, pagination_class=ProblemPagination)
    def errors(self, request: Request, pk: str) -> Response:
        """Every problem found: row, column, value, code, message; errors stopped the row, warnings did not."""
        severity = request.query_params.get("severity") or None
        if severity not in (None, Severity.ERROR, Severity.WARNING):
            raise field_error("severity", "invalid_choice", _("Use error or warning."))
        problems = import_problems(job=self.get_object(), severity=severity)
        page = self.paginate_queryset(problems)
        return self.get_paginated_response(ImportProblemSerializer(page, many=True).data)

    @extend_schema(
        operation_id="imports_rerun",
        request=ImportRerunSerializer,
        responses={202: ImportJobSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser])
    def rerun(self, request: Request, pk: str) -> Response:
        """The mapping step: import the same file again as a new job, with its columns mapped to indicators as
        chosen (a dry run unless `dry_run` is false). The mapping is remembered for the next upload with the same
        headers."""
        job = self.get_object()
        payload = ImportRerunSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        again = import_rerun(
            actor=request.user,
            job=job,
            mapping=data["mapping"],
            dry_run=data["dry_run"],
            strict=data["strict"],
            mode=data["mode"],
        )
        return Response(ImportJobSerializer(again).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        operation_id="imports_fields",
        parameters=[OpenApiParameter("org", str, description="Organisation code (default: your own).")],
        responses=ImportFieldSerializer(many=True),
    )
    @action(detail=False, pagination_class=None)
    def fields(self, request: Request) -> Response:
        """The columns an import of the organisation reads (what the mapping step offers): 学校代码, then the
        template's indicators in order, names in the reader's language."""
        organisation = import_target(actor=request.user, code=request.query_params.get("org"))
        return Response(ImportFieldSerializer(import_fields(organisation=organisation), many=True).data)

    @extend_schema(operation_id="imports_error_groups", responses=ImportProblemGroupSerializer(many=True))
    @action(detail=True, url_path="errors/groups", pagination_class=None)
    def error_groups(self, request: Request, pk: str) -> Response:
        """The problems grouped by column and code, most frequent first: "出生日期: invalid_date × 287 (rows 3–9,120)"
        — what to fix in the file, without reading every row's problem."""
        groups = import_problem_groups(job=self.get_object())
        return Response(ImportProblemGroupSerializer(groups, many=True).data)

    @extend_schema(
        operation_id="imports_report",
        responses={
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="The report workbook."),
            409: OpenApiResponse(description="The import has not finished yet (`not_finished`)."),
        },
    )
    @action(detail=True, url_path="report.xlsx")
    def report(self, request: Request, pk: str) -> FileResponse:
        """The uploaded rows with a result column and the bad cells marked (once the import has finished)."""
        job = self.get_object()
        if job.state != ImportState.DONE:
            raise AppError(
                _("The report is ready when the import has finished."),
                code="not_finished",
                status_code=status.HTTP_409_CONFLICT,
            )
        path = build_report(job)
        name = f"导入结果-{job.pk}.xlsx"
        return FileResponse(path.open("rb"), as_attachment=True, filename=name, content_type=XLSX)

    @extend_schema(
        operation_id="imports_template",
        parameters=[
            OpenApiParameter("org", str, description="Organisation code (default: your own)."),
            OpenApiParameter(
                "group",
                str,
                enum=list(TEMPLATE_CHOICES),
                description="Which sheets: `basic` (default) — 教师基本信息 (基本信息 + 联系方式), one teacher per "
                "row; a many-valued group's code (`study`, `work` …) — that group's sheet, one record per row keyed by "
                "身份证件号 or 全国教师编号; `all` — the basic sheet and one sheet per importable group. 400 (field "
                "`group`): `unsupported_group` (no such group), `group_owned` (国内培训 and 交流轮岗 are written by "
                "their module), `group_not_in_catalogue` (the organisation's catalogue lacks the group).",
            ),
        ],
        responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="The template workbook.")},
    )
    @action(detail=False)
    def template(self, request: Request) -> HttpResponse:
        """The XLSX template of an organisation's effective catalogue: one data sheet per group asked for, Chinese
        headers (required ones marked *), the indicator codes in a hidden row, drop-down lists for coded fields, an
        instructions sheet."""
        group = request.query_params.get("group") or BASIC
        template_choice_check(group)  # before any look-up
        organisation = import_target(actor=request.user, code=request.query_params.get("org"))
        catalogue, tables = effective_for_organisation(organisation=organisation)
        school_code = organisation.code if organisation.level == "school" else None
        sheets = template_sheets(catalogue, group=group, school_code=school_code)
        buffer = io.BytesIO()
        write_template(
            buffer,
            catalogue=catalogue,
            names=code_names(catalogue, tables),
            organisation_name=organisation.name,
            school_code=school_code,
            sheets=sheets,
        )
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
        name = template_file_name(organisation.code, group)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
        return response
