"""`GET /api/v1/teachers/{teacher_pk}/archive.xlsx`: one teacher's whole archive as a workbook."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.views import APIView

from tmis.core.errors import AppError, field_error
from tmis.core.permissions import HasCapability
from tmis.teachers.models import Teacher

from ..archive import archive_file_name, teacher_archive_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_BIGINT = 2**63 - 1


class TeacherArchiveXlsxApi(APIView):
    """One teacher's whole archive as a workbook: the basic sheet, then a sheet per many-valued group with every
    record — the whole-archive export's format (it imports again). Written to the access log."""

    permission_classes = [HasCapability]
    permission = "teachers.view"

    @extend_schema(
        operation_id="teachers_archive_xlsx",
        parameters=[
            OpenApiParameter(
                "full_id", bool, description="Unmasked ID numbers (needs `teachers.view_id`; 403 otherwise)."
            )
        ],
        responses={
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="The archive workbook."),
            403: OpenApiResponse(description="`full_id` without `teachers.view_id`."),
            404: OpenApiResponse(description="No such teacher in your scope."),
        },
    )
    def get(self, request: Request, teacher_pk: str) -> HttpResponse:
        if int(teacher_pk) > MAX_BIGINT:
            raise field_error("teacher_pk", "invalid", _("Not a valid id."))
        flag = request.query_params.get("full_id", "false").lower()
        if flag not in ("true", "false", "1", "0"):
            raise field_error("full_id", "invalid", _("Use true or false."))
        teacher = Teacher.objects.visible_to(request.user).select_related("school").filter(pk=int(teacher_pk)).first()
        if teacher is None:
            raise AppError(_("No such teacher in your scope."), code="not_found", status_code=404)
        content = teacher_archive_workbook(actor=request.user, teacher=teacher, full_id=flag in ("true", "1"))
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(archive_file_name(teacher))}"
        response["Cache-Control"] = "no-store"
        return response
