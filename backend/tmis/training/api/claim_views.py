"""`/api/v1/training/claims/`: claims (学时申报) of the teachers in the caller's scope. A filler (`training.claim`)
files one (`POST`) or many (`bulk/`) — each submitted to review at once (kind `training_claim`, decided through
`/api/v1/reviews/`); `PATCH` changes a returned claim and submits it again; `evidence/` attaches and reads the
evidence; `correct/` is an administrator's correction of an approved claim, with its reason."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import FileResponse
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from tmis.core.errors import AppError, field_error
from tmis.core.etag import ETagMixin
from tmis.core.filters import FilterSet
from tmis.core.pagination import IdCursorPagination
from tmis.core.views import MAX_BIGINT, ScopedViewSetMixin
from tmis.teachers.models import Teacher

from ..models import Claim, ClaimKind, ClaimState
from ..selectors import claims_visible_to
from ..services import (
    EVIDENCE_TYPES,
    claim_attach,
    claim_correct,
    claim_file,
    claim_file_many,
    claim_resubmit,
    evidence_file,
)
from .serializers import (
    ClaimBulkResultSerializer,
    ClaimBulkSerializer,
    ClaimCorrectSerializer,
    ClaimCreateSerializer,
    ClaimDetailSerializer,
    ClaimResubmitSerializer,
    ClaimSerializer,
    EvidenceSerializer,
)


class NewestFirst(IdCursorPagination):
    ordering = "-id"


class ClaimFilter(FilterSet):
    state = filters.MultipleChoiceFilter(choices=ClaimState.choices, help_text="One or more states.")
    kind = filters.ChoiceFilter(choices=ClaimKind.choices)
    teacher = filters.NumberFilter(
        field_name="teacher_id", min_value=1, max_value=MAX_BIGINT, help_text="One teacher's claims (archive id)."
    )
    programme = filters.NumberFilter(field_name="programme_id", min_value=1, max_value=MAX_BIGINT)
    org = filters.CharFilter(method="under", help_text="Claims of the teachers under this organisation (its code).")
    year = filters.NumberFilter(field_name="date__year", min_value=1990, max_value=2100)

    class Meta:
        model = Claim
        fields = ["state", "kind", "teacher", "programme", "org", "year"]

    def under(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        from tmis.orgs.selectors import organisation_parameter

        org = organisation_parameter(user=self.request.user, code=value)
        return queryset.filter(teacher__org_path__startswith=org.path)


def _teacher(request: Request, teacher_id: int, field: str = "teacher") -> Teacher:
    teacher = Teacher.objects.visible_to(request.user).select_related("school").filter(pk=teacher_id).first()
    if teacher is None:
        raise field_error(field, "not_found", _("No teacher with this id in your scope."))
    return teacher


class ClaimViewSet(
    ETagMixin, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Training claims, newest first; `?state=submitted&state=in_review` for the open ones."""

    serializer_class = ClaimSerializer
    pagination_class = NewestFirst
    filterset_class = ClaimFilter
    permission = "training.view"
    write_permission = "training.claim"
    etag_optional_methods = frozenset({"POST"})
    action_permissions = {"correct": "training.manage"}

    def get_scoped_queryset(self) -> QuerySet[Claim]:
        if getattr(self, "swagger_fake_view", False):
            return Claim.objects.none()
        claims = claims_visible_to(self.request.user)
        if self.detail:
            claims = claims.prefetch_related("corrections__actor")
        return claims

    def get_serializer_class(self) -> type:
        return ClaimDetailSerializer if self.detail else ClaimSerializer

    def _answer(self, claim: Claim, code: int = status.HTTP_200_OK) -> Response:
        fresh = claims_visible_to(self.request.user).prefetch_related("corrections__actor").get(pk=claim.pk)
        return Response(ClaimDetailSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=ClaimCreateSerializer, responses={201: ClaimDetailSerializer})
    def create(self, request: Request) -> Response:
        """File a claim for one teacher; it goes to review at once (school, then county, by default)."""
        data = ClaimCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        teacher = _teacher(request, values.pop("teacher"))
        return self._answer(claim_file(actor=request.user, teacher=teacher, data=values), status.HTTP_201_CREATED)

    @extend_schema(request=ClaimBulkSerializer, responses=ClaimBulkResultSerializer(many=True))
    @action(detail=False, methods=["post"], filter_backends=[], pagination_class=None)
    def bulk(self, request: Request) -> Response:
        """One claim per teacher (≤ 500, e.g. the participants of a programme): one result per entry, in order; a
        refused entry (another scope's teacher, a duplicate) never stops the others."""
        data = ClaimBulkSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        entries = values.pop("teachers")
        ids = [entry["teacher"] for entry in entries]
        found = {t.pk: t for t in Teacher.objects.visible_to(request.user).select_related("school").filter(pk__in=ids)}
        results, pairs = [], []
        for entry in entries:
            teacher = found.get(entry["teacher"])
            if teacher is None:
                results.append(
                    {
                        "teacher": entry["teacher"],
                        "ok": False,
                        "claim": None,
                        "code": "not_found",
                        "message": _("No teacher with this id in your scope."),
                    }
                )
            else:
                pairs.append((teacher, entry.get("hours")))
                results.append(None)
        filed = iter(claim_file_many(actor=request.user, data=values, entries=pairs))
        return Response(
            ClaimBulkResultSerializer([r if r is not None else next(filed) for r in results], many=True).data
        )

    @extend_schema(request=ClaimResubmitSerializer, responses=ClaimDetailSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        """Change a returned claim and submit it again (409 `not_returned` otherwise)."""
        claim = self.get_object()
        data = ClaimResubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        claim_resubmit(actor=request.user, claim=claim, data=data.validated_data, precondition=self.precondition)
        return self._answer(claim)

    @extend_schema(
        methods=["POST"], request={"multipart/form-data": EvidenceSerializer}, responses=ClaimDetailSerializer
    )
    @extend_schema(
        methods=["GET"],
        responses={
            (200, media): OpenApiResponse(OpenApiTypes.BINARY, description="The evidence file.")
            for media in sorted(set(EVIDENCE_TYPES.values()))
        },
    )
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser])
    def evidence(self, request: Request, pk: str) -> Response | FileResponse:
        """`POST` attaches the evidence (PDF, JPEG or PNG ≤ 10 MB; replaced until approval); `GET` reads it."""
        claim = self.get_object()
        if request.method == "POST":
            payload = EvidenceSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            return self._answer(claim_attach(actor=request.user, claim=claim, upload=payload.validated_data["file"]))
        path = evidence_file(claim)
        if path is None or not path.exists():
            raise AppError(_("No evidence is attached."), code="not_found", status_code=404)
        content_type = EVIDENCE_TYPES.get(path.suffix.lower(), "application/octet-stream")
        return FileResponse(path.open("rb"), filename=claim.evidence_name, content_type=content_type)

    @extend_schema(request=ClaimCorrectSerializer, responses=ClaimDetailSerializer)
    @action(detail=True, methods=["post"])
    def correct(self, request: Request, pk: str) -> Response:
        """An administrator's correction of an approved claim (`training.manage`): the fields sent change, the
        reason (≥ 5 characters) goes into the history; If-Match is honoured when sent."""
        claim = self.get_object()
        data = ClaimCorrectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        reason = values.pop("reason")
        claim_correct(actor=request.user, claim=claim, changes=values, reason=reason, precondition=self.precondition)
        return self._answer(claim)
