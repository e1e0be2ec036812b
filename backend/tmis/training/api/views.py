"""`/api/v1/training/rules/{province_code}/` (a province's rules: read by anyone who sees the province, set by its
own administrators — each change a new version), `/api/v1/training/compliance/` (children of an organisation with
compliant / on track / behind) and its school list as XLSX, and `/api/v1/teachers/{id}/training/transcript/` (the
学分银行 record as JSON, XLSX and PDF)."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tmis.audit.services import audit_record
from tmis.core.errors import AppError, field_error
from tmis.core.permissions import HasCapability
from tmis.orgs.models import Level, Organisation
from tmis.orgs.selectors import organisation_parameter, province_in_reach
from tmis.teachers.models import Teacher

from ..documents import PDF_TYPE, XLSX_TYPE, compliance_workbook, transcript_pdf, transcript_workbook
from ..models import TrainingRules
from ..rules import parse_cycle, rules_for, rules_from
from ..selectors import compliance, school_compliance, transcript
from ..services import rules_set
from .report_serializers import ComplianceSerializer, TranscriptSerializer
from .serializers import RulesSerializer, RulesVersionSerializer

ORG = OpenApiParameter("org", str, description="An organisation's code in your scope (default: your own).")
CYCLE = OpenApiParameter("cycle", str, description="The cycle, e.g. 2026-2030 (default: the current one).")


def _attachment(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


class TrainingApi(APIView):
    permission_classes = [HasCapability]
    permission = "training.view"


def _province(request: Request, province_code: str) -> Organisation:
    return province_in_reach(user=request.user, code=province_code)


class RulesApi(TrainingApi):
    """A province's training rules in force (version 0: the national defaults). `PUT` by the province's own
    administrators makes the next version and counts every standing of the province again."""

    write_permission = "training.manage"

    def _body(self, province: Organisation) -> dict:
        return {**rules_for(province.code).as_dict(), "province": province.code, "province_name": province.name}

    @extend_schema(operation_id="training_rules_read", responses=RulesVersionSerializer)
    def get(self, request: Request, province_code: str) -> Response:
        return Response(RulesVersionSerializer(self._body(_province(request, province_code))).data)

    @extend_schema(operation_id="training_rules_set", request=RulesSerializer, responses=RulesVersionSerializer)
    def put(self, request: Request, province_code: str) -> Response:
        province = _province(request, province_code)
        data = RulesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rules_set(actor=request.user, province=province, data=data.validated_data)
        return Response(RulesVersionSerializer(self._body(province)).data)


class RulesHistoryApi(TrainingApi):
    """Every version of a province's rules, newest first."""

    @extend_schema(operation_id="training_rules_history", responses=RulesVersionSerializer(many=True))
    def get(self, request: Request, province_code: str) -> Response:
        province = _province(request, province_code)
        rows = TrainingRules.objects.filter(province=province).order_by("-version")
        body = [
            {**rules_from(row).as_dict(), "province": province.code, "province_name": province.name} for row in rows
        ]
        return Response(RulesVersionSerializer(body, many=True).data)


def _org_cycle(request: Request) -> tuple[Organisation, int, object]:
    organisation = organisation_parameter(user=request.user, code=request.query_params.get("org"))
    rules = rules_for(organisation.province_code or "")
    raw = request.query_params.get("cycle")
    if raw:
        start, _last = parse_cycle(raw, rules)
    else:
        from django.utils import timezone

        start, _last = rules.cycle_of(timezone.localdate().year)
    return organisation, start, rules


class ComplianceApi(TrainingApi):
    """The organisation and each child in one cycle: current teachers, compliant, on track, behind, hours and
    credits — from the school tallies kept current as claims are approved (never a recount per request)."""

    @extend_schema(operation_id="training_compliance", parameters=[ORG, CYCLE], responses=ComplianceSerializer)
    def get(self, request: Request) -> Response:
        organisation, start, rules = _org_cycle(request)
        return Response(
            ComplianceSerializer(compliance(organisation=organisation, cycle_start=start, rules=rules)).data
        )


XLSX_RESPONSE = {(200, XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="The workbook.")}
PDF_RESPONSE = {(200, PDF_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF document.")}


class SchoolComplianceXlsxApi(TrainingApi):
    """A school's teachers in one cycle (hours, required, missing, status) as an XLSX workbook."""

    @extend_schema(operation_id="training_compliance_school_xlsx", parameters=[ORG, CYCLE], responses=XLSX_RESPONSE)
    def get(self, request: Request) -> HttpResponse:
        organisation, start, rules = _org_cycle(request)
        if organisation.level != Level.SCHOOL:
            raise field_error("org", "not_a_school", _("Give a school's code: the list names its teachers."))
        rows = school_compliance(school=organisation, cycle_start=start, rules=rules)
        cycle = f"{start}-{start + rules.cycle_years - 1}"
        content = compliance_workbook(school=organisation.name, cycle=cycle, rows=rows)
        return _attachment(content, f"{organisation.name}-培训学时-{cycle}.xlsx", XLSX_TYPE)


def _teacher(request: Request, teacher_pk: str) -> Teacher:
    teacher = Teacher.objects.visible_to(request.user).select_related("school").filter(pk=int(teacher_pk)).first()
    if teacher is None:
        raise AppError(_("No such teacher in your scope."), code="not_found", status_code=404)
    return teacher


class TranscriptApi(TrainingApi):
    """The teacher's training transcript (学分银行 record): each cycle's standing and every approved claim."""

    @extend_schema(operation_id="training_transcript", responses=TranscriptSerializer)
    def get(self, request: Request, teacher_pk: str) -> Response:
        return Response(TranscriptSerializer(transcript(teacher=_teacher(request, teacher_pk))).data)


class _TranscriptFile(TrainingApi):
    """The transcript as a file (audited: who downloaded whose, in which format)."""

    file_format = ""

    def _file(self, request: Request, teacher_pk: str) -> HttpResponse:
        teacher = _teacher(request, teacher_pk)
        audit_record(
            action="training.transcript_download",
            actor=request.user,
            subject_type="teacher",
            subject_id=teacher.pk,
            detail={"format": self.file_format},
        )
        render, content_type = FILE_FORMATS[self.file_format]
        return _attachment(
            render(transcript(teacher=teacher)), f"{teacher.name}-培训学时.{self.file_format}", content_type
        )


FILE_FORMATS = {"xlsx": (transcript_workbook, XLSX_TYPE), "pdf": (transcript_pdf, PDF_TYPE)}


class TranscriptXlsxApi(_TranscriptFile):
    file_format = "xlsx"

    @extend_schema(operation_id="training_transcript_xlsx", responses=XLSX_RESPONSE)
    def get(self, request: Request, teacher_pk: str) -> HttpResponse:
        return self._file(request, teacher_pk)


class TranscriptPdfApi(_TranscriptFile):
    file_format = "pdf"

    @extend_schema(operation_id="training_transcript_pdf", responses=PDF_RESPONSE)
    def get(self, request: Request, teacher_pk: str) -> HttpResponse:
        return self._file(request, teacher_pk)
