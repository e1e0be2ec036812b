"""`/api/v1/training/programmes/`: programmes (培训项目) of the caller's subtree and of the levels above; an
administrator (`training.manage`) runs the own organisation's. `{id}/participants/` is the uploaded list,
`{id}/completions/` takes the upload (XLSX or CSV, checked row by row) and `{id}/completions/confirm/` turns the
completed rows into approved claims."""

from __future__ import annotations

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from tmis.core.etag import ETagMixin
from tmis.core.filters import FilterSet
from tmis.core.pagination import IdCursorPagination
from tmis.core.views import ScopedViewSetMixin

from ..completions import completions_confirm, completions_import
from ..models import Participant, Programme
from ..programmes import ensure_runner, programme_create, programme_delete, programme_update
from ..selectors import programmes_visible_to
from .serializers import (
    ConfirmResultSerializer,
    ParticipantPageSerializer,
    ParticipantSerializer,
    ProgrammeChangeSerializer,
    ProgrammeSerializer,
    ProgrammeWriteSerializer,
    UploadResultSerializer,
    UploadSerializer,
)


class NewestFirst(IdCursorPagination):
    ordering = "-id"


class ProgrammeFilter(FilterSet):
    org = filters.CharFilter(field_name="organisation__code", help_text="One organisation's programmes (its code).")
    level = filters.CharFilter(field_name="level", help_text="培训类别 code.")
    q = filters.CharFilter(field_name="name", lookup_expr="icontains", help_text="Part of the name.")
    running_on = filters.DateFilter(method="running", help_text="Programmes running on this day.")

    class Meta:
        model = Programme
        fields = ["org", "level", "q", "running_on"]

    def running(self, queryset: QuerySet, name: str, value: object) -> QuerySet:
        return queryset.filter(start_date__lte=value, end_date__gte=value)


class ProgrammeViewSet(
    ETagMixin, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Training programmes, newest first. Created by an administrator for the own organisation (the 培训类别
    follows its level); changed and deleted by the running organisation only (403 `not_own_organisation`), a
    programme with claims is never deleted (409 `programme_in_use`)."""

    serializer_class = ProgrammeSerializer
    pagination_class = NewestFirst
    filterset_class = ProgrammeFilter
    permission = "training.view"
    write_permission = "training.manage"

    def get_scoped_queryset(self) -> QuerySet[Programme]:
        if getattr(self, "swagger_fake_view", False):
            return Programme.objects.none()
        return programmes_visible_to(self.request.user)

    def _answer(self, programme: Programme, code: int = status.HTTP_200_OK) -> Response:
        fresh = programmes_visible_to(self.request.user).get(pk=programme.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(request=ProgrammeWriteSerializer, responses={201: ProgrammeSerializer})
    def create(self, request: Request) -> Response:
        data = ProgrammeWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._answer(programme_create(actor=request.user, **data.validated_data), status.HTTP_201_CREATED)

    @extend_schema(request=ProgrammeChangeSerializer, responses=ProgrammeSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        programme = self.get_object()
        ensure_runner(request.user, programme)
        data = ProgrammeChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        programme_update(actor=request.user, programme=programme, precondition=self.precondition, **data.validated_data)
        return self._answer(programme)

    def destroy(self, request: Request, pk: str) -> Response:
        programme = self.get_object()
        ensure_runner(request.user, programme)
        programme_delete(actor=request.user, programme=programme, precondition=self.precondition)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        parameters=[
            OpenApiParameter("cursor", str, description="The pagination cursor value."),
            OpenApiParameter("page_size", int, description="Rows per page (at most 500)."),
        ],
        responses=ParticipantPageSerializer,
    )
    @action(detail=True, methods=["get"], pagination_class=IdCursorPagination, filter_backends=[])
    def participants(self, request: Request, pk: str) -> Response:
        """The uploaded list: enrolled, completed (hours) and confirmed (claim) teachers, by upload order."""
        programme = self.get_object()
        rows = (
            Participant.objects.filter(programme=programme)
            .select_related("teacher__school")
            .only(
                "id",
                "hours",
                "completed_on",
                "claim_id",
                "teacher__teacher_no",
                "teacher__name",
                "teacher__school__name",
            )
            .order_by("id")
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ParticipantSerializer(page, many=True).data)

    @extend_schema(request={"multipart/form-data": UploadSerializer}, responses=UploadResultSerializer)
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def completions(self, request: Request, pk: str) -> Response:
        """Upload the enrolment or completion list (≤ 50,000 rows, checked and saved at once): each bad row is
        reported with its row, column and reason and never blocks the others; `dry_run` saves nothing."""
        programme = self.get_object()
        ensure_runner(request.user, programme)
        payload = UploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        result = completions_import(
            actor=request.user,
            programme=programme,
            upload=payload.validated_data["file"],
            dry_run=payload.validated_data["dry_run"],
        )
        return Response(UploadResultSerializer(result).data)

    @extend_schema(request=None, responses=ConfirmResultSerializer)
    @action(detail=True, methods=["post"], url_path="completions/confirm")
    def confirm(self, request: Request, pk: str) -> Response:
        """Every completed participant not yet confirmed becomes an approved claim and a 国内培训 record."""
        programme = self.get_object()
        ensure_runner(request.user, programme)
        return Response(ConfirmResultSerializer(completions_confirm(actor=request.user, programme=programme)).data)
